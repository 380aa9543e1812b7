/**
 * Reading the SMS outbox (短信): the messages of the cases an actor may see (`sms.read`), numbers masked,
 * with what happened to each, and the state of the dispatcher (gateway configured? counts by status).
 */
import { maskPhone } from '../../domain/masking';
import { can } from '../../domain/roles';
import { AppError, invalid } from '../../errors';
import type { Store } from '../../store/db';
import type { Actor } from '../actor';
import { caseScopeSql } from '../case-scope';
import { formatCaseNo } from '../cases';
import { NO_GATEWAY_DETAIL, NO_GATEWAY_DETAIL_EN } from './dispatch';
import type { SmsGateway } from './gateway';

export const SMS_STATUSES = ['queued', 'sent', 'failed', 'blocked'] as const;
export type SmsStatus = (typeof SMS_STATUSES)[number];

export interface OutboxItem {
  id: string;
  caseId: string;
  caseNo: string;
  debtorName: string;
  phoneMasked: string;
  templateName: string | null;
  /** The template text with its merge fields (filled only when sent). */
  body: string;
  status: SmsStatus;
  statusDetail: string | null;
  statusDetailEn: string | null;
  gateway: string | null;
  attempts: number;
  lastAttemptAt: string | null;
  queuedAt: string;
  sentAt: string | null;
}

export interface OutboxList {
  items: OutboxItem[];
  total: number;
  page: number;
  pageSize: number;
}

export interface SmsState {
  gatewayConfigured: boolean;
  gateway: string | null;
  counts: Record<SmsStatus, number>;
  message: string;
  messageEn: string;
}

function assertSmsReader(actor: Actor): void {
  if (actor.kind === 'system') return;
  if (!actor.role || !can(actor.role, 'sms.read')) throw new AppError('FORBIDDEN');
}

/** A stored detail in both languages: 'zh\nen', or a known Chinese text alone. */
export function detailTexts(stored: string | null): { zh: string | null; en: string | null } {
  if (stored === null) return { zh: null, en: null };
  if (stored === NO_GATEWAY_DETAIL) return { zh: stored, en: NO_GATEWAY_DETAIL_EN };
  const cut = stored.indexOf('\n');
  if (cut === -1) return { zh: stored, en: stored };
  return { zh: stored.slice(0, cut), en: stored.slice(cut + 1) };
}

interface Row {
  id: string;
  case_id: string;
  case_no: number;
  debtor_name: string;
  phone: string;
  template_name: string | null;
  body: string;
  status: SmsStatus;
  status_detail: string | null;
  gateway: string | null;
  attempts: number;
  last_attempt_at: Date | null;
  queued_at: Date;
  sent_at: Date | null;
  total: number;
}

export async function listOutbox(
  store: Store,
  actor: Actor,
  query: { status?: SmsStatus; page?: number; pageSize?: number },
): Promise<OutboxList> {
  assertSmsReader(actor);
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  if (!Number.isSafeInteger(page) || page < 1)
    throw invalid('page', '须为正整数', 'must be a positive whole number');
  if (!Number.isSafeInteger(pageSize) || pageSize < 1 || pageSize > 200) {
    throw invalid('pageSize', '须为 1 到 200 的整数', 'must be a whole number from 1 to 200');
  }
  if (query.status !== undefined && !(SMS_STATUSES as readonly string[]).includes(query.status)) {
    throw invalid('status', '须为 queued/sent/failed/blocked', 'must be queued, sent, failed or blocked');
  }
  const scope = caseScopeSql(actor, 'c', 2);
  const rows = await store.sql.query<Row>(
    `SELECT o.id, o.case_id, c.case_no, d.name AS debtor_name, o.phone, t.name AS template_name, o.body, o.status,
       o.status_detail, o.gateway, o.attempts, o.last_attempt_at, o.queued_at, o.sent_at,
       count(*) OVER ()::int AS total
     FROM sms_outbox o
     JOIN cases c ON c.id = o.case_id
     JOIN debtors d ON d.id = c.debtor_id
     LEFT JOIN templates t ON t.id = o.template_id
     WHERE ($1::text IS NULL OR o.status = $1) AND ${scope.sql}
     ORDER BY o.queued_at DESC, o.id DESC
     LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
    [query.status ?? null, ...scope.params],
  );
  return {
    items: rows.rows.map((r) => {
      const texts = detailTexts(r.status_detail);
      return {
        id: r.id,
        caseId: r.case_id,
        caseNo: formatCaseNo(Number(r.case_no)),
        debtorName: r.debtor_name,
        phoneMasked: maskPhone(r.phone),
        templateName: r.template_name,
        body: r.body,
        status: r.status,
        statusDetail: texts.zh,
        statusDetailEn: texts.en,
        gateway: r.gateway,
        attempts: r.attempts,
        lastAttemptAt: r.last_attempt_at ? new Date(r.last_attempt_at).toISOString() : null,
        queuedAt: new Date(r.queued_at).toISOString(),
        sentAt: r.sent_at ? new Date(r.sent_at).toISOString() : null,
      };
    }),
    total: Number(rows.rows[0]?.total ?? 0),
    page,
    pageSize,
  };
}

/** Whether a gateway is configured, and the outbox's messages by status (within the actor's cases). */
export async function smsState(store: Store, actor: Actor, gateway: SmsGateway | null): Promise<SmsState> {
  assertSmsReader(actor);
  const scope = caseScopeSql(actor, 'c', 1);
  const rows = await store.sql.query<{ status: SmsStatus; n: number }>(
    `SELECT o.status, count(*)::int AS n FROM sms_outbox o JOIN cases c ON c.id = o.case_id
     WHERE ${scope.sql} GROUP BY o.status`,
    scope.params,
  );
  const counts: Record<SmsStatus, number> = { queued: 0, sent: 0, failed: 0, blocked: 0 };
  for (const r of rows.rows) if (r.status in counts) counts[r.status] = Number(r.n);
  return {
    gatewayConfigured: gateway !== null,
    gateway: gateway?.name ?? null,
    counts,
    message: gateway
      ? `短信网关 ${gateway.name} 已配置，待发短信每分钟经联系闸门检查后发送`
      : `${NO_GATEWAY_DETAIL}。请设置 QINGSHOU_SMS_GATEWAY_URL 后重启服务`,
    messageEn: gateway
      ? `SMS gateway ${gateway.name} is configured: queued messages go through the contact gate and out every minute`
      : `${NO_GATEWAY_DETAIL_EN}. Set QINGSHOU_SMS_GATEWAY_URL and restart the server`,
  };
}
