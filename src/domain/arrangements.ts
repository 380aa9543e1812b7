/**
 * Instalment plans (分期 / 还款计划): a total split into 2-36 instalments due monthly, every two weeks or
 * weekly, each instalment a promise to pay of its own. Pure: dates and amounts in, schedule and verdicts
 * out; the service stores the instalments as promises and the nightly batch decides them.
 *
 * The schedule
 * - Dates: instalment i (0-based) falls due i months after the first due date (monthly), i × 14 days
 *   (biweekly) or i × 7 days (weekly) after it. Monthly dates keep the first due date's day of the month
 *   and are clamped to the month's last day when the month is shorter: Jan 31 → Feb 28 (Feb 29 in a
 *   leap year) → Mar 31 → Apr 30. Dates strictly increase.
 * - Amounts: whole fen; every instalment gets floor(total / n) and the remainder (fewer than n fen) goes
 *   on the LAST instalment, so the earlier ones are equal and the amounts add up to the total exactly.
 *   Every amount is > 0 because the total is at least n fen (the minimum total is far above that).
 *
 * Deciding the instalments (cumulative, "waterfall")
 * Payments fill the instalments in order. By an instalment's deadline the debtor should have paid
 * everything due up to and including it: what was paid since the plan was made, minus what the earlier
 * instalments took, is this instalment's share (`decideInstalments`). So paying two instalments at once
 * keeps both, and one payment is never counted for two instalments.
 *
 * The plan's status (`arrangementStatus`; the policy says how many broken instalments break the plan)
 * - kept counts as kept;
 * - an instalment that was not kept (broken or partly kept) is MADE UP when a later instalment is kept:
 *   under the cumulative rule that means everything due so far has been paid; it then counts as kept;
 * - broken (nothing paid by its deadline) counts as broken at once (unless made up later);
 * - partly kept counts as broken only once the next instalment has been decided without making it up,
 *   or when it is the plan's last instalment: the debtor gets until the next instalment to make up a
 *   shortfall;
 * - pending counts as neither; cancelled instalments are left out of the counts.
 * The plan is `broken` when the broken count reaches `brokenLimit` (default 1), else `completed` when
 * every instalment counts as kept, else `cancelled` when any instalment was cancelled, else `active`.
 */
import { type BilingualText, copyText } from './bilingual';
import { addDays, type BusinessDate, daysInMonth, epochDayOf, isBusinessDate } from './dates';

export const ARRANGEMENT_FREQUENCIES = ['monthly', 'biweekly', 'weekly'] as const;
export type ArrangementFrequency = (typeof ARRANGEMENT_FREQUENCIES)[number];

export const MIN_INSTALMENTS = 2;
export const MAX_INSTALMENTS = 36;
/** The first instalment falls due within this many days of the day the plan is made. */
export const MAX_FIRST_DUE_DAYS = 30;
/** The smallest total a plan may be made for: 100 yuan. */
export const MIN_ARRANGEMENT_TOTAL_FEN = 10_000;

export interface ScheduleInput {
  totalFen: number;
  instalments: number;
  frequency: ArrangementFrequency;
  firstDueDate: BusinessDate;
}

export interface ScheduledInstalment {
  /** 1-based. */
  instalmentNo: number;
  dueDate: BusinessDate;
  amountFen: number;
}

export function isArrangementFrequency(value: string): value is ArrangementFrequency {
  return (ARRANGEMENT_FREQUENCIES as readonly string[]).includes(value);
}

/** The date `months` calendar months after `date`, on the same day of the month or the month's last day. */
export function addMonthsClamped(date: BusinessDate, months: number): BusinessDate {
  if (!isBusinessDate(date))
    throw new RangeError(`Not a business date 'YYYY-MM-DD': ${JSON.stringify(date)}`);
  if (!Number.isInteger(months)) throw new RangeError(`Not a whole number of months: ${months}`);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  const day = Math.min(d, daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The due date of instalment `index` (0-based) of a plan whose first instalment is due on `firstDueDate`. */
export function instalmentDueDate(
  firstDueDate: BusinessDate,
  frequency: ArrangementFrequency,
  index: number,
): BusinessDate {
  switch (frequency) {
    case 'monthly':
      return addMonthsClamped(firstDueDate, index);
    case 'biweekly':
      return addDays(firstDueDate, 14 * index);
    case 'weekly':
      return addDays(firstDueDate, 7 * index);
  }
}

/**
 * The instalments of a plan: n dates by frequency from the first due date, amounts splitting the total
 * exactly with the remainder on the last. Throws a RangeError for input that cannot make a schedule (a
 * count below 1, a total below the count, a bad date or frequency): validate with `validateArrangement`.
 */
export function arrangementSchedule(input: ScheduleInput): ScheduledInstalment[] {
  const { totalFen, instalments, frequency, firstDueDate } = input;
  if (!Number.isSafeInteger(instalments) || instalments < 1) {
    throw new RangeError(`instalments must be a whole number >= 1: ${instalments}`);
  }
  if (!Number.isSafeInteger(totalFen) || totalFen < instalments) {
    throw new RangeError(`totalFen must be whole fen >= the number of instalments: ${totalFen}`);
  }
  if (!isArrangementFrequency(frequency)) throw new RangeError(`Unknown frequency: ${String(frequency)}`);
  if (!isBusinessDate(firstDueDate)) {
    throw new RangeError(`Not a business date 'YYYY-MM-DD': ${JSON.stringify(firstDueDate)}`);
  }
  const base = Math.floor(totalFen / instalments);
  const remainder = totalFen - base * instalments;
  return Array.from({ length: instalments }, (_, index) => ({
    instalmentNo: index + 1,
    dueDate: instalmentDueDate(firstDueDate, frequency, index),
    amountFen: index === instalments - 1 ? base + remainder : base,
  }));
}

export interface ArrangementRequest {
  totalFen: number;
  instalments: number;
  frequency: string;
  firstDueDate: string;
  channel: string;
}

export interface ArrangementContext {
  /** The local day the plan is made (the case's portfolio zone). */
  today: BusinessDate;
  /** What the account owes now. */
  balanceFen: number;
  /** The official repayment channels (the promise service's list). */
  channels: readonly string[];
}

export interface ArrangementProblem {
  field: 'totalFen' | 'instalments' | 'frequency' | 'firstDueDate' | 'channel';
  reason: BilingualText;
}

const yuan = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

/** Every problem of a plan request, each naming its field; empty when the plan can be made. */
export function validateArrangement(
  request: ArrangementRequest,
  context: ArrangementContext,
): ArrangementProblem[] {
  const problems: ArrangementProblem[] = [];
  const add = (field: ArrangementProblem['field'], zh: string, en: string) =>
    problems.push({ field, reason: { zh, en } });
  const { totalFen, instalments, frequency, firstDueDate, channel } = request;
  if (!Number.isSafeInteger(totalFen) || totalFen <= 0) {
    add('totalFen', '分期总额须为大于 0 的金额（分）', 'the plan total must be an amount above 0 (in fen)');
  } else if (totalFen < MIN_ARRANGEMENT_TOTAL_FEN) {
    add(
      'totalFen',
      `分期总额不能低于 ${yuan(MIN_ARRANGEMENT_TOTAL_FEN)} 元`,
      `the plan total must be at least ${yuan(MIN_ARRANGEMENT_TOTAL_FEN)} yuan`,
    );
  } else if (totalFen > context.balanceFen) {
    add(
      'totalFen',
      `分期总额不能超过当前欠款余额 ${yuan(context.balanceFen)} 元`,
      `the plan total cannot exceed the balance owed (${yuan(context.balanceFen)} yuan)`,
    );
  }
  if (!Number.isSafeInteger(instalments) || instalments < MIN_INSTALMENTS || instalments > MAX_INSTALMENTS) {
    add(
      'instalments',
      `期数须为 ${MIN_INSTALMENTS} 到 ${MAX_INSTALMENTS} 的整数`,
      `the number of instalments must be a whole number from ${MIN_INSTALMENTS} to ${MAX_INSTALMENTS}`,
    );
  }
  if (!isArrangementFrequency(frequency)) {
    add('frequency', '还款频率须为每月、每两周或每周', 'the frequency must be monthly, biweekly or weekly');
  }
  if (typeof firstDueDate !== 'string' || !isBusinessDate(firstDueDate)) {
    add('firstDueDate', '首期还款日须为日期 YYYY-MM-DD', 'the first due date must be a date YYYY-MM-DD');
  } else if (epochDayOf(firstDueDate) < epochDayOf(context.today)) {
    add('firstDueDate', '首期还款日不能早于今天', 'the first due date cannot be in the past');
  } else if (epochDayOf(firstDueDate) > epochDayOf(context.today) + MAX_FIRST_DUE_DAYS) {
    add(
      'firstDueDate',
      `首期还款日须在 ${MAX_FIRST_DUE_DAYS} 天之内（不晚于 ${addDays(context.today, MAX_FIRST_DUE_DAYS)}）`,
      `the first due date must be within ${MAX_FIRST_DUE_DAYS} days (by ${addDays(context.today, MAX_FIRST_DUE_DAYS)})`,
    );
  }
  if (!context.channels.includes(channel)) {
    add(
      'channel',
      '须为官方还款渠道：APP、银行转账、柜台或自动扣款',
      'must be an official channel: app, bank transfer, counter or auto-debit',
    );
  }
  return problems;
}

export const INSTALMENT_STATUSES = ['pending', 'kept', 'partly_kept', 'broken', 'cancelled'] as const;
export type InstalmentStatus = (typeof INSTALMENT_STATUSES)[number];

export interface InstalmentShare {
  paidFen: number;
  status: 'kept' | 'partly_kept' | 'broken';
}

/**
 * The cumulative rule for decided instalments. `amounts` are the plan's instalment amounts in order;
 * `paidByDeadline[i]` is what was paid on the plan (since it was made) up to instalment i's deadline.
 * Instalment i's share is that minus what the earlier instalments are due, between 0 and its amount:
 * all of it → kept, some → partly kept, none → broken. Give as many `paidByDeadline` entries as there
 * are decided instalments (a prefix of the plan).
 */
export function decideInstalments(
  amounts: readonly number[],
  paidByDeadline: readonly number[],
): InstalmentShare[] {
  let dueBefore = 0;
  return paidByDeadline.map((paid, index) => {
    const amount = amounts[index];
    if (amount === undefined) throw new RangeError(`No instalment ${index + 1} in the plan`);
    const share = Math.max(0, Math.min(amount, paid - dueBefore));
    dueBefore += amount;
    return { paidFen: share, status: share >= amount ? 'kept' : share > 0 ? 'partly_kept' : 'broken' };
  });
}

export interface ArrangementPolicy {
  /** Broken instalments (as counted above) that break the plan; whole number >= 1, default 1. */
  brokenLimit?: number;
}

export type ArrangementStatus = 'active' | 'completed' | 'broken' | 'cancelled';

export interface ArrangementVerdict {
  status: ArrangementStatus;
  /** Instalments that count as kept (kept, or made up later). */
  kept: number;
  /** Instalments that count as broken. */
  broken: number;
  /** Per instalment in order: how it counts. */
  counted: ('kept' | 'made_up' | 'broken' | 'open' | 'cancelled')[];
  text: BilingualText;
}

const verdictTexts: Record<ArrangementStatus, BilingualText> = {
  active: { zh: '执行中', en: 'Active' },
  completed: { zh: '已完成：各期均已还清', en: 'Completed: every instalment was paid' },
  broken: { zh: '已违约：未按计划还款', en: 'Broken: instalments were not paid as agreed' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};

/** The plan's status from its instalments' statuses, in instalment order (see the module comment). */
export function arrangementStatus(
  instalments: readonly { status: InstalmentStatus }[],
  policy: ArrangementPolicy = {},
): ArrangementVerdict {
  const limit = policy.brokenLimit ?? 1;
  if (!Number.isSafeInteger(limit) || limit < 1) {
    throw new RangeError(`brokenLimit must be a whole number >= 1: ${limit}`);
  }
  const statuses = instalments.map((i) => i.status);
  const counted = statuses.map((status, index): ArrangementVerdict['counted'][number] => {
    const later = statuses.slice(index + 1);
    const madeUp = later.includes('kept');
    const laterDecided = later.some((s) => s === 'kept' || s === 'partly_kept' || s === 'broken');
    switch (status) {
      case 'kept':
        return 'kept';
      case 'broken':
        return madeUp ? 'made_up' : 'broken';
      case 'partly_kept':
        if (madeUp) return 'made_up';
        return laterDecided || index === statuses.length - 1 ? 'broken' : 'open';
      case 'cancelled':
        return 'cancelled';
      default:
        return 'open';
    }
  });
  const kept = counted.filter((c) => c === 'kept' || c === 'made_up').length;
  const broken = counted.filter((c) => c === 'broken').length;
  let status: ArrangementStatus;
  if (broken >= limit) status = 'broken';
  else if (statuses.length > 0 && kept === statuses.length) status = 'completed';
  else if (counted.includes('cancelled')) status = 'cancelled';
  else status = 'active';
  return { status, kept, broken, counted, text: copyText(verdictTexts[status]) };
}
