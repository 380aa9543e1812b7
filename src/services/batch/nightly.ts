/**
 * The nightly batch (日终批处理) for one business day: decide the promises that fell due, reclassify the
 * cases whose history changed, re-age every open account (bucket moves) and in the same pass rescore it
 * and put it in its strategy segment, apply the strategy (escalation tasks, SMS to the outbox), and
 * create the promise reminders and follow-ups.
 *
 * - Set-based: each step is one SQL statement over the whole ledger, never a loop over cases.
 * - Idempotent: every step changes only what differs from what the day says (a second run for the same
 *   date changes nothing and reports zeros); tasks carry a unique source key.
 * - One at a time: the whole run is one transaction holding an advisory lock, so two nodes (the CLI and
 *   the server's schedule) never run it together, and a run that fails changes nothing.
 * - Recorded: every run is a row in batch_runs with what it changed (or why it failed).
 */
import { hostname } from 'node:os';
import { isBusinessDate } from '../../domain/dates';
import type { StrategyDefinition } from '../../domain/strategy';
import { AppError, invalid } from '../../errors';
import type { SqlSession, Store } from '../../store/db';
import { decideArrangements } from '../arrangements';
import { assignUnassignedInTx, endExpiredPlacements } from '../assignment';
import { classifyCases, storeAssessments } from '../case-assessment';
import { priorityScoreSql } from './priority-sql';
import { type ActiveStrategy, escalationRows, segmentSql, smsRows } from './strategy-sql';

/** Memory per sort or hash of the batch's statements (PostgreSQL's default is 4MB). */
const BATCH_WORK_MEM = '256MB';

/** Any fixed number: the advisory lock of the nightly batch. */
const BATCH_LOCK = 7_250_411_002;

export type BatchCounts = {
  /** Open cases whose days past due, bucket, aging date, priority or segment changed. */
  casesReaged: number;
  bucketMoves: number;
  /** Cases whose history changed (or that were never assessed) given their class again. */
  casesReclassified: number;
  /** Cases that entered another strategy segment. */
  segmentsChanged: number;
  /** Letters, visits, agency and legal escalations created by the strategy. */
  escalationsCreated: number;
  /** SMS put in the outbox by the strategy's cadence. */
  smsQueued: number;
  /** Instalment plans completed (every instalment kept) or broken, from the day's decided instalments. */
  arrangementsCompleted: number;
  arrangementsBroken: number;
  /** Agency placements whose period ended: their cases came back in house. */
  placementsEnded: number;
  /** Open cases without a collector given one by the portfolio's assignment rules. */
  casesAssigned: number;
  promisesKept: number;
  promisesPartlyKept: number;
  promisesBroken: number;
  remindersCreated: number;
  followUpsCreated: number;
};

export interface BatchResult {
  runId: string;
  asOf: string;
  counts: BatchCounts;
  /** Milliseconds per step, for the run log and the benchmark. */
  timings: Record<string, number>;
}

export interface BatchOptions {
  asOf: string;
  /** Days after the due date a payment still counts toward a promise. */
  promiseGraceDays?: number;
  /** Clock for the run record (tests pass a fixed one). */
  now?: Date;
}

/*
 * Re-age: days past due from the first missed due date while a balance is owed, the bucket from the
 * portfolio's ranges, and a bucket_history row for every move. Only rows that differ are written.
 */
const RANGES = `
WITH ranges AS (
  SELECT p.id AS portfolio_id, e->>'code' AS code, (e->>'minDays')::int AS lo, (e->>'maxDays')::int AS hi
  FROM portfolios p, jsonb_array_elements(p.bucket_config) e
)`;
const DPD = `CASE WHEN a.balance_fen > 0 THEN greatest(0, $1::date - a.first_missed_due_date) ELSE 0 END`;

/*
 * One pass over the open cases: days past due, bucket, priority (services/batch/priority-sql.ts) and
 * strategy segment (strategy-sql.ts), and for the cases whose history changed their class, and for those
 * whose promises were decided today their broken-promise streak and follow-up time (the temporary table
 * batch_changes, analysed so the planner joins it by hash whatever its size), so each case is written
 * once. Only rows where something differs are written. A bucket move
 * keeps the bucket it left on the row (prev_bucket, bucket_moved_on), and the same statement records it
 * in bucket_history.
 */
function reageSql(strategies: readonly ActiveStrategy[]): { text: string; params: unknown[] } {
  const broken = 'coalesce(x.broken, c.broken_promises)';
  const cls = 'CASE WHEN x.reclassified THEN x.cls ELSE c.delinquency_class END';
  const priority = priorityScoreSql(
    {
      balanceFen: 'a.balance_fen',
      daysPastDue: DPD,
      brokenPromises: broken,
      lastPaymentOn: 'c.last_payment_on',
      riskSignals: 'c.risk_signals',
      asOf: '$1::date',
    },
    3,
  );
  const segment = segmentSql(
    strategies,
    {
      portfolioId: 'c.portfolio_id',
      bucket: 'r.code',
      delinquencyClass: cls,
      riskLevel: 'c.risk_level',
      balanceFen: 'a.balance_fen',
    },
    3 + priority.params.length,
  );
  const followUp =
    'CASE WHEN x.follow_up_at IS NULL THEN c.follow_up_at ELSE least(coalesce(c.follow_up_at, x.follow_up_at), x.follow_up_at) END';
  const text = `${RANGES}, reaged AS (
  UPDATE cases c SET days_past_due = ${DPD}, bucket = r.code, aged_on = $1::date, updated_at = $2,
    prev_bucket = CASE WHEN c.bucket <> r.code THEN c.bucket ELSE c.prev_bucket END,
    bucket_moved_on = CASE WHEN c.bucket <> r.code THEN $1::date ELSE c.bucket_moved_on END,
    broken_promises = ${broken}, follow_up_at = ${followUp},
    delinquency_class = ${cls},
    class_reasons = CASE WHEN x.reclassified THEN x.reasons ELSE c.class_reasons END,
    classified_on = CASE WHEN x.reclassified THEN $1::date ELSE c.classified_on END,
    priority = ${priority.sql}, segment_key = ${segment.segmentKey}, strategy_version = ${segment.version},
    segment_since = CASE WHEN c.segment_key IS NOT DISTINCT FROM ${segment.segmentKey} THEN c.segment_since
      ELSE $1::date END
  FROM accounts a LEFT JOIN batch_changes x ON x.account_id = a.id, ranges r
  WHERE a.id = c.account_id AND c.status = 'open'
    AND r.portfolio_id = c.portfolio_id AND ${DPD} >= r.lo AND (r.hi IS NULL OR ${DPD} <= r.hi)
    AND (c.aged_on <> $1::date OR c.days_past_due <> ${DPD} OR c.bucket <> r.code OR c.priority <> ${priority.sql}
      OR c.segment_key IS DISTINCT FROM ${segment.segmentKey} OR c.strategy_version IS DISTINCT FROM ${segment.version}
      OR c.broken_promises <> ${broken} OR c.follow_up_at IS DISTINCT FROM ${followUp} OR x.reclassified)
  RETURNING c.segment_since = $1::date AND c.segment_key IS NOT NULL AS entered,
    CASE WHEN c.bucket_moved_on = $1::date THEN c.id END AS moved_id,
    CASE WHEN c.bucket_moved_on = $1::date THEN c.prev_bucket END AS from_bucket,
    CASE WHEN c.bucket_moved_on = $1::date THEN c.bucket END AS to_bucket,
    CASE WHEN c.bucket_moved_on = $1::date THEN c.days_past_due END AS moved_dpd
), moves AS (
  INSERT INTO bucket_history (case_id, from_bucket, to_bucket, moved_on, days_past_due, reason, created_at)
  SELECT moved_id, from_bucket, to_bucket, $1::date, moved_dpd, 'aging', $2 FROM reaged
  WHERE moved_id IS NOT NULL AND from_bucket IS DISTINCT FROM to_bucket
  ON CONFLICT (case_id, moved_on) WHERE reason = 'aging' DO NOTHING
  RETURNING 1
)
SELECT count(*)::int AS n, count(*) FILTER (WHERE entered)::int AS entered,
  (SELECT count(*) FROM moves)::int AS moves
FROM reaged`;
  return { text, params: [...priority.params, ...segment.params] };
}

/* Portfolios with open in-house cases waiting for a collector, when there is any active collector. */
const ASSIGNABLE_PORTFOLIOS = `
SELECT p.id FROM portfolios p
WHERE EXISTS (SELECT 1 FROM cases c WHERE c.portfolio_id = p.id AND c.status = 'open'
    AND c.assigned_collector_id IS NULL AND c.agency_id IS NULL)
  AND EXISTS (SELECT 1 FROM users u WHERE u.role = 'collector' AND u.active)
ORDER BY p.id`;

/* The days past due at which a case reached a threshold since the last run (each threshold, span days). */
function crossingDays(thresholds: readonly (number | null)[], span: number): number[] {
  const days = new Set<number>();
  for (const threshold of thresholds) {
    if (threshold === null) continue;
    for (let d = 0; d < span; d++) days.add(threshold + d);
  }
  return [...days];
}

/* Days since the last completed run before `asOf` (1 when there is none). */
async function daysSinceLastRun(sql: SqlSession, asOf: string): Promise<number> {
  const last = await sql.query<{ days: number | null }>(
    `SELECT ($1::date - max(as_of))::int AS days FROM batch_runs WHERE status = 'done' AND as_of < $1::date`,
    [asOf],
  );
  return Math.max(1, Number(last.rows[0]?.days ?? 1));
}

/* The active strategy of every portfolio. */
async function activeStrategies(sql: SqlSession): Promise<ActiveStrategy[]> {
  const result = await sql.query<{ portfolio_id: string; version: number; definition: StrategyDefinition }>(
    `SELECT portfolio_id, version, definition FROM strategies WHERE status = 'active' ORDER BY portfolio_id`,
  );
  return result.rows.map((row) => ({
    portfolioId: row.portfolio_id,
    version: row.version,
    definition: row.definition,
  }));
}

/*
 * Cases to classify again: never assessed, promises decided today ($1), or whose last payment left the
 * 90-day window the class reads today. (Payments, contacts, tags and overrides reclassify at once in
 * their own services.)
 */
const TO_RECLASSIFY = `
SELECT id FROM cases
WHERE status = 'open' AND classified_on IS DISTINCT FROM $2::date
  AND (classified_on IS NULL OR id = ANY($1::uuid[]) OR last_payment_on = $2::date - 90)`;
const RECLASSIFY_CHUNK = 2000;
/* Up to this many, the new classes are written by the re-age pass (one write per case). */
const FOLD_RECLASSIFIED = 200_000;

/* What the re-age pass writes besides aging, per account, for this run's transaction only. */
const BATCH_CHANGES_TABLE = `
CREATE TEMPORARY TABLE batch_changes (account_id uuid PRIMARY KEY, broken int, follow_up_at timestamptz,
  reclassified boolean NOT NULL, cls smallint, reasons jsonb) ON COMMIT DROP`;
const FILL_BATCH_CHANGES = `
INSERT INTO batch_changes
SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(account_id uuid, broken int, follow_up_at timestamptz,
  reclassified boolean, cls smallint, reasons jsonb)`;

/* What the re-age pass writes besides aging for one account's case (a row of batch_changes). */
interface AccountChange {
  account_id: string;
  broken: number | null;
  follow_up_at: string | null;
  reclassified: boolean;
  cls: number | null;
  reasons: unknown;
}

/*
 * The strategy's escalations (letters, visits, agency and legal review) for cases whose segment asks for
 * them and that reached the trigger: once per case, segment and escalation (source key). Only cases that
 * could have newly reached a trigger today are looked at: they entered the segment today, their promises
 * were decided today ($3), or their days past due reached the threshold since the last run ($13 days:
 * 1 when the batch ran yesterday, more after missed nights, so none is lost; $12 lists those days past
 * due, so the candidates are found in one pass over the cases). Cases placed with an agency or on hold
 * are left alone.
 */
const ESCALATIONS = `
WITH e AS (
  SELECT * FROM unnest($4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[], $9::int[], $10::int[], $11::int[])
    AS e(portfolio_id, segment_key, escalation_id, action, kind, after_broken, after_dpd, version)
), candidates AS MATERIALIZED (
  SELECT c.id, c.portfolio_id, c.segment_key, c.team_id, c.broken_promises, c.days_past_due, c.segment_since
  FROM cases c
  WHERE c.status = 'open' AND c.segment_key IS NOT NULL AND c.agency_id IS NULL
    AND NOT (c.complaint_freeze OR c.legal_hold OR c.cease OR c.deceased OR c.bankruptcy)
    AND (c.segment_since = $1::date OR c.id = ANY($3::uuid[]) OR c.days_past_due = ANY($12::int[]))
)
INSERT INTO tasks (case_id, kind, due_at, team_id, payload, source_key, created_at)
SELECT c.id, e.kind, ($1::date + time '09:00') AT TIME ZONE p.time_zone, c.team_id,
  jsonb_build_object('segmentKey', e.segment_key, 'escalationId', e.escalation_id, 'action', e.action,
    'strategyVersion', e.version, 'brokenPromises', c.broken_promises, 'daysPastDue', c.days_past_due),
  'escalation:' || c.id || ':' || e.segment_key || ':' || e.escalation_id, $2
FROM candidates c JOIN e ON e.portfolio_id = c.portfolio_id AND e.segment_key = c.segment_key
JOIN portfolios p ON p.id = c.portfolio_id
WHERE ((e.after_broken IS NOT NULL AND c.broken_promises >= e.after_broken)
    OR (e.after_dpd IS NOT NULL AND c.days_past_due >= e.after_dpd))
  AND (c.segment_since = $1::date OR c.id = ANY($3::uuid[])
    OR (e.after_dpd IS NOT NULL AND c.days_past_due BETWEEN e.after_dpd AND e.after_dpd + $13::int - 1))
ON CONFLICT (source_key) DO NOTHING
RETURNING 1`;

/*
 * SMS by the segment's cadence (every N days from the day the case entered it), to the debtor's own
 * mobile number that is not known to be invalid, with the published version of the template; the
 * dispatcher asks the contact gate before sending and fills in the merge fields. Once per case, template
 * and day. Not for cases placed with an agency or on hold.
 */
const SMS = `
WITH s AS (
  SELECT * FROM unnest($3::uuid[], $4::text[], $5::uuid[], $6::int[]) AS s(portfolio_id, segment_key, family_id, every_days)
), candidates AS MATERIALIZED (
  SELECT c.id, c.portfolio_id, c.segment_key, c.segment_since, c.debtor_id
  FROM cases c
  WHERE c.status = 'open' AND c.segment_key = ANY($4::text[]) AND c.agency_id IS NULL
    AND NOT (c.complaint_freeze OR c.legal_hold OR c.cease OR c.deceased OR c.bankruptcy)
)
INSERT INTO sms_outbox (case_id, phone, template_id, body, source_key, queued_at)
SELECT c.id, ph.number, t.id, t.body, 'sms:' || c.id || ':' || s.family_id || ':' || $1::date, $2
FROM candidates c JOIN s ON s.portfolio_id = c.portfolio_id AND s.segment_key = c.segment_key
JOIN templates t ON t.family_id = s.family_id AND t.kind = 'sms' AND t.status = 'published'
CROSS JOIN LATERAL (
  SELECT d.number FROM debtor_phones d
  WHERE d.debtor_id = c.debtor_id AND d.type = 'mobile' AND d.validity <> 'invalid'
  ORDER BY d.validity = 'valid' DESC, d.created_at LIMIT 1) ph
WHERE ($1::date - c.segment_since) % s.every_days = 0
ON CONFLICT (source_key) DO NOTHING
RETURNING 1`;

/*
 * Promises due before the day (plus grace) are decided from the payments posted on the promise's account
 * between the day it was made and its due date plus grace: paid in full → kept, something → partly kept,
 * nothing → broken. Then each affected case's count of broken promises since the last kept one.
 */
const DECIDE_PROMISES = `
WITH due AS (
  SELECT pr.id, pr.amount_fen,
    coalesce((SELECT sum(pay.amount_fen - pay.overpayment_fen) FROM payments pay
      WHERE pay.account_id = pr.account_id AND pay.status = 'posted'
        AND pay.posted_on >= (pr.created_at AT TIME ZONE p.time_zone)::date
        AND pay.posted_on <= pr.due_date + $2::int), 0)::bigint AS paid
  FROM promises pr JOIN cases c ON c.id = pr.case_id JOIN portfolios p ON p.id = c.portfolio_id
  WHERE pr.status = 'pending' AND pr.due_date + $2::int < $1::date
), decided AS (
  UPDATE promises pr SET
    status = CASE WHEN d.paid >= d.amount_fen THEN 'kept' WHEN d.paid > 0 THEN 'partly_kept' ELSE 'broken' END,
    paid_fen = least(d.paid, d.amount_fen), decided_on = $1::date, updated_at = $3
  FROM due d WHERE pr.id = d.id
  RETURNING pr.case_id, pr.status
)
SELECT count(*) FILTER (WHERE status = 'kept')::int AS kept,
  count(*) FILTER (WHERE status = 'partly_kept')::int AS partly,
  count(*) FILTER (WHERE status = 'broken')::int AS broken,
  coalesce(array_agg(DISTINCT case_id), '{}') AS case_ids
FROM decided`;

/* The cases whose promises were just decided ($1): broken promises since the last kept one. */
const STREAKS = `
WITH affected AS (SELECT DISTINCT unnest($1::uuid[]) AS case_id)
SELECT c.id AS case_id, c.account_id, c.status, (count(*) FILTER (WHERE p.status = 'broken' AND p.due_date > coalesce(
    (SELECT max(k.due_date) FROM promises k WHERE k.case_id = p.case_id AND k.status = 'kept'),
    '-infinity'::date)))::int AS n
FROM promises p JOIN affected f ON f.case_id = p.case_id JOIN cases c ON c.id = p.case_id
GROUP BY c.id, c.account_id, c.status`;

/* Streaks of closed cases (the re-age pass only writes open ones): $1 case ids, $2 streaks. */
const CLOSED_STREAKS = `
UPDATE cases c SET broken_promises = s.n, updated_at = $3
FROM unnest($1::uuid[], $2::int[]) AS s(case_id, n) WHERE c.id = s.case_id AND c.broken_promises <> s.n`;

/*
 * A reminder the day before a pending promise falls due, and a follow-up within 24 hours of a promise
 * that was broken or only partly kept, for the case's collector (or team). Each exists once.
 * Follow-ups also put the case at the head of its collector's queue.
 */
const REMINDERS = `
INSERT INTO tasks (case_id, kind, due_at, assigned_user_id, team_id, payload, source_key, created_at)
SELECT pr.case_id, 'promise_reminder', ($1::date + time '09:00') AT TIME ZONE p.time_zone,
  c.assigned_collector_id, c.team_id,
  jsonb_build_object('promiseId', pr.id, 'amountFen', pr.amount_fen, 'dueDate', pr.due_date),
  'promise:' || pr.id || ':reminder', $2
FROM promises pr JOIN cases c ON c.id = pr.case_id JOIN portfolios p ON p.id = c.portfolio_id
WHERE pr.status = 'pending' AND pr.due_date = $1::date + 1 AND c.status = 'open'
ON CONFLICT (source_key) DO NOTHING
RETURNING 1`;

const FOLLOW_UPS = `
WITH created AS (
  INSERT INTO tasks (case_id, kind, due_at, assigned_user_id, team_id, payload, source_key, created_at)
  SELECT pr.case_id, 'promise_follow_up', (pr.decided_on + 1 + time '12:00') AT TIME ZONE p.time_zone,
    c.assigned_collector_id, c.team_id,
    jsonb_build_object('promiseId', pr.id, 'amountFen', pr.amount_fen, 'paidFen', pr.paid_fen,
      'dueDate', pr.due_date, 'status', pr.status),
    'promise:' || pr.id || ':follow_up', $2
  FROM promises pr JOIN cases c ON c.id = pr.case_id JOIN portfolios p ON p.id = c.portfolio_id
  WHERE pr.status IN ('broken', 'partly_kept') AND pr.decided_on = $1::date AND c.status = 'open'
  ON CONFLICT (source_key) DO NOTHING
  RETURNING case_id, due_at
)
SELECT c.account_id, min(f.due_at) AS due_at, count(*)::int AS n
FROM created f JOIN cases c ON c.id = f.case_id GROUP BY c.account_id`;

async function runSteps(
  sql: SqlSession,
  asOf: string,
  grace: number,
  now: Date,
  timings: Record<string, number>,
): Promise<BatchCounts> {
  const step = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    const start = performance.now();
    const result = await run();
    timings[name] = Math.round(performance.now() - start);
    return result;
  };
  const promises = await step('promises', () =>
    sql.query<{ kept: number; partly: number; broken: number; case_ids: string[] }>(DECIDE_PROMISES, [
      asOf,
      grace,
      now,
    ]),
  );
  const decidedCases = promises.rows[0]?.case_ids ?? [];
  // Instalments of a plan are re-decided by the plan's cumulative rule before the streaks are counted.
  const arrangements = await step('arrangements', () => decideArrangements(sql, asOf, now));
  // The cases whose promises were decided: their streak (and below, their follow-up) is written by the
  // re-age pass, one write per case; closed ones (which that pass skips) directly.
  const perAccount = new Map<string, AccountChange>();
  const change = (accountId: string): AccountChange => {
    let entry = perAccount.get(accountId);
    if (!entry) {
      entry = {
        account_id: accountId,
        broken: null,
        follow_up_at: null,
        reclassified: false,
        cls: null,
        reasons: null,
      };
      perAccount.set(accountId, entry);
    }
    return entry;
  };
  if (decidedCases.length > 0) {
    await step('brokenCounts', async () => {
      const streaks = await sql.query<{ case_id: string; account_id: string; status: string; n: number }>(
        STREAKS,
        [decidedCases],
      );
      const closed = streaks.rows.filter((row) => row.status !== 'open');
      if (closed.length > 0) {
        await sql.query(CLOSED_STREAKS, [closed.map((row) => row.case_id), closed.map((row) => row.n), now]);
      }
      for (const row of streaks.rows) if (row.status === 'open') change(row.account_id).broken = row.n;
    });
  }
  const placementsEnded = await step('placements', () => endExpiredPlacements(sql, asOf, now));
  const casesAssigned = await step('assignment', async () => {
    // Portfolios with unassigned open in-house cases and at least one active collector to give them to.
    const portfolios = await sql.query<{ id: string }>(ASSIGNABLE_PORTFOLIOS);
    let assigned = 0;
    for (const { id } of portfolios.rows) assigned += (await assignUnassignedInTx(sql, id, now)).assigned;
    return assigned;
  });
  const casesReclassified = await step('reclassify', async () => {
    const ids = (await sql.query<{ id: string }>(TO_RECLASSIFY, [decidedCases, asOf])).rows.map((r) => r.id);
    if (ids.length > FOLD_RECLASSIFIED) {
      // Many at once (the first night, a large import): written in chunks of their own.
      for (let i = 0; i < ids.length; i += RECLASSIFY_CHUNK) {
        await storeAssessments(sql, ids.slice(i, i + RECLASSIFY_CHUNK), asOf, now, { priority: false });
      }
      return ids.length;
    }
    for (let i = 0; i < ids.length; i += RECLASSIFY_CHUNK) {
      for (const row of await classifyCases(sql, ids.slice(i, i + RECLASSIFY_CHUNK), asOf)) {
        const entry = change(row.accountId);
        entry.reclassified = true;
        entry.cls = row.delinquencyClass;
        entry.reasons = JSON.parse(row.reasons);
      }
    }
    return ids.length;
  });
  const followUps = await step('followUps', () =>
    sql.query<{ account_id: string; due_at: Date; n: number }>(FOLLOW_UPS, [asOf, now]),
  );
  let followUpsCreated = 0;
  for (const row of followUps.rows) {
    followUpsCreated += Number(row.n);
    change(row.account_id).follow_up_at = new Date(row.due_at).toISOString();
  }
  const strategies = await activeStrategies(sql);
  const reage = reageSql(strategies);
  await sql.query(BATCH_CHANGES_TABLE);
  if (perAccount.size > 0) {
    await sql.query(FILL_BATCH_CHANGES, [JSON.stringify([...perAccount.values()])]);
  }
  await sql.query('ANALYZE batch_changes');
  const reaged = await step('reage', () =>
    sql.query<{ n: number; entered: number; moves: number }>(reage.text, [asOf, now, ...reage.params]),
  );
  const escalations = escalationRows(strategies);
  const sinceLastRun = await daysSinceLastRun(sql, asOf);
  const escalationsCreated =
    escalations.portfolioIds.length === 0
      ? 0
      : (
          await step('escalations', () =>
            sql.query(ESCALATIONS, [
              asOf,
              now,
              decidedCases,
              escalations.portfolioIds,
              escalations.segmentKeys,
              escalations.escalationIds,
              escalations.actions,
              escalations.taskKinds,
              escalations.afterBrokenPromises,
              escalations.afterDaysPastDue,
              escalations.versions,
              crossingDays(escalations.afterDaysPastDue, sinceLastRun),
              sinceLastRun,
            ]),
          )
        ).rows.length;
  const sms = smsRows(strategies);
  const smsQueued =
    sms.portfolioIds.length === 0
      ? 0
      : (
          await step('sms', () =>
            sql.query(SMS, [
              asOf,
              now,
              sms.portfolioIds,
              sms.segmentKeys,
              sms.templateFamilyIds,
              sms.everyDays,
            ]),
          )
        ).rows.length;
  const remindersCreated = (await step('reminders', () => sql.query(REMINDERS, [asOf, now]))).rows.length;
  return {
    casesReaged: Number(reaged.rows[0]?.n ?? 0),
    bucketMoves: Number(reaged.rows[0]?.moves ?? 0),
    casesReclassified,
    segmentsChanged: Number(reaged.rows[0]?.entered ?? 0),
    escalationsCreated,
    smsQueued,
    arrangementsCompleted: arrangements.arrangementsCompleted,
    arrangementsBroken: arrangements.arrangementsBroken,
    placementsEnded,
    casesAssigned,
    promisesKept: Number(promises.rows[0]?.kept ?? 0),
    promisesPartlyKept: Number(promises.rows[0]?.partly ?? 0),
    promisesBroken: Number(promises.rows[0]?.broken ?? 0),
    remindersCreated,
    followUpsCreated,
  };
}

/**
 * Runs the nightly batch for `asOf` (a business date, YYYY-MM-DD). Throws BATCH_RUNNING when another
 * node is running it; any failure rolls the whole day back and is recorded as a failed run.
 */
export async function runNightlyBatch(store: Store, options: BatchOptions): Promise<BatchResult> {
  const { asOf } = options;
  if (!isBusinessDate(asOf)) throw invalid('asOf', '须为日期 YYYY-MM-DD', 'must be a date YYYY-MM-DD');
  const grace = options.promiseGraceDays ?? 0;
  if (!Number.isInteger(grace) || grace < 0 || grace > 30) {
    throw invalid('promiseGraceDays', '须为 0 到 30 的整数', 'must be a whole number from 0 to 30');
  }
  const now = options.now ?? new Date();
  const node = `${hostname()}:${process.pid}`;
  try {
    return await store.transaction(async ({ sql }) => {
      const locked = await sql.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS ok', [
        BATCH_LOCK,
      ]);
      if (!locked.rows[0]?.ok) throw new AppError('BATCH_RUNNING', { asOf });
      // The re-age pass joins every case with its account: memory for that hash join in this one
      // transaction (a nightly job on its own connection), so it does not spill to disk.
      await sql.query(`SET LOCAL work_mem = '${BATCH_WORK_MEM}'`);
      const timings: Record<string, number> = {};
      const counts = await runSteps(sql, asOf, grace, now, timings);
      const run = await sql.query<{ id: string }>(
        `INSERT INTO batch_runs (as_of, status, counts, node, started_at, finished_at)
         VALUES ($1, 'done', $2, $3, $4, $5) RETURNING id`,
        [asOf, JSON.stringify(counts), node, now, new Date()],
      );
      return { runId: run.rows[0]?.id as string, asOf, counts, timings };
    });
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'BATCH_RUNNING')) {
      await store.sql
        .query(
          `INSERT INTO batch_runs (as_of, status, error, node, started_at, finished_at)
           VALUES ($1, 'failed', $2, $3, $4, $5)`,
          [asOf, String((error as Error).message ?? error).slice(0, 2000), node, now, new Date()],
        )
        .catch(() => undefined);
    }
    throw error;
  }
}
