/**
 * Quality inspection (质检) of call transcripts: upload (parse, check references, scan with the speech
 * rules, store transcript + findings + audit in one transaction), the list and detail of inspected calls
 * within the actor's scope, reviewing a finding (confirm / dismiss with a note / reopen, a conditional
 * update so that two reviewers cannot both win), compliance scores per collector and per agency, and the
 * rule catalogue.
 */
import { startOfLocalDay } from '../compliance/local-time';
import type { ProfileId } from '../compliance/profiles';
import {
  createSpeechInspector,
  listSpeechRules,
  SPEECH_RULES_VERSION,
  type SpeechFinding,
  type SpeechInspector,
  type SpeechRuleInfo,
  speechRuleInfo,
} from '../compliance/speech';
import { addDays, isBusinessDate, localDateOf } from '../domain/dates';
import { can, ROLES } from '../domain/roles';
import { AppError, invalid } from '../errors';
import type { Store } from '../store/db';
import { qaFindings, qaTranscripts } from '../store/schema';
import type { Actor } from './actor';
import { writeAudit } from './audit';
import { caseScopeSql } from './case-scope';
import { formatCaseNo } from './cases';
import { isUuid } from './ids';
import {
  EMPTY_META,
  type ParsedTranscript,
  parseTranscriptFile,
  QA_UPLOAD_LIMITS,
  readTranscriptObject,
  type TranscriptFile,
  type TranscriptMeta,
  type UploadProblem,
} from './qa-parse';
import { CALL_SCORE, callScore, callScoreSql } from './qa-score';

/** Date filters and score periods are calendar days in the collection center's zone. */
export const QA_TIME_ZONE = 'Asia/Shanghai';
const DEFAULT_PROFILE: ProfileId = 'cn-cba';

// ---- rules ----

/**
 * The rulebook version stored with every scanned transcript (the scanner's own, which changes with any
 * phrase, pattern or condition), so that calls scanned under an older rulebook can be found again.
 */
export function speechRulesVersion(): string {
  return SPEECH_RULES_VERSION;
}

const inspectors = new Map<ProfileId, SpeechInspector>();

/** The compiled inspector of a profile (compiled once per process). */
function inspectorFor(profile: ProfileId): SpeechInspector {
  let inspector = inspectors.get(profile);
  if (!inspector) {
    inspector = createSpeechInspector(profile);
    inspectors.set(profile, inspector);
  }
  return inspector;
}

export interface RuleView {
  explanation: { zh: string; en: string };
  alternative: string;
}

function ruleView(rule: string): RuleView | null {
  const info = speechRuleInfo(rule);
  return info ? { explanation: info.explanation, alternative: info.alternative } : null;
}

export function listQaRules(): { version: string; rules: SpeechRuleInfo[] } {
  return { version: speechRulesVersion(), rules: [...listSpeechRules()] };
}

// ---- who sees which calls ----

function assertQaReader(actor: Actor): void {
  if (actor.kind === 'system') return;
  if (!actor.role || !can(actor.role, 'qa.read') || ROLES[actor.role].qaScope === 'none') {
    throw new AppError('FORBIDDEN');
  }
}

/**
 * The SQL condition limiting transcripts (aliased `alias`) to those the actor may see: every call, the
 * team's calls (team lead), the calls the collector made, or the agency's calls.
 */
export function qaScopeSql(
  actor: Actor,
  alias: string,
  firstParam: number,
): { sql: string; params: unknown[] } {
  if (actor.kind === 'system') return { sql: 'TRUE', params: [] };
  if (!actor.role || !can(actor.role, 'qa.read')) return { sql: 'FALSE', params: [] };
  const p = `$${firstParam}`;
  switch (ROLES[actor.role].qaScope) {
    case 'all':
      return { sql: 'TRUE', params: [] };
    case 'team':
      return actor.teamId
        ? { sql: `${alias}.team_id = ${p}::uuid`, params: [actor.teamId] }
        : { sql: 'FALSE', params: [] };
    case 'own':
      return actor.userId
        ? { sql: `${alias}.collector_user_id = ${p}::uuid`, params: [actor.userId] }
        : { sql: 'FALSE', params: [] };
    case 'agency':
      return actor.agencyId
        ? { sql: `${alias}.agency_id = ${p}::uuid`, params: [actor.agencyId] }
        : { sql: 'FALSE', params: [] };
    case 'none':
      return { sql: 'FALSE', params: [] };
  }
}

// ---- upload ----

export interface UploadInput {
  /** Uploaded files (.json, .jsonl, .txt). */
  files?: TranscriptFile[];
  /** Transcript objects from a JSON body (same shape as a JSON file's objects). */
  transcripts?: unknown[];
  /** Metadata for every transcript that does not name its own (e.g. the collector of a .txt file). */
  defaults?: Record<string, unknown>;
}

export interface UploadedTranscript {
  id: string;
  title: string;
  findings: number;
  errors: number;
  warnings: number;
}

interface ResolvedTranscript {
  parsed: ParsedTranscript;
  title: string;
  party: 'debtor' | 'third_party';
  profile: ProfileId;
  portfolioId: string | null;
  caseId: string | null;
  collectorUserId: string | null;
  teamId: string | null;
  agencyId: string | null;
}

function problemsError(problems: UploadProblem[]): AppError {
  const first = problems[0] as UploadProblem;
  const at = (en: boolean) =>
    `${first.file}${first.line ? (en ? ` line ${first.line}` : ` 第 ${first.line} 行`) : ''}${first.field && first.field !== 'file' ? ` ${first.field}` : ''}`;
  return new AppError(
    'QA_UPLOAD_INVALID',
    {
      count: problems.length,
      first: `${at(false)}：${first.reason}`,
      firstEn: `${at(true)}: ${first.reasonEn}`,
    },
    { problems },
  );
}

/** Upload-wide defaults (form fields or the body's `defaults`), checked like a transcript's metadata. */
function readDefaults(fields: Record<string, unknown> | undefined): {
  meta: TranscriptMeta;
  problems: UploadProblem[];
} {
  const present = Object.fromEntries(
    Object.entries(fields ?? {}).filter(([, v]) => v !== undefined && v !== null && v !== ''),
  );
  if (Object.keys(present).length === 0) return { meta: EMPTY_META, problems: [] };
  const r = readTranscriptObject(
    { ...present, turns: [{ speaker: 'agent', text: '-' }] },
    { file: 'defaults', line: null, path: '' },
  );
  if (!r.transcript) return { meta: EMPTY_META, problems: r.problems };
  const { file: _f, line: _l, path: _p, turns: _t, ...meta } = r.transcript;
  return { meta, problems: [] };
}

function defaultTitle(t: ParsedTranscript, indexInFile: number, countInFile: number): string {
  if (t.title) return t.title;
  if (t.externalId) return t.externalId;
  if (t.file === 'body') return `#${indexInFile + 1}`;
  return countInFile > 1 ? `${t.file} #${indexInFile + 1}` : t.file;
}

/**
 * Parses, checks, inspects and stores transcripts. All or nothing: any problem in any file (syntax, a
 * missing field, an unknown collector or case) refuses the whole upload with every problem listed
 * (QA_UPLOAD_INVALID), and nothing is stored.
 */
export async function uploadTranscripts(
  store: Store,
  actor: Actor,
  input: UploadInput,
  now: Date,
): Promise<{ items: UploadedTranscript[] }> {
  if (actor.kind === 'user' && (!actor.role || !can(actor.role, 'qa.upload'))) {
    throw new AppError('FORBIDDEN');
  }
  const files = input.files ?? [];
  const bodyItems = input.transcripts ?? [];
  if (files.length === 0 && bodyItems.length === 0) {
    throw invalid('files', '没有收到通话文件或内容', 'no transcript file or content was received');
  }
  if (files.length > QA_UPLOAD_LIMITS.files) {
    throw invalid(
      'files',
      `一次最多上传 ${QA_UPLOAD_LIMITS.files} 个文件`,
      `at most ${QA_UPLOAD_LIMITS.files} files per upload`,
    );
  }
  const defaults = readDefaults(input.defaults);
  const problems: UploadProblem[] = [...defaults.problems];
  const parsed: { transcript: ParsedTranscript; title: string }[] = [];
  for (const file of files) {
    const r = parseTranscriptFile(file, defaults.meta);
    problems.push(...r.problems);
    r.transcripts.forEach((t, i) => {
      parsed.push({ transcript: t, title: defaultTitle(t, i, r.transcripts.length) });
    });
  }
  bodyItems.forEach((item, i) => {
    const r = readTranscriptObject(
      item,
      { file: 'body', line: null, path: `transcripts[${i}].` },
      defaults.meta,
    );
    problems.push(...r.problems);
    if (r.transcript)
      parsed.push({ transcript: r.transcript, title: defaultTitle(r.transcript, i, bodyItems.length) });
  });
  if (parsed.length > QA_UPLOAD_LIMITS.transcripts) {
    problems.push({
      file: files.length === 1 ? (files[0] as TranscriptFile).name : 'upload',
      line: null,
      field: 'file',
      reason: `一次最多上传 ${QA_UPLOAD_LIMITS.transcripts} 通电话`,
      reasonEn: `at most ${QA_UPLOAD_LIMITS.transcripts} calls per upload`,
    });
  }
  if (problems.length > 0) throw problemsError(problems);

  const resolved = await resolveReferences(store, actor, parsed, problems);
  if (problems.length > 0) throw problemsError(problems);

  const rulesVersion = speechRulesVersion();
  const scanned = resolved.map((r) => ({
    ...r,
    findings: uniqueFindings(inspectorFor(r.profile).inspect({ party: r.party, turns: r.parsed.turns })),
  }));

  return store.transaction(async ({ db }) => {
    const items: UploadedTranscript[] = [];
    for (const r of scanned) {
      const errors = r.findings.filter((f) => f.severity === 'error').length;
      const warnings = r.findings.length - errors;
      const [row] = await db
        .insert(qaTranscripts)
        .values({
          portfolioId: r.portfolioId,
          caseId: r.caseId,
          collectorUserId: r.collectorUserId,
          teamId: r.teamId,
          agencyId: r.agencyId,
          party: r.party,
          profile: r.profile,
          title: r.title,
          sourceName: r.parsed.file === 'body' ? null : r.parsed.file,
          externalId: r.parsed.externalId,
          calledAt: r.parsed.calledAt,
          turns: r.parsed.turns.map((t) => ({ speaker: t.speaker, text: t.text })),
          uploadedBy: actor.userId,
          uploadedByName: actor.displayName,
          uploadedAt: now,
          occurredAt: r.parsed.calledAt ?? now,
          rulesVersion,
          findingsCount: r.findings.length,
          errorCount: errors,
          warningCount: warnings,
          openCount: r.findings.length,
        })
        .returning({ id: qaTranscripts.id });
      if (!row) throw new AppError('INTERNAL');
      if (r.findings.length > 0) {
        await db.insert(qaFindings).values(
          r.findings.map((f) => ({
            transcriptId: row.id,
            turn: f.turn,
            start: f.start,
            end: f.end,
            quote: f.quote,
            category: f.category,
            rule: f.rule,
            severity: f.severity,
          })),
        );
      }
      await writeAudit(db, actor, {
        action: 'qa.transcript.upload',
        entityType: 'qa_transcript',
        entityId: row.id,
        after: {
          title: r.title,
          source: r.parsed.file,
          collectorUserId: r.collectorUserId,
          agencyId: r.agencyId,
          caseId: r.caseId,
          profile: r.profile,
          rulesVersion,
          turns: r.parsed.turns.length,
          findings: r.findings.length,
          errors,
          warnings,
        },
      });
      items.push({ id: row.id, title: r.title, findings: r.findings.length, errors, warnings });
    }
    return { items };
  });
}

/** One finding per (turn, start, end, rule), in reading order. */
function uniqueFindings(findings: readonly SpeechFinding[]): SpeechFinding[] {
  const seen = new Set<string>();
  const out: SpeechFinding[] = [];
  for (const f of [...findings].sort((a, b) => a.turn - b.turn || a.start - b.start || a.end - b.end)) {
    const key = `${f.turn}:${f.start}:${f.end}:${f.rule}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(f);
  }
  return out;
}

/** Looks up collectors, cases, portfolios and agencies named by the transcripts; adds a problem per miss. */
async function resolveReferences(
  store: Store,
  actor: Actor,
  parsed: { transcript: ParsedTranscript; title: string }[],
  problems: UploadProblem[],
): Promise<ResolvedTranscript[]> {
  const distinct = (pick: (t: ParsedTranscript) => string | null) => [
    ...new Set(parsed.map((p) => pick(p.transcript)).filter((v): v is string => !!v)),
  ];
  const usernames = distinct((t) => t.collector);
  const caseIds = distinct((t) => t.caseId);
  const contractNos = distinct((t) => t.contractNo);
  const portfolioCodes = distinct((t) => t.portfolio);
  const agencyCodes = distinct((t) => t.agency);

  const collectors = new Map<
    string,
    { id: string; team_id: string | null; agency_id: string | null; active: boolean }
  >();
  if (usernames.length > 0) {
    const r = await store.sql.query<{
      id: string;
      username: string;
      team_id: string | null;
      agency_id: string | null;
      active: boolean;
    }>('SELECT id, username, team_id, agency_id, active FROM users WHERE username = ANY($1::text[])', [
      usernames,
    ]);
    for (const u of r.rows) collectors.set(u.username, u);
  }
  const portfolios = new Map<string, { id: string; profile: string }>();
  if (portfolioCodes.length > 0) {
    const r = await store.sql.query<{ id: string; code: string; compliance_profile: string }>(
      'SELECT id, code, compliance_profile FROM portfolios WHERE code = ANY($1::text[])',
      [portfolioCodes],
    );
    for (const p of r.rows) portfolios.set(p.code, { id: p.id, profile: p.compliance_profile });
  }
  const agencies = new Map<string, string>();
  if (agencyCodes.length > 0) {
    const r = await store.sql.query<{ id: string; code: string }>(
      'SELECT id, code FROM agencies WHERE code = ANY($1::text[])',
      [agencyCodes],
    );
    for (const a of r.rows) agencies.set(a.code, a.id);
  }
  interface CaseRef {
    id: string;
    contract_no: string;
    portfolio_id: string;
    portfolio_code: string;
    compliance_profile: string;
    assigned_collector_id: string | null;
  }
  const caseById = new Map<string, CaseRef>();
  const casesByContract = new Map<string, CaseRef[]>();
  if (caseIds.length > 0 || contractNos.length > 0) {
    const scope = caseScopeSql(actor, 'c', 3);
    const r = await store.sql.query<CaseRef>(
      `SELECT c.id, a.contract_no, c.portfolio_id, p.code AS portfolio_code, p.compliance_profile,
         c.assigned_collector_id
       FROM cases c JOIN accounts a ON a.id = c.account_id JOIN portfolios p ON p.id = c.portfolio_id
       WHERE (c.id = ANY($1::uuid[]) OR a.contract_no = ANY($2::text[])) AND ${scope.sql}`,
      [caseIds, contractNos, ...scope.params],
    );
    for (const c of r.rows) {
      if (caseIds.includes(c.id)) caseById.set(c.id, c);
      if (contractNos.includes(c.contract_no)) {
        casesByContract.set(c.contract_no, [...(casesByContract.get(c.contract_no) ?? []), c]);
      }
    }
  }
  // The collectors of cases without a named collector.
  const caseCollectorIds = new Set<string>();
  const resolved: ResolvedTranscript[] = [];
  const pending: { r: ResolvedTranscript; caseCollector: string | null }[] = [];
  for (const { transcript: t, title } of parsed) {
    const fail = (field: string, reason: string, reasonEn: string) =>
      problems.push({ file: t.file, line: t.line, field: `${t.path}${field}`, reason, reasonEn });
    let portfolio = t.portfolio ? portfolios.get(t.portfolio) : undefined;
    if (t.portfolio && !portfolio)
      fail('portfolio', `资产包 ${t.portfolio} 不存在`, `portfolio ${t.portfolio} does not exist`);
    let theCase: CaseRef | undefined;
    if (t.caseId) {
      theCase = caseById.get(t.caseId);
      if (!theCase) fail('caseId', '案件不存在或无权查看', 'case not found or not visible to you');
    } else if (t.contractNo) {
      const matches = (casesByContract.get(t.contractNo) ?? []).filter(
        (c) => !t.portfolio || c.portfolio_code === t.portfolio,
      );
      if (matches.length === 0) {
        fail(
          'contractNo',
          `合同号 ${t.contractNo} 没有对应的案件`,
          `no case has contract number ${t.contractNo}`,
        );
      } else if (matches.length > 1) {
        fail(
          'contractNo',
          `合同号 ${t.contractNo} 存在于多个资产包，请同时填写 portfolio`,
          `contract number ${t.contractNo} exists in several portfolios; add portfolio`,
        );
      } else {
        theCase = matches[0];
      }
    }
    if (theCase && portfolio && theCase.portfolio_id !== portfolio.id) {
      fail('portfolio', '与案件所属资产包不一致', 'does not match the case’s portfolio');
    }
    if (theCase && !portfolio) portfolio = { id: theCase.portfolio_id, profile: theCase.compliance_profile };
    const collector = t.collector ? collectors.get(t.collector) : undefined;
    if (t.collector && !collector)
      fail('collector', `用户 ${t.collector} 不存在`, `user ${t.collector} does not exist`);
    else if (collector && !collector.active)
      fail('collector', `用户 ${t.collector} 已停用`, `user ${t.collector} is disabled`);
    const agencyId = t.agency ? agencies.get(t.agency) : undefined;
    if (t.agency && !agencyId)
      fail('agency', `委外机构 ${t.agency} 不存在`, `agency ${t.agency} does not exist`);
    const profile = (t.profile ?? portfolio?.profile ?? DEFAULT_PROFILE) as ProfileId;
    const r: ResolvedTranscript = {
      parsed: t,
      title,
      party: t.party ?? 'debtor',
      profile,
      portfolioId: portfolio?.id ?? null,
      caseId: theCase?.id ?? null,
      collectorUserId: collector?.id ?? null,
      teamId: collector?.team_id ?? null,
      agencyId: agencyId ?? collector?.agency_id ?? null,
    };
    const caseCollector = !collector && theCase?.assigned_collector_id ? theCase.assigned_collector_id : null;
    if (caseCollector) caseCollectorIds.add(caseCollector);
    pending.push({ r, caseCollector });
  }
  // A call linked to a case and naming no collector is the case's assigned collector's.
  const byId = new Map<string, { team_id: string | null; agency_id: string | null }>();
  if (caseCollectorIds.size > 0) {
    const r = await store.sql.query<{ id: string; team_id: string | null; agency_id: string | null }>(
      'SELECT id, team_id, agency_id FROM users WHERE id = ANY($1::uuid[])',
      [[...caseCollectorIds]],
    );
    for (const u of r.rows) byId.set(u.id, u);
  }
  for (const { r, caseCollector } of pending) {
    const user = caseCollector ? byId.get(caseCollector) : undefined;
    if (caseCollector && user) {
      r.collectorUserId = caseCollector;
      r.teamId = user.team_id;
      r.agencyId = r.agencyId ?? user.agency_id;
    }
    resolved.push(r);
  }
  return resolved;
}

// ---- list and detail ----

export type TranscriptReviewStatus = 'needs_review' | 'reviewed' | 'clean' | 'violation';

export interface TranscriptListFilter {
  collector?: string;
  /** An agency id, or 'none' for in-house calls. */
  agency?: string;
  status?: TranscriptReviewStatus;
  from?: string;
  to?: string;
  q?: string;
  page: number;
  pageSize: number;
}

interface TranscriptRow {
  id: string;
  title: string;
  source_name: string | null;
  external_id: string | null;
  party: 'debtor' | 'third_party';
  profile: string;
  collector_user_id: string | null;
  collector_name: string | null;
  team_name: string | null;
  agency_id: string | null;
  agency_name: string | null;
  case_id: string | null;
  case_no: number | null;
  portfolio_code: string | null;
  called_at: Date | null;
  occurred_at: Date;
  uploaded_at: Date;
  uploaded_by_name: string;
  rules_version: string;
  turn_count: number;
  findings_count: number;
  error_count: number;
  warning_count: number;
  open_count: number;
  confirmed_errors: number;
  confirmed_warnings: number;
  dismissed: number;
}

const TRANSCRIPT_COLUMNS = `
  t.id, t.title, t.source_name, t.external_id, t.party, t.profile, t.collector_user_id,
  u.display_name AS collector_name, tm.name AS team_name, t.agency_id, ag.name AS agency_name,
  t.case_id, c.case_no, p.code AS portfolio_code, t.called_at, t.occurred_at, t.uploaded_at,
  t.uploaded_by_name, t.rules_version, jsonb_array_length(t.turns) AS turn_count, t.findings_count,
  t.error_count, t.warning_count, t.open_count, fc.confirmed_errors, fc.confirmed_warnings, fc.dismissed`;

const TRANSCRIPT_FROM = `
  FROM qa_transcripts t
  LEFT JOIN users u ON u.id = t.collector_user_id
  LEFT JOIN teams tm ON tm.id = t.team_id
  LEFT JOIN agencies ag ON ag.id = t.agency_id
  LEFT JOIN cases c ON c.id = t.case_id
  LEFT JOIN portfolios p ON p.id = t.portfolio_id
  LEFT JOIN LATERAL (
    SELECT count(*) FILTER (WHERE f.status = 'confirmed' AND f.severity = 'error')::int AS confirmed_errors,
      count(*) FILTER (WHERE f.status = 'confirmed' AND f.severity = 'warning')::int AS confirmed_warnings,
      count(*) FILTER (WHERE f.status = 'dismissed')::int AS dismissed
    FROM qa_findings f WHERE f.transcript_id = t.id
  ) fc ON TRUE`;

function toTranscriptSummary(r: TranscriptRow) {
  return {
    id: r.id,
    title: r.title,
    sourceName: r.source_name,
    externalId: r.external_id,
    party: r.party,
    profile: r.profile,
    collectorId: r.collector_user_id,
    collectorName: r.collector_name,
    teamName: r.team_name,
    agencyId: r.agency_id,
    agencyName: r.agency_name,
    caseId: r.case_id,
    caseNo: r.case_no === null ? null : formatCaseNo(r.case_no),
    portfolioCode: r.portfolio_code,
    calledAt: r.called_at?.toISOString() ?? null,
    occurredAt: r.occurred_at.toISOString(),
    uploadedAt: r.uploaded_at.toISOString(),
    uploadedByName: r.uploaded_by_name,
    rulesVersion: r.rules_version,
    turns: r.turn_count,
    findings: r.findings_count,
    errors: r.error_count,
    warnings: r.warning_count,
    open: r.open_count,
    confirmedErrors: r.confirmed_errors,
    confirmedWarnings: r.confirmed_warnings,
    dismissed: r.dismissed,
    /** The call's score from its confirmed findings so far (provisional while `open` > 0). */
    score: callScore(r.confirmed_errors, r.confirmed_warnings),
  };
}

export type TranscriptSummaryView = ReturnType<typeof toTranscriptSummary>;

/** The [from, to] calendar-day period as instants [start, end) in the center's zone. */
function periodBounds(
  from: string | undefined,
  to: string | undefined,
): { start: Date | null; end: Date | null } {
  for (const [field, value] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (value !== undefined && !isBusinessDate(value)) {
      throw invalid(field, '应为 YYYY-MM-DD 格式的日期', 'must be a date as YYYY-MM-DD');
    }
  }
  if (from && to && from > to) throw invalid('from', '不能晚于结束日期', 'must not be after to');
  return {
    start: from ? startOfLocalDay(from, QA_TIME_ZONE) : null,
    end: to ? startOfLocalDay(addDays(to, 1), QA_TIME_ZONE) : null,
  };
}

export async function listTranscripts(store: Store, actor: Actor, filter: TranscriptListFilter) {
  assertQaReader(actor);
  const where: string[] = [];
  const params: unknown[] = [];
  const param = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const empty = { items: [], total: 0, page: filter.page, pageSize: filter.pageSize };
  if (filter.collector) {
    if (!isUuid(filter.collector)) return empty;
    where.push(`t.collector_user_id = ${param(filter.collector)}::uuid`);
  }
  if (filter.agency === 'none') where.push('t.agency_id IS NULL');
  else if (filter.agency) {
    if (!isUuid(filter.agency)) return empty;
    where.push(`t.agency_id = ${param(filter.agency)}::uuid`);
  }
  switch (filter.status) {
    case 'needs_review':
      where.push('t.open_count > 0');
      break;
    case 'reviewed':
      where.push('t.findings_count > 0 AND t.open_count = 0');
      break;
    case 'clean':
      where.push('t.findings_count = 0');
      break;
    case 'violation':
      where.push('fc.confirmed_errors > 0');
      break;
  }
  const { start, end } = periodBounds(filter.from, filter.to);
  if (start) where.push(`t.occurred_at >= ${param(start)}`);
  if (end) where.push(`t.occurred_at < ${param(end)}`);
  const q = filter.q?.trim();
  if (q) {
    const like = `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    where.push(
      `(t.title ILIKE ${param(like)} OR t.source_name ILIKE ${param(like)} OR t.external_id = ${param(q)})`,
    );
  }
  const scope = qaScopeSql(actor, 't', params.length + 1);
  params.push(...scope.params);
  where.push(scope.sql);
  const whereSql = `WHERE ${where.join(' AND ')}`;
  const offset = (filter.page - 1) * filter.pageSize;
  const [items, total] = await Promise.all([
    store.sql.query<TranscriptRow>(
      `SELECT ${TRANSCRIPT_COLUMNS} ${TRANSCRIPT_FROM} ${whereSql}
       ORDER BY t.occurred_at DESC, t.id DESC LIMIT ${filter.pageSize} OFFSET ${offset}`,
      params,
    ),
    store.sql.query<{ n: number }>(`SELECT count(*)::int AS n ${TRANSCRIPT_FROM} ${whereSql}`, params),
  ]);
  return {
    items: items.rows.map(toTranscriptSummary),
    total: total.rows[0]?.n ?? 0,
    page: filter.page,
    pageSize: filter.pageSize,
  };
}

interface FindingRow {
  id: string;
  transcript_id: string;
  turn: number;
  start_offset: number;
  end_offset: number;
  quote: string;
  category: string;
  rule: string;
  severity: 'error' | 'warning';
  status: 'open' | 'confirmed' | 'dismissed';
  reviewed_by_name: string | null;
  reviewed_at: Date | null;
  review_note: string | null;
}

const FINDING_COLUMNS = `f.id, f.transcript_id, f.turn, f.start_offset, f.end_offset, f.quote, f.category,
  f.rule, f.severity, f.status, f.reviewed_by_name, f.reviewed_at, f.review_note`;

function toFindingView(f: FindingRow) {
  return {
    id: f.id,
    transcriptId: f.transcript_id,
    turn: f.turn,
    start: f.start_offset,
    end: f.end_offset,
    quote: f.quote,
    category: f.category,
    rule: f.rule,
    severity: f.severity,
    status: f.status,
    reviewedByName: f.reviewed_by_name,
    reviewedAt: f.reviewed_at?.toISOString() ?? null,
    reviewNote: f.review_note,
    ruleInfo: ruleView(f.rule),
  };
}

export type FindingView = ReturnType<typeof toFindingView>;

async function visibleTranscript(store: Store, actor: Actor, id: string) {
  assertQaReader(actor);
  if (!isUuid(id)) throw new AppError('QA_TRANSCRIPT_NOT_FOUND');
  const scope = qaScopeSql(actor, 't', 2);
  const r = await store.sql.query<
    TranscriptRow & { turns_json: { speaker: 'agent' | 'customer'; text: string }[] }
  >(
    `SELECT ${TRANSCRIPT_COLUMNS}, t.turns AS turns_json ${TRANSCRIPT_FROM} WHERE t.id = $1::uuid AND ${scope.sql}`,
    [id, ...scope.params],
  );
  const row = r.rows[0];
  if (!row) throw new AppError('QA_TRANSCRIPT_NOT_FOUND');
  return row;
}

/** One inspected call: the conversation, every finding with its rule's explanation and alternative. */
export async function getTranscript(store: Store, actor: Actor, id: string) {
  const row = await visibleTranscript(store, actor, id);
  const findings = await store.sql.query<FindingRow>(
    `SELECT ${FINDING_COLUMNS} FROM qa_findings f WHERE f.transcript_id = $1
     ORDER BY f.turn, f.start_offset, f.end_offset, f.rule`,
    [row.id],
  );
  return {
    transcript: toTranscriptSummary(row),
    turns: row.turns_json,
    findings: findings.rows.map(toFindingView),
    canReview: actor.kind === 'system' || (!!actor.role && can(actor.role, 'qa.review')),
  };
}

export type TranscriptDetailView = Awaited<ReturnType<typeof getTranscript>>;

// ---- review ----

export type ReviewAction = 'confirm' | 'dismiss' | 'reopen';

const REVIEW: Record<
  ReviewAction,
  { from: string[]; to: 'open' | 'confirmed' | 'dismissed'; openDelta: number }
> = {
  confirm: { from: ['open'], to: 'confirmed', openDelta: -1 },
  dismiss: { from: ['open'], to: 'dismissed', openDelta: -1 },
  reopen: { from: ['confirmed', 'dismissed'], to: 'open', openDelta: 1 },
};

const STATUS_TEXT: Record<string, { zh: string; en: string }> = {
  open: { zh: '待复核', en: 'open' },
  confirmed: { zh: '已确认', en: 'confirmed' },
  dismissed: { zh: '已驳回', en: 'dismissed' },
};

/**
 * Confirms a finding (a real violation), dismisses it (a false alarm: the note is required and is
 * feedback on the rule) or reopens a reviewed one. Only open → confirmed/dismissed and reviewed → open;
 * the update is conditional on the status the reviewer saw, so of two concurrent reviews one wins and
 * the other gets QA_REVIEW_CONFLICT.
 */
export async function reviewFinding(
  store: Store,
  actor: Actor,
  findingId: string,
  input: { action: ReviewAction; note?: string | null },
  now: Date,
): Promise<FindingView> {
  if (actor.kind === 'user' && (!actor.role || !can(actor.role, 'qa.review')))
    throw new AppError('FORBIDDEN');
  if (!isUuid(findingId)) throw new AppError('QA_FINDING_NOT_FOUND');
  const note = input.note?.trim() || null;
  if (input.action === 'dismiss' && !note) {
    throw invalid(
      'note',
      '驳回时必须填写说明（为什么这不是违规），用于改进规则',
      'is required when dismissing: say why this is not a violation (it is feedback on the rule)',
    );
  }
  if (note && note.length > 1000)
    throw invalid('note', '不能超过 1000 个字符', 'must be at most 1000 characters');
  const transition = REVIEW[input.action];
  return store.transaction(async ({ db, sql }) => {
    const scope = qaScopeSql(actor, 't', 2);
    const found = await sql.query<FindingRow>(
      `SELECT ${FINDING_COLUMNS} FROM qa_findings f JOIN qa_transcripts t ON t.id = f.transcript_id
       WHERE f.id = $1::uuid AND ${scope.sql}`,
      [findingId, ...scope.params],
    );
    const before = found.rows[0];
    if (!before) throw new AppError('QA_FINDING_NOT_FOUND');
    const updated = await sql.query<FindingRow>(
      `UPDATE qa_findings f SET status = $2, reviewed_by = $3::uuid, reviewed_by_name = $4, reviewed_at = $5,
         review_note = $6
       WHERE f.id = $1::uuid AND f.status = ANY($7::text[])
       RETURNING ${FINDING_COLUMNS}`,
      [findingId, transition.to, actor.userId, actor.displayName, now, note, transition.from],
    );
    const after = updated.rows[0];
    if (!after) {
      const current = await sql.query<{ status: string }>(
        'SELECT status FROM qa_findings WHERE id = $1::uuid',
        [findingId],
      );
      const status = current.rows[0]?.status ?? before.status;
      const text = STATUS_TEXT[status] ?? { zh: status, en: status };
      throw new AppError('QA_REVIEW_CONFLICT', { status: text.zh, statusEn: text.en }, { status });
    }
    await sql.query('UPDATE qa_transcripts SET open_count = open_count + $2 WHERE id = $1::uuid', [
      after.transcript_id,
      transition.openDelta,
    ]);
    await writeAudit(db, actor, {
      action: `qa.finding.${input.action}`,
      entityType: 'qa_finding',
      entityId: findingId,
      before: { status: before.status, note: before.review_note },
      after: {
        status: after.status,
        note: after.review_note,
        transcriptId: after.transcript_id,
        rule: after.rule,
        severity: after.severity,
      },
    });
    return toFindingView(after);
  });
}

// ---- scores ----

export interface ScoreRow {
  /** The collector's user id or the agency's id; null for calls without a collector / in-house calls. */
  id: string | null;
  name: string | null;
  teamName: string | null;
  agencyName: string | null;
  calls: number;
  score: number | null;
  confirmedErrors: number;
  confirmedWarnings: number;
  openFindings: number;
  dismissedFindings: number;
  redLineCalls: number;
  /** Share of calls with a confirmed red-line (error) finding, 0..1. */
  redLineShare: number;
}

interface ScoreSqlRow {
  id: string | null;
  name: string | null;
  team_name: string | null;
  agency_name: string | null;
  calls: number;
  score: string | null;
  confirmed_errors: number;
  confirmed_warnings: number;
  open_findings: number;
  dismissed_findings: number;
  red_line_calls: number;
}

function toScoreRow(r: ScoreSqlRow): ScoreRow {
  return {
    id: r.id,
    name: r.name,
    teamName: r.team_name,
    agencyName: r.agency_name,
    calls: r.calls,
    score: r.score === null ? null : Number(r.score),
    confirmedErrors: r.confirmed_errors,
    confirmedWarnings: r.confirmed_warnings,
    openFindings: r.open_findings,
    dismissedFindings: r.dismissed_findings,
    redLineCalls: r.red_line_calls,
    redLineShare: r.calls > 0 ? Math.round((r.red_line_calls / r.calls) * 10_000) / 10_000 : 0,
  };
}

/**
 * Compliance scores over the calls the actor may see whose call time falls in [from, to] (calendar days in
 * the center's zone; default: the 30 days up to today), per collector or per agency, plus the total.
 */
export async function complianceScores(
  store: Store,
  actor: Actor,
  query: { groupBy: 'collector' | 'agency'; from?: string; to?: string },
  now: Date,
) {
  assertQaReader(actor);
  const to = query.to ?? localDateOf(now, QA_TIME_ZONE);
  const from = query.from ?? addDays(to, -29);
  const { start, end } = periodBounds(from, to);
  const scope = qaScopeSql(actor, 't', 3);
  const params = [start, end, ...scope.params];
  const calls = `
    WITH calls AS (
      SELECT t.id, t.collector_user_id, t.agency_id,
        count(f.id) FILTER (WHERE f.status = 'confirmed' AND f.severity = 'error')::int AS ce,
        count(f.id) FILTER (WHERE f.status = 'confirmed' AND f.severity = 'warning')::int AS cw,
        count(f.id) FILTER (WHERE f.status = 'open')::int AS open_findings,
        count(f.id) FILTER (WHERE f.status = 'dismissed')::int AS dismissed_findings
      FROM qa_transcripts t LEFT JOIN qa_findings f ON f.transcript_id = t.id
      WHERE t.occurred_at >= $1 AND t.occurred_at < $2 AND ${scope.sql}
      GROUP BY t.id, t.collector_user_id, t.agency_id
    ), scored AS (
      SELECT calls.*, ${callScoreSql('ce', 'cw')} AS score FROM calls
    )`;
  const measures = `count(*)::int AS calls, round(avg(s.score)::numeric, 1) AS score,
    coalesce(sum(s.ce), 0)::int AS confirmed_errors, coalesce(sum(s.cw), 0)::int AS confirmed_warnings,
    coalesce(sum(s.open_findings), 0)::int AS open_findings,
    coalesce(sum(s.dismissed_findings), 0)::int AS dismissed_findings,
    count(*) FILTER (WHERE s.ce > 0)::int AS red_line_calls`;
  const grouped =
    query.groupBy === 'collector'
      ? `${calls}
         SELECT s.collector_user_id AS id, u.display_name AS name, tm.name AS team_name, ag.name AS agency_name,
           ${measures}
         FROM scored s LEFT JOIN users u ON u.id = s.collector_user_id
           LEFT JOIN teams tm ON tm.id = u.team_id LEFT JOIN agencies ag ON ag.id = u.agency_id
         GROUP BY s.collector_user_id, u.display_name, tm.name, ag.name
         ORDER BY score ASC NULLS LAST, name NULLS LAST`
      : `${calls}
         SELECT s.agency_id AS id, ag.name AS name, NULL::text AS team_name, ag.name AS agency_name, ${measures}
         FROM scored s LEFT JOIN agencies ag ON ag.id = s.agency_id
         GROUP BY s.agency_id, ag.name
         ORDER BY score ASC NULLS LAST, name NULLS FIRST`;
  const [rows, total] = await Promise.all([
    store.sql.query<ScoreSqlRow>(grouped, params),
    store.sql.query<ScoreSqlRow>(
      `${calls} SELECT NULL::uuid AS id, NULL::text AS name, NULL::text AS team_name, NULL::text AS agency_name,
         ${measures} FROM scored s`,
      params,
    ),
  ]);
  return {
    groupBy: query.groupBy,
    from,
    to,
    timeZone: QA_TIME_ZONE,
    rule: { ...CALL_SCORE },
    items: rows.rows.map(toScoreRow),
    total: toScoreRow(total.rows[0] as ScoreSqlRow),
  };
}

export type ComplianceScoresView = Awaited<ReturnType<typeof complianceScores>>;
