/**
 * The team lead's listening list (听录音清单): which calls of a period to listen to for coaching, chosen
 * deterministically from the inspected calls (qa_transcripts with their qa_findings):
 * 1. every call with an error-level finding that is open or confirmed (most such findings first);
 * 2. then every call with an open or confirmed warning;
 * 3. then clean calls (no open or confirmed finding; dismissed ones do not count), so that each collector
 *    has at least `perCollector` calls on the list, preferring calls on a case where a promise to pay was
 *    taken or a complaint raised the same day, then the latest.
 * Ties are broken by call time (latest first) and id, so the same data always gives the same list.
 * A team lead sees the team's calls (and every collector of the team, with or without calls); a manager,
 * QA inspector or auditor every call. Days are calendar days in the center's zone (QA_TIME_ZONE).
 */
import { startOfLocalDay } from '../compliance/local-time';
import type { BilingualText } from '../domain/bilingual';
import { addDays, daysBetween, isBusinessDate, localDateOf } from '../domain/dates';
import { can, ROLES } from '../domain/roles';
import { AppError, invalid } from '../errors';
import type { Store } from '../store/db';
import type { Actor } from './actor';
import { formatCaseNo } from './cases';
import { QA_TIME_ZONE, qaScopeSql } from './qa';

export const LISTENING_DEFAULT_PER_COLLECTOR = 2;
/** The default period: the last seven days, today included. */
const DEFAULT_DAYS = 7;
const MAX_DAYS = 92;

export type ListeningReason =
  | 'error_findings'
  | 'warning_findings'
  | 'sample_promise'
  | 'sample_complaint'
  | 'sample';

export interface ListeningItem {
  transcriptId: string;
  title: string;
  collectorId: string | null;
  collectorName: string | null;
  calledAt: string;
  party: string;
  caseId: string | null;
  caseNo: string | null;
  errors: number;
  warnings: number;
  open: number;
  confirmed: number;
  reason: ListeningReason;
  reasonText: BilingualText;
}

export interface ListeningCollector {
  collectorId: string | null;
  collectorName: string | null;
  listed: number;
  callsInPeriod: number;
  short: boolean;
}

export interface ListeningList {
  from: string;
  to: string;
  perCollector: number;
  items: ListeningItem[];
  collectors: ListeningCollector[];
}

export interface ListeningQuery {
  from?: string;
  to?: string;
  perCollector?: number;
}

interface CallRow {
  id: string;
  title: string;
  collector_user_id: string | null;
  collector_name: string | null;
  occurred_at: Date;
  party: string;
  case_id: string | null;
  case_no: number | null;
  errors: number;
  warnings: number;
  open: number;
  confirmed: number;
  has_promise: boolean;
  has_complaint: boolean;
}

function assertListener(actor: Actor): void {
  if (actor.kind === 'system') return;
  const scope = actor.role ? ROLES[actor.role].qaScope : 'none';
  if (!actor.role || !can(actor.role, 'qa.read') || (scope !== 'all' && scope !== 'team')) {
    throw new AppError('FORBIDDEN');
  }
}

function reasonText(reason: ListeningReason, row: CallRow, perCollector: number): BilingualText {
  switch (reason) {
    case 'error_findings':
      return {
        zh: `${row.errors} 处严重违规发现（待复核或已确认）`,
        en: `${row.errors} error-level finding(s), open or confirmed`,
      };
    case 'warning_findings':
      return {
        zh: `${row.warnings} 处提醒级发现（待复核或已确认）`,
        en: `${row.warnings} warning(s), open or confirmed`,
      };
    case 'sample_promise':
      return {
        zh: `抽样（每位坐席至少 ${perCollector} 通）：当天达成了还款承诺`,
        en: `Sample (at least ${perCollector} per collector): a promise to pay was taken that day`,
      };
    case 'sample_complaint':
      return {
        zh: `抽样（每位坐席至少 ${perCollector} 通）：当天有投诉或争议`,
        en: `Sample (at least ${perCollector} per collector): a complaint or dispute was raised that day`,
      };
    case 'sample':
      return {
        zh: `抽样（每位坐席至少 ${perCollector} 通）：未发现问题的通话`,
        en: `Sample (at least ${perCollector} per collector): a call without findings`,
      };
  }
}

const byTimeThenId = (a: CallRow, b: CallRow) =>
  new Date(b.occurred_at).getTime() - new Date(a.occurred_at).getTime() ||
  (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export async function listeningList(
  store: Store,
  actor: Actor,
  query: ListeningQuery,
  now: Date,
): Promise<ListeningList> {
  assertListener(actor);
  for (const field of ['from', 'to'] as const) {
    const value = query[field];
    if (value !== undefined && !isBusinessDate(value)) {
      throw invalid(field, '应为 YYYY-MM-DD 格式的日期', 'must be a date as YYYY-MM-DD');
    }
  }
  const perCollector = query.perCollector ?? LISTENING_DEFAULT_PER_COLLECTOR;
  if (!Number.isInteger(perCollector) || perCollector < 0 || perCollector > 20) {
    throw invalid('perCollector', '须为 0 到 20 的整数', 'must be a whole number from 0 to 20');
  }
  const to =
    query.to ?? (query.from ? addDays(query.from, DEFAULT_DAYS - 1) : localDateOf(now, QA_TIME_ZONE));
  const from = query.from ?? addDays(to, -(DEFAULT_DAYS - 1));
  if (from > to) throw invalid('from', '不能晚于结束日期', 'must not be after to');
  if (daysBetween(from, to) >= MAX_DAYS) {
    throw invalid('to', `期间不能超过 ${MAX_DAYS} 天`, `the period may be at most ${MAX_DAYS} days`);
  }
  const start = startOfLocalDay(from, QA_TIME_ZONE);
  const end = startOfLocalDay(addDays(to, 1), QA_TIME_ZONE);
  const params: unknown[] = [start, end, QA_TIME_ZONE];
  const scope = qaScopeSql(actor, 't', params.length + 1);
  params.push(...scope.params);
  const calls = await store.sql.query<CallRow>(
    `SELECT t.id, t.title, t.collector_user_id, u.display_name AS collector_name, t.occurred_at, t.party,
       t.case_id, c.case_no, f.errors, f.warnings, f.open, f.confirmed,
       (t.case_id IS NOT NULL AND EXISTS (SELECT 1 FROM promises pr WHERE pr.case_id = t.case_id
          AND (pr.created_at AT TIME ZONE $3)::date = (t.occurred_at AT TIME ZONE $3)::date)) AS has_promise,
       (t.case_id IS NOT NULL AND EXISTS (SELECT 1 FROM complaints k WHERE k.case_id = t.case_id
          AND (k.raised_at AT TIME ZONE $3)::date = (t.occurred_at AT TIME ZONE $3)::date)) AS has_complaint
     FROM qa_transcripts t
     LEFT JOIN users u ON u.id = t.collector_user_id
     LEFT JOIN cases c ON c.id = t.case_id
     CROSS JOIN LATERAL (
       SELECT count(*) FILTER (WHERE x.severity = 'error' AND x.status IN ('open', 'confirmed'))::int AS errors,
         count(*) FILTER (WHERE x.severity = 'warning' AND x.status IN ('open', 'confirmed'))::int AS warnings,
         count(*) FILTER (WHERE x.status = 'open')::int AS open,
         count(*) FILTER (WHERE x.status = 'confirmed')::int AS confirmed
       FROM qa_findings x WHERE x.transcript_id = t.id) f
     WHERE t.occurred_at >= $1 AND t.occurred_at < $2 AND ${scope.sql}`,
    params,
  );
  const rows = calls.rows.map((r) => ({
    ...r,
    errors: Number(r.errors),
    warnings: Number(r.warnings),
    open: Number(r.open),
    confirmed: Number(r.confirmed),
  }));

  // The collectors the list is about: those with calls in the period, and a team lead's whole team.
  const names = new Map<string | null, string | null>();
  for (const r of rows) names.set(r.collector_user_id, r.collector_name);
  if (actor.role && ROLES[actor.role].qaScope === 'team' && actor.teamId) {
    const team = await store.sql.query<{ id: string; display_name: string }>(
      `SELECT id, display_name FROM users WHERE team_id = $1::uuid AND role = 'collector' AND active
       ORDER BY display_name, id`,
      [actor.teamId],
    );
    for (const u of team.rows) names.set(u.id, u.display_name);
  }

  const chosen: { row: CallRow; reason: ListeningReason }[] = [];
  const listed = new Map<string | null, number>();
  const take = (row: CallRow, reason: ListeningReason) => {
    chosen.push({ row, reason });
    listed.set(row.collector_user_id, (listed.get(row.collector_user_id) ?? 0) + 1);
  };
  rows
    .filter((r) => r.errors > 0)
    .sort((a, b) => b.errors - a.errors || b.open - a.open || byTimeThenId(a, b))
    .forEach((r) => {
      take(r, 'error_findings');
    });
  rows
    .filter((r) => r.errors === 0 && r.warnings > 0)
    .sort((a, b) => b.warnings - a.warnings || b.open - a.open || byTimeThenId(a, b))
    .forEach((r) => {
      take(r, 'warning_findings');
    });
  const clean = rows
    .filter((r) => r.errors === 0 && r.warnings === 0 && r.collector_user_id !== null)
    .sort((a, b) => {
      const pa = a.has_promise || a.has_complaint ? 1 : 0;
      const pb = b.has_promise || b.has_complaint ? 1 : 0;
      return pb - pa || byTimeThenId(a, b);
    });
  const collectorOrder = [...names.keys()]
    .filter((id): id is string => id !== null)
    .sort((a, b) => {
      const na = names.get(a) ?? '';
      const nb = names.get(b) ?? '';
      return na < nb ? -1 : na > nb ? 1 : a < b ? -1 : a > b ? 1 : 0;
    });
  for (const collectorId of collectorOrder) {
    let need = perCollector - (listed.get(collectorId) ?? 0);
    for (const r of clean) {
      if (need <= 0) break;
      if (r.collector_user_id !== collectorId) continue;
      take(r, r.has_promise ? 'sample_promise' : r.has_complaint ? 'sample_complaint' : 'sample');
      need--;
    }
  }

  const items: ListeningItem[] = chosen.map(({ row, reason }) => ({
    transcriptId: row.id,
    title: row.title,
    collectorId: row.collector_user_id,
    collectorName: row.collector_name,
    calledAt: new Date(row.occurred_at).toISOString(),
    party: row.party,
    caseId: row.case_id,
    caseNo: row.case_no === null ? null : formatCaseNo(Number(row.case_no)),
    errors: row.errors,
    warnings: row.warnings,
    open: row.open,
    confirmed: row.confirmed,
    reason,
    reasonText: reasonText(reason, row, perCollector),
  }));

  // Collectors in the order their first call appears on the list, then those with none.
  const firstAt = new Map<string | null, number>();
  items.forEach((item, i) => {
    if (!firstAt.has(item.collectorId)) firstAt.set(item.collectorId, i);
  });
  const callsOf = new Map<string | null, number>();
  for (const r of rows) callsOf.set(r.collector_user_id, (callsOf.get(r.collector_user_id) ?? 0) + 1);
  const collectors: ListeningCollector[] = [...names.keys()]
    .sort((a, b) => {
      const fa = firstAt.get(a) ?? Number.MAX_SAFE_INTEGER;
      const fb = firstAt.get(b) ?? Number.MAX_SAFE_INTEGER;
      if (fa !== fb) return fa - fb;
      const na = names.get(a) ?? '';
      const nb = names.get(b) ?? '';
      return na < nb ? -1 : na > nb ? 1 : 0;
    })
    .map((id) => {
      const count = listed.get(id) ?? 0;
      return {
        collectorId: id,
        collectorName: names.get(id) ?? null,
        listed: count,
        callsInPeriod: callsOf.get(id) ?? 0,
        short: id !== null && count < perCollector,
      };
    });
  return { from, to, perCollector, items, collectors };
}
