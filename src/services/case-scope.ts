import { ROLES } from '../domain/roles';
import type { Actor } from './actor';

/**
 * The SQL condition limiting cases to those the actor may see, for a cases table aliased `alias`,
 * with parameters numbered from `firstParam`. A collector sees the cases assigned to them, or all of
 * their team's when the team is configured so; a team lead their team's; an agency its placements.
 */
export function caseScopeSql(
  actor: Actor,
  alias: string,
  firstParam: number,
): { sql: string; params: unknown[] } {
  if (actor.kind === 'system' || !actor.role) return { sql: 'TRUE', params: [] };
  const p = (i: number) => `$${firstParam + i}`;
  switch (ROLES[actor.role].caseScope) {
    case 'all':
      return { sql: 'TRUE', params: [] };
    case 'team':
      return actor.teamId ? { sql: `${alias}.team_id = ${p(0)}::uuid`, params: [actor.teamId] } : none();
    case 'collector':
      if (actor.collectorScope === 'team' && actor.teamId) {
        return {
          sql: `(${alias}.assigned_collector_id = ${p(0)}::uuid OR ${alias}.team_id = ${p(1)}::uuid)`,
          params: [actor.userId, actor.teamId],
        };
      }
      return { sql: `${alias}.assigned_collector_id = ${p(0)}::uuid`, params: [actor.userId] };
    case 'agency':
      return actor.agencyId
        ? { sql: `${alias}.agency_id = ${p(0)}::uuid`, params: [actor.agencyId] }
        : none();
    case 'none':
      return none();
  }
}

function none() {
  return { sql: 'FALSE', params: [] };
}
