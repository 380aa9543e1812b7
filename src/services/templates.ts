/**
 * SMS, letter and call-script templates with lint by the speech rules.
 *
 * Versioning: versions of one template share a family id. A draft is edited in place and every save
 * returns the lint findings. Publishing a draft is refused (TEMPLATE_HAS_VIOLATIONS, with the error-level
 * findings) while the lint finds any error; warnings are allowed and returned. A published version never
 * changes: it retires the previously published version of its family, and editing it starts the next
 * draft version (one draft per family at a time). Retiring takes a published version out of use, or
 * discards a draft. Every change, and every refused publication, is written to the audit log.
 */

import type { ProfileId } from '../compliance/profiles';
import {
  lintTemplate,
  type SpeechFinding,
  speechRuleInfo,
  TEMPLATE_KINDS,
  type TemplateKind,
} from '../compliance/speech';
import { can, type Permission } from '../domain/roles';
import { AppError, invalid } from '../errors';
import type { SqlSession, Store } from '../store/db';
import type { Actor } from './actor';
import { writeAudit } from './audit';
import { isUuid } from './ids';

export type TemplateStatus = 'draft' | 'published' | 'retired';

const MAX_BODY: Record<TemplateKind, number> = { sms: 500, letter: 20_000, script: 20_000 };
const DEFAULT_PROFILE: ProfileId = 'cn-cba';

const STATUS_TEXT: Record<TemplateStatus, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'a draft' },
  published: { zh: '已发布', en: 'published' },
  retired: { zh: '已停用', en: 'retired' },
};

function allowed(actor: Actor, permission: Permission): boolean {
  return actor.kind === 'system' || (!!actor.role && can(actor.role, permission));
}

function requirePermission(actor: Actor, permission: Permission): void {
  if (!allowed(actor, permission)) throw new AppError('FORBIDDEN');
}

// ---- lint ----

export function lintFindingView(f: SpeechFinding) {
  const info = speechRuleInfo(f.rule);
  return {
    category: f.category,
    rule: f.rule,
    severity: f.severity,
    start: f.start,
    end: f.end,
    quote: f.quote,
    ruleInfo: info ? { explanation: info.explanation, alternative: info.alternative } : null,
  };
}

export type LintFindingView = ReturnType<typeof lintFindingView>;

function lint(kind: TemplateKind, body: string, profile: ProfileId): LintFindingView[] {
  return lintTemplate({ kind, body, profile })
    .slice()
    .sort((a, b) => a.start - b.start || a.end - b.end || a.rule.localeCompare(b.rule))
    .map(lintFindingView);
}

async function profileOfPortfolio(sql: SqlSession, portfolioId: string | null): Promise<ProfileId> {
  if (!portfolioId) return DEFAULT_PROFILE;
  const r = await sql.query<{ compliance_profile: string }>(
    'SELECT compliance_profile FROM portfolios WHERE id = $1::uuid',
    [portfolioId],
  );
  return (r.rows[0]?.compliance_profile as ProfileId | undefined) ?? DEFAULT_PROFILE;
}

async function portfolioByCode(sql: SqlSession, code: string | null | undefined) {
  if (!code) return null;
  const r = await sql.query<{ id: string; compliance_profile: string }>(
    'SELECT id, compliance_profile FROM portfolios WHERE code = $1',
    [code],
  );
  const row = r.rows[0];
  if (!row) throw new AppError('PORTFOLIO_NOT_FOUND', { code });
  return row;
}

function checkKind(kind: string): TemplateKind {
  if (!(TEMPLATE_KINDS as readonly string[]).includes(kind)) {
    throw invalid(
      'kind',
      '应为 sms（短信）、letter（信函）或 script（话术）',
      'must be sms, letter or script',
    );
  }
  return kind as TemplateKind;
}

function checkBody(kind: TemplateKind, body: string): string {
  if (!body.trim()) throw invalid('body', '不能为空', 'is required');
  if (body.length > MAX_BODY[kind]) {
    throw invalid(
      'body',
      `不能超过 ${MAX_BODY[kind]} 个字符`,
      `must be at most ${MAX_BODY[kind]} characters`,
    );
  }
  return body;
}

function checkName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw invalid('name', '不能为空', 'is required');
  if (trimmed.length > 100) throw invalid('name', '不能超过 100 个字符', 'must be at most 100 characters');
  return trimmed;
}

/** Lints a text without saving it (the editor's live check). */
export async function lintTemplateText(
  store: Store,
  actor: Actor,
  input: { kind: string; body: string; portfolio?: string | null },
): Promise<{ findings: LintFindingView[] }> {
  if (!allowed(actor, 'templates.write') && !allowed(actor, 'templates.publish')) {
    throw new AppError('FORBIDDEN');
  }
  const kind = checkKind(input.kind);
  if (input.body.length > MAX_BODY[kind]) {
    throw invalid(
      'body',
      `不能超过 ${MAX_BODY[kind]} 个字符`,
      `must be at most ${MAX_BODY[kind]} characters`,
    );
  }
  const portfolio = await portfolioByCode(store.sql, input.portfolio);
  const profile = (portfolio?.compliance_profile as ProfileId | undefined) ?? DEFAULT_PROFILE;
  return { findings: lint(kind, input.body, profile) };
}

// ---- reading ----

interface TemplateRow {
  id: string;
  family_id: string;
  portfolio_id: string | null;
  portfolio_code: string | null;
  kind: TemplateKind;
  name: string;
  body: string;
  status: TemplateStatus;
  version: number;
  author_user_id: string | null;
  author_name: string;
  published_by_name: string | null;
  published_at: Date | null;
  retired_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

const TEMPLATE_SELECT = `SELECT tp.id, tp.family_id, tp.portfolio_id, p.code AS portfolio_code, tp.kind, tp.name,
  tp.body, tp.status, tp.version, tp.author_user_id, tp.author_name, tp.published_by_name, tp.published_at,
  tp.retired_at, tp.created_at, tp.updated_at
  FROM templates tp LEFT JOIN portfolios p ON p.id = tp.portfolio_id`;

function toTemplateView(r: TemplateRow) {
  return {
    id: r.id,
    familyId: r.family_id,
    portfolioCode: r.portfolio_code,
    kind: r.kind,
    name: r.name,
    body: r.body,
    status: r.status,
    version: r.version,
    authorId: r.author_user_id,
    authorName: r.author_name,
    publishedByName: r.published_by_name,
    publishedAt: r.published_at?.toISOString() ?? null,
    retiredAt: r.retired_at?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

export type TemplateView = ReturnType<typeof toTemplateView>;

async function loadTemplate(sql: SqlSession, id: string, lock = false): Promise<TemplateRow> {
  if (!isUuid(id)) throw new AppError('TEMPLATE_NOT_FOUND');
  const r = await sql.query<TemplateRow>(
    `${TEMPLATE_SELECT} WHERE tp.id = $1::uuid${lock ? ' FOR UPDATE OF tp' : ''}`,
    [id],
  );
  const row = r.rows[0];
  if (!row) throw new AppError('TEMPLATE_NOT_FOUND');
  return row;
}

export async function listTemplates(
  store: Store,
  actor: Actor,
  filter: { kind?: string; status?: TemplateStatus; includeRetired?: boolean },
) {
  requirePermission(actor, 'templates.read');
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.kind) {
    params.push(checkKind(filter.kind));
    where.push(`tp.kind = $${params.length}`);
  }
  if (filter.status) {
    params.push(filter.status);
    where.push(`tp.status = $${params.length}`);
  } else if (!filter.includeRetired) {
    where.push(`tp.status <> 'retired'`);
  }
  const r = await store.sql.query<TemplateRow>(
    `${TEMPLATE_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY tp.kind, tp.name, tp.family_id, tp.version DESC`,
    params,
  );
  return r.rows.map(toTemplateView);
}

function rights(actor: Actor, row: TemplateRow) {
  const author = actor.kind === 'system' || (!!actor.userId && row.author_user_id === actor.userId);
  const publisher = allowed(actor, 'templates.publish');
  const writer = allowed(actor, 'templates.write');
  return {
    canEdit:
      row.status !== 'retired' &&
      (row.status === 'draft' ? (writer && author) || publisher : writer || publisher),
    canPublish: row.status === 'draft' && publisher,
    canRetire:
      row.status === 'published' ? publisher : row.status === 'draft' && (publisher || (writer && author)),
  };
}

/** One template with its lint findings, the family's versions and what the viewer may do with it. */
export async function getTemplate(store: Store, actor: Actor, id: string) {
  requirePermission(actor, 'templates.read');
  const row = await loadTemplate(store.sql, id);
  const versions = await store.sql.query<TemplateRow>(
    `${TEMPLATE_SELECT} WHERE tp.family_id = $1::uuid ORDER BY tp.version DESC`,
    [row.family_id],
  );
  const profile = await profileOfPortfolio(store.sql, row.portfolio_id);
  return {
    template: toTemplateView(row),
    findings: lint(row.kind, row.body, profile),
    versions: versions.rows.map((v) => ({
      id: v.id,
      version: v.version,
      status: v.status,
      authorName: v.author_name,
      publishedByName: v.published_by_name,
      publishedAt: v.published_at?.toISOString() ?? null,
      updatedAt: v.updated_at.toISOString(),
    })),
    ...rights(actor, row),
  };
}

// ---- changes ----

export interface SavedTemplate {
  template: TemplateView;
  findings: LintFindingView[];
}

export async function createTemplate(
  store: Store,
  actor: Actor,
  input: { kind: string; name: string; body: string; portfolio?: string | null },
  now: Date,
): Promise<SavedTemplate> {
  requirePermission(actor, 'templates.write');
  const kind = checkKind(input.kind);
  const name = checkName(input.name);
  const body = checkBody(kind, input.body);
  return store.transaction(async ({ db, sql }) => {
    const portfolio = await portfolioByCode(sql, input.portfolio);
    const r = await sql.query<{ id: string }>(
      `INSERT INTO templates (id, family_id, portfolio_id, kind, name, body, status, version, author_user_id,
         author_name, created_at, updated_at)
       SELECT x.id, x.id, $1::uuid, $2, $3, $4, 'draft', 1, $5::uuid, $6, $7, $7 FROM (SELECT uuid_v7() AS id) x
       RETURNING id`,
      [portfolio?.id ?? null, kind, name, body, actor.userId, actor.displayName, now],
    );
    const id = r.rows[0]?.id;
    if (!id) throw new AppError('INTERNAL');
    await writeAudit(db, actor, {
      action: 'template.create',
      entityType: 'template',
      entityId: id,
      after: { kind, name, body, version: 1, portfolioId: portfolio?.id ?? null },
    });
    const row = await loadTemplate(sql, id);
    const profile = (portfolio?.compliance_profile as ProfileId | undefined) ?? DEFAULT_PROFILE;
    return { template: toTemplateView(row), findings: lint(kind, body, profile) };
  });
}

/**
 * Saves a change. A draft is changed in place (by its author, or by anyone who may publish); a published
 * version is never changed: the change becomes the family's next draft version (`revised: true`).
 */
export async function updateTemplate(
  store: Store,
  actor: Actor,
  id: string,
  input: { name?: string; body?: string },
  now: Date,
): Promise<SavedTemplate & { revised: boolean }> {
  if (!allowed(actor, 'templates.write') && !allowed(actor, 'templates.publish')) {
    throw new AppError('FORBIDDEN');
  }
  return store.transaction(async ({ db, sql }) => {
    const row = await loadTemplate(sql, id, true);
    const name = input.name === undefined ? row.name : checkName(input.name);
    const body = input.body === undefined ? row.body : checkBody(row.kind, input.body);
    const profile = await profileOfPortfolio(sql, row.portfolio_id);
    if (row.status === 'retired') {
      throw new AppError('TEMPLATE_NOT_EDITABLE', {
        status: STATUS_TEXT.retired.zh,
        statusEn: STATUS_TEXT.retired.en,
      });
    }
    if (!rights(actor, row).canEdit) throw new AppError('FORBIDDEN');
    if (row.status === 'draft') {
      await sql.query(
        `UPDATE templates SET name = $2, body = $3, updated_at = $4 WHERE id = $1::uuid AND status = 'draft'`,
        [row.id, name, body, now],
      );
      await writeAudit(db, actor, {
        action: 'template.update',
        entityType: 'template',
        entityId: row.id,
        before: { name: row.name, body: row.body },
        after: { name, body },
      });
      return {
        template: toTemplateView(await loadTemplate(sql, row.id)),
        findings: lint(row.kind, body, profile),
        revised: false,
      };
    }
    // Published: the change starts the next draft version of the family.
    const draft = await sql.query<{ id: string; version: number }>(
      `SELECT id, version FROM templates WHERE family_id = $1::uuid AND status = 'draft'`,
      [row.family_id],
    );
    if (draft.rows[0]) {
      throw new AppError(
        'TEMPLATE_DRAFT_EXISTS',
        { version: draft.rows[0].version },
        { draftId: draft.rows[0].id, version: draft.rows[0].version },
      );
    }
    const inserted = await sql.query<{ id: string; version: number }>(
      `INSERT INTO templates (family_id, portfolio_id, kind, name, body, status, version, author_user_id,
         author_name, created_at, updated_at)
       SELECT $1::uuid, $2::uuid, $3, $4, $5, 'draft', max(version) + 1, $6::uuid, $7, $8, $8
       FROM templates WHERE family_id = $1::uuid
       RETURNING id, version`,
      [row.family_id, row.portfolio_id, row.kind, name, body, actor.userId, actor.displayName, now],
    );
    const created = inserted.rows[0];
    if (!created) throw new AppError('INTERNAL');
    await writeAudit(db, actor, {
      action: 'template.revise',
      entityType: 'template',
      entityId: created.id,
      before: { fromId: row.id, version: row.version, name: row.name, body: row.body },
      after: { version: created.version, name, body },
    });
    return {
      template: toTemplateView(await loadTemplate(sql, created.id)),
      findings: lint(row.kind, body, profile),
      revised: true,
    };
  });
}

/**
 * Publishes a draft: refused with TEMPLATE_HAS_VIOLATIONS (the error-level findings in `details`) when
 * the lint finds any error; the refusal itself is audited. Otherwise the draft becomes the family's
 * published version and the one published before is retired.
 */
export async function publishTemplate(
  store: Store,
  actor: Actor,
  id: string,
  now: Date,
): Promise<SavedTemplate> {
  requirePermission(actor, 'templates.publish');
  const outcome = await store.transaction(async ({ db, sql }) => {
    const row = await loadTemplate(sql, id, true);
    if (row.status !== 'draft') {
      const text = STATUS_TEXT[row.status];
      throw new AppError(
        'TEMPLATE_NOT_EDITABLE',
        { status: text.zh, statusEn: text.en },
        { status: row.status },
      );
    }
    const findings = lint(row.kind, row.body, await profileOfPortfolio(sql, row.portfolio_id));
    const errors = findings.filter((f) => f.severity === 'error');
    if (errors.length > 0) return { refused: true as const, row, findings, errors };
    const previous = await sql.query<{ id: string; version: number }>(
      `UPDATE templates SET status = 'retired', retired_at = $2, updated_at = $2
       WHERE family_id = $1::uuid AND status = 'published' RETURNING id, version`,
      [row.family_id, now],
    );
    await sql.query(
      `UPDATE templates SET status = 'published', published_by = $2::uuid, published_by_name = $3,
         published_at = $4, updated_at = $4
       WHERE id = $1::uuid AND status = 'draft'`,
      [row.id, actor.userId, actor.displayName, now],
    );
    const replaced = previous.rows[0] ?? null;
    await writeAudit(db, actor, {
      action: 'template.publish',
      entityType: 'template',
      entityId: row.id,
      before: { status: 'draft' },
      after: {
        status: 'published',
        version: row.version,
        warnings: findings.length,
        replaced: replaced ? { id: replaced.id, version: replaced.version } : null,
      },
    });
    if (replaced) {
      await writeAudit(db, actor, {
        action: 'template.retire',
        entityType: 'template',
        entityId: replaced.id,
        before: { status: 'published' },
        after: { status: 'retired', replacedBy: row.id },
      });
    }
    return { refused: false as const, template: toTemplateView(await loadTemplate(sql, row.id)), findings };
  });
  if (!outcome.refused) return { template: outcome.template, findings: outcome.findings };
  const { row, errors } = outcome;
  await store.transaction(({ db }) =>
    writeAudit(db, actor, {
      action: 'template.publish_refused',
      entityType: 'template',
      entityId: row.id,
      after: {
        version: row.version,
        errors: errors.map((f) => ({ rule: f.rule, category: f.category, quote: f.quote })),
      },
    }),
  );
  const first = errors[0] as LintFindingView;
  throw new AppError(
    'TEMPLATE_HAS_VIOLATIONS',
    {
      count: errors.length,
      first: `“${first.quote}”${first.ruleInfo ? `（${first.ruleInfo.explanation.zh}）` : ''}`,
      firstEn: `"${first.quote}"${first.ruleInfo ? ` (${first.ruleInfo.explanation.en})` : ''}`,
    },
    { findings: errors, warnings: outcome.findings.filter((f) => f.severity === 'warning') },
  );
}

/** Takes a published version out of use, or discards a draft. */
export async function retireTemplate(
  store: Store,
  actor: Actor,
  id: string,
  now: Date,
): Promise<TemplateView> {
  if (!allowed(actor, 'templates.write') && !allowed(actor, 'templates.publish')) {
    throw new AppError('FORBIDDEN');
  }
  return store.transaction(async ({ db, sql }) => {
    const row = await loadTemplate(sql, id, true);
    if (row.status === 'retired') {
      throw new AppError('TEMPLATE_NOT_EDITABLE', {
        status: STATUS_TEXT.retired.zh,
        statusEn: STATUS_TEXT.retired.en,
      });
    }
    if (!rights(actor, row).canRetire) throw new AppError('FORBIDDEN');
    await sql.query(
      `UPDATE templates SET status = 'retired', retired_at = $2, updated_at = $2 WHERE id = $1::uuid`,
      [row.id, now],
    );
    await writeAudit(db, actor, {
      action: 'template.retire',
      entityType: 'template',
      entityId: row.id,
      before: { status: row.status },
      after: { status: 'retired' },
    });
    return toTemplateView(await loadTemplate(sql, row.id));
  });
}
