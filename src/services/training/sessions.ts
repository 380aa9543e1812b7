/**
 * Role-play calls in the training simulator: start, one trainee line at a time, end; the after-call
 * report; the lists a trainee and a trainer read.
 *
 * The engine (training/engine.ts) is pure: a call is its JSON session, stored as it is in
 * `training_sessions.engine`. A turn reads the row, lets the engine advance it, optionally has the
 * configured LLM word the debtor's reply (never the state or the grade), and writes it back with a
 * conditional update on the number of trainee turns read: of two lines sent to the same call at once
 * one wins, the other gets TRAINING_TURN_CONFLICT and changes nothing. When a call ends (promise,
 * hang-up, time limit, or the trainee ending it) the report is graded and stored with its score, pass
 * and violations in the same statement, and certification is recorded if the call completed it.
 * Starting and ending a call are audited; the turns are the call's own record.
 */
import { randomInt } from 'node:crypto';
import type { LlmConfig } from '../../config';
import type { BilingualText } from '../../domain/bilingual';
import { localDateOf } from '../../domain/dates';
import { AppError, invalid } from '../../errors';
import type { SqlSession, Store } from '../../store/db';
import { endCall, setReplyText, startSession, takeTurn } from '../../training/engine';
import { gradeSession } from '../../training/grading';
import { findScenario, SCENARIOS } from '../../training/scenarios';
import type { EngineSession, ReplyIntent, Scenario, TrainingReport } from '../../training/types';
import type { Actor } from '../actor';
import { writeAudit } from '../audit';
import { isUuid } from '../ids';
import { assertPractice, assertTrainingReader, may } from './access';
import { certifyIfEarned } from './certify';
import { wordReplyWithLlm } from './llm';

/** What a call needs from outside: the center's time zone (the call's business date) and the LLM. */
export interface TrainingDeps {
  timeZone: string;
  llm: LlmConfig | null;
  /** For tests: the HTTP client the LLM is called with. */
  fetch?: typeof fetch;
}

interface SessionRow {
  id: string;
  user_id: string;
  display_name: string;
  scenario_id: string;
  seed: number;
  status: 'active' | 'ended';
  engine: EngineSession;
  report: TrainingReport | null;
  llm: boolean;
  hint: BilingualText | null;
  started_at: Date;
  ended_at: Date | null;
}

export interface TrainingSessionView {
  id: string;
  scenarioId: string;
  scenarioTitle: BilingualText;
  trainee: { id: string; displayName: string };
  seed: number;
  status: 'active' | 'ended';
  startedAt: string;
  endedAt: string | null;
  turns: { speaker: 'trainee' | 'debtor'; text: string }[];
  lastIntent: ReplyIntent | null;
  traineeTurns: number;
  turnLimit: number;
  hint: BilingualText | null;
  llm: boolean;
  report: TrainingReport | null;
}

const SESSION_SELECT = `SELECT s.id, s.user_id, u.display_name, s.scenario_id, s.seed, s.status, s.engine, s.report,
    s.llm, s.hint, s.started_at, s.ended_at
  FROM training_sessions s JOIN users u ON u.id = s.user_id`;

function scenarioOrThrow(id: string): Scenario {
  const scenario = findScenario(id);
  if (!scenario) throw new AppError('TRAINING_SCENARIO_NOT_FOUND', { id });
  return scenario;
}

function viewOf(row: SessionRow): TrainingSessionView {
  const scenario = scenarioOrThrow(row.scenario_id);
  const engine = row.engine;
  const last = [...engine.meta].reverse().find((meta) => meta.speaker === 'debtor');
  return {
    id: row.id,
    scenarioId: row.scenario_id,
    scenarioTitle: { ...scenario.title },
    trainee: { id: row.user_id, displayName: row.display_name },
    seed: row.seed,
    status: row.status,
    startedAt: row.started_at.toISOString(),
    endedAt: row.ended_at ? row.ended_at.toISOString() : null,
    turns: engine.turns.map((turn) => ({ speaker: turn.speaker, text: turn.text })),
    lastIntent: last?.speaker === 'debtor' ? last.intent : null,
    traineeTurns: engine.traineeTurns,
    turnLimit: scenario.turnLimit,
    hint: row.status === 'active' ? row.hint : null,
    llm: row.llm,
    report: row.report,
  };
}

async function loadRow(sql: SqlSession, id: string): Promise<SessionRow | null> {
  if (!isUuid(id)) return null;
  const found = await sql.query<SessionRow>(`${SESSION_SELECT} WHERE s.id = $1::uuid`, [id]);
  return found.rows[0] ?? null;
}

/** The call, if the actor may read it: their own, or anyone's for a trainer. */
async function readable(sql: SqlSession, actor: Actor, id: string): Promise<SessionRow> {
  const userId = assertTrainingReader(actor);
  const row = await loadRow(sql, id);
  if (!row || (row.user_id !== userId && !may(actor, 'training.manage'))) {
    throw new AppError('TRAINING_SESSION_NOT_FOUND');
  }
  return row;
}

/** The actor's own call (only the trainee speaks in it). */
async function own(sql: SqlSession, actor: Actor, id: string): Promise<SessionRow> {
  const userId = assertPractice(actor);
  const row = await loadRow(sql, id);
  if (!row || row.user_id !== userId) throw new AppError('TRAINING_SESSION_NOT_FOUND');
  return row;
}

/** Transport failures in a row (timeouts, network, HTTP errors) after which the LLM is rested. */
export const LLM_FAILURES_TO_REST = 3;
/** How long the LLM is left alone after that: every trainee meanwhile gets the offline lines at once. */
export const LLM_REST_MS = 60_000;

/** Per configured endpoint (the app's deps object): failures in a row and until when it rests. */
const llmHealth = new WeakMap<TrainingDeps, { failures: number; restUntil: number }>();

/**
 * Has the LLM word a debtor line of the session, when one is configured; the engine's line otherwise.
 * An endpoint that failed LLM_FAILURES_TO_REST times in a row on transport is not asked for
 * LLM_REST_MS, so a model that is down costs the trainees its timeout a few times, not on every line.
 */
async function worded(
  deps: TrainingDeps,
  scenario: Scenario,
  session: EngineSession,
  turnIndex: number,
): Promise<{ session: EngineSession; llm: boolean }> {
  if (!deps.llm || session.turns[turnIndex]?.speaker !== 'debtor') return { session, llm: false };
  const health = llmHealth.get(deps) ?? { failures: 0, restUntil: 0 };
  llmHealth.set(deps, health);
  if (Date.now() < health.restUntil) return { session, llm: false };
  const result = await wordReplyWithLlm(
    deps.llm,
    { scenario, session, turnIndex },
    deps.fetch ? { fetch: deps.fetch } : {},
  );
  const transport = result.reason === 'timeout' || /^(network|http) /u.test(result.reason ?? '');
  health.failures = transport ? health.failures + 1 : 0;
  if (health.failures >= LLM_FAILURES_TO_REST) {
    health.failures = 0;
    health.restUntil = Date.now() + LLM_REST_MS;
  }
  if (!result.llm) return { session, llm: false };
  return { session: setReplyText(session, turnIndex, result.text), llm: true };
}

export interface StartTrainingInput {
  scenarioId: unknown;
  seed?: unknown;
}

/** A new call: the simulated person answers the phone. */
export async function startTrainingSession(
  store: Store,
  actor: Actor,
  input: StartTrainingInput,
  now: Date,
  deps: TrainingDeps,
): Promise<TrainingSessionView> {
  const userId = assertPractice(actor);
  if (typeof input.scenarioId !== 'string' || input.scenarioId.trim() === '') {
    throw invalid('scenarioId', '必须填写场景', 'a scenario is required');
  }
  const scenario = scenarioOrThrow(input.scenarioId);
  let seed: number;
  if (input.seed === undefined || input.seed === null) seed = randomInt(0, 2_147_483_647);
  else if (
    typeof input.seed === 'number' &&
    Number.isInteger(input.seed) &&
    input.seed >= 0 &&
    input.seed <= 2_147_483_647
  ) {
    seed = input.seed;
  } else {
    throw invalid('seed', '必须是 0 到 2147483647 之间的整数', 'must be a whole number from 0 to 2147483647');
  }
  const today = localDateOf(now, deps.timeZone);
  const opened = await worded(deps, scenario, startSession({ scenario, seed, today }), 0);
  const id = await store.transaction(async (tx) => {
    const inserted = await tx.sql.query<{ id: string }>(
      `INSERT INTO training_sessions (user_id, scenario_id, seed, status, engine, llm, started_at)
       VALUES ($1::uuid, $2, $3, 'active', $4::jsonb, $5, $6) RETURNING id`,
      [userId, scenario.id, seed, JSON.stringify(opened.session), opened.llm, now],
    );
    const newId = inserted.rows[0]?.id as string;
    await writeAudit(tx.db, actor, {
      action: 'training.session.start',
      entityType: 'training_session',
      entityId: newId,
      after: { scenarioId: scenario.id, seed, today },
    });
    return newId;
  });
  return getTrainingSession(store, actor, id);
}

export async function getTrainingSession(
  store: Store,
  actor: Actor,
  id: string,
): Promise<TrainingSessionView> {
  return viewOf(await readable(store.sql, actor, id));
}

/** Writes an ended call: the report, score, pass, violations; then certification if it completed it. */
async function storeEnded(
  store: Store,
  actor: Actor,
  row: SessionRow,
  session: EngineSession,
  llm: boolean,
  now: Date,
  expectedTurns: number,
): Promise<void> {
  const scenario = scenarioOrThrow(row.scenario_id);
  const report = gradeSession(session, scenario);
  const violations = report.findings.filter((finding) => finding.severity === 'error').length;
  await store.transaction(async (tx) => {
    const updated = await tx.sql.query(
      `UPDATE training_sessions SET engine = $2::jsonb, status = 'ended', report = $3::jsonb, score = $4,
         passed = $5, violations = $6, ended = $7, llm = llm OR $8, hint = NULL, ended_at = $9
       WHERE id = $1::uuid AND status = 'active' AND (engine->>'traineeTurns')::int = $10`,
      [
        row.id,
        JSON.stringify(session),
        JSON.stringify(report),
        report.score,
        report.passed,
        violations,
        report.outcome.ended,
        llm,
        now,
        expectedTurns,
      ],
    );
    if (updated.rowCount === 0) throw await conflictOf(tx.sql, row.id);
    await writeAudit(tx.db, actor, {
      action: 'training.session.end',
      entityType: 'training_session',
      entityId: row.id,
      after: {
        scenarioId: row.scenario_id,
        ended: report.outcome.ended,
        score: report.score,
        passed: report.passed,
        violations,
      },
    });
    if (report.passed) await certifyIfEarned(tx, actor, row.user_id, now);
  });
}

/** Why a conditional update found nothing: the call ended meanwhile, or another line came first. */
async function conflictOf(sql: SqlSession, id: string): Promise<AppError> {
  const now = await sql.query<{ status: string }>(
    'SELECT status FROM training_sessions WHERE id = $1::uuid',
    [id],
  );
  return new AppError(now.rows[0]?.status === 'ended' ? 'TRAINING_SESSION_ENDED' : 'TRAINING_TURN_CONFLICT');
}

/** One trainee line and the simulated person's reply (the report too when the line ended the call). */
export async function takeTrainingTurn(
  store: Store,
  actor: Actor,
  id: string,
  text: unknown,
  now: Date,
  deps: TrainingDeps,
): Promise<TrainingSessionView> {
  if (typeof text !== 'string') throw invalid('text', '必须是文字', 'must be text');
  if (text.trim() === '') throw invalid('text', '不能为空：请说一句话', 'must not be empty: say something');
  if (text.length > 2000) throw invalid('text', '一次最多 2000 个字', 'at most 2,000 characters at a time');
  const row = await own(store.sql, actor, id);
  if (row.status === 'ended') throw new AppError('TRAINING_SESSION_ENDED');
  const scenario = scenarioOrThrow(row.scenario_id);
  const before = row.engine.traineeTurns;
  const turn = takeTurn(row.engine, text);
  const reply = await worded(deps, scenario, turn.session, turn.session.turns.length - 1);
  if (reply.session.ended !== null) {
    await storeEnded(store, actor, row, reply.session, reply.llm, now, before);
  } else {
    const updated = await store.sql.query(
      `UPDATE training_sessions SET engine = $2::jsonb, hint = $3::jsonb, llm = llm OR $4
       WHERE id = $1::uuid AND status = 'active' AND (engine->>'traineeTurns')::int = $5`,
      [
        row.id,
        JSON.stringify(reply.session),
        turn.hint ? JSON.stringify(turn.hint) : null,
        reply.llm,
        before,
      ],
    );
    if (updated.rowCount === 0) throw await conflictOf(store.sql, row.id);
  }
  return getTrainingSession(store, actor, id);
}

/** The trainee hangs up: the call is graded as it stands. Ending an ended call returns it unchanged. */
export async function endTrainingSession(
  store: Store,
  actor: Actor,
  id: string,
  now: Date,
): Promise<TrainingSessionView> {
  const row = await own(store.sql, actor, id);
  if (row.status === 'ended') return viewOf(row);
  const session = endCall(row.engine, 'hang_up');
  try {
    await storeEnded(store, actor, row, session, false, now, row.engine.traineeTurns);
  } catch (e) {
    // Ended by a line that arrived at the same moment: the call is over either way.
    if (!(e instanceof AppError && e.code === 'TRAINING_SESSION_ENDED')) throw e;
  }
  return getTrainingSession(store, actor, id);
}

// ——— lists ———

export interface SessionFilters {
  traineeId?: string | null;
  scenarioId?: string | null;
  cohortId?: string | null;
}

export interface SessionListItem {
  id: string;
  scenarioId: string;
  scenarioTitle: BilingualText;
  difficulty: 1 | 2 | 3;
  trainee: { id: string; displayName: string };
  status: 'active' | 'ended';
  startedAt: string;
  endedAt: string | null;
  score: number | null;
  passed: boolean | null;
  ended: 'promise' | 'hang_up' | 'time_limit' | 'script_end' | null;
  violations: number;
}

interface ListRow {
  id: string;
  user_id: string;
  display_name: string;
  scenario_id: string;
  status: 'active' | 'ended';
  started_at: Date;
  ended_at: Date | null;
  score: number | null;
  passed: boolean | null;
  ended: SessionListItem['ended'];
  violations: number;
}

/** The most calls a list answers (newest first). */
export const SESSION_LIST_LIMIT = 200;

/** Reads calls newest first for the given trainee(s); used by the lists and by progress. */
export async function querySessions(sql: SqlSession, filters: SessionFilters): Promise<SessionListItem[]> {
  const rows = await sql.query<ListRow>(
    `SELECT s.id, s.user_id, u.display_name, s.scenario_id, s.status, s.started_at, s.ended_at, s.score, s.passed,
       s.ended, s.violations
     FROM training_sessions s JOIN users u ON u.id = s.user_id
     WHERE ($1::uuid IS NULL OR s.user_id = $1::uuid)
       AND ($2::text IS NULL OR s.scenario_id = $2::text)
       AND ($3::uuid IS NULL OR s.user_id IN (SELECT m.user_id FROM training_cohort_members m WHERE m.cohort_id = $3::uuid))
     ORDER BY s.started_at DESC, s.id DESC
     LIMIT ${SESSION_LIST_LIMIT}`,
    [filters.traineeId ?? null, filters.scenarioId ?? null, filters.cohortId ?? null],
  );
  return rows.rows.flatMap((row) => {
    const scenario = findScenario(row.scenario_id);
    if (!scenario) return [];
    return [
      {
        id: row.id,
        scenarioId: row.scenario_id,
        scenarioTitle: { ...scenario.title },
        difficulty: scenario.difficulty,
        trainee: { id: row.user_id, displayName: row.display_name },
        status: row.status,
        startedAt: row.started_at.toISOString(),
        endedAt: row.ended_at ? row.ended_at.toISOString() : null,
        score: row.score,
        passed: row.passed,
        ended: row.ended,
        violations: row.violations,
      },
    ];
  });
}

function optionalId(value: unknown, field: string): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string' || !isUuid(value))
    throw invalid(field, '不是有效的编号', 'is not a valid id');
  return value;
}

/**
 * Calls newest first: a trainee's own (asking for someone else's is refused); a trainer's of anyone,
 * filtered by trainee, scenario and cohort.
 */
export async function listTrainingSessions(
  store: Store,
  actor: Actor,
  filters: { traineeId?: unknown; scenarioId?: unknown; cohortId?: unknown },
): Promise<SessionListItem[]> {
  const userId = assertTrainingReader(actor);
  const traineeId = optionalId(filters.traineeId, 'traineeId');
  const cohortId = optionalId(filters.cohortId, 'cohortId');
  let scenarioId: string | null = null;
  if (typeof filters.scenarioId === 'string' && filters.scenarioId !== '') {
    scenarioId = scenarioOrThrow(filters.scenarioId).id;
  }
  if (!may(actor, 'training.manage')) {
    if ((traineeId && traineeId !== userId) || cohortId) throw new AppError('FORBIDDEN');
    return querySessions(store.sql, { traineeId: userId, scenarioId });
  }
  return querySessions(store.sql, { traineeId, scenarioId, cohortId });
}

// ——— the library ———

export interface ScenarioSummary {
  id: string;
  title: BilingualText;
  background: BilingualText;
  difficulty: 1 | 2 | 3;
  drill: Scenario['drill'];
  party: Scenario['party'];
  relation: BilingualText | null;
  persona: Scenario['persona']['type'];
  goalText: BilingualText;
  turnLimit: number;
  tags: string[];
  account: {
    creditor: string;
    product: BilingualText;
    debtorName: string;
    balanceFen: number;
    overdueFen: number;
    daysPastDue: number;
    lastPayment: { date: string; amountFen: number } | null;
    brokenPromises: number;
  };
  assignedDue: string | null;
  best: { score: number; passed: boolean } | null;
}

/**
 * The scenario library as the reader sees it: each scenario with the persona's type (its hidden state
 * stays hidden), the earliest due date of a trainer's assignment to one of the reader's cohorts, and
 * the reader's best result so far.
 */
export async function listScenarios(store: Store, actor: Actor): Promise<ScenarioSummary[]> {
  const userId = assertTrainingReader(actor);
  const assigned = await store.sql.query<{ scenario_id: string; due: string | null }>(
    `SELECT a.scenario_id, min(a.due_date) AS due
     FROM training_assignments a JOIN training_cohort_members m ON m.cohort_id = a.cohort_id
     WHERE m.user_id = $1::uuid GROUP BY a.scenario_id`,
    [userId],
  );
  const best = await store.sql.query<{ scenario_id: string; score: number; passed: boolean }>(
    `SELECT scenario_id, max(score)::int AS score, bool_or(passed) AS passed FROM training_sessions
     WHERE user_id = $1::uuid AND status = 'ended' GROUP BY scenario_id`,
    [userId],
  );
  const dueOf = new Map(assigned.rows.map((row) => [row.scenario_id, row.due]));
  const bestOf = new Map(best.rows.map((row) => [row.scenario_id, row]));
  return SCENARIOS.map((scenario) => {
    const result = bestOf.get(scenario.id);
    return {
      id: scenario.id,
      title: { ...scenario.title },
      background: { ...scenario.background },
      difficulty: scenario.difficulty,
      drill: scenario.drill,
      party: scenario.party,
      relation: scenario.relation ? { ...scenario.relation } : null,
      persona: scenario.persona.type,
      goalText: { ...scenario.goalText },
      turnLimit: scenario.turnLimit,
      tags: [...scenario.tags],
      account: {
        creditor: scenario.account.creditor,
        product: { ...scenario.account.product },
        debtorName: scenario.account.debtorName,
        balanceFen: scenario.account.balanceFen,
        overdueFen: scenario.account.overdueFen,
        daysPastDue: scenario.account.daysPastDue,
        lastPayment: scenario.account.lastPayment ? { ...scenario.account.lastPayment } : null,
        brokenPromises: scenario.account.brokenPromises,
      },
      assignedDue: dueOf.has(scenario.id) ? (dueOf.get(scenario.id) ?? null) : null,
      best: result ? { score: result.score ?? 0, passed: result.passed === true } : null,
    };
  });
}
