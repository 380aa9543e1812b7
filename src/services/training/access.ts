/**
 * Who may do what in training: practise (role-play calls, the quiz, one's own progress) with
 * `training.practice`; run training (cohorts, assignments, everyone's transcripts, the leaderboard) with
 * `training.manage`. A trainer may read a trainee's call but never speak in it.
 */
import { can, type Permission } from '../../domain/roles';
import { AppError } from '../../errors';
import type { Actor } from '../actor';

export function may(actor: Actor, permission: Permission): boolean {
  return actor.role !== null && can(actor.role, permission);
}

/** A signed-in user who may practise. */
export function assertPractice(actor: Actor): string {
  if (!actor.userId || !may(actor, 'training.practice')) throw new AppError('FORBIDDEN');
  return actor.userId;
}

/** A signed-in user who runs training. */
export function assertManage(actor: Actor): string {
  if (!actor.userId || !may(actor, 'training.manage')) throw new AppError('FORBIDDEN');
  return actor.userId;
}

/** Practises or runs training (reads the library). */
export function assertTrainingReader(actor: Actor): string {
  if (!actor.userId || !(may(actor, 'training.practice') || may(actor, 'training.manage'))) {
    throw new AppError('FORBIDDEN');
  }
  return actor.userId;
}

/** Roles that can be put in a cohort and appear on the leaderboard. */
export const TRAINEE_ROLES = ['trainee', 'collector', 'team_lead'] as const;
