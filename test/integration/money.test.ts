/**
 * Money on the real ledger: payments posted once per reference (also when the same payment arrives
 * concurrently), allocated fees → penalty → interest → principal, overpayment flagged for refund and a
 * paid-off case closed; reversals; promises taken within the rules. Then the batch keeps a promise from a
 * posted payment.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/services/actor';
import { systemActor } from '../../src/services/actor';
import { runNightlyBatch } from '../../src/services/batch/nightly';
import { importCases } from '../../src/services/import/import-cases';
import { importPaymentFile } from '../../src/services/payment-file';
import { postPayment, reversePayment } from '../../src/services/payments';
import { createPortfolio, setAllocationOrder } from '../../src/services/portfolios';
import { createPromise, listPromises } from '../../src/services/promises';
import type { Store } from '../../src/store/db';
import { tempDir, validRows, writeCsv } from '../helpers/files';
import { createTestDatabase, type TestDatabase } from '../helpers/store';

const NOW = new Date('2026-12-01T02:00:00Z'); // 10:00 in Shanghai
const system = systemActor('test');
let tdb: TestDatabase;
let store: Store;
let contracts: string[];

interface AccountState {
  principal_fen: number;
  interest_fen: number;
  penalty_fen: number;
  fees_fen: number;
  paid_fen: number;
  balance_fen: number;
  status: string;
  case_status: string;
  case_id: string;
}

async function account(contractNo: string): Promise<AccountState> {
  const r = await store.sql.query<AccountState>(
    `SELECT a.principal_fen, a.interest_fen, a.penalty_fen, a.fees_fen, a.paid_fen, a.balance_fen, a.status,
       c.status AS case_status, c.id AS case_id
     FROM accounts a JOIN cases c ON c.account_id = a.id WHERE a.contract_no = $1`,
    [contractNo],
  );
  return r.rows[0] as AccountState;
}

const pay = (
  contractNo: string,
  externalRef: string,
  amountFen: number,
  paidAt = new Date('2026-12-01T01:00:00Z'),
  now = paidAt > NOW ? paidAt : NOW,
) =>
  postPayment(
    store,
    system,
    {
      portfolioCode: 'MONEY',
      contractNo,
      externalRef,
      amountFen,
      paidAt,
      channel: 'bank_transfer',
      source: 'manual',
    },
    now,
  );

beforeAll(async () => {
  tdb = await createTestDatabase();
  store = tdb.store;
  await createPortfolio(store, system, { code: 'MONEY', name: '还款测试' });
  // Known amounts: principal 1000.00, interest 100.00, penalty 50.00, fees 20.00 → 1170.00 owed.
  const rows = validRows(6, { seed: 9, asOf: '2026-11-30' }).map((row) => ({
    ...row,
    principal: '1000.00',
    interest: '100.00',
    penalty: '50.00',
    fees: '20.00',
  }));
  contracts = rows.map((row) => row.contract_no);
  const path = writeCsv(tempDir(), 'money.csv', rows);
  const result = await importCases(
    store,
    { path },
    { portfolioCode: 'MONEY', acceptValid: false, actor: system, now: NOW },
  );
  expect(result.status).toBe('committed');
});
afterAll(async () => {
  await tdb.drop();
});

describe('payments', () => {
  it('allocates fees, then penalty, then interest, then principal, and audits the posting', async () => {
    const contract = contracts[0] as string;
    const { payment, duplicate } = await pay(contract, 'BANK-0001', 10_000);
    expect(duplicate).toBe(false);
    expect(payment.allocation).toEqual({
      feesFen: 2_000,
      penaltyFen: 5_000,
      interestFen: 3_000,
      principalFen: 0,
    });
    expect(payment.balanceAfterFen).toBe(107_000);
    expect(await account(contract)).toMatchObject({
      fees_fen: 0,
      penalty_fen: 0,
      interest_fen: 7_000,
      principal_fen: 100_000,
      paid_fen: 10_000,
      balance_fen: 107_000,
    });
    const audit = await store.sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'payment.post' AND after->>'externalRef' = 'BANK-0001'`,
    );
    expect(audit.rows[0]?.n).toBe(1);
  });

  it('the same reference twice, even at the same moment, is one payment', async () => {
    const contract = contracts[1] as string;
    const results = await Promise.all(Array.from({ length: 6 }, () => pay(contract, 'BANK-0002', 30_000)));
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(new Set(results.map((r) => r.payment.id)).size).toBe(1);
    expect(await account(contract)).toMatchObject({ paid_fen: 30_000, balance_fen: 87_000 });
  });

  it('refuses the same reference for another amount or account, naming the reference', async () => {
    await expect(pay(contracts[1] as string, 'BANK-0002', 31_000)).rejects.toMatchObject({
      code: 'PAYMENT_REF_CONFLICT',
    });
    await expect(pay(contracts[2] as string, 'BANK-0002', 30_000)).rejects.toMatchObject({
      code: 'PAYMENT_REF_CONFLICT',
    });
    expect((await account(contracts[2] as string)).paid_fen).toBe(0);
  });

  it('an overpayment is flagged for refund, never absorbed; paying off closes the case; a reversal reopens it', async () => {
    const contract = contracts[3] as string;
    const { payment } = await pay(contract, 'BANK-0003', 120_000);
    expect(payment.overpaymentFen).toBe(3_000);
    expect(payment.refundStatus).toBe('pending');
    expect(payment.balanceAfterFen).toBe(0);
    expect(await account(contract)).toMatchObject({
      balance_fen: 0,
      paid_fen: 117_000,
      status: 'paid_off',
      case_status: 'closed',
    });

    const reversed = await reversePayment(store, system, payment.id, '银行退票', NOW);
    expect(reversed).toMatchObject({ status: 'reversed', refundStatus: 'none', balanceAfterFen: 117_000 });
    expect(await account(contract)).toMatchObject({
      fees_fen: 2_000,
      penalty_fen: 5_000,
      interest_fen: 10_000,
      principal_fen: 100_000,
      paid_fen: 0,
      status: 'open',
      case_status: 'open',
    });
    await expect(reversePayment(store, system, payment.id, '再次冲正', NOW)).rejects.toMatchObject({
      code: 'PAYMENT_ALREADY_REVERSED',
    });
  });

  it('bad input names the field and posts nothing', async () => {
    const contract = contracts[4] as string;
    await expect(pay(contract, 'BANK-X', 0)).rejects.toMatchObject({ details: { field: 'amount' } });
    await expect(pay(contract, '  ', 100)).rejects.toMatchObject({ details: { field: 'externalRef' } });
    await expect(pay('NO-SUCH', 'BANK-Y', 100)).rejects.toMatchObject({ details: { field: 'contractNo' } });
    await expect(pay(contract, 'BANK-Z', 100, new Date('2027-01-01T00:00:00Z'), NOW)).rejects.toMatchObject({
      details: { field: 'paidAt' },
    });
    expect((await account(contract)).paid_fen).toBe(0);
  });

  it('a collector may not post payments', async () => {
    const collector: Actor = { ...system, kind: 'user', userId: null, role: 'collector' };
    await expect(
      postPayment(
        store,
        collector,
        {
          portfolioCode: 'MONEY',
          contractNo: contracts[4] as string,
          externalRef: 'BANK-C',
          amountFen: 100,
          paidAt: NOW,
          channel: 'app',
          source: 'manual',
        },
        NOW,
      ),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('promises to pay', () => {
  it('takes a promise within the rules and the batch keeps it from a posted payment', async () => {
    const contract = contracts[5] as string;
    const { case_id } = await account(contract);
    const promise = await createPromise(
      store,
      system,
      case_id,
      { amountFen: 50_000, dueDate: '2026-12-05', channel: 'app' },
      NOW,
    );
    expect(promise).toMatchObject({ status: 'pending', amountFen: 50_000, dueDate: '2026-12-05' });

    for (const [input, field] of [
      [{ amountFen: 0, dueDate: '2026-12-05', channel: 'app' }, 'amount'],
      [{ amountFen: 500_000, dueDate: '2026-12-05', channel: 'app' }, 'amount'],
      [{ amountFen: 100, dueDate: '2026-11-30', channel: 'app' }, 'dueDate'],
      [{ amountFen: 100, dueDate: '2027-02-01', channel: 'app' }, 'dueDate'],
      [{ amountFen: 100, dueDate: '2026-12-05', channel: 'wechat_personal' }, 'channel'],
    ] as const) {
      await expect(createPromise(store, system, case_id, input as never, NOW)).rejects.toMatchObject({
        details: { field },
      });
    }

    await pay(contract, 'BANK-P-1', 50_000, new Date('2026-12-04T06:00:00Z'));
    const result = await runNightlyBatch(store, { asOf: '2026-12-06' });
    expect(result.counts.promisesKept).toBe(1);
    const listed = await listPromises(store, system, case_id);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ status: 'kept', paidFen: 50_000, decidedOn: '2026-12-06' });
  });
});

describe('a bank payment file', () => {
  it('posts each good line once, names every bad line, and loading it again posts nothing twice', async () => {
    const contract = contracts[4] as string;
    const text = [
      '合同编号,交易流水号,金额,交易时间,渠道',
      `${contract},FILE-1,100.00,2026-12-01 09:30,bank_transfer`,
      `${contract},FILE-2,"1,000.50",2026-12-01T09:45:00+08:00,`,
      `${contract},FILE-3,12.345,2026-12-01 09:50,bank_transfer`,
      `NO-SUCH,FILE-4,10,2026-12-01 09:55,bank_transfer`,
      `${contract},FILE-5,10,yesterday,bank_transfer`,
    ].join('\n');
    const first = await importPaymentFile(store, system, { text, portfolioCode: 'MONEY' }, NOW);
    expect(first).toMatchObject({ posted: 2, duplicates: 0, postedFen: 110_050 });
    expect(first.rejected.map((p) => [p.line, p.column])).toEqual([
      [4, 'amount'],
      [5, 'contractNo'],
      [6, 'paidAt'],
    ]);
    const posted = await store.sql.query<{ external_ref: string; paid_at: Date; source: string }>(
      `SELECT external_ref, paid_at, source FROM payments WHERE external_ref LIKE 'FILE-%' ORDER BY external_ref`,
    );
    expect(posted.rows.map((r) => [r.external_ref, new Date(r.paid_at).toISOString(), r.source])).toEqual([
      ['FILE-1', '2026-12-01T01:30:00.000Z', 'bank_file'],
      ['FILE-2', '2026-12-01T01:45:00.000Z', 'bank_file'],
    ]);
    const again = await importPaymentFile(store, system, { text, portfolioCode: 'MONEY' }, NOW);
    expect(again).toMatchObject({ posted: 0, duplicates: 2, postedFen: 0 });
    expect((await account(contract)).paid_fen).toBe(110_050);
  });

  it('refuses a file without a required column, posting nothing', async () => {
    await expect(
      importPaymentFile(store, system, { text: '合同编号,金额\nX,1', portfolioCode: 'MONEY' }, NOW),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'file' } });
  });
});

describe("a portfolio's allocation order", () => {
  it('pays off the components in the configured order, audited; a bad order names the field', async () => {
    const contract = contracts[2] as string;
    await setAllocationOrder(store, system, 'MONEY', ['principal', 'interest', 'penalty', 'fees']);
    const { payment } = await pay(contract, 'ORDER-1', 10_000);
    expect(payment.allocation).toEqual({ feesFen: 0, penaltyFen: 0, interestFen: 0, principalFen: 10_000 });
    await expect(
      setAllocationOrder(store, system, 'MONEY', ['principal', 'principal', 'fees', 'penalty']),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { field: 'order' },
    });
    await setAllocationOrder(store, system, 'MONEY', null);
    const back = await pay(contract, 'ORDER-2', 1_000);
    expect(back.payment.allocation).toMatchObject({ feesFen: 1_000, principalFen: 0 });
    const audit = await store.sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'portfolio.allocation_order'`,
    );
    expect(audit.rows[0]?.n).toBe(2);
  });
});
