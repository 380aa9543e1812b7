/**
 * A portfolio's collection strategy (催收策略), kept in versions: every version stays, with who wrote it,
 * who activated it and when, and what changed from the version before (domain/strategy diffStrategies).
 *
 * - A version is a draft, active or retired; a portfolio has at most one active version (a unique index)
 *   and at most one draft: a new draft is refused while one exists, and the draft is edited in place.
 * - Every definition written is checked by `validateStrategy` against the portfolio's bucket codes and
 *   its published SMS template families; a refusal names every problem (VALIDATION_FAILED with
 *   `details.problems`: field, code, zh, en) and changes nothing.
 * - Activating locks the portfolio row, checks the draft again (a template may have been retired since),
 *   retires the active version and activates the draft, so of two managers activating at once exactly
 *   one wins and the other is told the version is no longer a draft.
 * - Writing needs `strategy.manage`; reading needs `cases.read` (or `strategy.manage`). Every change is
 *   written to the audit log with before and after, in the same transaction.
 *
 * A portfolio without an active version simply has no segments (the nightly batch assigns none);
 * `createPortfolio` makes none; the demo seed starts its portfolio with the default strategy active.
 */

import { can, type Permission } from '../domain/roles';
import {
  defaultStrategy,
  diffStrategies,
  type StrategyChange,
  type StrategyDefinition,
  type StrategyProblem,
  validateStrategy,
} from '../domain/strategy';
import { AppError, invalid } from '../errors';
import type { SqlSession, Store } from '../store/db';
import type { Actor } from './actor';
import { writeAudit } from './audit';

export type StrategyStatus = 'draft' | 'active' | 'retired';
export const MAX_STRATEGY_NOTE = 500;

function allowed(actor: Actor, permission: Permission): boolean {
  return actor.kind === 'system' || (!!actor.role && can(actor.role, permission));
}

export function canManageStrategy(actor: Actor): boolean {
  return allowed(actor, 'strategy.manage');
}

function assertReader(actor: Actor): void {
  if (!allowed(actor, 'cases.read') && !allowed(actor, 'strategy.manage')) throw new AppError('FORBIDDEN');
}

function assertManager(actor: Actor): void {
  if (!canManageStrategy(actor)) throw new AppError('FORBIDDEN');
}

// ---- the portfolio and its context ----

interface PortfolioRow {
  id: string;
  code: string;
  name: string;
  bucket_config: { code: string; minDays: number; maxDays: number | null }[];
}

async function portfolioByCode(sql: SqlSession, code: string, lock = false): Promise<PortfolioRow> {
  const r = await sql.query<PortfolioRow>(
    `SELECT id, code, name, bucket_config FROM portfolios WHERE code = $1${lock ? ' FOR UPDATE' : ''}`,
    [code],
  );
  const row = r.rows[0];
  if (!row) throw new AppError('PORTFOLIO_NOT_FOUND', { code });
  return row;
}

export interface SmsTemplateChoice {
  familyId: string;
  name: string;
  version: number;
  /** null: a template of every portfolio. */
  portfolioCode: string | null;
}

/** The published SMS templates a portfolio's plans may use: its own, then those of every portfolio. */
export async function publishedSmsTemplates(
  sql: SqlSession,
  portfolioId: string,
): Promise<SmsTemplateChoice[]> {
  const r = await sql.query<{
    family_id: string;
    name: string;
    version: number;
    portfolio_code: string | null;
  }>(
    `SELECT t.family_id, t.name, t.version, p.code AS portfolio_code
     FROM templates t LEFT JOIN portfolios p ON p.id = t.portfolio_id
     WHERE t.kind = 'sms' AND t.status = 'published' AND (t.portfolio_id = $1::uuid OR t.portfolio_id IS NULL)
     ORDER BY (t.portfolio_id IS NULL), t.published_at, t.name, t.family_id`,
    [portfolioId],
  );
  return r.rows.map((row) => ({
    familyId: row.family_id,
    name: row.name,
    version: row.version,
    portfolioCode: row.portfolio_code,
  }));
}

interface Context {
  bucketCodes: string[];
  smsTemplates: SmsTemplateChoice[];
}

async function contextOf(sql: SqlSession, portfolio: PortfolioRow): Promise<Context> {
  return {
    bucketCodes: portfolio.bucket_config.map((b) => b.code),
    smsTemplates: await publishedSmsTemplates(sql, portfolio.id),
  };
}

function check(definition: unknown, context: Context): StrategyDefinition {
  const result = validateStrategy(definition, {
    bucketCodes: context.bucketCodes,
    smsTemplateFamilyIds: context.smsTemplates.map((t) => t.familyId),
  });
  if (result.ok) return result.definition;
  throw refusal(result.problems);
}

/** VALIDATION_FAILED naming the first problem, with all of them in `details.problems`. */
function refusal(problems: StrategyProblem[]): AppError {
  const first = problems[0] as StrategyProblem;
  const field = first.field ? `definition.${first.field}` : 'definition';
  return new AppError(
    'VALIDATION_FAILED',
    { field, reason: first.zh, reasonEn: first.en },
    {
      field,
      problems: problems.map((p) => ({ field: p.field, code: p.code, zh: p.zh, en: p.en })),
    },
  );
}

/** The portfolio's default strategy: its buckets, and its first published SMS template for SMS. */
function defaultFor(context: Context): {
  definition: StrategyDefinition;
  smsTemplateFamilyId: string | null;
} {
  const smsTemplateFamilyId = context.smsTemplates[0]?.familyId ?? null;
  return { definition: defaultStrategy(context.bucketCodes, { smsTemplateFamilyId }), smsTemplateFamilyId };
}

function checkNote(note: string | undefined): string {
  const trimmed = (note ?? '').trim();
  if (trimmed.length > MAX_STRATEGY_NOTE) {
    throw invalid(
      'note',
      `不能超过 ${MAX_STRATEGY_NOTE} 个字符`,
      `must be at most ${MAX_STRATEGY_NOTE} characters`,
    );
  }
  return trimmed;
}

// ---- reading ----

interface VersionRow {
  id: string;
  portfolio_id: string;
  version: number;
  status: StrategyStatus;
  definition: unknown;
  note: string;
  created_by_name: string | null;
  created_at: Date;
  activated_by_name: string | null;
  activated_at: Date | null;
}

const VERSION_SELECT = `SELECT s.id, s.portfolio_id, s.version, s.status, s.definition, s.note,
    cu.display_name AS created_by_name, s.created_at, au.display_name AS activated_by_name, s.activated_at
  FROM strategies s
  LEFT JOIN users cu ON cu.id = s.created_by
  LEFT JOIN users au ON au.id = s.activated_by`;

/** A stored definition read back for comparison: null when it does not have the shape (never written so). */
function storedDefinition(value: unknown): StrategyDefinition | null {
  const segments = (value as { segments?: unknown } | null)?.segments;
  const buckets = Array.isArray(segments)
    ? segments.flatMap((s) => {
        const list = (s as { when?: { buckets?: unknown } } | null)?.when?.buckets;
        return Array.isArray(list) ? list.filter((b): b is string => typeof b === 'string') : [];
      })
    : [];
  const result = validateStrategy(value, { bucketCodes: buckets });
  return result.ok ? result.definition : null;
}

export interface StrategyVersionSummary {
  version: number;
  status: StrategyStatus;
  note: string;
  /** null: written by the system (e.g. the demo seed). */
  createdByName: string | null;
  createdAt: string;
  activatedByName: string | null;
  activatedAt: string | null;
  segmentCount: number;
  /** What changed from the version before (empty for the first version). */
  changes: StrategyChange[];
}

function summaryOf(row: VersionRow, previous: VersionRow | undefined): StrategyVersionSummary {
  const definition = storedDefinition(row.definition);
  const before = previous ? storedDefinition(previous.definition) : null;
  return {
    version: row.version,
    status: row.status,
    note: row.note,
    createdByName: row.created_by_name,
    createdAt: row.created_at.toISOString(),
    activatedByName: row.activated_by_name,
    activatedAt: row.activated_at?.toISOString() ?? null,
    segmentCount: definition?.segments.length ?? 0,
    changes: definition && before ? diffStrategies(before, definition) : [],
  };
}

export interface StrategyOverview {
  portfolio: { code: string; name: string; buckets: string[] };
  canManage: boolean;
  activeVersion: number | null;
  draftVersion: number | null;
  /** The published SMS templates plans may use (for choosing one, and for showing names). */
  smsTemplates: SmsTemplateChoice[];
  /** Newest first. */
  versions: StrategyVersionSummary[];
}

/** A portfolio's strategy versions, newest first, each with its authors, note and changes. */
export async function listStrategies(
  store: Store,
  actor: Actor,
  portfolioCode: string,
): Promise<StrategyOverview> {
  assertReader(actor);
  const portfolio = await portfolioByCode(store.sql, portfolioCode);
  const rows = (
    await store.sql.query<VersionRow>(
      `${VERSION_SELECT} WHERE s.portfolio_id = $1::uuid ORDER BY s.version`,
      [portfolio.id],
    )
  ).rows;
  const versions = rows.map((row, i) => summaryOf(row, rows[i - 1])).reverse();
  return {
    portfolio: {
      code: portfolio.code,
      name: portfolio.name,
      buckets: portfolio.bucket_config.map((b) => b.code),
    },
    canManage: canManageStrategy(actor),
    activeVersion: rows.find((r) => r.status === 'active')?.version ?? null,
    draftVersion: rows.find((r) => r.status === 'draft')?.version ?? null,
    smsTemplates: await publishedSmsTemplates(store.sql, portfolio.id),
    versions,
  };
}

export interface StrategyVersionDetail extends StrategyVersionSummary {
  portfolioCode: string;
  definition: StrategyDefinition;
  /**
   * What would refuse this version now (e.g. a bucket renamed or an SMS template retired since it was
   * written); empty when it is still valid for the portfolio.
   */
  problems: StrategyProblem[];
}

async function detailOf(
  sql: SqlSession,
  portfolio: PortfolioRow,
  version: number,
): Promise<StrategyVersionDetail> {
  const r = await sql.query<VersionRow>(
    `${VERSION_SELECT} WHERE s.portfolio_id = $1::uuid AND s.version IN ($2, $3) ORDER BY s.version`,
    [portfolio.id, version - 1, version],
  );
  const row = r.rows.find((x) => x.version === version);
  if (!row) throw new AppError('NOT_FOUND');
  const previous = r.rows.find((x) => x.version === version - 1);
  const context = await contextOf(sql, portfolio);
  const now = validateStrategy(row.definition, {
    bucketCodes: context.bucketCodes,
    smsTemplateFamilyIds: context.smsTemplates.map((t) => t.familyId),
  });
  const definition = storedDefinition(row.definition);
  if (!definition) throw new AppError('INTERNAL');
  return {
    ...summaryOf(row, previous),
    portfolioCode: portfolio.code,
    definition,
    problems: now.ok ? [] : now.problems,
  };
}

function checkVersion(version: number): number {
  if (!Number.isSafeInteger(version) || version < 1) throw new AppError('NOT_FOUND');
  return version;
}

/** One version with its definition, its changes from the version before, and whether it is still valid. */
export async function getStrategy(
  store: Store,
  actor: Actor,
  portfolioCode: string,
  version: number,
): Promise<StrategyVersionDetail> {
  assertReader(actor);
  const portfolio = await portfolioByCode(store.sql, portfolioCode);
  return detailOf(store.sql, portfolio, checkVersion(version));
}

/** The default strategy for a portfolio's buckets (and its first published SMS template), not saved. */
export async function defaultStrategyFor(
  store: Store,
  actor: Actor,
  portfolioCode: string,
): Promise<{ definition: StrategyDefinition; smsTemplateFamilyId: string | null }> {
  assertReader(actor);
  const portfolio = await portfolioByCode(store.sql, portfolioCode);
  return defaultFor(await contextOf(store.sql, portfolio));
}

/**
 * The active strategy of a portfolio, for the nightly batch: its version and definition, or null when
 * the portfolio has none (its cases then get no segment).
 */
export async function activeStrategy(
  sql: SqlSession,
  portfolioId: string,
): Promise<{ id: string; version: number; definition: StrategyDefinition } | null> {
  const r = await sql.query<{ id: string; version: number; definition: StrategyDefinition }>(
    `SELECT id, version, definition FROM strategies WHERE portfolio_id = $1::uuid AND status = 'active'`,
    [portfolioId],
  );
  return r.rows[0] ?? null;
}

// ---- changes ----

export interface NewDraft {
  /** The definition to start from; without it, a copy of the active version (or the default). */
  definition?: unknown;
  /** Start from the default strategy for the portfolio's buckets. */
  fromDefault?: boolean;
  note?: string;
}

async function draftOf(
  sql: SqlSession,
  portfolioId: string,
): Promise<{ id: string; version: number } | null> {
  const r = await sql.query<{ id: string; version: number }>(
    `SELECT id, version FROM strategies WHERE portfolio_id = $1::uuid AND status = 'draft'`,
    [portfolioId],
  );
  return r.rows[0] ?? null;
}

/**
 * Creates the portfolio's draft: from the given definition, from the default strategy, or as a copy of
 * the active version. Refused while a draft exists (edit that one), and when the definition is invalid.
 */
export async function createStrategyDraft(
  store: Store,
  actor: Actor,
  portfolioCode: string,
  input: NewDraft,
  now: Date,
): Promise<StrategyVersionDetail> {
  assertManager(actor);
  const note = checkNote(input.note);
  if (input.definition !== undefined && input.fromDefault) {
    throw invalid(
      'fromDefault',
      '不能同时提供策略内容并选择从默认策略开始',
      'give either a definition or fromDefault, not both',
    );
  }
  return store.transaction(async ({ db, sql }) => {
    // Locked: two managers creating a draft at once get one draft and one refusal.
    const portfolio = await portfolioByCode(sql, portfolioCode, true);
    const existing = await draftOf(sql, portfolio.id);
    if (existing) {
      throw new AppError(
        'VALIDATION_FAILED',
        {
          field: 'draft',
          reason: `该资产包已有草稿（第 ${existing.version} 版），请编辑或生效该草稿后再新建`,
          reasonEn: `this portfolio already has a draft (version ${existing.version}); edit or activate it first`,
        },
        { field: 'draft', draftVersion: existing.version },
      );
    }
    const context = await contextOf(sql, portfolio);
    let source: 'definition' | 'default' | 'active';
    let candidate: unknown;
    let fromVersion: number | null = null;
    if (input.definition !== undefined) {
      source = 'definition';
      candidate = input.definition;
    } else if (input.fromDefault) {
      source = 'default';
      candidate = defaultFor(context).definition;
    } else {
      const active = await activeStrategy(sql, portfolio.id);
      if (!active) {
        throw invalid(
          'fromDefault',
          '该资产包还没有生效的策略可复制，请从默认策略开始或提供策略内容',
          'this portfolio has no active strategy to copy; start from the default or give a definition',
        );
      }
      source = 'active';
      candidate = active.definition;
      fromVersion = active.version;
    }
    const definition = check(candidate, context);
    const inserted = await sql.query<{ id: string; version: number }>(
      `INSERT INTO strategies (portfolio_id, version, status, definition, note, created_by, created_at)
       SELECT $1::uuid, coalesce(max(version), 0) + 1, 'draft', $2::jsonb, $3, $4::uuid, $5
       FROM strategies WHERE portfolio_id = $1::uuid
       RETURNING id, version`,
      [portfolio.id, JSON.stringify(definition), note, actor.userId, now],
    );
    const row = inserted.rows[0];
    if (!row) throw new AppError('INTERNAL');
    await writeAudit(db, actor, {
      action: 'strategy.create_draft',
      entityType: 'strategy',
      entityId: row.id,
      before: null,
      after: { portfolio: portfolio.code, version: row.version, source, fromVersion, note, definition },
    });
    return detailOf(sql, portfolio, row.version);
  });
}

async function lockedVersion(sql: SqlSession, portfolioId: string, version: number) {
  const r = await sql.query<{ id: string; status: StrategyStatus; definition: unknown; note: string }>(
    `SELECT id, status, definition, note FROM strategies
     WHERE portfolio_id = $1::uuid AND version = $2 FOR UPDATE`,
    [portfolioId, version],
  );
  const row = r.rows[0];
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

const STATUS_TEXT: Record<StrategyStatus, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'a draft' },
  active: { zh: '已生效', en: 'active' },
  retired: { zh: '已停用', en: 'retired' },
};

function notDraft(version: number, status: StrategyStatus): AppError {
  const text = STATUS_TEXT[status];
  return new AppError(
    'VALIDATION_FAILED',
    {
      field: 'version',
      reason: `第 ${version} 版当前为${text.zh}，只有草稿可以修改或生效`,
      reasonEn: `version ${version} is ${text.en}; only a draft can be edited or activated`,
    },
    { field: 'version', status },
  );
}

/** Saves the draft's definition (and note) in place. Refused for a version that is not a draft. */
export async function updateStrategyDraft(
  store: Store,
  actor: Actor,
  portfolioCode: string,
  version: number,
  input: { definition: unknown; note?: string },
): Promise<StrategyVersionDetail> {
  assertManager(actor);
  checkVersion(version);
  return store.transaction(async ({ db, sql }) => {
    const portfolio = await portfolioByCode(sql, portfolioCode);
    const row = await lockedVersion(sql, portfolio.id, version);
    if (row.status !== 'draft') throw notDraft(version, row.status);
    const note = input.note === undefined ? row.note : checkNote(input.note);
    const definition = check(input.definition, await contextOf(sql, portfolio));
    await sql.query(
      `UPDATE strategies SET definition = $2::jsonb, note = $3 WHERE id = $1::uuid AND status = 'draft'`,
      [row.id, JSON.stringify(definition), note],
    );
    await writeAudit(db, actor, {
      action: 'strategy.update_draft',
      entityType: 'strategy',
      entityId: row.id,
      before: { portfolio: portfolio.code, version, note: row.note, definition: row.definition },
      after: { portfolio: portfolio.code, version, note, definition },
    });
    return detailOf(sql, portfolio, version);
  });
}

/**
 * Activates the draft: the active version is retired and the draft becomes active, under the portfolio's
 * row lock. The draft is checked again first. A version that is not (or no longer) a draft is refused.
 */
export async function activateStrategy(
  store: Store,
  actor: Actor,
  portfolioCode: string,
  version: number,
  input: { note?: string },
  now: Date,
): Promise<StrategyVersionDetail> {
  assertManager(actor);
  checkVersion(version);
  const activationNote = checkNote(input.note);
  return store.transaction(async ({ db, sql }) => {
    // Every activation of the portfolio queues here: the second of two sees the outcome of the first.
    const portfolio = await portfolioByCode(sql, portfolioCode, true);
    const row = await lockedVersion(sql, portfolio.id, version);
    if (row.status !== 'draft') throw notDraft(version, row.status);
    const definition = check(row.definition, await contextOf(sql, portfolio));
    const note = activationNote || row.note;
    const retired = await sql.query<{ id: string; version: number }>(
      `UPDATE strategies SET status = 'retired' WHERE portfolio_id = $1::uuid AND status = 'active'
       RETURNING id, version`,
      [portfolio.id],
    );
    const previous = retired.rows[0] ?? null;
    const activated = await sql.query(
      `UPDATE strategies SET status = 'active', activated_by = $2::uuid, activated_at = $3, note = $4
       WHERE id = $1::uuid AND status = 'draft'`,
      [row.id, actor.userId, now, note],
    );
    if (activated.rowCount !== 1) throw new AppError('INTERNAL');
    await writeAudit(db, actor, {
      action: 'strategy.activate',
      entityType: 'strategy',
      entityId: row.id,
      before: {
        portfolio: portfolio.code,
        version,
        status: 'draft',
        activeVersion: previous?.version ?? null,
      },
      after: {
        portfolio: portfolio.code,
        version,
        status: 'active',
        note,
        segments: definition.segments.map((s) => s.key),
        retiredVersion: previous?.version ?? null,
      },
    });
    if (previous) {
      await writeAudit(db, actor, {
        action: 'strategy.retire',
        entityType: 'strategy',
        entityId: previous.id,
        before: { portfolio: portfolio.code, version: previous.version, status: 'active' },
        after: {
          portfolio: portfolio.code,
          version: previous.version,
          status: 'retired',
          replacedBy: version,
        },
      });
    }
    return detailOf(sql, portfolio, version);
  });
}

/**
 * Starts a portfolio with the default strategy as its active version 1, when it has no strategy yet
 * (the demo seed). Returns the version made, or null when the portfolio already had one.
 */
export async function seedDefaultStrategy(
  store: Store,
  actor: Actor,
  portfolioCode: string,
  now: Date,
): Promise<number | null> {
  assertManager(actor);
  return store.transaction(async ({ db, sql }) => {
    const portfolio = await portfolioByCode(sql, portfolioCode, true);
    const any = await sql.query('SELECT 1 FROM strategies WHERE portfolio_id = $1::uuid LIMIT 1', [
      portfolio.id,
    ]);
    if (any.rows.length > 0) return null;
    const context = await contextOf(sql, portfolio);
    const definition = check(defaultFor(context).definition, context);
    const note = '默认策略 / Default strategy';
    const r = await sql.query<{ id: string }>(
      `INSERT INTO strategies (portfolio_id, version, status, definition, note, created_by, created_at,
         activated_by, activated_at)
       VALUES ($1::uuid, 1, 'active', $2::jsonb, $3, $4::uuid, $5, $4::uuid, $5)
       RETURNING id`,
      [portfolio.id, JSON.stringify(definition), note, actor.userId, now],
    );
    const id = r.rows[0]?.id;
    if (!id) throw new AppError('INTERNAL');
    await writeAudit(db, actor, {
      action: 'strategy.activate',
      entityType: 'strategy',
      entityId: id,
      before: null,
      after: { portfolio: portfolio.code, version: 1, status: 'active', source: 'default', note, definition },
    });
    return 1;
  });
}
