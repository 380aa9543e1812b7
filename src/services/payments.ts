/**
 * Payments: posted once per external reference, allocated to the account's components in the portfolio's
 * order (portfolios.allocation_order; default fees → penalty → interest → principal), with any overpayment kept apart and flagged for
 * refund; reversals undo exactly what the payment paid. Each change locks the account row, so concurrent
 * posts of the same payment (a retry, the same bank line twice) post it once.
 *
 * The account's component amounts are what is owed now: a placement file sets them (the lender's view),
 * payments and approved waivers reduce them until the next file.
 */
import { localDateOf } from '../domain/dates';
import {
  allocatePayment,
  type BalanceComponent,
  type ComponentAmounts,
  DEFAULT_ALLOCATION_ORDER,
  reverseAllocation,
} from '../domain/payment-allocation';
import { can } from '../domain/roles';
import { AppError, invalid } from '../errors';
import type { SqlSession, Store } from '../store/db';
import { type AccountRow, balancesOf, lockAccount } from './account-balances';
import type { Actor } from './actor';
import { writeAudit } from './audit';
import { storeAssessments } from './case-assessment';
import { isUuid } from './ids';

export const PAYMENT_CHANNELS = ['bank_transfer', 'app', 'counter', 'agency', 'other'] as const;
export type PaymentChannel = (typeof PAYMENT_CHANNELS)[number];

export interface PaymentInput {
  portfolioCode: string;
  contractNo: string;
  /** The bank's transaction reference or the receipt number: the same reference is the same payment. */
  externalRef: string;
  amountFen: number;
  paidAt: Date;
  channel: PaymentChannel;
  source: 'manual' | 'bank_file';
  importBatchId?: string | null;
}

export interface PostedPayment {
  id: string;
  accountId: string;
  caseId: string | null;
  externalRef: string;
  amountFen: number;
  paidAt: string;
  postedOn: string;
  channel: string;
  allocation: { feesFen: number; penaltyFen: number; interestFen: number; principalFen: number };
  overpaymentFen: number;
  refundStatus: string;
  status: 'posted' | 'reversed';
  balanceAfterFen: number;
}

export interface PostResult {
  payment: PostedPayment;
  /** True when this reference was already posted: nothing changed. */
  duplicate: boolean;
}

interface PaymentRow {
  id: string;
  account_id: string;
  case_id: string | null;
  external_ref: string;
  amount_fen: number;
  paid_at: Date;
  posted_on: string;
  channel: string;
  allocation: PostedPayment['allocation'];
  overpayment_fen: number;
  refund_status: string;
  status: 'posted' | 'reversed';
}

function assertMayPost(actor: Actor): void {
  if (actor.kind === 'system') return;
  if (!actor.role || !can(actor.role, 'payments.post')) throw new AppError('FORBIDDEN');
}

function validate(input: PaymentInput, now: Date): void {
  if (
    typeof input.externalRef !== 'string' ||
    input.externalRef.trim() === '' ||
    input.externalRef.length > 100
  ) {
    throw invalid(
      'externalRef',
      '须填写交易流水号（不超过 100 字）',
      'the transaction reference is required (up to 100 characters)',
    );
  }
  if (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0) {
    throw invalid(
      'amount',
      '金额须大于 0，最多两位小数',
      'the amount must be above 0 with at most 2 decimals',
    );
  }
  if (!(input.paidAt instanceof Date) || Number.isNaN(input.paidAt.getTime())) {
    throw invalid('paidAt', '须为有效的时间', 'must be a valid time');
  }
  if (input.paidAt.getTime() > now.getTime() + 5 * 60_000) {
    throw invalid('paidAt', '还款时间不能晚于现在', 'a payment cannot be in the future');
  }
  if (!(PAYMENT_CHANNELS as readonly string[]).includes(input.channel)) {
    throw invalid(
      'channel',
      `须为 ${PAYMENT_CHANNELS.join('/')}`,
      `must be one of ${PAYMENT_CHANNELS.join(', ')}`,
    );
  }
}

function view(row: PaymentRow, balanceAfterFen: number): PostedPayment {
  return {
    id: row.id,
    accountId: row.account_id,
    caseId: row.case_id,
    externalRef: row.external_ref,
    amountFen: Number(row.amount_fen),
    paidAt: new Date(row.paid_at).toISOString(),
    postedOn: row.posted_on,
    channel: row.channel,
    allocation: row.allocation,
    overpaymentFen: Number(row.overpayment_fen),
    refundStatus: row.refund_status,
    status: row.status,
    balanceAfterFen,
  };
}

async function writeBalances(
  sql: SqlSession,
  account: AccountRow,
  balances: ComponentAmounts,
  paidDeltaFen: number,
  now: Date,
  asOf: string,
): Promise<number> {
  const balance = balances.fees + balances.penalty + balances.interest + balances.principal;
  const status = balance === 0 ? 'paid_off' : account.status === 'paid_off' ? 'open' : account.status;
  await sql.query(
    `UPDATE accounts SET fees_fen = $2, penalty_fen = $3, interest_fen = $4, principal_fen = $5,
       paid_fen = paid_fen + $6, balance_fen = $7, status = $8, updated_at = $9 WHERE id = $1`,
    [
      account.id,
      balances.fees,
      balances.penalty,
      balances.interest,
      balances.principal,
      paidDeltaFen,
      balance,
      status,
      now,
    ],
  );
  // Paid off: the case closes (结清); a reversal reopens it.
  if (account.case_id && balance === 0 && account.case_status === 'open') {
    await sql.query(`UPDATE cases SET status = 'closed', closed_at = $2, updated_at = $2 WHERE id = $1`, [
      account.case_id,
      now,
    ]);
    await sql.query(
      `INSERT INTO bucket_history (case_id, from_bucket, to_bucket, moved_on, days_past_due, reason, created_at)
       SELECT id, bucket, NULL, $2, days_past_due, 'payment', $3 FROM cases WHERE id = $1`,
      [account.case_id, asOf, now],
    );
  } else if (
    account.case_id &&
    balance > 0 &&
    account.case_status === 'closed' &&
    account.status === 'paid_off'
  ) {
    await sql.query(`UPDATE cases SET status = 'open', closed_at = NULL, updated_at = $2 WHERE id = $1`, [
      account.case_id,
      now,
    ]);
  }
  // The day of the latest posted payment, which the priority score reads (a reversal may move it back).
  if (account.case_id) {
    await sql.query(
      `UPDATE cases SET last_payment_on = (SELECT max(posted_on) FROM payments
         WHERE account_id = $2 AND status = 'posted') WHERE id = $1`,
      [account.case_id, account.id],
    );
    // The balance and the payment history feed the class and the priority: assess the case again now.
    await storeAssessments(sql, [account.case_id], localDateOf(now, account.time_zone), now);
  }
  return balance;
}

/** Posts a payment (idempotent by portfolio and external reference). */
export async function postPayment(
  store: Store,
  actor: Actor,
  input: PaymentInput,
  now: Date,
): Promise<PostResult> {
  assertMayPost(actor);
  validate(input, now);
  const externalRef = input.externalRef.trim();
  return store.transaction(async ({ db, sql }) => {
    const account = await lockAccount(
      sql,
      'a.contract_no = $1 AND a.portfolio_id = (SELECT id FROM portfolios WHERE code = $2)',
      [input.contractNo, input.portfolioCode],
    );
    if (!account) {
      throw invalid(
        'contractNo',
        `资产包 ${input.portfolioCode} 中没有合同 ${input.contractNo}`,
        `no contract ${input.contractNo} in portfolio ${input.portfolioCode}`,
      );
    }
    const existing = await sql.query<PaymentRow>(
      'SELECT * FROM payments WHERE portfolio_id = $1 AND external_ref = $2',
      [account.portfolio_id, externalRef],
    );
    const found = existing.rows[0];
    if (found) {
      if (found.account_id !== account.id || Number(found.amount_fen) !== input.amountFen) {
        throw new AppError('PAYMENT_REF_CONFLICT', { ref: externalRef });
      }
      return { payment: view(found, Number(account.balance_fen)), duplicate: true };
    }
    const allocation = allocatePayment({
      paymentFen: input.amountFen,
      balances: balancesOf(account),
      order: account.allocation_order
        ? (account.allocation_order as BalanceComponent[])
        : DEFAULT_ALLOCATION_ORDER,
    });
    const postedOn = localDateOf(input.paidAt, account.time_zone);
    const inserted = await sql.query<PaymentRow>(
      `INSERT INTO payments (portfolio_id, account_id, case_id, external_ref, amount_fen, paid_at, posted_on, channel,
         source, import_batch_id, allocation, overpayment_fen, refund_status, entered_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING *`,
      [
        account.portfolio_id,
        account.id,
        account.case_id,
        externalRef,
        input.amountFen,
        input.paidAt,
        postedOn,
        input.channel,
        input.source,
        input.importBatchId ?? null,
        JSON.stringify({
          feesFen: allocation.allocated.fees,
          penaltyFen: allocation.allocated.penalty,
          interestFen: allocation.allocated.interest,
          principalFen: allocation.allocated.principal,
        }),
        allocation.overpaymentFen,
        allocation.overpaymentFen > 0 ? 'pending' : 'none',
        actor.userId,
        now,
      ],
    );
    const row = inserted.rows[0] as PaymentRow;
    const balanceAfter = await writeBalances(
      sql,
      account,
      allocation.balancesAfter,
      allocation.allocatedFen,
      now,
      postedOn,
    );
    await writeAudit(db, actor, {
      action: 'payment.post',
      entityType: 'account',
      entityId: account.id,
      before: { balanceFen: Number(account.balance_fen) },
      after: {
        paymentId: row.id,
        externalRef,
        amountFen: input.amountFen,
        allocation: row.allocation,
        overpaymentFen: allocation.overpaymentFen,
        balanceFen: balanceAfter,
      },
    });
    return { payment: view(row, balanceAfter), duplicate: false };
  });
}

/** Reverses a posted payment (bounced transfer, posted to the wrong account): restores exactly what it paid. */
export async function reversePayment(
  store: Store,
  actor: Actor,
  paymentId: string,
  reason: string,
  now: Date,
): Promise<PostedPayment> {
  assertMayPost(actor);
  if (!isUuid(paymentId)) throw new AppError('NOT_FOUND');
  if (typeof reason !== 'string' || reason.trim().length < 2) {
    throw invalid('reason', '须说明冲正原因', 'give the reason for the reversal');
  }
  return store.transaction(async ({ db, sql }) => {
    const account = await lockAccount(sql, 'a.id = (SELECT account_id FROM payments WHERE id = $1)', [
      paymentId,
    ]);
    if (!account) throw new AppError('NOT_FOUND');
    const current = await sql.query<PaymentRow>('SELECT * FROM payments WHERE id = $1', [paymentId]);
    const payment = current.rows[0] as PaymentRow;
    if (payment.status === 'reversed') throw new AppError('PAYMENT_ALREADY_REVERSED');
    const reversal = reverseAllocation(balancesOf(account), {
      paymentFen: Number(payment.amount_fen),
      overpaymentFen: Number(payment.overpayment_fen),
      allocated: {
        fees: payment.allocation.feesFen,
        penalty: payment.allocation.penaltyFen,
        interest: payment.allocation.interestFen,
        principal: payment.allocation.principalFen,
      },
    });
    const updated = await sql.query<PaymentRow>(
      `UPDATE payments SET status = 'reversed', reversed_at = $2, reversed_by = $3, reversal_reason = $4,
         refund_status = CASE WHEN refund_status = 'pending' THEN 'none' ELSE refund_status END
       WHERE id = $1 RETURNING *`,
      [paymentId, now, actor.userId, reason.trim()],
    );
    const balanceAfter = await writeBalances(
      sql,
      account,
      reversal.balancesAfter,
      -reversal.restoredFen,
      now,
      localDateOf(now, account.time_zone),
    );
    await writeAudit(db, actor, {
      action: 'payment.reverse',
      entityType: 'account',
      entityId: account.id,
      before: { balanceFen: Number(account.balance_fen), paymentId, status: 'posted' },
      after: { balanceFen: balanceAfter, status: 'reversed', reason: reason.trim() },
    });
    return view(updated.rows[0] as PaymentRow, balanceAfter);
  });
}
