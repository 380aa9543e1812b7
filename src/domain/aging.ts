/**
 * Aging: how many days an account is past due (逾期天数, DPD) and which delinquency bucket (逾期阶段)
 * that puts it in. Buckets are configurable per portfolio as contiguous ranges of days.
 */
import { type BusinessDate, daysBetween, epochDayOf } from './dates';
import { type ReasonCode, reject } from './reasons';

/** A bucket: inclusive day bounds; `maxDays: null` means open-ended (the last bucket). */
export interface BucketRange {
  code: string;
  minDays: number;
  maxDays: number | null;
}

/** The usual M-stages: M0 not yet due or due today, M1 1-30, M2 31-60, M3 61-90, M3+ over 90. */
export const DEFAULT_BUCKETS: readonly BucketRange[] = Object.freeze([
  { code: 'M0', minDays: 0, maxDays: 0 },
  { code: 'M1', minDays: 1, maxDays: 30 },
  { code: 'M2', minDays: 31, maxDays: 60 },
  { code: 'M3', minDays: 61, maxDays: 90 },
  { code: 'M3+', minDays: 91, maxDays: null },
]);

/** An example of a lender that splits the first month into short cycles (S1 1-7, S2 8-15, S3 16-30). */
export const SHORT_CYCLE_BUCKETS: readonly BucketRange[] = Object.freeze([
  { code: 'M0', minDays: 0, maxDays: 0 },
  { code: 'S1', minDays: 1, maxDays: 7 },
  { code: 'S2', minDays: 8, maxDays: 15 },
  { code: 'S3', minDays: 16, maxDays: 30 },
  { code: 'M2', minDays: 31, maxDays: 60 },
  { code: 'M3', minDays: 61, maxDays: 90 },
  { code: 'M3+', minDays: 91, maxDays: null },
]);

export type BucketConfigResult =
  | { ok: true; ranges: BucketRange[] }
  | { ok: false; reason: ReasonCode; index?: number };

function isDayCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/**
 * Checks a bucket configuration: at least one range; codes non-empty (after trimming) and unique; day
 * bounds whole numbers >= 0 with max >= min; the first starts at 0; each next one starts the day after
 * the previous ends (no gaps, no overlaps, ascending); only the last is open-ended, and it must be.
 * On success the ranges come back copied with trimmed codes. On failure `index` is the offending range.
 *
 * Reasons: `bucket_config_empty`, `bucket_config_code_empty`, `bucket_config_code_duplicate`,
 * `bucket_config_bounds`, `bucket_config_range_inverted`, `bucket_config_first_not_zero`,
 * `bucket_config_open_end_not_last`, `bucket_config_overlap`, `bucket_config_gap`,
 * `bucket_config_last_not_open`.
 */
export function validateBucketConfig(ranges: readonly BucketRange[]): BucketConfigResult {
  if (ranges.length === 0) return reject('bucket_config_empty');
  const fail = (reason: ReasonCode, index: number): BucketConfigResult => ({ ok: false, reason, index });
  const seen = new Set<string>();
  const cleaned: BucketRange[] = [];
  for (const [index, range] of ranges.entries()) {
    const code = typeof range.code === 'string' ? range.code.trim() : '';
    if (code === '') return fail('bucket_config_code_empty', index);
    if (seen.has(code)) return fail('bucket_config_code_duplicate', index);
    seen.add(code);
    if (!isDayCount(range.minDays) || !(range.maxDays === null || isDayCount(range.maxDays))) {
      return fail('bucket_config_bounds', index);
    }
    if (range.maxDays !== null && range.maxDays < range.minDays) {
      return fail('bucket_config_range_inverted', index);
    }
    if (index === 0 && range.minDays !== 0) return fail('bucket_config_first_not_zero', index);
    const previous = cleaned[index - 1];
    if (previous) {
      if (previous.maxDays === null) return fail('bucket_config_open_end_not_last', index - 1);
      if (range.minDays <= previous.maxDays) return fail('bucket_config_overlap', index);
      if (range.minDays > previous.maxDays + 1) return fail('bucket_config_gap', index);
    }
    cleaned.push({ code, minDays: range.minDays, maxDays: range.maxDays });
  }
  const lastIndex = cleaned.length - 1;
  if (cleaned[lastIndex]?.maxDays !== null) return fail('bucket_config_last_not_open', lastIndex);
  return { ok: true, ranges: cleaned };
}

/**
 * The code of the bucket that holds `daysPastDue`. Negative days count as 0 and fractions are dropped.
 * Meant for a configuration that passed `validateBucketConfig`; for one that does not cover the day
 * (a gap) it answers the last bucket starting at or before that day, so a batch never stops on one case.
 * Throws a RangeError for an empty configuration (a programming error: it can never be valid).
 */
export function bucketFor(daysPastDue: number, ranges: readonly BucketRange[]): string {
  const first = ranges[0];
  if (!first) throw new RangeError('Empty bucket configuration');
  const days = Number.isFinite(daysPastDue) ? Math.max(0, Math.floor(daysPastDue)) : 0;
  let fallback: BucketRange | undefined;
  for (const range of ranges) {
    if (days >= range.minDays && (range.maxDays === null || days <= range.maxDays)) return range.code;
    if (range.minDays <= days && (!fallback || range.minDays >= fallback.minDays)) fallback = range;
  }
  return (fallback ?? first).code;
}

/** An amount that fell due: an instalment, or a statement's minimum payment. */
export interface AmountDue {
  dueDate: BusinessDate;
  amountFen: number;
}

export interface PaymentReceived {
  paidOn: BusinessDate;
  amountFen: number;
}

export interface DuesAndPayments {
  dues: readonly AmountDue[];
  payments: readonly PaymentReceived[];
  asOf: BusinessDate;
}

function assertAmount(amountFen: number): void {
  if (!Number.isSafeInteger(amountFen) || amountFen < 0) {
    throw new RangeError(`Amount must be whole fen >= 0: ${amountFen}`);
  }
}

/**
 * Days past due as of `asOf`: payments received on or before `asOf` are applied to the oldest due
 * first; the answer is the days from the oldest due that is not fully paid to `asOf`. It is 0 when
 * everything due is paid, and 0 when the oldest unpaid due falls today or later.
 * Dates must be canonical business dates and amounts whole fen >= 0 (else a RangeError: a programming
 * error, parse input first).
 */
export function daysPastDue({ dues, payments, asOf }: DuesAndPayments): number {
  const today = epochDayOf(asOf);
  let paid = 0;
  for (const payment of payments) {
    assertAmount(payment.amountFen);
    if (epochDayOf(payment.paidOn) <= today) paid += payment.amountFen;
  }
  const oldestFirst = dues
    .map((due) => {
      assertAmount(due.amountFen);
      return { day: epochDayOf(due.dueDate), amountFen: due.amountFen };
    })
    .sort((a, b) => a.day - b.day);
  for (const due of oldestFirst) {
    if (paid >= due.amountFen) {
      paid -= due.amountFen;
      continue;
    }
    return Math.max(0, today - due.day);
  }
  return 0;
}

export interface FirstMissedDue {
  /** The due date of the oldest unpaid amount, as import files give it. */
  firstMissedDueDate: BusinessDate;
  balanceFen: number;
  asOf: BusinessDate;
}

/**
 * Days past due from an import file's first missed due date: the days since it when a balance is
 * owed (never negative), 0 when the balance is 0.
 */
export function daysPastDueFromFirstMissed({ firstMissedDueDate, balanceFen, asOf }: FirstMissedDue): number {
  assertAmount(balanceFen);
  if (balanceFen === 0) return 0;
  return Math.max(0, daysBetween(firstMissedDueDate, asOf));
}

export interface AccountAge {
  daysPastDue: number;
  bucket: string;
}

/**
 * Days past due and bucket in one call, from either dues and payments or a first missed due date.
 * Buckets default to `DEFAULT_BUCKETS`.
 */
export function ageAccount(
  account: (DuesAndPayments | FirstMissedDue) & { buckets?: readonly BucketRange[] },
): AccountAge {
  const days = 'dues' in account ? daysPastDue(account) : daysPastDueFromFirstMissed(account);
  return { daysPastDue: days, bucket: bucketFor(days, account.buckets ?? DEFAULT_BUCKETS) };
}
