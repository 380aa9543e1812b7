/**
 * A case's assessment: the facts the rules read (one set-based query for any number of cases), the
 * delinquency class (domain/delinquency-class), the priority score with its breakdown (domain/priority)
 * and the strategy segment that applies (domain/strategy), plus the collector's tags and the manual class
 * override that feed them.
 *
 * The nightly batch stores the class (for cases whose history changed) and the priority and segment (in
 * its re-age pass, as SQL equal to the pure rules); the case page answers the same rules live from the
 * same facts, so what it explains is what the queue sorts by. Tags and overrides take effect at once:
 * they rescore and reclassify the case in the same transaction.
 */
import { ACTION_CODES, isRightPartyContact } from '../domain/action-codes';
import { copyText } from '../domain/bilingual';
import { localDateOf } from '../domain/dates';
import {
  ABILITY_EVIDENCE,
  type AbilityEvidence,
  type CaseHistorySummary,
  classifyDelinquency,
  type DelinquencyClassification,
  isDelinquencyClass,
  isStatedReason,
  type StatedReason,
} from '../domain/delinquency-class';
import { type PriorityScore, priorityScore } from '../domain/priority';
import { isRiskSignal, RISK_SIGNALS, type RiskSignal } from '../domain/risk-signals';
import { can } from '../domain/roles';
import { PERSONALITIES, type Personality } from '../domain/script-library';
import {
  type ActionPlan,
  dueEscalations,
  type Escalation,
  matchSegment,
  type Segment,
  type StrategyDefinition,
} from '../domain/strategy';
import { AppError, invalid } from '../errors';
import type { SqlSession, Store } from '../store/db';
import type { Actor } from './actor';
import { writeAudit } from './audit';
import { activeStrategy } from './strategies';
import { visibleCaseId } from './timeline';

/** Action codes that are right-party contacts on a debtor call. */
const RPC_CODES = ACTION_CODES.filter((code) => isRightPartyContact(code, 'debtor'));

export interface CaseFacts {
  caseId: string;
  accountId: string;
  portfolioId: string;
  timeZone: string;
  status: 'open' | 'closed';
  bucket: string;
  daysPastDue: number;
  riskLevel: 'not_collected' | 'in_collection' | 'doubtful' | 'bad' | 'dead';
  balanceFen: number;
  brokenPromises: number;
  lastPaymentOn: string | null;
  /** Signals tagged on the case plus those its holds imply (complaint, deceased, bankruptcy). */
  riskSignals: RiskSignal[];
  taggedRiskSignals: RiskSignal[];
  abilityEvidence: AbilityEvidence[];
  statedReason: StatedReason | null;
  personality: Personality | null;
  classOverride: { delinquencyClass: number; byName: string; why: string; at: string } | null;
  storedClass: number | null;
  storedPriority: number;
  segmentKey: string | null;
  strategyVersion: number | null;
  segmentSince: string | null;
  promises: { made: number; kept: number; partlyKept: number; broken: number };
  paymentsLast90Days: { count: number; totalFen: number };
  contact: { attempts: number; rightPartyContacts: number; allNumbersInvalid: boolean };
}

interface FactsRow {
  id: string;
  account_id: string;
  portfolio_id: string;
  time_zone: string;
  status: 'open' | 'closed';
  bucket: string;
  days_past_due: number;
  risk_level: CaseFacts['riskLevel'];
  balance_fen: string | number;
  broken_promises: number;
  last_payment_on: string | null;
  risk_signals: string[];
  ability_evidence: string[];
  stated_reason: string | null;
  personality: string | null;
  class_override: CaseFacts['classOverride'];
  delinquency_class: number | null;
  priority: number;
  segment_key: string | null;
  strategy_version: number | null;
  segment_since: string | null;
  complaint_freeze: boolean;
  deceased: boolean;
  bankruptcy: boolean;
  made: number;
  kept: number;
  partly: number;
  broken: number;
  pay_count: number;
  pay_total: string | number;
  attempts: number;
  rpc: number;
  all_invalid: boolean;
}

const FACTS_SQL = `
SELECT c.id, c.account_id, c.portfolio_id, p.time_zone, c.status, c.bucket, c.days_past_due, c.risk_level,
  a.balance_fen, c.broken_promises, to_char(c.last_payment_on, 'YYYY-MM-DD') AS last_payment_on,
  c.risk_signals, c.ability_evidence, c.stated_reason, c.personality, c.class_override,
  c.delinquency_class, c.priority, c.segment_key, c.strategy_version,
  to_char(c.segment_since, 'YYYY-MM-DD') AS segment_since,
  c.complaint_freeze, c.deceased, c.bankruptcy,
  pr.made, pr.kept, pr.partly, pr.broken, pay.n AS pay_count, pay.total AS pay_total,
  ct.attempts, ct.rpc, ph.all_invalid
FROM cases c
JOIN accounts a ON a.id = c.account_id
JOIN portfolios p ON p.id = c.portfolio_id
CROSS JOIN LATERAL (
  SELECT count(*) FILTER (WHERE s.status <> 'cancelled')::int AS made,
    count(*) FILTER (WHERE s.status = 'kept')::int AS kept,
    count(*) FILTER (WHERE s.status = 'partly_kept')::int AS partly,
    count(*) FILTER (WHERE s.status = 'broken')::int AS broken
  FROM promises s WHERE s.case_id = c.id) pr
CROSS JOIN LATERAL (
  SELECT count(*)::int AS n, coalesce(sum(y.amount_fen - y.overpayment_fen), 0)::bigint AS total
  FROM payments y
  WHERE y.account_id = c.account_id AND y.status = 'posted'
    AND y.posted_on > $2::date - 90 AND y.posted_on <= $2::date) pay
CROSS JOIN LATERAL (
  SELECT count(*)::int AS attempts, count(*) FILTER (WHERE t.action_code = ANY($3::text[]))::int AS rpc
  FROM contact_attempts t
  WHERE t.case_id = c.id AND t.party = 'debtor' AND t.channel = 'call' AND t.status = 'completed') ct
CROSS JOIN LATERAL (
  SELECT (count(*) > 0 AND bool_and(d.validity = 'invalid')) AS all_invalid
  FROM debtor_phones d WHERE d.debtor_id = c.debtor_id) ph
WHERE c.id = ANY($1::uuid[])`;

function asPersonality(value: string | null): Personality | null {
  return value !== null && (PERSONALITIES as readonly string[]).includes(value)
    ? (value as Personality)
    : null;
}

function factsOf(row: FactsRow): CaseFacts {
  const tagged = row.risk_signals.filter(isRiskSignal);
  const signals = new Set<RiskSignal>(tagged);
  if (row.complaint_freeze) signals.add('complaint');
  if (row.deceased) signals.add('deceased');
  if (row.bankruptcy) signals.add('bankruptcy');
  return {
    caseId: row.id,
    accountId: row.account_id,
    portfolioId: row.portfolio_id,
    timeZone: row.time_zone,
    status: row.status,
    bucket: row.bucket,
    daysPastDue: row.days_past_due,
    riskLevel: row.risk_level,
    balanceFen: Number(row.balance_fen),
    brokenPromises: row.broken_promises,
    lastPaymentOn: row.last_payment_on,
    riskSignals: RISK_SIGNALS.filter((signal) => signals.has(signal)),
    taggedRiskSignals: tagged,
    abilityEvidence: row.ability_evidence.filter((value): value is AbilityEvidence =>
      (ABILITY_EVIDENCE as readonly string[]).includes(value),
    ),
    statedReason: row.stated_reason !== null && isStatedReason(row.stated_reason) ? row.stated_reason : null,
    personality: asPersonality(row.personality),
    classOverride: row.class_override,
    storedClass: row.delinquency_class,
    storedPriority: row.priority,
    segmentKey: row.segment_key,
    strategyVersion: row.strategy_version,
    segmentSince: row.segment_since,
    promises: { made: row.made, kept: row.kept, partlyKept: row.partly, broken: row.broken },
    paymentsLast90Days: { count: row.pay_count, totalFen: Number(row.pay_total) },
    contact: { attempts: row.attempts, rightPartyContacts: row.rpc, allNumbersInvalid: row.all_invalid },
  };
}

/** The facts of the given cases as of a business day, in one statement. */
export async function loadCaseFacts(
  sql: SqlSession,
  caseIds: readonly string[],
  asOf: string,
): Promise<Map<string, CaseFacts>> {
  const facts = new Map<string, CaseFacts>();
  if (caseIds.length === 0) return facts;
  const result = await sql.query<FactsRow>(FACTS_SQL, [caseIds, asOf, RPC_CODES]);
  for (const row of result.rows) facts.set(row.id, factsOf(row));
  return facts;
}

/** The history summary the class rules read. */
export function historySummaryOf(facts: CaseFacts): CaseHistorySummary {
  const override = facts.classOverride;
  return {
    promises: facts.promises,
    paymentsLast90Days: facts.paymentsLast90Days,
    balanceFen: facts.balanceFen,
    contact: facts.contact,
    statedReason: facts.statedReason,
    riskSignals: facts.riskSignals,
    abilityEvidence: facts.abilityEvidence,
    override:
      override && isDelinquencyClass(override.delinquencyClass)
        ? { class: override.delinquencyClass, by: override.byName, why: override.why }
        : null,
  };
}

export function classifyFacts(facts: CaseFacts): DelinquencyClassification {
  return classifyDelinquency(historySummaryOf(facts));
}

export function scoreFacts(facts: CaseFacts, asOf: string): PriorityScore {
  return priorityScore({
    balanceFen: facts.balanceFen,
    daysPastDue: facts.daysPastDue,
    brokenPromises: facts.brokenPromises,
    lastPaymentOn: facts.lastPaymentOn,
    asOf,
    riskSignals: facts.riskSignals,
  });
}

export interface SegmentView {
  strategyVersion: number;
  key: string;
  name: { zh: string; en: string };
  reasons: { zh: string; en: string }[];
  plan: ActionPlan;
  /** Escalations whose trigger the case has reached. */
  dueEscalations: Escalation[];
}

function segmentView(
  strategy: { version: number; definition: StrategyDefinition },
  facts: CaseFacts,
  delinquencyClass: number | null,
): SegmentView {
  const match = matchSegment(strategy.definition, {
    bucket: facts.bucket,
    delinquencyClass: isDelinquencyClass(delinquencyClass) ? delinquencyClass : null,
    riskLevel: facts.riskLevel,
    balanceFen: facts.balanceFen,
  });
  const segment: Segment = match.segment;
  const due = dueEscalations(segment.plan, {
    brokenPromises: facts.brokenPromises,
    daysPastDue: facts.daysPastDue,
  });
  return {
    strategyVersion: strategy.version,
    key: segment.key,
    name: copyText(segment.name),
    reasons: match.reasons.map(copyText),
    plan: segment.plan,
    dueEscalations: due,
  };
}

export interface CaseAssessment {
  caseId: string;
  asOf: string;
  priority: PriorityScore & { stored: number };
  classification: DelinquencyClassification & { stored: number | null };
  /** The segment the rules give now; null when the portfolio has no active strategy. */
  segment: SegmentView | null;
  /** What the nightly batch stored (the queue works from it). */
  stored: { segmentKey: string | null; strategyVersion: number | null; segmentSince: string | null };
  personality: Personality | null;
  riskSignals: RiskSignal[];
  abilityEvidence: AbilityEvidence[];
  statedReason: StatedReason | null;
  override: CaseFacts['classOverride'];
}

async function assessmentOf(sql: SqlSession, caseId: string, now: Date): Promise<CaseAssessment> {
  const zone = await sql.query<{ time_zone: string }>(
    'SELECT p.time_zone FROM cases c JOIN portfolios p ON p.id = c.portfolio_id WHERE c.id = $1',
    [caseId],
  );
  const asOf = localDateOf(now, zone.rows[0]?.time_zone ?? 'Asia/Shanghai');
  const facts = (await loadCaseFacts(sql, [caseId], asOf)).get(caseId);
  if (!facts) throw new AppError('CASE_NOT_FOUND');
  const classification = classifyFacts(facts);
  const strategy = await activeStrategy(sql, facts.portfolioId);
  return {
    caseId,
    asOf,
    priority: { ...scoreFacts(facts, asOf), stored: facts.storedPriority },
    classification: { ...classification, stored: facts.storedClass },
    segment: strategy ? segmentView(strategy, facts, classification.class) : null,
    stored: {
      segmentKey: facts.segmentKey,
      strategyVersion: facts.strategyVersion,
      segmentSince: facts.segmentSince,
    },
    personality: facts.personality,
    riskSignals: facts.taggedRiskSignals,
    abilityEvidence: facts.abilityEvidence,
    statedReason: facts.statedReason,
    override: facts.classOverride,
  };
}

/** The assessment of a case in the actor's scope, as of now in the portfolio's time zone. */
export async function caseAssessment(
  store: Store,
  actor: Actor,
  caseId: string,
  now: Date,
): Promise<CaseAssessment> {
  await visibleCaseId(store, actor, caseId);
  return assessmentOf(store.sql, caseId, now);
}

/** The class the rules give now for each of the given cases, with the reason codes kept on the row. */
export async function classifyCases(
  sql: SqlSession,
  caseIds: readonly string[],
  asOf: string,
): Promise<{ caseId: string; accountId: string; delinquencyClass: number | null; reasons: string }[]> {
  const facts = await loadCaseFacts(sql, caseIds, asOf);
  return [...facts.values()].map((fact) => {
    const classification = classifyFacts(fact);
    return {
      caseId: fact.caseId,
      accountId: fact.accountId,
      delinquencyClass: classification.class,
      reasons: reasonCodes(classification),
    };
  });
}

// Only the reason codes are kept on the row (the case page explains them live from the same facts).
function reasonCodes(classification: DelinquencyClassification): string {
  return JSON.stringify([...new Set(classification.reasons.map((reason) => reason.code))]);
}

/**
 * Stores the class and the priority the rules give now for the given cases (one statement; only what
 * differs is written). Used after tags and overrides change, and by the nightly batch for cases whose
 * history changed. Answers how many cases were written.
 */
export async function storeAssessments(
  sql: SqlSession,
  caseIds: readonly string[],
  asOf: string,
  now: Date,
  options: { priority?: boolean } = {},
): Promise<number> {
  const withPriority = options.priority ?? true;
  const facts = await loadCaseFacts(sql, caseIds, asOf);
  if (facts.size === 0) return 0;
  const ids: string[] = [];
  const classes: (number | null)[] = [];
  const reasons: string[] = [];
  const priorities: (number | null)[] = [];
  for (const fact of facts.values()) {
    const classification = classifyFacts(fact);
    ids.push(fact.caseId);
    classes.push(classification.class);
    reasons.push(reasonCodes(classification));
    priorities.push(withPriority ? scoreFacts(fact, asOf).total : null);
  }
  const result = await sql.query(
    `UPDATE cases c SET delinquency_class = u.cls, class_reasons = u.reasons, classified_on = $5::date,
       priority = coalesce(u.priority, c.priority), updated_at = $6
     FROM unnest($1::uuid[], $2::smallint[], $3::jsonb[], $4::int[]) AS u(id, cls, reasons, priority)
     WHERE c.id = u.id AND (c.delinquency_class IS DISTINCT FROM u.cls OR c.class_reasons IS DISTINCT FROM u.reasons
       OR c.priority <> coalesce(u.priority, c.priority) OR c.classified_on IS DISTINCT FROM $5::date)
     RETURNING 1`,
    [ids, classes, reasons, priorities, asOf, now],
  );
  return result.rows.length;
}

function assertCan(actor: Actor, permission: 'cases.tag' | 'cases.classify'): void {
  if (actor.kind !== 'user' || !actor.role || !can(actor.role, permission)) throw new AppError('FORBIDDEN');
}

export interface CaseTagsInput {
  personality?: string | null;
  riskSignals?: string[];
  abilityEvidence?: string[];
}

/** Tags the case (personality, risk signals, evidence of means); the class and priority follow at once. */
export async function setCaseTags(
  store: Store,
  actor: Actor,
  caseId: string,
  input: CaseTagsInput,
  now: Date,
): Promise<CaseAssessment> {
  assertCan(actor, 'cases.tag');
  if (
    input.personality !== undefined &&
    input.personality !== null &&
    asPersonality(input.personality) === null
  ) {
    throw invalid(
      'personality',
      `未知的性格类型：${input.personality}`,
      `unknown personality type: ${input.personality}`,
    );
  }
  input.riskSignals?.forEach((signal, i) => {
    if (!isRiskSignal(signal))
      throw invalid(`riskSignals[${i}]`, `未知的风险信号：${signal}`, `unknown risk signal: ${signal}`);
  });
  input.abilityEvidence?.forEach((value, i) => {
    if (!(ABILITY_EVIDENCE as readonly string[]).includes(value)) {
      throw invalid(
        `abilityEvidence[${i}]`,
        `未知的还款能力依据：${value}`,
        `unknown evidence of means: ${value}`,
      );
    }
  });
  await visibleCaseId(store, actor, caseId);
  return store.transaction(async ({ db, sql }) => {
    const before = await sql.query<{
      personality: string | null;
      risk_signals: string[];
      ability_evidence: string[];
      tz: string;
    }>(
      `SELECT c.personality, c.risk_signals, c.ability_evidence, p.time_zone AS tz
       FROM cases c JOIN portfolios p ON p.id = c.portfolio_id WHERE c.id = $1 FOR UPDATE OF c`,
      [caseId],
    );
    const row = before.rows[0];
    if (!row) throw new AppError('CASE_NOT_FOUND');
    const after = {
      personality: input.personality === undefined ? row.personality : input.personality,
      riskSignals: input.riskSignals === undefined ? row.risk_signals : [...new Set(input.riskSignals)],
      abilityEvidence:
        input.abilityEvidence === undefined ? row.ability_evidence : [...new Set(input.abilityEvidence)],
    };
    await sql.query(
      `UPDATE cases SET personality = $2, risk_signals = $3::text[], ability_evidence = $4::text[], updated_at = $5
       WHERE id = $1`,
      [caseId, after.personality, after.riskSignals, after.abilityEvidence, now],
    );
    await storeAssessments(sql, [caseId], localDateOf(now, row.tz), now);
    await writeAudit(db, actor, {
      action: 'case.tags',
      entityType: 'case',
      entityId: caseId,
      before: {
        personality: row.personality,
        riskSignals: row.risk_signals,
        abilityEvidence: row.ability_evidence,
      },
      after,
    });
    return assessmentOf(sql, caseId, now);
  });
}

/** Overrides the derived class with a reason (or, with `null`, returns the case to the rules). */
export async function setClassOverride(
  store: Store,
  actor: Actor,
  caseId: string,
  input: { delinquencyClass: number; why: string } | null,
  now: Date,
): Promise<CaseAssessment> {
  assertCan(actor, 'cases.classify');
  if (input !== null) {
    if (!isDelinquencyClass(input.delinquencyClass)) {
      throw invalid('delinquencyClass', '类别须为 1 到 4', 'the class must be 1 to 4');
    }
    if (typeof input.why !== 'string' || input.why.trim().length < 4) {
      throw invalid(
        'why',
        '请写明调整类别的理由（至少 4 个字）',
        'say why the class is overridden (at least 4 characters)',
      );
    }
  }
  await visibleCaseId(store, actor, caseId);
  return store.transaction(async ({ db, sql }) => {
    const before = await sql.query<{
      class_override: CaseFacts['classOverride'];
      delinquency_class: number | null;
      tz: string;
    }>(
      `SELECT c.class_override, c.delinquency_class, p.time_zone AS tz
       FROM cases c JOIN portfolios p ON p.id = c.portfolio_id WHERE c.id = $1 FOR UPDATE OF c`,
      [caseId],
    );
    const row = before.rows[0];
    if (!row) throw new AppError('CASE_NOT_FOUND');
    const override =
      input === null
        ? null
        : {
            delinquencyClass: input.delinquencyClass,
            byUserId: actor.userId as string,
            byName: actor.displayName,
            why: input.why.trim(),
            at: now.toISOString(),
          };
    await sql.query('UPDATE cases SET class_override = $2, updated_at = $3 WHERE id = $1', [
      caseId,
      override === null ? null : JSON.stringify(override),
      now,
    ]);
    await storeAssessments(sql, [caseId], localDateOf(now, row.tz), now);
    await writeAudit(db, actor, {
      action: input === null ? 'case.class_override_cleared' : 'case.class_override',
      entityType: 'case',
      entityId: caseId,
      before: { override: row.class_override, delinquencyClass: row.delinquency_class },
      after: { override },
    });
    return assessmentOf(sql, caseId, now);
  });
}
