/**
 * The 还款 screen's API: a bank file uploaded (GBK and UTF-8, with bad lines), the payments list within
 * the actor's case scope, and the portfolio's allocation order.
 */
import type { FastifyInstance } from 'fastify';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app';
import { DEMO_PASSWORD } from '../../src/config';
import { seedDemo } from '../../src/services/demo/seed';
import type { Store } from '../../src/store/db';
import { createTestDatabase, type TestDatabase } from '../helpers/store';

const NOW = new Date('2026-11-24T02:00:00Z');
let tdb: TestDatabase;
let store: Store;
let app: FastifyInstance;

async function login(username: string): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password: DEMO_PASSWORD },
  });
  expect(res.statusCode, res.body).toBe(200);
  return `qs_session=${res.cookies.find((c) => c.name === 'qs_session')?.value}`;
}

interface CaseRow {
  id: string;
  case_no: number;
  contract_no: string;
  balance_fen: number;
  fees_fen: number;
  penalty_fen: number;
  interest_fen: number;
  principal_fen: number;
}

async function caseOf(username: string, offset = 0): Promise<CaseRow> {
  const r = await store.sql.query<CaseRow>(
    `SELECT c.id, c.case_no, a.contract_no, a.balance_fen, a.fees_fen, a.penalty_fen, a.interest_fen, a.principal_fen
     FROM cases c JOIN accounts a ON a.id = c.account_id JOIN users u ON u.id = c.assigned_collector_id
     WHERE u.username = $1 AND c.status = 'open' AND a.balance_fen > 500000 AND a.penalty_fen > 0
     ORDER BY c.case_no LIMIT 1 OFFSET $2`,
    [username, offset],
  );
  const row = r.rows[0];
  if (!row) throw new Error(`no case for ${username}`);
  return row;
}

function multipart(name: string, content: Buffer) {
  const boundary = '----qingshou-money-test';
  return {
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/csv\r\n\r\n`,
      ),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

async function upload(cookie: string, name: string, content: Buffer, portfolio = 'DEMO-CC') {
  const body = multipart(name, content);
  return app.inject({
    method: 'POST',
    url: `/api/v1/portfolios/${portfolio}/payment-files`,
    headers: { ...body.headers, cookie },
    payload: body.payload,
  });
}

let mine: CaseRow;
let theirs: CaseRow;
let bankFile: string;

beforeAll(async () => {
  tdb = await createTestDatabase();
  store = tdb.store;
  await seedDemo(store, { accounts: 200, now: NOW, password: DEMO_PASSWORD, seed: 7 });
  app = await buildApp({ store, now: () => NOW, serveWeb: false });
  mine = await caseOf('collector');
  theirs = await caseOf('collector2');
  bankFile = [
    '合同编号,交易流水号,金额,交易时间,渠道',
    `${mine.contract_no},BANK-001,1000.00,2026-11-24 09:30,bank_transfer`,
    `${theirs.contract_no},BANK-002,250.50,2026-11-24 09:31,`,
    `${mine.contract_no},BANK-003,一千元,2026-11-24 09:32,bank_transfer`,
    'NO-SUCH-CONTRACT,BANK-004,10.00,2026-11-24 09:33,bank_transfer',
  ].join('\r\n');
});
afterAll(async () => {
  await app.close();
  await tdb.drop();
});

describe('bank payment files over HTTP', () => {
  it('a GBK file: good lines posted, bad lines refused with line, column and reason; again in UTF-8: duplicates', async () => {
    const manager = await login('manager');
    const first = await upload(manager, '还款流水.csv', iconv.encode(bankFile, 'gbk'));
    expect(first.statusCode, first.body).toBe(200);
    const result = first.json();
    expect(result).toMatchObject({ portfolio: 'DEMO-CC', posted: 2, duplicates: 0, postedFen: 125_050 });
    expect(result.rejected.map((r: { line: number; column: string }) => [r.line, r.column])).toEqual([
      [4, 'amount'],
      [5, 'contractNo'],
    ]);
    expect(result.rejected[1].reason).toContain('NO-SUCH-CONTRACT');
    expect(result.rejected[0].reasonEn.length).toBeGreaterThan(0);
    const posted = result.postedPayments as {
      externalRef: string;
      caseNo: string;
      amountFen: number;
      allocation: { feesFen: number; penaltyFen: number; interestFen: number; principalFen: number };
      postedByName: string | null;
    }[];
    expect(posted.map((p) => p.externalRef).sort()).toEqual(['BANK-001', 'BANK-002']);
    const one = posted.find((p) => p.externalRef === 'BANK-001');
    expect(one?.caseNo).toBe(`QS${String(mine.case_no).padStart(8, '0')}`);
    // Default order: fees, then penalty, then interest, then principal.
    const expectedFees = Math.min(mine.fees_fen, 100_000);
    const expectedPenalty = Math.min(mine.penalty_fen, 100_000 - expectedFees);
    expect(one?.allocation.feesFen).toBe(expectedFees);
    expect(one?.allocation.penaltyFen).toBe(expectedPenalty);
    expect(Object.values(one?.allocation ?? {}).reduce((a, b) => a + b, 0)).toBe(100_000);
    const managerName = await store.sql.query<{ display_name: string }>(
      `SELECT display_name FROM users WHERE username = 'manager'`,
    );
    expect(one?.postedByName).toBe(managerName.rows[0]?.display_name);

    const again = await upload(manager, 'again.csv', Buffer.from(`\uFEFF${bankFile}`, 'utf8'));
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ posted: 0, duplicates: 2, postedFen: 0, postedPayments: [] });
    expect(again.json().rejected).toHaveLength(2);
    const count = await store.sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM payments WHERE external_ref LIKE 'BANK-%'`,
    );
    expect(count.rows[0]?.n).toBe(2);
  });

  it('refuses a collector (403), a file without the required columns (400 naming file), an unknown portfolio (404)', async () => {
    const collector = await login('collector');
    expect((await upload(collector, 'x.csv', Buffer.from(bankFile))).statusCode).toBe(403);
    const manager = await login('manager');
    const noColumns = await upload(manager, 'x.csv', Buffer.from('合同编号,金额\r\nX,1.00\r\n'));
    expect(noColumns.statusCode).toBe(400);
    expect(noColumns.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'file' } });
    const unknown = await upload(manager, 'x.csv', Buffer.from(bankFile), 'NOPE');
    expect(unknown.statusCode).toBe(404);
  });
});

describe('the payments list', () => {
  it('shows a collector only the payments of own cases; a manager all; filters by status and days', async () => {
    const collector = await login('collector');
    const own = await app.inject({ method: 'GET', url: '/api/v1/payments', headers: { cookie: collector } });
    expect(own.statusCode, own.body).toBe(200);
    const ownRefs = own.json().items.map((p: { externalRef: string }) => p.externalRef);
    expect(ownRefs).toContain('BANK-001');
    expect(ownRefs).not.toContain('BANK-002');

    const manager = await login('manager');
    const all = await app.inject({
      method: 'GET',
      url: '/api/v1/payments?portfolio=DEMO-CC&from=2026-11-24&to=2026-11-24',
      headers: { cookie: manager },
    });
    expect(all.json().total).toBe(2);
    const item = all.json().items.find((p: { externalRef: string }) => p.externalRef === 'BANK-002');
    expect(item).toMatchObject({
      amountFen: 25_050,
      status: 'posted',
      refundStatus: 'none',
      overpaymentFen: 0,
      source: 'bank_file',
      contractNo: theirs.contract_no,
      postedOn: '2026-11-24',
    });

    const reversed = await app.inject({
      method: 'POST',
      url: `/api/v1/payments/${item.id}/reverse`,
      headers: { cookie: manager },
      payload: { reason: '银行退票' },
    });
    expect(reversed.statusCode, reversed.body).toBe(200);
    const onlyReversed = await app.inject({
      method: 'GET',
      url: '/api/v1/payments?status=reversed',
      headers: { cookie: manager },
    });
    expect(onlyReversed.json().items).toHaveLength(1);
    expect(onlyReversed.json().items[0]).toMatchObject({
      externalRef: 'BANK-002',
      reversalReason: '银行退票',
    });

    const none = await app.inject({
      method: 'GET',
      url: '/api/v1/payments?from=2026-11-25',
      headers: { cookie: manager },
    });
    expect(none.json()).toMatchObject({ total: 0, items: [] });
    const bad = await app.inject({
      method: 'GET',
      url: '/api/v1/payments?from=24/11/2026',
      headers: { cookie: manager },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ details: { field: 'from' } });

    const trainee = await login('trainee');
    const forbidden = await app.inject({
      method: 'GET',
      url: '/api/v1/payments',
      headers: { cookie: trainee },
    });
    expect(forbidden.statusCode).toBe(403);
  });
});

describe('the allocation order', () => {
  it('reads the default; a manager reorders it (audited) and the next payment follows it; a collector may not', async () => {
    const collector = await login('collector');
    const read = await app.inject({
      method: 'GET',
      url: '/api/v1/portfolios/DEMO-CC/allocation-order',
      headers: { cookie: collector },
    });
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json()).toEqual({
      portfolio: 'DEMO-CC',
      order: ['fees', 'penalty', 'interest', 'principal'],
      isDefault: true,
      defaultOrder: ['fees', 'penalty', 'interest', 'principal'],
    });
    const denied = await app.inject({
      method: 'PUT',
      url: '/api/v1/portfolios/DEMO-CC/allocation-order',
      headers: { cookie: collector },
      payload: { order: ['principal', 'interest', 'penalty', 'fees'] },
    });
    expect(denied.statusCode).toBe(403);

    const manager = await login('manager');
    const wrong = await app.inject({
      method: 'PUT',
      url: '/api/v1/portfolios/DEMO-CC/allocation-order',
      headers: { cookie: manager },
      payload: { order: ['principal', 'principal', 'penalty', 'fees'] },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ details: { field: 'order' } });

    const set = await app.inject({
      method: 'PUT',
      url: '/api/v1/portfolios/DEMO-CC/allocation-order',
      headers: { cookie: manager },
      payload: { order: ['principal', 'interest', 'penalty', 'fees'] },
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({
      order: ['principal', 'interest', 'penalty', 'fees'],
      isDefault: false,
    });

    const target = await caseOf('collector', 1);
    const file = `contract_no,external_ref,amount,paid_at\n${target.contract_no},BANK-101,100.00,2026-11-24T09:40:00+08:00\n`;
    const posted = await upload(manager, 'p.csv', Buffer.from(file));
    expect(posted.json().postedPayments[0].allocation).toEqual({
      principalFen: 10_000,
      interestFen: 0,
      penaltyFen: 0,
      feesFen: 0,
    });
    const audit = await store.sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'portfolio.allocation_order'`,
    );
    expect(audit.rows[0]?.n).toBe(1);

    const reset = await app.inject({
      method: 'PUT',
      url: '/api/v1/portfolios/DEMO-CC/allocation-order',
      headers: { cookie: manager },
      payload: { order: null },
    });
    expect(reset.json()).toMatchObject({
      isDefault: true,
      order: ['fees', 'penalty', 'interest', 'principal'],
    });
  });
});
