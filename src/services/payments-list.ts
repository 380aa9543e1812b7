/**
 * Reading payments for the 还款 screen: the recent payments of the cases an actor may see (with the case,
 * the allocation, overpayment and refund status, who posted it), the payments one bank-file upload posted,
 * and a portfolio's allocation order. Posting and reversing stay in payments.ts.
 */
import { isBusinessDate } from '../domain/dates';
import { DEFAULT_ALLOCATION_ORDER } from '../domain/payment-allocation';
import { can } from '../domain/roles';
import { AppError, invalid } from '../errors';
import type { Store } from '../store/db';
import type { Actor } from './actor';
import { caseScopeSql } from './case-scope';
import { assertCaseReader, formatCaseNo } from './cases';

export interface PaymentListItem {
  id: string;
  portfolioCode: string;
  caseId: string | null;
  caseNo: string | null;
  contractNo: string;
  debtorName: string;
  externalRef: string;
  amountFen: number;
  paidAt: string;
  postedOn: string;
  channel: string;
  source: 'manual' | 'bank_file';
  allocation: { feesFen: number; penaltyFen: number; interestFen: number; principalFen: number };
  overpaymentFen: number;
  refundStatus: 'none' | 'pending' | 'refunded';
  status: 'posted' | 'reversed';
  reversedAt: string | null;
  reversalReason: string | null;
  /** Who entered it: the user, or null for the system (CLI, bank files loaded by an operator). */
  postedByName: string | null;
  createdAt: string;
}

export interface PaymentListQuery {
  portfolio?: string;
  from?: string;
  to?: string;
  status?: 'posted' | 'reversed';
  page?: number;
  pageSize?: number;
}

export interface PaymentList {
  items: PaymentListItem[];
  total: number;
  page: number;
  pageSize: number;
}

interface Row {
  id: string;
  portfolio_code: string;
  case_id: string | null;
  case_no: number | null;
  contract_no: string;
  debtor_name: string;
  external_ref: string;
  amount_fen: number;
  paid_at: Date;
  posted_on: string;
  channel: string;
  source: PaymentListItem['source'];
  allocation: PaymentListItem['allocation'];
  overpayment_fen: number;
  refund_status: PaymentListItem['refundStatus'];
  status: PaymentListItem['status'];
  reversed_at: Date | null;
  reversal_reason: string | null;
  posted_by_name: string | null;
  created_at: Date;
  total?: number;
}

const SELECT = `SELECT pay.id, po.code AS portfolio_code, pay.case_id, c.case_no, a.contract_no, d.name AS debtor_name,
    pay.external_ref, pay.amount_fen, pay.paid_at, pay.posted_on, pay.channel, pay.source, pay.allocation,
    pay.overpayment_fen, pay.refund_status, pay.status, pay.reversed_at, pay.reversal_reason,
    u.display_name AS posted_by_name, pay.created_at`;
const FROM = `FROM payments pay
  JOIN portfolios po ON po.id = pay.portfolio_id
  JOIN accounts a ON a.id = pay.account_id
  JOIN debtors d ON d.id = a.debtor_id
  LEFT JOIN cases c ON c.id = pay.case_id
  LEFT JOIN users u ON u.id = pay.entered_by`;

function item(r: Row): PaymentListItem {
  return {
    id: r.id,
    portfolioCode: r.portfolio_code,
    caseId: r.case_id,
    caseNo: r.case_no === null ? null : formatCaseNo(Number(r.case_no)),
    contractNo: r.contract_no,
    debtorName: r.debtor_name,
    externalRef: r.external_ref,
    amountFen: Number(r.amount_fen),
    paidAt: new Date(r.paid_at).toISOString(),
    postedOn: r.posted_on,
    channel: r.channel,
    source: r.source,
    allocation: r.allocation,
    overpaymentFen: Number(r.overpayment_fen),
    refundStatus: r.refund_status,
    status: r.status,
    reversedAt: r.reversed_at ? new Date(r.reversed_at).toISOString() : null,
    reversalReason: r.reversal_reason,
    postedByName: r.posted_by_name,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

/** Recent payments (newest posting day first) of the cases the actor may see. */
export async function listPayments(
  store: Store,
  actor: Actor,
  query: PaymentListQuery,
): Promise<PaymentList> {
  assertCaseReader(actor);
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  if (!Number.isSafeInteger(page) || page < 1)
    throw invalid('page', '须为正整数', 'must be a positive whole number');
  if (!Number.isSafeInteger(pageSize) || pageSize < 1 || pageSize > 200) {
    throw invalid('pageSize', '须为 1 到 200 的整数', 'must be a whole number from 1 to 200');
  }
  for (const field of ['from', 'to'] as const) {
    const value = query[field];
    if (value !== undefined && !isBusinessDate(value)) {
      throw invalid(field, '须为日期 YYYY-MM-DD', 'must be a date YYYY-MM-DD');
    }
  }
  if (query.from && query.to && query.from > query.to) {
    throw invalid('to', '结束日期不能早于开始日期', 'the end date cannot be before the start date');
  }
  const params: unknown[] = [];
  const where: string[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (query.portfolio) where.push(`po.code = ${param(query.portfolio)}`);
  if (query.from) where.push(`pay.posted_on >= ${param(query.from)}::date`);
  if (query.to) where.push(`pay.posted_on <= ${param(query.to)}::date`);
  if (query.status) where.push(`pay.status = ${param(query.status)}`);
  const scope = caseScopeSql(actor, 'c', params.length + 1);
  params.push(...scope.params);
  // A payment on an account without a case is seen only by those who see every case.
  where.push(scope.sql === 'TRUE' ? 'TRUE' : `(c.id IS NOT NULL AND ${scope.sql})`);
  const rows = await store.sql.query<Row>(
    `${SELECT}, count(*) OVER ()::int AS total ${FROM}
     WHERE ${where.join(' AND ')}
     ORDER BY pay.posted_on DESC, pay.created_at DESC, pay.id DESC
     LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
    params,
  );
  let total = Number(rows.rows[0]?.total ?? 0);
  if (rows.rows.length === 0 && page > 1) {
    const counted = await store.sql.query<{ n: number }>(
      `SELECT count(*)::int AS n ${FROM} WHERE ${where.join(' AND ')}`,
      params,
    );
    total = Number(counted.rows[0]?.n ?? 0);
  }
  return { items: rows.rows.map(item), total, page, pageSize };
}

/**
 * The payments one bank-file load posted: the payment-file service posts every line with the same `now`,
 * so they are the bank-file payments of the portfolio entered by the actor at that instant.
 */
export async function paymentsPostedAt(
  store: Store,
  actor: Actor,
  portfolioCode: string,
  at: Date,
): Promise<PaymentListItem[]> {
  const rows = await store.sql.query<Row>(
    `${SELECT} ${FROM}
     WHERE po.code = $1 AND pay.source = 'bank_file' AND pay.created_at = $2
       AND pay.entered_by IS NOT DISTINCT FROM $3::uuid
     ORDER BY pay.id`,
    [portfolioCode, at, actor.userId],
  );
  return rows.rows.map(item);
}

export interface AllocationOrderView {
  portfolio: string;
  /** The order payments pay off the components now. */
  order: string[];
  /** True when the portfolio uses the default order (nothing configured). */
  isDefault: boolean;
  defaultOrder: string[];
}

/** A portfolio's allocation order, for those who read cases or manage portfolios. */
export async function getAllocationOrder(
  store: Store,
  actor: Actor,
  portfolioCode: string,
): Promise<AllocationOrderView> {
  const mayManage = actor.kind === 'system' || (actor.role !== null && can(actor.role, 'portfolios.manage'));
  if (!mayManage) assertCaseReader(actor);
  const found = await store.sql.query<{ code: string; allocation_order: string[] | null }>(
    'SELECT code, allocation_order FROM portfolios WHERE code = $1',
    [portfolioCode],
  );
  const row = found.rows[0];
  if (!row) throw new AppError('PORTFOLIO_NOT_FOUND', { code: portfolioCode });
  return {
    portfolio: row.code,
    order: row.allocation_order ?? [...DEFAULT_ALLOCATION_ORDER],
    isDefault: row.allocation_order === null,
    defaultOrder: [...DEFAULT_ALLOCATION_ORDER],
  };
}
