/**
 * Waivers and settlements (减免/和解): a collector, team lead or agency asks to give up part of a case's
 * balance (a waiver: the amount given up) or to settle (the debtor pays X, the rest is given up). The
 * authority matrix (domain/waiver-authority.ts, the default matrix) decides the approval chain, stored
 * in `required_roles`; each step is approved in turn by a person holding the step's role, never by the
 * requester, and one person approves at most one step (maker-checker up the ladder).
 *
 * A decision is a conditional update of the request (`approved_levels` still the one read, status still
 * pending), so two approvers of the same level cannot both win. A rejection ends the request. The final
 * approval applies the waiver in the same transaction: the account row is locked, the components are
 * reduced penalty → interest → fees → principal, the allocation is written to `account_adjustments`,
 * and the balance is updated; every step is audited.
 *
 * Between request and approval payments may change the balance: the waiver applied is never more than
 * approved and never more than the balance (a settlement waives at most the balance minus the
 * settlement amount), so the balance never goes negative.
 *
 * Approver roles: team lead → the team lead level; manager → the manager level and the risk
 * committee level (a manager signs for the committee; a second manager, since one person approves one
 * step). The administrator is left out: running the system is not deciding about money.
 */
import { allocatePayment, type BalanceComponent, type ComponentAmounts } from '../domain/payment-allocation';
import { can, type RoleCode } from '../domain/roles';
import {
  approverRoleName,
  type CaseStage,
  checkWaiverApproval,
  DEFAULT_WAIVER_MATRIX,
  decideWaiver,
  isWaiverApproverRole,
  type WaiverApprovalRecord,
  type WaiverApproverRole,
} from '../domain/waiver-authority';
import { AppError, invalid } from '../errors';
import type { SqlSession, Store } from '../store/db';
import { type AccountRow, balancesOf, lockAccount } from './account-balances';
import type { Actor } from './actor';
import { writeAudit } from './audit';
import { caseScopeSql } from './case-scope';
import { formatCaseNo } from './cases';
import { isUuid } from './ids';

/** The order a waiver gives up the components: penalty first, principal last. */
export const WAIVER_ORDER: readonly BalanceComponent[] = Object.freeze([
  'penalty',
  'interest',
  'fees',
  'principal',
]);

/** Which approver roles of the matrix a user role holds. */
const APPROVER_ROLES_OF: Partial<Record<RoleCode, WaiverApproverRole[]>> = {
  team_lead: ['team_lead'],
  manager: ['manager', 'risk_committee'],
};

export function approverRolesOf(actor: Actor): WaiverApproverRole[] {
  if (!actor.role || !can(actor.role, 'waivers.approve')) return [];
  return APPROVER_ROLES_OF[actor.role] ?? [];
}

export interface WaiverRequestInput {
  kind: 'waiver' | 'settlement';
  /** For a waiver: the amount given up. For a settlement: the amount the debtor pays. Whole fen. */
  amountFen: number;
  reason: string;
  /** Evidence as text (hardship proof, call reference, documents seen). */
  evidence?: string[];
}

export interface WaiverApprovalView {
  level: number;
  role: string;
  approverName: string;
  decision: 'approved' | 'rejected';
  note: string;
  decidedAt: string;
}

export interface WaiverView {
  id: string;
  caseId: string;
  caseNo: string;
  debtorName: string;
  kind: 'waiver' | 'settlement';
  waiveFen: number;
  settleFen: number | null;
  balanceAtRequestFen: number;
  balanceFen: number;
  /** The waiver's share of the balance at request time, basis points (rounded up). */
  basisPoints: number;
  reason: string;
  evidence: string[];
  chain: string[];
  approvedLevels: number;
  /** The role of the next step while pending; null otherwise. */
  nextRole: string | null;
  status: 'pending' | 'approved' | 'rejected' | 'cancelled';
  requestedBy: string;
  requestedByName: string;
  requestedAt: string;
  decidedAt: string | null;
  approvals: WaiverApprovalView[];
}

interface RequestRow {
  id: string;
  case_id: string;
  case_no: number;
  debtor_name: string;
  account_id: string;
  kind: 'waiver' | 'settlement';
  waive_fen: number;
  settle_fen: number | null;
  balance_at_request_fen: number;
  balance_fen: number;
  reason: string;
  evidence: string[];
  required_roles: string[];
  approved_levels: number;
  status: WaiverView['status'];
  requested_by: string;
  requested_by_name: string;
  requested_at: Date;
  decided_at: Date | null;
}

const REQUEST_COLUMNS = `r.id, r.case_id, c.case_no, d.name AS debtor_name, r.account_id, r.kind, r.waive_fen,
  r.settle_fen, r.balance_at_request_fen, a.balance_fen, r.reason, r.evidence, r.required_roles, r.approved_levels,
  r.status, r.requested_by, u.display_name AS requested_by_name, r.requested_at, r.decided_at`;
const REQUEST_FROM = `waiver_requests r JOIN cases c ON c.id = r.case_id JOIN accounts a ON a.id = r.account_id
  JOIN debtors d ON d.id = c.debtor_id JOIN users u ON u.id = r.requested_by`;

function basisPointsOf(waiveFen: number, balanceFen: number): number {
  if (balanceFen <= 0) return 0;
  return Number((BigInt(waiveFen) * 10_000n + BigInt(balanceFen) - 1n) / BigInt(balanceFen));
}

function view(row: RequestRow, approvals: WaiverApprovalView[]): WaiverView {
  const chain = row.required_roles;
  return {
    id: row.id,
    caseId: row.case_id,
    caseNo: formatCaseNo(Number(row.case_no)),
    debtorName: row.debtor_name,
    kind: row.kind,
    waiveFen: Number(row.waive_fen),
    settleFen: row.settle_fen === null ? null : Number(row.settle_fen),
    balanceAtRequestFen: Number(row.balance_at_request_fen),
    balanceFen: Number(row.balance_fen),
    basisPoints: basisPointsOf(Number(row.waive_fen), Number(row.balance_at_request_fen)),
    reason: row.reason,
    evidence: row.evidence ?? [],
    chain,
    approvedLevels: row.approved_levels,
    nextRole: row.status === 'pending' ? (chain[row.approved_levels] ?? null) : null,
    status: row.status,
    requestedBy: row.requested_by,
    requestedByName: row.requested_by_name,
    requestedAt: new Date(row.requested_at).toISOString(),
    decidedAt: row.decided_at ? new Date(row.decided_at).toISOString() : null,
    approvals,
  };
}

async function approvalsOf(sql: SqlSession, ids: string[]): Promise<Map<string, WaiverApprovalView[]>> {
  const byRequest = new Map<string, WaiverApprovalView[]>();
  if (ids.length === 0) return byRequest;
  const r = await sql.query<{
    request_id: string;
    level: number;
    role: string;
    approver_id: string;
    approver_name: string;
    decision: 'approved' | 'rejected';
    note: string;
    decided_at: Date;
  }>(
    `SELECT w.request_id, w.level, w.role, w.approver_id, u.display_name AS approver_name, w.decision, w.note,
       w.decided_at
     FROM waiver_approvals w JOIN users u ON u.id = w.approver_id
     WHERE w.request_id = ANY($1::uuid[]) ORDER BY w.request_id, w.level`,
    [ids],
  );
  for (const a of r.rows) {
    const list = byRequest.get(a.request_id) ?? [];
    list.push({
      level: a.level,
      role: a.role,
      approverName: a.approver_name,
      decision: a.decision,
      note: a.note,
      decidedAt: new Date(a.decided_at).toISOString(),
    });
    byRequest.set(a.request_id, list);
  }
  return byRequest;
}

function cleanText(value: unknown, max: number): string {
  return typeof value === 'string' ? value.trim().slice(0, max) : '';
}

/** Asks for a waiver or settlement on a case in the actor's scope; answers the stored request. */
export async function requestWaiver(
  store: Store,
  actor: Actor,
  caseId: string,
  input: WaiverRequestInput,
  now: Date,
): Promise<WaiverView> {
  if (actor.kind !== 'system' && (!actor.role || !can(actor.role, 'waivers.request'))) {
    throw new AppError('FORBIDDEN');
  }
  if (actor.userId === null) throw new AppError('FORBIDDEN');
  if (!isUuid(caseId)) throw new AppError('CASE_NOT_FOUND');
  if (input.kind !== 'waiver' && input.kind !== 'settlement') {
    throw invalid('kind', '须为减免或和解', 'must be waiver or settlement');
  }
  if (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0) {
    throw invalid(
      'amount',
      '金额须大于 0，最多两位小数',
      'the amount must be above 0 with at most 2 decimals',
    );
  }
  const reason = cleanText(input.reason, 1000);
  if (reason.length < 2) throw invalid('reason', '须说明申请理由', 'give the reason for the request');
  const evidence = (input.evidence ?? []).map((e) => cleanText(e, 1000)).filter((e) => e !== '');
  const scope = caseScopeSql(actor, 'c', 2);
  const requesterId = actor.userId;
  const id = await store.transaction(async ({ db, sql }) => {
    const found = await sql.query<{
      id: string;
      account_id: string;
      status: string;
      stage: CaseStage;
      days_past_due: number;
      balance_fen: number;
    }>(
      `SELECT c.id, c.account_id, c.status, c.stage, c.days_past_due, a.balance_fen
       FROM cases c JOIN accounts a ON a.id = c.account_id
       WHERE c.id = $1 AND ${scope.sql} FOR UPDATE OF a`,
      [caseId, ...scope.params],
    );
    const kase = found.rows[0];
    if (!kase) throw new AppError('CASE_NOT_FOUND');
    if (kase.status !== 'open') throw invalid('case', '案件已结案', 'the case is closed');
    const balanceFen = Number(kase.balance_fen);
    let waiveFen = input.amountFen;
    let settleFen: number | null = null;
    if (input.kind === 'settlement') {
      if (input.amountFen >= balanceFen) {
        throw invalid(
          'amount',
          '和解金额须低于欠款余额（否则无需减免）',
          'the settlement must be below the balance (otherwise nothing is waived)',
        );
      }
      settleFen = input.amountFen;
      waiveFen = balanceFen - settleFen;
    }
    const pending = await sql.query(
      `SELECT 1 FROM waiver_requests WHERE case_id = $1 AND status = 'pending' LIMIT 1`,
      [caseId],
    );
    if (pending.rows.length > 0) throw new AppError('WAIVER_PENDING_EXISTS');
    const decision = decideWaiver(
      { amountFen: waiveFen, balanceFen, daysPastDue: kase.days_past_due, stage: kase.stage },
      DEFAULT_WAIVER_MATRIX,
    );
    if (decision.outcome === 'not_allowed') {
      throw new AppError(
        'WAIVER_NOT_ALLOWED',
        { reason: decision.text.zh, reasonEn: decision.text.en },
        { refusal: decision.reason },
      );
    }
    const inserted = await sql.query<{ id: string }>(
      `INSERT INTO waiver_requests (case_id, account_id, kind, waive_fen, settle_fen, balance_at_request_fen, reason,
         evidence, required_roles, requested_by, requested_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [
        caseId,
        kase.account_id,
        input.kind,
        waiveFen,
        settleFen,
        balanceFen,
        reason,
        JSON.stringify(evidence),
        JSON.stringify(decision.chain),
        requesterId,
        now,
      ],
    );
    const requestId = (inserted.rows[0] as { id: string }).id;
    await writeAudit(db, actor, {
      action: 'waiver.request',
      entityType: 'case',
      entityId: caseId,
      after: {
        requestId,
        kind: input.kind,
        waiveFen,
        settleFen,
        balanceFen,
        basisPoints: decision.basisPoints,
        chain: decision.chain,
      },
    });
    return requestId;
  });
  return getWaiver(store, actor, id);
}

/** One request in the actor's scope, with its approvals. */
export async function getWaiver(store: Store, actor: Actor, requestId: string): Promise<WaiverView> {
  if (!isUuid(requestId)) throw new AppError('WAIVER_NOT_FOUND');
  const scope = caseScopeSql(actor, 'c', 2);
  const r = await store.sql.query<RequestRow>(
    `SELECT ${REQUEST_COLUMNS} FROM ${REQUEST_FROM} WHERE r.id = $1 AND ${scope.sql}`,
    [requestId, ...scope.params],
  );
  const row = r.rows[0];
  if (!row) throw new AppError('WAIVER_NOT_FOUND');
  const approvals = await approvalsOf(store.sql, [row.id]);
  return view(row, approvals.get(row.id) ?? []);
}

export type WaiverListStatus = 'pending' | 'approved' | 'rejected';

/**
 * The approvals inbox: with status pending (the default), the requests in the actor's scope whose next
 * step the actor may approve (their role, not their own request, no earlier step of theirs). Decided
 * requests (approved, rejected) in scope, newest first, for the record.
 */
export async function listWaivers(
  store: Store,
  actor: Actor,
  options: { status?: WaiverListStatus; caseId?: string } = {},
): Promise<WaiverView[]> {
  if (!actor.role || (!can(actor.role, 'waivers.approve') && !can(actor.role, 'waivers.request'))) {
    throw new AppError('FORBIDDEN');
  }
  const status = options.status ?? 'pending';
  const scope = caseScopeSql(actor, 'c', 2);
  const params: unknown[] = [status, ...scope.params];
  const where = [`r.status = $1`, scope.sql];
  if (options.caseId !== undefined) {
    if (!isUuid(options.caseId)) return [];
    params.push(options.caseId);
    where.push(`r.case_id = $${params.length}::uuid`);
  } else if (status === 'pending') {
    const roles = approverRolesOf(actor);
    if (roles.length === 0) return [];
    params.push(roles, actor.userId);
    const rolesParam = `$${params.length - 1}::text[]`;
    const meParam = `$${params.length}::uuid`;
    where.push(
      `(r.required_roles ->> r.approved_levels) = ANY(${rolesParam})`,
      `r.requested_by <> ${meParam}`,
      `NOT EXISTS (SELECT 1 FROM waiver_approvals w WHERE w.request_id = r.id AND w.approver_id = ${meParam})`,
    );
  }
  const r = await store.sql.query<RequestRow>(
    `SELECT ${REQUEST_COLUMNS} FROM ${REQUEST_FROM} WHERE ${where.join(' AND ')}
     ORDER BY r.requested_at ${status === 'pending' ? 'ASC' : 'DESC'}, r.id LIMIT 200`,
    params,
  );
  const approvals = await approvalsOf(
    store.sql,
    r.rows.map((row) => row.id),
  );
  return r.rows.map((row) => view(row, approvals.get(row.id) ?? []));
}

const statusNames: Record<string, { zh: string; en: string }> = {
  approved: { zh: '审批通过', en: 'approved' },
  rejected: { zh: '被驳回', en: 'rejected' },
  cancelled: { zh: '撤销', en: 'cancelled' },
};

export interface WaiverDecisionInput {
  decision: 'approve' | 'reject';
  note?: string;
}

/**
 * Approves or rejects the next step of a request. The final approval applies the waiver to the account
 * in the same transaction.
 */
export async function decideWaiverRequest(
  store: Store,
  actor: Actor,
  requestId: string,
  input: WaiverDecisionInput,
  now: Date,
): Promise<WaiverView> {
  if (!actor.role || !actor.userId || !can(actor.role, 'waivers.approve')) throw new AppError('FORBIDDEN');
  if (!isUuid(requestId)) throw new AppError('WAIVER_NOT_FOUND');
  if (input.decision !== 'approve' && input.decision !== 'reject') {
    throw invalid('decision', '须为通过或驳回', 'must be approve or reject');
  }
  const note = cleanText(input.note, 1000);
  if (input.decision === 'reject' && note.length < 2) {
    throw invalid('note', '驳回须说明理由', 'give the reason for the rejection');
  }
  const approverId = actor.userId;
  const scope = caseScopeSql(actor, 'c', 2);
  await store.transaction(async ({ db, sql }) => {
    const found = await sql.query<RequestRow>(
      `SELECT ${REQUEST_COLUMNS} FROM ${REQUEST_FROM} WHERE r.id = $1 AND ${scope.sql}`,
      [requestId, ...scope.params],
    );
    const request = found.rows[0];
    if (!request) throw new AppError('WAIVER_NOT_FOUND');
    if (request.status !== 'pending') {
      const name = statusNames[request.status] ?? { zh: request.status, en: request.status };
      throw new AppError('WAIVER_NOT_PENDING', { status: name.zh, statusEn: name.en });
    }
    const given = await sql.query<{ approver_id: string; role: string }>(
      `SELECT approver_id, role FROM waiver_approvals WHERE request_id = $1 AND decision = 'approved'
       ORDER BY level`,
      [requestId],
    );
    const chain = request.required_roles.filter(isWaiverApproverRole);
    const approvals: WaiverApprovalRecord[] = given.rows
      .filter((a) => isWaiverApproverRole(a.role))
      .map((a) => ({ approverId: a.approver_id, role: a.role as WaiverApproverRole }));
    const check = checkWaiverApproval({
      requesterId: request.requested_by,
      chain,
      approvals,
      approver: { id: approverId, roles: approverRolesOf(actor) },
    });
    if (!check.ok) {
      switch (check.reason) {
        case 'self_approval':
          throw new AppError('WAIVER_SELF_APPROVAL');
        case 'already_approved':
          throw new AppError('WAIVER_ALREADY_APPROVED');
        case 'chain_complete':
          throw new AppError('WAIVER_NOT_PENDING', { status: '审批通过', statusEn: 'approved' });
        default: {
          const role = chain[approvals.length];
          const name = role ? approverRoleName(role) : { zh: '', en: '' };
          throw new AppError('WAIVER_WRONG_ROLE', { role: name.zh, roleEn: name.en.toLowerCase() });
        }
      }
    }
    const level = check.step + 1;
    const approve = input.decision === 'approve';
    const finalStatus = approve ? (check.completesChain ? 'approved' : 'pending') : 'rejected';
    // The conditional update: only one decision per level wins, however many approvers try at once.
    const updated = await sql.query<{ id: string }>(
      `UPDATE waiver_requests SET approved_levels = approved_levels + $3, status = $4,
         decided_at = CASE WHEN $4 = 'pending' THEN decided_at ELSE $5::timestamptz END
       WHERE id = $1 AND status = 'pending' AND approved_levels = $2 RETURNING id`,
      [requestId, check.step, approve ? 1 : 0, finalStatus, now],
    );
    if (updated.rows.length === 0) throw new AppError('WAIVER_DECISION_CONFLICT');
    await sql.query(
      `INSERT INTO waiver_approvals (request_id, level, role, approver_id, decision, note, decided_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [requestId, level, check.role, approverId, approve ? 'approved' : 'rejected', note, now],
    );
    await writeAudit(db, actor, {
      action: approve ? 'waiver.approve' : 'waiver.reject',
      entityType: 'waiver_request',
      entityId: requestId,
      before: { status: 'pending', approvedLevels: check.step },
      after: {
        status: finalStatus,
        level,
        role: check.role,
        note,
        approvedLevels: check.step + (approve ? 1 : 0),
      },
    });
    if (approve && check.completesChain) await applyWaiver(sql, db, actor, request, now);
  });
  return getWaiver(store, actor, requestId);
}

/** Applies an approved request: lock the account, give up the components in order, record it. */
async function applyWaiver(
  sql: SqlSession,
  db: Parameters<typeof writeAudit>[0],
  actor: Actor,
  request: RequestRow,
  now: Date,
): Promise<void> {
  const account = (await lockAccount(sql, 'a.id = $1', [request.account_id])) as AccountRow;
  const balances: ComponentAmounts = balancesOf(account);
  const balanceBefore = balances.fees + balances.penalty + balances.interest + balances.principal;
  const approvedFen = Number(request.waive_fen);
  // Never more than approved, never below zero; a settlement leaves at least the settlement amount owed.
  const ceiling =
    request.kind === 'settlement' ? balanceBefore - Number(request.settle_fen ?? 0) : balanceBefore;
  const waiveFen = Math.max(0, Math.min(approvedFen, ceiling));
  const allocation = allocatePayment({ paymentFen: waiveFen, balances, order: WAIVER_ORDER });
  const after = allocation.balancesAfter;
  const balanceAfter = after.fees + after.penalty + after.interest + after.principal;
  const status = balanceAfter === 0 ? 'paid_off' : account.status;
  await sql.query(
    `UPDATE accounts SET fees_fen = $2, penalty_fen = $3, interest_fen = $4, principal_fen = $5, balance_fen = $6,
       status = $7, updated_at = $8 WHERE id = $1`,
    [account.id, after.fees, after.penalty, after.interest, after.principal, balanceAfter, status, now],
  );
  const stored = {
    feesFen: allocation.allocated.fees,
    penaltyFen: allocation.allocated.penalty,
    interestFen: allocation.allocated.interest,
    principalFen: allocation.allocated.principal,
  };
  const adjustment = await sql.query<{ id: string }>(
    `INSERT INTO account_adjustments (account_id, kind, amount_fen, allocation, waiver_request_id, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [
      account.id,
      request.kind,
      allocation.allocatedFen,
      JSON.stringify(stored),
      request.id,
      actor.userId,
      now,
    ],
  );
  // Nothing left owed: the case closes (结清), as after a final payment.
  if (account.case_id && balanceAfter === 0 && account.case_status === 'open') {
    await sql.query(`UPDATE cases SET status = 'closed', closed_at = $2, updated_at = $2 WHERE id = $1`, [
      account.case_id,
      now,
    ]);
  }
  await writeAudit(db, actor, {
    action: 'waiver.apply',
    entityType: 'account',
    entityId: account.id,
    before: { balanceFen: balanceBefore, components: balances },
    after: {
      requestId: request.id,
      adjustmentId: (adjustment.rows[0] as { id: string }).id,
      kind: request.kind,
      approvedFen,
      waivedFen: allocation.allocatedFen,
      allocation: stored,
      balanceFen: balanceAfter,
    },
  });
}
