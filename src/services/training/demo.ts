/**
 * The demo's training: a cohort of the demo trainee and a newer collector, with four scenarios assigned
 * by the demo trainer (one per level and a third-party call), due two weeks after the demo's day. Once:
 * nothing is added when a cohort exists.
 */
import { addDays, localDateOf } from '../../domain/dates';
import type { Store } from '../../store/db';
import type { Actor } from '../actor';
import { assignScenarios, createCohort } from './cohorts';

export const DEMO_COHORT_NAME = '新人上岗培训班（示范）';
export const DEMO_ASSIGNED_SCENARIOS = [
  'm1-forgot-cooperative',
  'm2-hardship-lost-job',
  'tp-mother-answers',
  'm3-hostile-big-brother',
] as const;

export async function seedDemoTraining(store: Store, now: Date, timeZone: string): Promise<void> {
  const existing = await store.sql.query('SELECT 1 FROM training_cohorts LIMIT 1');
  if (existing.rows.length > 0) return;
  const people = await store.sql.query<{ id: string; username: string; display_name: string; role: string }>(
    `SELECT id, username, display_name, role FROM users WHERE username IN ('trainer', 'trainee', 'collector3')`,
  );
  const trainer = people.rows.find((row) => row.username === 'trainer');
  if (!trainer) return;
  const actor: Actor = {
    kind: 'user',
    userId: trainer.id,
    username: trainer.username,
    displayName: trainer.display_name,
    role: 'trainer',
    teamId: null,
    agencyId: null,
    collectorScope: 'own',
  };
  const members = people.rows.filter((row) => row.username !== 'trainer').map((row) => row.id);
  const cohort = await createCohort(store, actor, { name: DEMO_COHORT_NAME, memberIds: members });
  const today = localDateOf(now, timeZone);
  await assignScenarios(
    store,
    actor,
    cohort.id,
    { scenarioIds: [...DEMO_ASSIGNED_SCENARIOS], dueDate: addDays(today, 14) },
    today,
  );
}
