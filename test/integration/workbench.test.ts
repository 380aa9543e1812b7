/**
 * The collector's workbench over HTTP: the case timeline (promises, payments, contact logs), the gate's
 * state per phone without reserving, logging a contact with a promise (all or nothing, once), notes,
 * scripts, and scope (another collector's case is not found).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app';
import { DEMO_PASSWORD } from '../../src/config';
import { seedDemo } from '../../src/services/demo/seed';
import type { Store } from '../../src/store/db';
import { createTestDatabase, type TestDatabase } from '../helpers/store';

const TEN_AM = new Date('2026-11-24T02:00:00Z'); // 10:00 in Shanghai
let clock = TEN_AM;
let tdb: TestDatabase;
let store: Store;
let app: FastifyInstance;
let collector: string;
let manager: string;
let kase: { id: string; contract_no: string; portfolio: string; balance_fen: number };
let otherCase: string;

async function login(username: string): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password: DEMO_PASSWORD },
  });
  expect(res.statusCode, res.body).toBe(200);
  return `qs_session=${res.cookies.find((c) => c.name === 'qs_session')?.value}`;
}

async function call(method: 'GET' | 'POST', url: string, cookie: string, payload?: unknown) {
  return app.inject({ method, url: `/api/v1${url}`, headers: { cookie }, ...(payload ? { payload } : {}) });
}

async function count(sql: string, params: unknown[]): Promise<number> {
  const r = await store.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params);
  return r.rows[0]?.n ?? 0;
}

async function reserve(): Promise<string> {
  const gate = (await call('GET', `/cases/${kase.id}/gate`, collector)).json();
  const phoneId = gate.phones[0].phoneId;
  const res = await call('POST', `/cases/${kase.id}/contact-attempts`, collector, {
    channel: 'call',
    party: 'debtor',
    phoneId,
  });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json().allowed, res.body).toBe(true);
  return res.json().attemptId;
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  store = tdb.store;
  await seedDemo(store, { accounts: 120, now: clock, password: DEMO_PASSWORD, seed: 7 });
  app = await buildApp({ store, now: () => clock, serveWeb: false });
  collector = await login('collector');
  manager = await login('manager');
  const own = await store.sql.query<typeof kase>(
    `SELECT c.id, a.contract_no, p.code AS portfolio, a.balance_fen FROM cases c
       JOIN accounts a ON a.id = c.account_id JOIN portfolios p ON p.id = c.portfolio_id
       JOIN users u ON u.id = c.assigned_collector_id
     WHERE u.username = 'collector' AND c.status = 'open' AND a.balance_fen > 100000
       AND NOT (c.cease OR c.legal_hold OR c.complaint_freeze OR c.deceased OR c.bankruptcy)
       AND EXISTS (SELECT 1 FROM debtor_phones ph WHERE ph.debtor_id = c.debtor_id AND ph.validity <> 'invalid')
     ORDER BY c.case_no LIMIT 1`,
  );
  kase = own.rows[0] as typeof kase;
  expect(kase).toBeDefined();
  // A clean contact history for this debtor, so the gate's answers depend on this test only.
  await store.sql.query(
    `DELETE FROM contact_attempts WHERE debtor_id = (SELECT debtor_id FROM cases WHERE id = $1)
       OR phone IN (SELECT number FROM debtor_phones WHERE debtor_id = (SELECT debtor_id FROM cases WHERE id = $1))`,
    [kase.id],
  );
  const other = await store.sql.query<{ id: string }>(
    `SELECT c.id FROM cases c JOIN users u ON u.id = c.assigned_collector_id
     WHERE u.username = 'collector3' ORDER BY c.case_no LIMIT 1`,
  );
  otherCase = (other.rows[0] as { id: string }).id;
});
afterAll(async () => {
  await app.close();
  await tdb.drop();
});

describe('gate preview', () => {
  it('is allowed at 10:00 in Shanghai and reserves nothing', async () => {
    const before = await count('contact_attempts WHERE case_id = $1', [kase.id]);
    const res = await call('GET', `/cases/${kase.id}/gate`, collector);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.phones.length).toBeGreaterThan(0);
    expect(body.phones[0].masked).toContain('*');
    expect(body.phones[0].call).toMatchObject({ allowed: true, reasons: [] });
    expect(await count('contact_attempts WHERE case_id = $1', [kase.id])).toBe(before);
  });

  it('is blocked outside the contact hours, with the reason in both languages and 08:00 next', async () => {
    clock = new Date('2026-11-24T15:30:00Z'); // 23:30 in Shanghai
    try {
      // A new session: the morning's has idled out by the night.
      const night = await login('collector');
      const body = (await call('GET', `/cases/${kase.id}/gate`, night)).json();
      const state = body.phones[0].call;
      expect(state.allowed).toBe(false);
      expect(state.reasons).toContain('outside_hours');
      expect(state.messages[0]).toMatchObject({ code: 'outside_hours', zh: expect.stringContaining('时段') });
      expect(state.nextAllowedAt).toBe('2026-11-25T00:00:00.000Z'); // 08:00 the next morning in Shanghai
    } finally {
      clock = TEN_AM;
      collector = await login('collector');
    }
  });
});

describe('contact log', () => {
  it('with promise_to_pay takes the promise and records the outcome once', async () => {
    const attemptId = await reserve();
    const res = await call('POST', `/cases/${kase.id}/contact-log`, collector, {
      attemptId,
      actionCode: 'promise_to_pay',
      note: '客户承诺周五通过 App 还款',
      promise: { amountFen: 50_000, dueDate: '2026-11-27', channel: 'app' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ attemptId, actionCode: 'promise_to_pay', outcome: 'conversation' });
    expect(body.promise).toMatchObject({ amountFen: 50_000, dueDate: '2026-11-27', status: 'pending' });
    const row = await store.sql.query<{ status: string; outcome: string; action_code: string; note: string }>(
      'SELECT status, outcome, action_code, note FROM contact_attempts WHERE id = $1',
      [attemptId],
    );
    expect(row.rows[0]).toEqual({
      status: 'completed',
      outcome: 'conversation',
      action_code: 'promise_to_pay',
      note: '客户承诺周五通过 App 还款',
    });
    expect(await count('promises WHERE contact_attempt_id = $1', [attemptId])).toBe(1);
    expect(await count(`audit_log WHERE action = 'contact.log' AND entity_id = $1`, [kase.id])).toBe(1);

    // The same attempt again: refused, and nothing more is written.
    const again = await call('POST', `/cases/${kase.id}/contact-log`, collector, {
      attemptId,
      actionCode: 'right_party_no_promise',
    });
    expect(again.statusCode, again.body).toBe(400);
    expect(await count('promises WHERE case_id = $1', [kase.id])).toBe(1);
    expect(await count(`audit_log WHERE action = 'contact.log' AND entity_id = $1`, [kase.id])).toBe(1);
  });

  it('an invalid promise records nothing', async () => {
    const attemptId = await reserve();
    const promisesBefore = await count('promises WHERE case_id = $1', [kase.id]);
    const cases: unknown[] = [
      // too far ahead
      { amountFen: 50_000, dueDate: '2027-03-01', channel: 'app' },
      // more than the balance owed (checked by the promise service inside the same transaction)
      { amountFen: kase.balance_fen + 1, dueDate: '2026-11-27', channel: 'app' },
    ];
    for (const promise of cases) {
      const res = await call('POST', `/cases/${kase.id}/contact-log`, collector, {
        attemptId,
        actionCode: 'promise_to_pay',
        promise,
      });
      expect(res.statusCode, res.body).toBe(400);
    }
    // promise_to_pay without the promise: refused too.
    const missing = await call('POST', `/cases/${kase.id}/contact-log`, collector, {
      attemptId,
      actionCode: 'promise_to_pay',
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().details.problems[0].code).toBe('follow_up_missing');
    const row = await store.sql.query<{ status: string; outcome: string | null; action_code: string | null }>(
      'SELECT status, outcome, action_code FROM contact_attempts WHERE id = $1',
      [attemptId],
    );
    expect(row.rows[0]).toEqual({ status: 'reserved', outcome: null, action_code: null });
    expect(await count('promises WHERE case_id = $1', [kase.id])).toBe(promisesBefore);

    // The attempt can still be logged properly afterwards.
    const ok = await call('POST', `/cases/${kase.id}/contact-log`, collector, {
      attemptId,
      actionCode: 'no_answer',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ outcome: 'no_answer', promise: null });
  });
});

describe('timeline, notes and scripts', () => {
  it('shows the promise, a payment and a note, newest first', async () => {
    const paid = await call('POST', '/payments', manager, {
      portfolio: kase.portfolio,
      contractNo: kase.contract_no,
      externalRef: 'WB-TEST-0001',
      amountFen: 20_000,
      paidAt: '2026-11-24T01:30:00Z',
      channel: 'bank_transfer',
    });
    expect(paid.statusCode, paid.body).toBe(201);
    clock = new Date(TEN_AM.getTime() + 60_000);
    const note = await call('POST', `/cases/${kase.id}/notes`, collector, { body: '下午再跟进一次' });
    expect(note.statusCode, note.body).toBe(201);
    clock = TEN_AM;

    const res = await call('GET', `/cases/${kase.id}/timeline`, collector);
    expect(res.statusCode, res.body).toBe(200);
    const items: { kind: string; at: string; [k: string]: unknown }[] = res.json().items;
    const times = items.map((i) => i.at);
    expect([...times].sort().reverse()).toEqual(times);
    expect(items[0]).toMatchObject({ kind: 'note', note: { body: '下午再跟进一次' }, actor: '张晓明' });
    expect(items.find((i) => i.kind === 'promise')).toMatchObject({
      promise: { amountFen: 50_000, dueDate: '2026-11-27', status: 'pending' },
    });
    const payment = items.find((i) => i.kind === 'payment') as unknown as {
      payment: Record<string, unknown>;
    };
    expect(payment.payment).toMatchObject({
      amountFen: 20_000,
      status: 'posted',
      externalRef: 'WB-TEST-0001',
    });
    const allocation = payment.payment.allocation as Record<string, number>;
    expect(Object.values(allocation).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(20_000);
    expect(items.find((i) => i.kind === 'contact')).toMatchObject({
      contact: { channel: 'call', party: 'debtor', status: 'completed' },
    });
    expect(items.some((i) => (i.contact as { actionCode?: string })?.actionCode === 'promise_to_pay')).toBe(
      true,
    );
  });

  it('recommends the call flow for the case, with an objection’s handlers on request', async () => {
    const plain = (await call('GET', `/cases/${kase.id}/scripts`, collector)).json();
    expect(plain.scripts.length).toBeGreaterThan(0);
    expect(plain.scripts[0].purpose).toBe('opening');
    expect(plain.scripts.some((s: { purpose: string }) => s.purpose === 'objection')).toBe(false);
    const withObjection = (
      await call('GET', `/cases/${kase.id}/scripts?objection=no_money`, collector)
    ).json();
    expect(
      withObjection.scripts.some(
        (s: { purpose: string; objection?: string }) =>
          s.purpose === 'objection' && s.objection === 'no_money',
      ),
    ).toBe(true);
    expect((await call('GET', `/cases/${kase.id}/scripts?objection=nonsense`, collector)).statusCode).toBe(
      400,
    );
  });
});

describe('scope', () => {
  it("another collector's case is not found on every workbench route", async () => {
    for (const url of ['timeline', 'gate', 'scripts']) {
      const res = await call('GET', `/cases/${otherCase}/${url}`, collector);
      expect(res.statusCode, url).toBe(404);
    }
    expect((await call('POST', `/cases/${otherCase}/notes`, collector, { body: 'x' })).statusCode).toBe(404);
    const attemptId = await reserve();
    // An attempt of an own case logged against someone else's case: not found.
    const res = await call('POST', `/cases/${otherCase}/contact-log`, collector, {
      attemptId,
      actionCode: 'no_answer',
    });
    expect(res.statusCode).toBe(404);
  });
});
