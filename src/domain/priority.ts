/**
 * The priority score (优先级) of a case in the collector's queue: 0-1000, higher first, and explainable:
 * the answer lists every factor with its points and a zh/en detail, and the points add up to the total.
 *
 * Factors (weights are a parameter; the defaults add up to at most 1000, so no clamping is needed):
 * - balance: log-scaled between a floor and a cap (default 100 yuan → 0 points, 1,000,000 yuan → 300),
 *   because the tenth ¥10,000 matters less than the first;
 * - age: days past due through a recovery curve (DOMAIN.md: roughly 80% of accounts recover in the
 *   first month, about 50% in months 2-3, under 30% past 90 days, under 10% past 6 months), so early
 *   buckets are worth more effort (default up to 300 points). Not yet due / due today (M0) scores 60%:
 *   most such accounts pay after an automatic reminder;
 * - broken promises: points per broken promise up to a count (default 50 each, up to 3);
 * - lost contact, several lenders, asset transfer: points each (default 80, 50, 120): the earlier
 *   these cases are worked (skip-tracing, securing assets), the more is recovered;
 * - a recent payment (default: within 30 days, the as-of day included) takes points off (default 150,
 *   never below 0): the debtor is paying, there is less urgency.
 *
 * A complaint does not raise priority and scores nothing: it makes the case not callable
 * (`callable: false`), because pressing a debtor who complained is exactly what regulators punish;
 * the case goes to the complaint process and returns to the queue when that ends. A reported death or
 * bankruptcy proceedings also make the case not callable. The score is still computed, so that the
 * case sorts correctly once it is callable again. Each contact is still decided by the contact gate.
 * Other risk signals (fraud suspected, court enforcement) do not change the score.
 */
import { type BilingualText, copyText } from './bilingual';
import { type BusinessDate, daysBetween } from './dates';
import { formatFen } from './money';
import { type RiskSignal, riskSignalText } from './risk-signals';

export const PRIORITY_MAX = 1000;

/** Risk signals that add points. */
export const SCORED_RISK_SIGNALS = ['lost_contact', 'multiple_lenders', 'asset_transfer'] as const;
export type ScoredRiskSignal = (typeof SCORED_RISK_SIGNALS)[number];

/** Risk signals that make a case not callable (and never add points). */
export const NOT_CALLABLE_SIGNALS = ['complaint', 'deceased', 'bankruptcy'] as const;
export type NotCallableSignal = (typeof NOT_CALLABLE_SIGNALS)[number];

/** A step of the recovery curve: from this many days past due, this share recovers (basis points). */
export interface RecoveryStep {
  fromDay: number;
  rateBp: number;
}

export interface PriorityWeights {
  balanceMaxPoints: number;
  /** At or below this balance the balance scores 0. */
  balanceFloorFen: number;
  /** At or above this balance the balance scores `balanceMaxPoints`. */
  balanceCapFen: number;
  ageMaxPoints: number;
  /** Ascending by `fromDay`, the first from day 0. */
  recoveryCurve: readonly RecoveryStep[];
  pointsPerBrokenPromise: number;
  /** Broken promises beyond this count add nothing more. */
  brokenPromisesCounted: number;
  recentPaymentDeduction: number;
  /** A payment this many days back or fewer (the as-of day is day 1) counts as recent. */
  recentPaymentWindowDays: number;
  riskPoints: Record<ScoredRiskSignal, number>;
}

export const DEFAULT_PRIORITY_WEIGHTS: PriorityWeights = Object.freeze({
  balanceMaxPoints: 300,
  balanceFloorFen: 10_000,
  balanceCapFen: 100_000_000,
  ageMaxPoints: 300,
  recoveryCurve: Object.freeze([
    { fromDay: 0, rateBp: 6000 },
    { fromDay: 1, rateBp: 8000 },
    { fromDay: 31, rateBp: 5000 },
    { fromDay: 91, rateBp: 3000 },
    { fromDay: 181, rateBp: 1000 },
  ]),
  pointsPerBrokenPromise: 50,
  brokenPromisesCounted: 3,
  recentPaymentDeduction: 150,
  recentPaymentWindowDays: 30,
  riskPoints: Object.freeze({ lost_contact: 80, multiple_lenders: 50, asset_transfer: 120 }),
});

export const PRIORITY_WEIGHT_PROBLEMS = [
  'not_whole_number',
  'floor_not_positive',
  'cap_not_above_floor',
  'curve_empty',
  'curve_first_not_zero',
  'curve_not_ascending',
  'rate_out_of_range',
  'window_not_positive',
  'maximum_above_1000',
] as const;
export type PriorityWeightProblemCode = (typeof PRIORITY_WEIGHT_PROBLEMS)[number];

const weightProblemTexts: Record<PriorityWeightProblemCode, BilingualText> = {
  not_whole_number: { zh: '须为不小于 0 的整数', en: 'Must be a whole number of 0 or more' },
  floor_not_positive: { zh: '余额下限须大于 0', en: 'The balance floor must be above 0' },
  cap_not_above_floor: { zh: '余额上限须大于余额下限', en: 'The balance cap must be above the floor' },
  curve_empty: { zh: '回收率曲线至少需要一段', en: 'The recovery curve needs at least one step' },
  curve_first_not_zero: { zh: '回收率曲线第一段须从 0 天开始', en: 'The recovery curve must start at day 0' },
  curve_not_ascending: {
    zh: '回收率曲线须按天数严格递增排列',
    en: 'Recovery curve steps must be in strictly ascending days',
  },
  rate_out_of_range: {
    zh: '回收率须在 0 到 10000 基点之间',
    en: 'A recovery rate must be 0-10000 basis points',
  },
  window_not_positive: {
    zh: '近期还款窗口须至少 1 天',
    en: 'The recent-payment window must be at least 1 day',
  },
  maximum_above_1000: {
    zh: '各项最高分之和不能超过 1000',
    en: 'The maximum points of all factors together cannot exceed 1000',
  },
};

export interface PriorityWeightProblem {
  /** The weight concerned, e.g. 'balanceCapFen', 'recoveryCurve[2].rateBp'. */
  field: string;
  code: PriorityWeightProblemCode;
  text: BilingualText;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** The highest total the weights allow: every factor at its maximum. */
export function maximumPriority(weights: PriorityWeights): number {
  const risk = SCORED_RISK_SIGNALS.reduce((sum, signal) => sum + weights.riskPoints[signal], 0);
  return (
    weights.balanceMaxPoints +
    weights.ageMaxPoints +
    weights.pointsPerBrokenPromise * weights.brokenPromisesCounted +
    risk
  );
}

/** Checks weights; every problem is listed with the field it concerns. */
export function validatePriorityWeights(
  weights: PriorityWeights,
): { ok: true } | { ok: false; problems: PriorityWeightProblem[] } {
  const problems: PriorityWeightProblem[] = [];
  const problem = (field: string, code: PriorityWeightProblemCode) =>
    problems.push({ field, code, text: copyText(weightProblemTexts[code]) });
  const counts: [string, unknown][] = [
    ['balanceMaxPoints', weights.balanceMaxPoints],
    ['balanceFloorFen', weights.balanceFloorFen],
    ['balanceCapFen', weights.balanceCapFen],
    ['ageMaxPoints', weights.ageMaxPoints],
    ['pointsPerBrokenPromise', weights.pointsPerBrokenPromise],
    ['brokenPromisesCounted', weights.brokenPromisesCounted],
    ['recentPaymentDeduction', weights.recentPaymentDeduction],
    ['recentPaymentWindowDays', weights.recentPaymentWindowDays],
    ...SCORED_RISK_SIGNALS.map((signal): [string, unknown] => [
      `riskPoints.${signal}`,
      weights.riskPoints?.[signal],
    ]),
  ];
  for (const [field, value] of counts) if (!isCount(value)) problem(field, 'not_whole_number');
  if (isCount(weights.balanceFloorFen) && weights.balanceFloorFen === 0)
    problem('balanceFloorFen', 'floor_not_positive');
  if (
    isCount(weights.balanceFloorFen) &&
    isCount(weights.balanceCapFen) &&
    weights.balanceCapFen <= weights.balanceFloorFen
  ) {
    problem('balanceCapFen', 'cap_not_above_floor');
  }
  if (isCount(weights.recentPaymentWindowDays) && weights.recentPaymentWindowDays === 0) {
    problem('recentPaymentWindowDays', 'window_not_positive');
  }
  const curve = weights.recoveryCurve ?? [];
  if (curve.length === 0) problem('recoveryCurve', 'curve_empty');
  curve.forEach((step, index) => {
    if (!isCount(step.fromDay)) problem(`recoveryCurve[${index}].fromDay`, 'not_whole_number');
    else if (index === 0 && step.fromDay !== 0)
      problem(`recoveryCurve[${index}].fromDay`, 'curve_first_not_zero');
    else {
      const previous = curve[index - 1];
      if (previous && isCount(previous.fromDay) && step.fromDay <= previous.fromDay) {
        problem(`recoveryCurve[${index}].fromDay`, 'curve_not_ascending');
      }
    }
    if (!isCount(step.rateBp) || step.rateBp > 10_000)
      problem(`recoveryCurve[${index}].rateBp`, 'rate_out_of_range');
  });
  if (problems.length === 0 && maximumPriority(weights) > PRIORITY_MAX) problem('*', 'maximum_above_1000');
  return problems.length === 0 ? { ok: true } : { ok: false, problems };
}

export interface PriorityInput {
  balanceFen: number;
  daysPastDue: number;
  /** Broken promises to count; consecutiveBrokenPromises (promises.ts) is the usual source. */
  brokenPromises: number;
  /** The day of the latest payment, if any. */
  lastPaymentOn?: BusinessDate | null;
  asOf: BusinessDate;
  riskSignals?: readonly RiskSignal[];
}

export type PriorityFactor = 'balance' | 'age' | 'broken_promises' | 'recent_payment' | ScoredRiskSignal;

export interface PriorityLine {
  factor: PriorityFactor;
  /** Whole points; negative for the recent-payment deduction. */
  points: number;
  detail: BilingualText;
}

export interface PriorityScore {
  /** 0-1000, the sum of the breakdown's points. */
  total: number;
  breakdown: PriorityLine[];
  /** False when a signal keeps collectors from calling (see the module comment). */
  callable: boolean;
  notCallable: { signal: NotCallableSignal; text: BilingualText }[];
}

const notCallableTexts: Record<NotCallableSignal, BilingualText> = {
  complaint: {
    zh: '客户已投诉：暂停催收联系，转投诉处理流程（不提高优先级）',
    en: 'Complaint filed: no collection calls, handled by the complaint process (no higher priority)',
  },
  deceased: {
    zh: '本人已身故：停止向本人催收，转遗产和继承人处理',
    en: 'Debtor deceased: stop collection calls; handle with the estate and heirs',
  },
  bankruptcy: {
    zh: '破产程序中：停止催收联系，依法申报债权',
    en: 'In bankruptcy: stop collection calls; file the claim in the proceedings',
  },
};

function assertCount(value: number, what: string): void {
  if (!isCount(value)) throw new RangeError(`${what} must be a whole number >= 0: ${value}`);
}

/** Balance points: 0 at or below the floor, the maximum at or above the cap, logarithmic between. */
export function balancePoints(
  balanceFen: number,
  weights: PriorityWeights = DEFAULT_PRIORITY_WEIGHTS,
): number {
  assertCount(balanceFen, 'balanceFen');
  if (balanceFen <= weights.balanceFloorFen) return 0;
  if (balanceFen >= weights.balanceCapFen) return weights.balanceMaxPoints;
  const share =
    (Math.log(balanceFen) - Math.log(weights.balanceFloorFen)) /
    (Math.log(weights.balanceCapFen) - Math.log(weights.balanceFloorFen));
  return Math.min(weights.balanceMaxPoints, Math.round(weights.balanceMaxPoints * share));
}

/** The recovery rate (basis points) the curve gives for an age; negative days count as 0. */
export function recoveryRateBp(daysPastDue: number, curve: readonly RecoveryStep[]): number {
  const days = Math.max(0, Math.floor(daysPastDue));
  let rate = curve[0]?.rateBp ?? 0;
  for (const step of curve) if (step.fromDay <= days) rate = step.rateBp;
  return rate;
}

/**
 * The priority of a case (see the module comment). Throws a RangeError for invalid weights (check
 * configured weights with `validatePriorityWeights`), amounts or counts that are not whole numbers
 * >= 0, or a malformed date.
 */
export function priorityScore(
  input: PriorityInput,
  weights: PriorityWeights = DEFAULT_PRIORITY_WEIGHTS,
): PriorityScore {
  const valid = validatePriorityWeights(weights);
  if (!valid.ok) {
    throw new RangeError(
      `Invalid priority weights: ${valid.problems.map((p) => `${p.field} ${p.code}`).join(', ')}`,
    );
  }
  assertCount(input.balanceFen, 'balanceFen');
  assertCount(input.brokenPromises, 'brokenPromises');
  if (!Number.isFinite(input.daysPastDue))
    throw new RangeError(`daysPastDue must be a number: ${input.daysPastDue}`);
  const signals = new Set(input.riskSignals ?? []);
  const breakdown: PriorityLine[] = [];

  const money = { zh: formatFen(input.balanceFen, 'zh-CN'), en: formatFen(input.balanceFen, 'en') };
  breakdown.push({
    factor: 'balance',
    points: balancePoints(input.balanceFen, weights),
    detail: {
      zh: `余额 ${money.zh}（按对数计分，最高 ${weights.balanceMaxPoints} 分）`,
      en: `Balance ${money.en} (log-scaled, at most ${weights.balanceMaxPoints} points)`,
    },
  });

  const days = Math.max(0, Math.floor(input.daysPastDue));
  const rateBp = recoveryRateBp(days, weights.recoveryCurve);
  const percent = `${rateBp / 100}%`;
  breakdown.push({
    factor: 'age',
    points: Math.round((weights.ageMaxPoints * rateBp) / 10_000),
    detail:
      days === 0
        ? {
            zh: `未逾期或今日到期：预计回收率约 ${percent}`,
            en: `Not yet past due: expected recovery about ${percent}`,
          }
        : {
            zh: `逾期 ${days} 天：此账龄预计回收率约 ${percent}，越早处理越值得`,
            en: `${days} days past due: about ${percent} recover at this age; earlier is worth more effort`,
          },
  });

  const counted = Math.min(input.brokenPromises, weights.brokenPromisesCounted);
  breakdown.push({
    factor: 'broken_promises',
    points: counted * weights.pointsPerBrokenPromise,
    detail: {
      zh: `未履约承诺 ${input.brokenPromises} 次（每次 ${weights.pointsPerBrokenPromise} 分，最多计 ${weights.brokenPromisesCounted} 次）`,
      en: `${input.brokenPromises} broken promise(s) (${weights.pointsPerBrokenPromise} points each, at most ${weights.brokenPromisesCounted} counted)`,
    },
  });

  for (const signal of SCORED_RISK_SIGNALS) {
    if (signals.has(signal)) {
      breakdown.push({ factor: signal, points: weights.riskPoints[signal], detail: riskSignalText(signal) });
    }
  }

  const subtotal = breakdown.reduce((sum, line) => sum + line.points, 0);
  const last = input.lastPaymentOn ?? null;
  const daysSince = last === null ? null : daysBetween(last, input.asOf);
  const recent = daysSince !== null && daysSince >= 0 && daysSince < weights.recentPaymentWindowDays;
  breakdown.push({
    factor: 'recent_payment',
    points: recent ? -Math.min(weights.recentPaymentDeduction, subtotal) : 0,
    detail: recent
      ? {
          zh: `近 ${weights.recentPaymentWindowDays} 天内有还款（${last}），紧迫度降低`,
          en: `Paid within the last ${weights.recentPaymentWindowDays} days (${last}): less urgent`,
        }
      : {
          zh: `近 ${weights.recentPaymentWindowDays} 天内无还款`,
          en: `No payment in the last ${weights.recentPaymentWindowDays} days`,
        },
  });

  const notCallable = NOT_CALLABLE_SIGNALS.filter((signal) => signals.has(signal)).map((signal) => ({
    signal,
    text: copyText(notCallableTexts[signal]),
  }));
  return {
    total: breakdown.reduce((sum, line) => sum + line.points, 0),
    breakdown,
    callable: notCallable.length === 0,
    notCallable,
  };
}
