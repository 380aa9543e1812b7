/**
 * Promises to pay (承诺还款, PTP): a debtor's concrete commitment, taken on a call, to pay an amount by
 * a date. The rules here decide whether a promise was kept, when to remind the debtor and by when the
 * collector must follow it up (DOMAIN.md: follow up a promise within 24 h; a promise broken twice
 * changes the approach).
 *
 * Definitions:
 * - Dates are business dates 'YYYY-MM-DD' (dates.ts). `createdOn` is the local day the promise was
 *   taken (turn the instant into a day with `localDateOf` in the debtor's zone); payments carry the
 *   day they were posted.
 * - A payment counts towards a promise when it was posted on or after the day the promise was taken
 *   and on or before the promise's deadline (the due date plus `graceDays`; grace covers the days a
 *   payment takes to post), and not after the as-of day.
 * - Status as of a day:
 *   - `kept`: the counted payments reach the promised amount (this can happen before the due date);
 *   - `pending`: not kept yet and the deadline has not passed (the deadline day itself is still open);
 *   - `partly_kept`: the deadline has passed with something, but less than promised, paid;
 *   - `broken` (跳票): the deadline has passed with nothing paid.
 *   Payments posted after the deadline are reported as late (`latePaidFen`) and never turn a broken
 *   promise into a kept one: the promise was not kept as made.
 * - Each promise is decided on its own: when a new promise replaces an open one, the caller stops
 *   deciding the old one, so one payment is not counted for two promises.
 */
import { type BilingualText, copyText } from './bilingual';
import { addDays, type BusinessDate, dateOfEpochDay, epochDayOf, localDateOf } from './dates';

export const PROMISE_STATUSES = ['pending', 'kept', 'partly_kept', 'broken'] as const;
export type PromiseStatus = (typeof PROMISE_STATUSES)[number];

const statusTexts: Record<PromiseStatus, BilingualText> = {
  pending: {
    zh: '未到期：承诺还款日（含宽限期）尚未过去',
    en: 'Pending: the promised date (with grace) has not passed',
  },
  kept: { zh: '已履约：已按承诺金额还款', en: 'Kept: the promised amount was paid in time' },
  partly_kept: {
    zh: '部分履约：到期时已还款但不足承诺金额',
    en: 'Partly kept: something was paid by the deadline, but less than promised',
  },
  broken: { zh: '未履约（跳票）：到期时未收到还款', en: 'Broken: nothing was paid by the deadline' },
};

/** What a status means, for people. */
export function promiseStatusText(status: PromiseStatus): BilingualText {
  return copyText(statusTexts[status]);
}

export interface PromiseToPay {
  /** The promised amount, whole fen > 0. */
  amountFen: number;
  /** The day by which the debtor promised to pay (on or after `createdOn`). */
  dueDate: BusinessDate;
  /** The local day the promise was taken. */
  createdOn: BusinessDate;
}

export interface PostedPayment {
  amountFen: number;
  postedOn: BusinessDate;
}

export interface PromiseDecisionInput {
  promise: PromiseToPay;
  /** Payments on the account; those outside the promise's window are left out by the rule. */
  payments: readonly PostedPayment[];
  asOf: BusinessDate;
  /** Days after the due date a payment still counts (posting delay); whole number >= 0, default 0. */
  graceDays?: number;
}

export interface PromiseDecision {
  status: PromiseStatus;
  text: BilingualText;
  promisedFen: number;
  /** Payments counted towards the promise: posted from `createdOn` to the deadline, not after as-of. */
  paidFen: number;
  /** What is still missing of the promised amount (0 once kept). */
  shortfallFen: number;
  /** Payments posted after the deadline, up to the as-of day: welcome, but the promise was not kept. */
  latePaidFen: number;
  /** The last day a payment counts: the due date plus the grace days. */
  deadline: BusinessDate;
  /** The day the counted payments reached the promised amount; null while not kept. */
  keptOn: BusinessDate | null;
}

function assertFen(value: number, what: string, minimum = 0): void {
  if (!Number.isSafeInteger(value) || value < minimum) {
    throw new RangeError(`${what} must be whole fen >= ${minimum}: ${value}`);
  }
}

function assertDays(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new RangeError(`${what} must be whole days >= 0: ${value}`);
}

function assertPromise(promise: PromiseToPay): void {
  assertFen(promise.amountFen, 'promise.amountFen', 1);
  if (epochDayOf(promise.dueDate) < epochDayOf(promise.createdOn)) {
    throw new RangeError(
      `A promise cannot fall due (${promise.dueDate}) before it was made (${promise.createdOn})`,
    );
  }
}

/**
 * Decides a promise as of a day (see the module comment for the definitions). Throws a RangeError
 * for malformed dates, amounts that are not whole fen (the promise's must be > 0), negative grace
 * days, or a due date before the day the promise was made (programming errors: validate input first).
 */
export function decidePromise({
  promise,
  payments,
  asOf,
  graceDays = 0,
}: PromiseDecisionInput): PromiseDecision {
  assertPromise(promise);
  assertDays(graceDays, 'graceDays');
  const deadline = addDays(promise.dueDate, graceDays);
  const created = epochDayOf(promise.createdOn);
  const deadlineDay = epochDayOf(deadline);
  const today = epochDayOf(asOf);
  const inWindow: { day: number; amountFen: number }[] = [];
  let latePaidFen = 0;
  for (const payment of payments) {
    assertFen(payment.amountFen, 'payment.amountFen');
    const day = epochDayOf(payment.postedOn);
    if (day < created || day > today) continue;
    if (day <= deadlineDay) inWindow.push({ day, amountFen: payment.amountFen });
    else latePaidFen += payment.amountFen;
  }
  inWindow.sort((a, b) => a.day - b.day);
  let paidFen = 0;
  let keptOn: BusinessDate | null = null;
  for (const payment of inWindow) {
    paidFen += payment.amountFen;
    if (keptOn === null && paidFen >= promise.amountFen) keptOn = dateOfEpochDay(payment.day);
  }
  let status: PromiseStatus;
  if (paidFen >= promise.amountFen) status = 'kept';
  else if (today <= deadlineDay) status = 'pending';
  else status = paidFen > 0 ? 'partly_kept' : 'broken';
  return {
    status,
    text: promiseStatusText(status),
    promisedFen: promise.amountFen,
    paidFen,
    shortfallFen: Math.max(0, promise.amountFen - paidFen),
    latePaidFen,
    deadline,
    keptOn,
  };
}

/**
 * The day to remind the debtor of a promise: `leadDays` before the due date (default 1, the day
 * before; 0 reminds on the due date itself). Null when that day is not after the day the promise was
 * made: the call that took the promise was the reminder.
 */
export function promiseReminderDate(promise: PromiseToPay, leadDays = 1): BusinessDate | null {
  assertPromise(promise);
  assertDays(leadDays, 'leadDays');
  const reminder = addDays(promise.dueDate, -leadDays);
  return epochDayOf(reminder) > epochDayOf(promise.createdOn) ? reminder : null;
}

const MS_PER_HOUR = 3_600_000;
// No zone is more than 14 h ahead of UTC or 12 h behind: the local day starts within this window
// around UTC midnight of the same calendar day.
const EARLIEST_START_MS = -15 * MS_PER_HOUR;
const LATEST_START_MS = 13 * MS_PER_HOUR;

/**
 * The instant a local calendar day ends in an IANA time zone: the first instant whose local day is
 * the next one (local midnight, or the first instant after a DST gap at midnight). For example
 * '2026-03-15' in 'Asia/Shanghai' ends at 2026-03-15T16:00:00Z. Throws a RangeError for an unknown
 * zone or a malformed date.
 */
export function endOfLocalDay(date: BusinessDate, timeZone: string): Date {
  const next = addDays(date, 1);
  const utcMidnight = epochDayOf(next) * 24 * MS_PER_HOUR;
  // Smallest instant whose local date is `next` or later, by bisection on whole milliseconds:
  // localDateOf(low) is before `next`, localDateOf(high) is not.
  let low = utcMidnight + EARLIEST_START_MS;
  let high = utcMidnight + LATEST_START_MS;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (localDateOf(new Date(middle), timeZone) >= next) high = middle;
    else low = middle;
  }
  return new Date(high);
}

/**
 * By when the collector must follow a promise up: `hoursAfter` hours (default 24) after the end of
 * the due date in the debtor's time zone. For a promise due 2026-03-15 in 'Asia/Shanghai' that is
 * 2026-03-17T00:00 local (2026-03-16T16:00:00Z). The follow-up checks the payment, so it runs from the
 * due date, not from the end of any grace period. The hours are elapsed time, exact across DST changes.
 */
export function promiseFollowUpDeadline(dueDate: BusinessDate, timeZone: string, hoursAfter = 24): Date {
  if (!Number.isFinite(hoursAfter) || hoursAfter < 0) {
    throw new RangeError(`hoursAfter must be a number of hours >= 0: ${hoursAfter}`);
  }
  return new Date(endOfLocalDay(dueDate, timeZone).getTime() + Math.round(hoursAfter * MS_PER_HOUR));
}

/** A promise and how it was decided, for counting broken promises in a row. */
export interface DecidedPromise {
  dueDate: BusinessDate;
  /** Breaks ties between promises due on the same day; optional. */
  createdOn?: BusinessDate;
  status: PromiseStatus;
}

export interface BrokenPromiseOptions {
  /**
   * Whether a partly kept promise counts as broken for escalation (default true: the debtor did not
   * do what was agreed, and partial payments are a common stalling tactic). When false it ends the
   * run of broken promises like a kept one.
   */
  partlyKeptCountsAsBroken?: boolean;
  /** How many broken promises in a row change the approach (DOMAIN.md: twice). Default 2. */
  changeApproachAfter?: number;
}

/**
 * How many of the latest decided promises in a row were broken, latest first, ordered by due date
 * (then by the day they were made; later listed wins a full tie). Pending promises are skipped: they
 * are not decided yet. A kept promise ends the run.
 */
export function consecutiveBrokenPromises(
  promises: readonly DecidedPromise[],
  options: BrokenPromiseOptions = {},
): number {
  const partlyKeptCounts = options.partlyKeptCountsAsBroken ?? true;
  const ordered = promises
    .map((promise, index) => ({
      promise,
      index,
      due: epochDayOf(promise.dueDate),
      created: promise.createdOn === undefined ? Number.NEGATIVE_INFINITY : epochDayOf(promise.createdOn),
    }))
    .filter((entry) => entry.promise.status !== 'pending')
    .sort((a, b) => a.due - b.due || a.created - b.created || a.index - b.index);
  let count = 0;
  for (let position = ordered.length - 1; position >= 0; position -= 1) {
    const status = ordered[position]?.promise.status;
    if (status === 'broken' || (status === 'partly_kept' && partlyKeptCounts)) count += 1;
    else break;
  }
  return count;
}

export interface PromiseEscalation {
  consecutiveBroken: number;
  /** True once the run of broken promises reaches the threshold: change the approach. */
  changeApproach: boolean;
  text: BilingualText;
}

/**
 * Whether the broken promises call for a different approach (DOMAIN.md: a promise broken twice
 * changes the approach: e.g. a plan for a debtor who cannot pay, firmer lawful steps for one who will
 * not). The threshold is a whole number >= 1.
 */
export function promiseEscalation(
  promises: readonly DecidedPromise[],
  options: BrokenPromiseOptions = {},
): PromiseEscalation {
  const threshold = options.changeApproachAfter ?? 2;
  if (!Number.isSafeInteger(threshold) || threshold < 1) {
    throw new RangeError(`changeApproachAfter must be a whole number >= 1: ${threshold}`);
  }
  const consecutiveBroken = consecutiveBrokenPromises(promises, options);
  const changeApproach = consecutiveBroken >= threshold;
  const text: BilingualText = changeApproach
    ? {
        zh: `连续 ${consecutiveBroken} 次承诺未履约，应调整催收策略`,
        en: `${consecutiveBroken} promises in a row were not kept: change the approach`,
      }
    : {
        zh: `连续未履约 ${consecutiveBroken} 次，未达到 ${threshold} 次，维持当前策略`,
        en: `${consecutiveBroken} broken in a row, below ${threshold}: keep the current approach`,
      };
  return { consecutiveBroken, changeApproach, text };
}
