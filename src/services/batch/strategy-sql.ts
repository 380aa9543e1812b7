/**
 * The active strategies (domain/strategy.ts) as SQL for the nightly batch: the segment of every case as
 * one CASE expression inside the re-age pass (first matching segment wins, exactly as `matchSegment`;
 * a property test runs both), and the escalations and SMS cadences of every segment as rows to join.
 * Every value reaches the statement as a parameter; only column names are spliced.
 */
import type { StrategyDefinition } from '../../domain/strategy';

export interface ActiveStrategy {
  portfolioId: string;
  version: number;
  definition: StrategyDefinition;
}

/** SQL expressions for what a segment's condition reads, as they read in the statement. */
export interface SegmentColumns {
  portfolioId: string;
  bucket: string;
  /** smallint, NULL when not assessed. */
  delinquencyClass: string;
  riskLevel: string;
  balanceFen: string;
}

export interface StrategySql {
  /** text: the segment key, NULL for a portfolio without an active strategy. */
  segmentKey: string;
  /** int: the strategy version, NULL likewise. */
  version: string;
  params: unknown[];
}

/** The segment key and version expressions. `firstParam` numbers the first `$n` they use. */
export function segmentSql(
  strategies: readonly ActiveStrategy[],
  columns: SegmentColumns,
  firstParam: number,
): StrategySql {
  const params: unknown[] = [];
  const param = (value: unknown, cast: string): string => {
    params.push(value);
    return `$${firstParam + params.length - 1}::${cast}`;
  };
  if (strategies.length === 0) return { segmentKey: 'NULL::text', version: 'NULL::int', params };
  const keyBranches: string[] = [];
  const versionBranches: string[] = [];
  for (const strategy of strategies) {
    const portfolio = param(strategy.portfolioId, 'uuid');
    const whens = strategy.definition.segments.map((segment) => {
      const { when } = segment;
      const conditions: string[] = [];
      if (when.buckets !== null) conditions.push(`${columns.bucket} = ANY(${param(when.buckets, 'text[]')})`);
      if (when.classes !== null) {
        conditions.push(`coalesce(${columns.delinquencyClass}, 0) = ANY(${param(when.classes, 'int[]')})`);
      }
      if (when.riskLevels !== null)
        conditions.push(`${columns.riskLevel} = ANY(${param(when.riskLevels, 'text[]')})`);
      if (when.balanceMinFen !== null)
        conditions.push(`${columns.balanceFen} >= ${param(when.balanceMinFen, 'bigint')}`);
      if (when.balanceMaxFen !== null)
        conditions.push(`${columns.balanceFen} < ${param(when.balanceMaxFen, 'bigint')}`);
      return `WHEN ${conditions.length === 0 ? 'true' : conditions.join(' AND ')} THEN ${param(segment.key, 'text')}`;
    });
    keyBranches.push(`WHEN ${columns.portfolioId} = ${portfolio} THEN (CASE ${whens.join(' ')} END)`);
    versionBranches.push(`WHEN ${columns.portfolioId} = ${portfolio} THEN ${param(strategy.version, 'int')}`);
  }
  return {
    segmentKey: `(CASE ${keyBranches.join(' ')} END)`,
    version: `(CASE ${versionBranches.join(' ')} END)`,
    params,
  };
}

const TASK_KIND = {
  letter: 'letter',
  visit: 'visit',
  agency: 'escalation_agency',
  legal: 'escalation_legal',
} as const;

/** Every escalation of every active segment as parallel arrays (for `unnest`). */
export function escalationRows(strategies: readonly ActiveStrategy[]): {
  portfolioIds: string[];
  segmentKeys: string[];
  escalationIds: string[];
  actions: string[];
  taskKinds: string[];
  afterBrokenPromises: (number | null)[];
  afterDaysPastDue: (number | null)[];
  versions: number[];
} {
  const rows = {
    portfolioIds: [] as string[],
    segmentKeys: [] as string[],
    escalationIds: [] as string[],
    actions: [] as string[],
    taskKinds: [] as string[],
    afterBrokenPromises: [] as (number | null)[],
    afterDaysPastDue: [] as (number | null)[],
    versions: [] as number[],
  };
  for (const strategy of strategies) {
    for (const segment of strategy.definition.segments) {
      for (const escalation of segment.plan.escalations) {
        rows.portfolioIds.push(strategy.portfolioId);
        rows.segmentKeys.push(segment.key);
        rows.escalationIds.push(escalation.id);
        rows.actions.push(escalation.action);
        rows.taskKinds.push(TASK_KIND[escalation.action]);
        rows.afterBrokenPromises.push(escalation.afterBrokenPromises);
        rows.afterDaysPastDue.push(escalation.afterDaysPastDue);
        rows.versions.push(strategy.version);
      }
    }
  }
  return rows;
}

/** Every segment with an SMS cadence as parallel arrays (for `unnest`). */
export function smsRows(strategies: readonly ActiveStrategy[]): {
  portfolioIds: string[];
  segmentKeys: string[];
  templateFamilyIds: string[];
  everyDays: number[];
} {
  const rows = {
    portfolioIds: [] as string[],
    segmentKeys: [] as string[],
    templateFamilyIds: [] as string[],
    everyDays: [] as number[],
  };
  for (const strategy of strategies) {
    for (const segment of strategy.definition.segments) {
      const sms = segment.plan.sms;
      if (sms === null || !segment.plan.channels.includes('sms')) continue;
      rows.portfolioIds.push(strategy.portfolioId);
      rows.segmentKeys.push(segment.key);
      rows.templateFamilyIds.push(sms.templateFamilyId);
      rows.everyDays.push(sms.everyDays);
    }
  }
  return rows;
}
