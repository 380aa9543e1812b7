/**
 * The nightly batch inside the server: once a minute, after the start time of the center's business
 * day, if no run of today is recorded as done, run it. Several nodes may schedule; the batch's own lock
 * keeps them from running together, and a node that finds today done does nothing.
 */
import { localMinuteOf } from '../../compliance/local-time';
import { localDateOf } from '../../domain/dates';
import { isAppError } from '../../errors';
import type { Store } from '../../store/db';
import { runNightlyBatch } from './nightly';

export interface BatchSchedule {
  stop(): void;
}

export interface ScheduleOptions {
  timeZone: string;
  /** Minutes after local midnight from which the day's batch may run (default 00:30). */
  startMinute?: number;
  now?: () => Date;
  /** Called with each run's result or failure (logging). */
  onRun?: (message: string) => void;
}

export async function runDueBatch(store: Store, options: ScheduleOptions): Promise<boolean> {
  const now = (options.now ?? (() => new Date()))();
  if (localMinuteOf(now, options.timeZone) < (options.startMinute ?? 30)) return false;
  const asOf = localDateOf(now, options.timeZone);
  const done = await store.sql.query(
    `SELECT 1 FROM batch_runs WHERE as_of = $1 AND status = 'done' LIMIT 1`,
    [asOf],
  );
  if (done.rows.length > 0) return false;
  try {
    const result = await runNightlyBatch(store, { asOf, now });
    options.onRun?.(`nightly batch ${asOf}: ${JSON.stringify(result.counts)}`);
    return true;
  } catch (error) {
    if (isAppError(error) && error.code === 'BATCH_RUNNING') return false;
    options.onRun?.(`nightly batch ${asOf} failed: ${(error as Error).message}`);
    return false;
  }
}

export function scheduleNightlyBatch(store: Store, options: ScheduleOptions): BatchSchedule {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await runDueBatch(store, options);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), 60_000);
  timer.unref();
  void tick();
  return { stop: () => clearInterval(timer) };
}
