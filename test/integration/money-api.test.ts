/** The money routes over HTTP: a collector takes a promise on an own case; a manager posts a payment twice. */
import type { FastifyInstance } from 'fastify';
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
  const cookie = res.cookies.find((c) => c.name === 'qs_session');
  return `qs_session=${cookie?.value}`;
}

async function firstCaseOf(
  username: string,
): Promise<{ id: string; contract_no: string; balance_fen: number }> {
  const r = await store.sql.query<{ id: string; contract_no: string; balance_fen: number }>(
    `SELECT c.id, a.contract_no, a.balance_fen FROM cases c JOIN accounts a ON a.id = c.account_id
     JOIN users u ON u.id = c.assigned_collector_id WHERE u.username = $1 AND c.status = 'open'
     ORDER BY c.case_no LIMIT 1`,
    [username],
  );
  return r.rows[0] as { id: string; contract_no: string; balance_fen: number };
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  store = tdb.store;
  await seedDemo(store, { accounts: 200, now: NOW, password: DEMO_PASSWORD, seed: 7 });
  app = await buildApp({ store, now: () => NOW, serveWeb: false });
});
afterAll(async () => {
  await app.close();
  await tdb.drop();
});

describe('money over HTTP', () => {
  it('a collector takes a promise on an own case and sees it listed; not on a case outside the scope', async () => {
    const cookie = await login('collector');
    const own = await firstCaseOf('collector');
    const created = await app.inject({
      method: 'POST',
      url: `/api/v1/cases/${own.id}/promises`,
      headers: { cookie },
      payload: { amountFen: 10_000, dueDate: '2026-11-28', channel: 'app' },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ status: 'pending', amountFen: 10_000, dueDate: '2026-11-28' });
    const listed = await app.inject({
      method: 'GET',
      url: `/api/v1/cases/${own.id}/promises`,
      headers: { cookie },
    });
    expect(listed.json()).toHaveLength(1);

    const others = await firstCaseOf('collector2');
    const refused = await app.inject({
      method: 'POST',
      url: `/api/v1/cases/${others.id}/promises`,
      headers: { cookie },
      payload: { amountFen: 10_000, dueDate: '2026-11-28', channel: 'app' },
    });
    expect(refused.statusCode).toBe(404);

    const bad = await app.inject({
      method: 'POST',
      url: `/api/v1/cases/${own.id}/promises`,
      headers: { cookie },
      payload: { amountFen: 10_000, dueDate: '2026-11-20', channel: 'app' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'dueDate' } });
  });

  it('a manager posts a payment: 201 the first time, 200 with duplicate the second; a collector gets 403', async () => {
    const manager = await login('manager');
    const target = await firstCaseOf('collector3');
    const payload = {
      portfolio: 'DEMO-CC',
      contractNo: target.contract_no,
      externalRef: 'HTTP-PAY-1',
      amountFen: 5_000,
      paidAt: '2026-11-24T01:00:00+00:00',
      channel: 'bank_transfer',
    };
    const first = await app.inject({
      method: 'POST',
      url: '/api/v1/payments',
      headers: { cookie: manager },
      payload,
    });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ duplicate: false, payment: { amountFen: 5_000, status: 'posted' } });
    const again = await app.inject({
      method: 'POST',
      url: '/api/v1/payments',
      headers: { cookie: manager },
      payload,
    });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ duplicate: true, payment: { id: first.json().payment.id } });

    const collector = await login('collector');
    const forbidden = await app.inject({
      method: 'POST',
      url: '/api/v1/payments',
      headers: { cookie: collector },
      payload: { ...payload, externalRef: 'HTTP-PAY-2' },
    });
    expect(forbidden.statusCode).toBe(403);

    const reversed = await app.inject({
      method: 'POST',
      url: `/api/v1/payments/${first.json().payment.id}/reverse`,
      headers: { cookie: manager },
      payload: { reason: '银行退票' },
    });
    expect(reversed.statusCode, reversed.body).toBe(200);
    expect(reversed.json()).toMatchObject({ status: 'reversed', balanceAfterFen: target.balance_fen });
  });
  it('a manager runs the nightly batch on demand; a collector may not; a bad date names the field', async () => {
    const manager = await login('manager');
    const run = await app.inject({
      method: 'POST',
      url: '/api/v1/batch/runs',
      headers: { cookie: manager },
      payload: { asOf: '2026-11-24' },
    });
    expect(run.statusCode, run.body).toBe(200);
    expect(Object.keys(run.json().counts)).toContain('bucketMoves');
    const again = await app.inject({
      method: 'POST',
      url: '/api/v1/batch/runs',
      headers: { cookie: manager },
      payload: { asOf: '2026-11-24' },
    });
    expect(Object.values(again.json().counts).every((n) => n === 0)).toBe(true);
    const collector = await login('collector');
    const forbidden = await app.inject({
      method: 'POST',
      url: '/api/v1/batch/runs',
      headers: { cookie: collector },
      payload: { asOf: '2026-11-24' },
    });
    expect(forbidden.statusCode).toBe(403);
    const bad = await app.inject({
      method: 'POST',
      url: '/api/v1/batch/runs',
      headers: { cookie: manager },
      payload: { asOf: '2026-02-30' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'asOf' } });
  });
});
