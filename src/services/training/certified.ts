/**
 * Who must hold the training certification to work a portfolio that requires it
 * (portfolios.require_certification): people who talk to debtors in-house, collectors and team leads.
 * Dialers, the system and other roles are not affected. Kept apart from the training services so the
 * contact gate, the queue and assignment read it without loading the simulator.
 */
import type { Actor } from '../actor';

export const CERTIFIED_ROLES = ['collector', 'team_lead'] as const;

/** The user whose certification a contact by this actor needs, or null when none is needed. */
export function certificationSubject(actor: Actor): string | null {
  if (actor.kind !== 'user' || !actor.userId || !actor.role) return null;
  return (CERTIFIED_ROLES as readonly string[]).includes(actor.role) ? actor.userId : null;
}

/** SQL: whether the user in `userExpr` holds the certification. */
export function certifiedSql(userExpr: string): string {
  return `EXISTS (SELECT 1 FROM training_certifications tc WHERE tc.user_id = ${userExpr})`;
}
