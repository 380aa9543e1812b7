/**
 * When a case comes back to the collector's queue after a logged call (the queue skips a case until its
 * next-contact time): the strategy plan's call cadence (call every N days), a promise just taken (no
 * calls before it falls due: the reminder and, if it is broken, the follow-up take over), a hold such as
 * a claimed payment being checked, and whatever time was already set (the gate's own next allowed time).
 * The latest of them wins, except that a callback or follow-up the debtor asked for is served on time
 * (never earlier than a hold). The contact gate still decides every call; this only orders the queue.
 */
import { endOfLocalDay } from './promises';

const DAY_MS = 86_400_000;

export interface CadenceInput {
  now: Date;
  /** The case's next-contact time before this log; null = now. */
  current: Date | null;
  /** The plan's call cadence in days; null when the case has no plan (or the plan does not call). */
  callEveryDays: number | null;
  /** The due date (YYYY-MM-DD) of a promise taken on this call, if any. */
  promiseDueDate: string | null;
  timeZone: string;
  /** The case's follow-up or callback time after this log, if any. */
  followUpAt: Date | null;
  /** A hold on contact (e.g. while a claimed payment is checked). */
  holdUntil: Date | null;
}

/** The case's next-contact time after a logged call, or null when it may be served at once. */
export function nextContactAfterCall(input: CadenceInput): Date | null {
  const candidates: number[] = [];
  if (input.current !== null) candidates.push(input.current.getTime());
  if (input.callEveryDays !== null && input.callEveryDays > 0) {
    candidates.push(input.now.getTime() + input.callEveryDays * DAY_MS);
  }
  if (input.promiseDueDate !== null) {
    candidates.push(endOfLocalDay(input.promiseDueDate, input.timeZone).getTime());
  }
  if (input.holdUntil !== null) candidates.push(input.holdUntil.getTime());
  if (candidates.length === 0) return null;
  let next = Math.max(...candidates);
  const followUp = input.followUpAt?.getTime() ?? null;
  const hold = input.holdUntil?.getTime() ?? null;
  if (followUp !== null && followUp < next) next = Math.max(followUp, hold ?? followUp);
  return next <= input.now.getTime() ? null : new Date(next);
}
