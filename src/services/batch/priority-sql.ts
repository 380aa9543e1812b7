/**
 * The priority score (domain/priority.ts) as one SQL expression, so the nightly batch can rescore every
 * case inside its single re-age pass instead of reading a million rows out and writing them back.
 *
 * The expression is generated from the same weights as the pure function and is exactly equal to
 * `priorityScore(...).total` (a property test runs both on random inputs):
 * - balance: the points are a step function of the balance, so the steps are found with the pure
 *   `balancePoints` itself (the smallest balance reaching each point) and looked up with
 *   `width_bucket` over them: no floating-point logarithm in SQL that could round differently;
 * - age: one CASE over the recovery curve's steps;
 * - broken promises, risk signals and the recent-payment deduction as in the pure function.
 * Weights are validated numbers and appear as integer literals; the balance steps are parameters.
 */
import {
  balancePoints,
  DEFAULT_PRIORITY_WEIGHTS,
  type PriorityWeights,
  SCORED_RISK_SIGNALS,
  validatePriorityWeights,
} from '../../domain/priority';

/** SQL expressions for the inputs of the score, as they read in the statement that uses it. */
export interface PriorityColumns {
  balanceFen: string;
  daysPastDue: string;
  brokenPromises: string;
  /** A date, or NULL when there was no payment. */
  lastPaymentOn: string;
  /** A text[] of risk signal codes. */
  riskSignals: string;
  /** The as-of business date. */
  asOf: string;
}

export interface PrioritySql {
  /** An integer expression: the total score. */
  sql: string;
  params: unknown[];
}

/** The balance steps: each distinct smallest balance at which the points go up, with the points from there. */
export function balanceSteps(weights: PriorityWeights): { fromFen: number[]; points: number[] } {
  const fromFen: number[] = [];
  const points: number[] = [0];
  let low = weights.balanceFloorFen + 1;
  for (let target = 1; target <= weights.balanceMaxPoints; target++) {
    if (balancePoints(weights.balanceCapFen, weights) < target) break;
    // The smallest balance in [low, cap] whose points reach the target (points never fall as it grows).
    let lo = low;
    let hi = weights.balanceCapFen;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (balancePoints(mid, weights) >= target) hi = mid;
      else lo = mid + 1;
    }
    const reached = balancePoints(lo, weights);
    if (fromFen.at(-1) !== lo) {
      fromFen.push(lo);
      points.push(reached);
    }
    low = lo;
    target = reached;
  }
  return { fromFen, points };
}

function int(value: number): string {
  if (!Number.isSafeInteger(value)) throw new RangeError(`not an integer weight: ${value}`);
  return String(value);
}

/**
 * The score as SQL over the given columns. `firstParam` is the number of the first `$n` placeholder the
 * expression may use; the answer's params fill them in order.
 */
export function priorityScoreSql(
  columns: PriorityColumns,
  firstParam: number,
  weights: PriorityWeights = DEFAULT_PRIORITY_WEIGHTS,
): PrioritySql {
  const valid = validatePriorityWeights(weights);
  if (!valid.ok)
    throw new RangeError(`Invalid priority weights: ${valid.problems.map((p) => p.field).join(', ')}`);
  const steps = balanceSteps(weights);
  const stepsParam = `$${firstParam}::bigint[]`;
  const pointsParam = `$${firstParam + 1}::int[]`;
  const balance =
    steps.fromFen.length === 0
      ? '0'
      : `(${pointsParam})[width_bucket((${columns.balanceFen})::bigint, ${stepsParam}) + 1]`;

  const days = `greatest(0, (${columns.daysPastDue}))`;
  const curve = [...weights.recoveryCurve].sort((a, b) => b.fromDay - a.fromDay);
  const ageWhens = curve
    .map(
      (step) =>
        `WHEN ${days} >= ${int(step.fromDay)} THEN ${int(Math.round((weights.ageMaxPoints * step.rateBp) / 10_000))}`,
    )
    .join(' ');
  const firstRate = weights.recoveryCurve[0]?.rateBp ?? 0;
  const age = `(CASE ${ageWhens} ELSE ${int(Math.round((weights.ageMaxPoints * firstRate) / 10_000))} END)`;

  const broken = `(least((${columns.brokenPromises}), ${int(weights.brokenPromisesCounted)}) * ${int(weights.pointsPerBrokenPromise)})`;
  const risk = SCORED_RISK_SIGNALS.map(
    (signal) =>
      `(CASE WHEN '${signal}' = ANY(${columns.riskSignals}) THEN ${int(weights.riskPoints[signal])} ELSE 0 END)`,
  ).join(' + ');
  const subtotal = `(${balance} + ${age} + ${broken} + ${risk})`;
  const since = `((${columns.asOf})::date - (${columns.lastPaymentOn})::date)`;
  const recent = `((${columns.lastPaymentOn}) IS NOT NULL AND ${since} >= 0 AND ${since} < ${int(weights.recentPaymentWindowDays)})`;
  const sql = `(${subtotal} - CASE WHEN ${recent} THEN least(${int(weights.recentPaymentDeduction)}, ${subtotal}) ELSE 0 END)`;
  return { sql, params: [steps.fromFen, steps.points] };
}
