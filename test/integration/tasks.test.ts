/**
 * The collector's day over HTTP: my tasks (today / overdue / all; a team lead also sees the team's tasks
 * without a person), marking one done (own tasks only; done twice is done once; the case's follow-up
 * and a payment claim's contact hold follow), and the promises due today and tomorrow with what was
 * paid so far, each in the actor's scope.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app';
import { DEMO_PASSWORD } from '../../src/config';
import { seedDemo } from '../../src/services/demo/seed';
import type { Store } from '../../src/store/db';
import { createTestDatabase, type TestDatabase } from '../helpers/store';

const TEN_AM = new Date('2026-11-24T02:00:00Z'); // 10:00 in Shanghai, a Tuesday
let tdb: TestDatabase;
let store: Store;
let app: FastifyInstance;
let collector: string;
let collector2: string;
let lead: string;
let manager: string;
let collectorId: string;
let cases: { id: string; debtor_id: string; contract_no: string; portfolio: string }[] = [];
const ids: Record<string, string> = {};

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

async function logOn(caseId: string, body: Record<string, unknown>) {
  const gate = (await call('GET', `/cases/${caseId}/gate`, collector)).json();
  const phone = gate.phones.find((p: { validity: string }) => p.validity !== 'invalid');
  const reserved = await call('POST', `/cases/${caseId}/contact-attempts`, collector, {
    channel: 'call',
    party: 'debtor',
    phoneId: phone.phoneId,
  });
  expect(reserved.json().allowed, reserved.body).toBe(true);
  const res = await call('POST', `/cases/${caseId}/contact-log`, collector, {
    attemptId: reserved.json().attemptId,
    ...body,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

type Task = { id: string; caseId: string; kind: string; dueAt: string; overdue: boolean; team: boolean };

async function mine(cookie: string, query = ''): Promise<Task[]> {
  const res = await call('GET', `/tasks/mine${query}`, cookie);
  expect(res.statusCode, res.body).toBe(200);
  const ours = new Set(cases.map((c) => c.id));
  return (res.json().items as Task[]).filter((t) => ours.has(t.caseId));
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  store = tdb.store;
  await seedDemo(store, { accounts: 160, now: TEN_AM, password: DEMO_PASSWORD, seed: 5 });
  app = await buildApp({ store, now: () => TEN_AM, serveWeb: false });
  collector = await login('collector');
  collector2 = await login('collector2');
  lead = await login('lead');
  manager = await login('manager');
  collectorId = (await store.sql.query<{ id: string }>(`SELECT id FROM users WHERE username = 'collector'`))
    .rows[0]?.id as string;
  const r = await store.sql.query<(typeof cases)[number]>(
    `SELECT c.id, c.debtor_id, a.contract_no, p.code AS portfolio FROM cases c
       JOIN accounts a ON a.id = c.account_id JOIN portfolios p ON p.id = c.portfolio_id
     WHERE c.assigned_collector_id = $1 AND c.status = 'open' AND a.balance_fen > 200000
       AND NOT (c.cease OR c.legal_hold OR c.complaint_freeze OR c.deceased OR c.bankruptcy)
       AND EXISTS (SELECT 1 FROM debtor_phones ph WHERE ph.debtor_id = c.debtor_id AND ph.validity <> 'invalid')
       AND (SELECT count(*) FROM accounts x WHERE x.debtor_id = c.debtor_id) = 1
     ORDER BY c.case_no LIMIT 6`,
    [collectorId],
  );
  cases = r.rows;
  expect(cases).toHaveLength(6);
  await store.sql.query(
    `DELETE FROM contact_attempts WHERE debtor_id = ANY($1::uuid[])
       OR phone IN (SELECT number FROM debtor_phones WHERE debtor_id = ANY($1::uuid[]))`,
    [cases.map((c) => c.debtor_id)],
  );
  await store.sql.query('DELETE FROM tasks WHERE case_id = ANY($1::uuid[])', [cases.map((c) => c.id)]);
  await store.sql.query(`UPDATE promises SET status = 'cancelled' WHERE case_id = ANY($1::uuid[])`, [
    cases.map((c) => c.id),
  ]);
  await store.sql.query(
    'UPDATE cases SET follow_up_at = NULL, next_contact_at = NULL WHERE id = ANY($1::uuid[])',
    [cases.map((c) => c.id)],
  );
  const [c0, c1, c2, c3, c4, c5] = cases as [
    (typeof cases)[0],
    (typeof cases)[0],
    (typeof cases)[0],
    (typeof cases)[0],
    (typeof cases)[0],
    (typeof cases)[0],
  ];
  // Today 15:00 and Thursday 10:00 callbacks on one case; yesterday's broken-promise follow-up on another.
  ids.callbackToday = (
    await logOn(c0.id, {
      actionCode: 'callback_requested',
      followUp: { form: 'callback', callbackAt: '2026-11-24T15:00:00+08:00' },
    })
  ).effects[0].taskId;
  ids.callbackLater = (
    await logOn(c1.id, {
      actionCode: 'callback_requested',
      followUp: { form: 'callback', callbackAt: '2026-11-26T10:00:00+08:00' },
    })
  ).effects[0].taskId;
  const overdue = await store.sql.query<{ id: string }>(
    `INSERT INTO tasks (case_id, kind, due_at, assigned_user_id, team_id, payload, source_key)
     SELECT id, 'promise_follow_up', '2026-11-23T04:00:00Z', assigned_collector_id, team_id,
       '{"amountFen": 50000, "status": "broken"}'::jsonb, 'test:' || id || ':follow_up'
     FROM cases WHERE id = $1 RETURNING id`,
    [c2.id],
  );
  ids.overdue = overdue.rows[0]?.id as string;
  await store.sql.query(`UPDATE cases SET follow_up_at = '2026-11-23T04:00:00Z' WHERE id = $1`, [c2.id]);
  // A claimed payment: a review task for the team, and contact held off.
  ids.review = (
    await logOn(c3.id, {
      actionCode: 'already_paid_claim',
      followUp: { form: 'payment_claim', amountFen: 30_000, paidOn: '2026-11-23', channel: 'app' },
    })
  ).effects[0].taskId;
  // Promises due today and tomorrow, and one later.
  ids.promiseToday = (
    await logOn(c4.id, {
      actionCode: 'promise_to_pay',
      followUp: { form: 'promise', amountFen: 60_000, dueDate: '2026-11-24', channel: 'app' },
    })
  ).promise.id;
  ids.promiseTomorrow = (
    await logOn(c5.id, {
      actionCode: 'promise_to_pay',
      promise: { amountFen: 40_000, dueDate: '2026-11-25', channel: 'bank_transfer' },
    })
  ).promise.id;
  const paid = await call('POST', '/payments', manager, {
    portfolio: c4.portfolio,
    contractNo: c4.contract_no,
    externalRef: 'TASKS-TEST-0001',
    amountFen: 25_000,
    paidAt: '2026-11-24T01:30:00Z',
    channel: 'app',
  });
  expect(paid.statusCode, paid.body).toBe(201);
});
afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

describe('my tasks', () => {
  it('today: what is due by the end of the day, overdue ones marked; overdue and all', async () => {
    const today = await mine(collector, '?status=open&due=today');
    expect(today.map((t) => t.id)).toEqual([ids.overdue, ids.callbackToday]);
    expect(today[0]).toMatchObject({ kind: 'promise_follow_up', overdue: true, team: false });
    expect(today[1]).toMatchObject({ kind: 'callback', overdue: false, dueAt: '2026-11-24T07:00:00.000Z' });
    expect((await mine(collector, '?due=overdue')).map((t) => t.id)).toEqual([ids.overdue]);
    const all = await mine(collector, '?due=all');
    expect(all.map((t) => t.id)).toEqual([ids.overdue, ids.callbackToday, ids.callbackLater]);
    // The team's review task is the team lead's, not the collector's.
    expect(all.some((t) => t.id === ids.review)).toBe(false);
    const res = await call('GET', '/tasks/mine', collector);
    const first = res.json().items.find((t: Task) => t.id === ids.callbackToday);
    expect(first.debtorName).toContain('*');
    expect(first.caseNo).toMatch(/^QS\d{8}$/);
  });

  it('a team lead sees the team’s tasks without a person; another collector sees none of these', async () => {
    const leads = await mine(lead);
    expect(leads.map((t) => t.id)).toEqual([ids.review]);
    expect(leads[0]).toMatchObject({ kind: 'review', team: true });
    expect(await mine(collector2, '?due=all')).toEqual([]);
    expect((await call('GET', '/tasks/mine?due=tomorrow', collector)).statusCode).toBe(400);
  });
});

describe('done', () => {
  it('marks an own task done once, with its note, and moves the case’s follow-up', async () => {
    const [, , c2] = cases as [unknown, unknown, { id: string }];
    const res = await call('POST', `/tasks/${ids.overdue}/done`, collector, {
      note: '已回访，客户称周五补足',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: ids.overdue, status: 'done', overdue: false });
    expect(res.json().payload).toMatchObject({ doneNote: '已回访，客户称周五补足' });
    const again = await call('POST', `/tasks/${ids.overdue}/done`, collector, { note: '第二次' });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().doneAt).toBe(res.json().doneAt);
    expect(again.json().payload.doneNote).toBe('已回访，客户称周五补足');
    const audits = await store.sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'task.done' AND after->>'taskId' = $1`,
      [ids.overdue],
    );
    expect(audits.rows[0]?.n).toBe(1);
    const kase = await store.sql.query<{ follow_up_at: Date | null }>(
      'SELECT follow_up_at FROM cases WHERE id = $1',
      [c2.id],
    );
    expect(kase.rows[0]?.follow_up_at).toBeNull();
    expect((await mine(collector, '?due=today')).map((t) => t.id)).toEqual([ids.callbackToday]);
    const done = await mine(collector, '?status=done');
    expect(done.map((t) => t.id)).toEqual([ids.overdue]);
  });

  it('someone else’s task is not found; the team lead verifies the claimed payment and the hold ends', async () => {
    const foreign = await call('POST', `/tasks/${ids.callbackToday}/done`, collector2);
    expect(foreign.statusCode, foreign.body).toBe(404);
    expect((await call('POST', `/tasks/${ids.review}/done`, collector)).statusCode).toBe(404);
    expect((await call('POST', '/tasks/not-a-task/done', collector)).statusCode).toBe(404);
    const [, , , c3] = cases as [unknown, unknown, unknown, { id: string }];
    const held = await store.sql.query<{ next_contact_at: Date | null }>(
      'SELECT next_contact_at FROM cases WHERE id = $1',
      [c3.id],
    );
    expect(held.rows[0]?.next_contact_at).not.toBeNull();
    const res = await call('POST', `/tasks/${ids.review}/done`, lead, { note: '已核实：款项未到账' });
    expect(res.statusCode, res.body).toBe(200);
    const after = await store.sql.query<{ next_contact_at: Date | null }>(
      'SELECT next_contact_at FROM cases WHERE id = $1',
      [c3.id],
    );
    expect(after.rows[0]?.next_contact_at).toBeNull();
  });
});

describe('promises due', () => {
  type Due = { promiseId: string; amountFen: number; paidFen: number; dueDate: string; dueNextDay: boolean };
  const ours = (items: Due[]) =>
    items.filter((i) => i.promiseId === ids.promiseToday || i.promiseId === ids.promiseTomorrow);

  it('lists today’s and tomorrow’s pending promises with what was paid so far', async () => {
    const res = await call('GET', '/promises/due', collector);
    expect(res.statusCode, res.body).toBe(200);
    expect(ours(res.json().items)).toEqual([
      expect.objectContaining({
        promiseId: ids.promiseToday,
        amountFen: 60_000,
        paidFen: 25_000,
        dueDate: '2026-11-24',
        dueNextDay: false,
        channel: 'app',
      }),
      expect.objectContaining({
        promiseId: ids.promiseTomorrow,
        amountFen: 40_000,
        paidFen: 0,
        dueDate: '2026-11-25',
        dueNextDay: true,
      }),
    ]);
    const later = (await call('GET', '/promises/due?date=2026-11-25', collector)).json();
    expect(ours(later.items).map((i) => [i.promiseId, i.dueNextDay])).toEqual([[ids.promiseTomorrow, false]]);
  });

  it('is scoped to the actor’s cases, and a bad date names the field', async () => {
    const other = (await call('GET', '/promises/due', collector2)).json();
    expect(ours(other.items)).toEqual([]);
    const teams = (await call('GET', '/promises/due', lead)).json();
    expect(ours(teams.items)).toHaveLength(2);
    const bad = await call('GET', '/promises/due?date=2026-13-01', collector);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.field).toMatch(/date$/);
  });
});
