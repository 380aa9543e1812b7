/**
 * The collector's next case over HTTP: due follow-ups first, then priority; a case the gate blocks is
 * skipped with its reason and cached until it is callable; nothing outside the contact hours.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app';
import { DEMO_PASSWORD } from '../../src/config';
import { seedDemo } from '../../src/services/demo/seed';
import type { Store } from '../../src/store/db';
import { createTestDatabase, type TestDatabase } from '../helpers/store';

let clock = new Date('2026-11-24T02:00:00Z'); // 10:00 in Shanghai
let tdb: TestDatabase;
let store: Store;
let app: FastifyInstance;
let cookie: string;

async function next() {
  const res = await app.inject({ method: 'GET', url: '/api/v1/queue/next', headers: { cookie } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function ownCases(): Promise<{ id: string; priority: number }[]> {
  const r = await store.sql.query<{ id: string; priority: number }>(
    `SELECT c.id, c.priority FROM cases c JOIN users u ON u.id = c.assigned_collector_id
     WHERE u.username = 'collector' AND c.status = 'open'
       AND NOT (c.cease OR c.legal_hold OR c.complaint_freeze OR c.deceased OR c.bankruptcy)
     ORDER BY c.case_no`,
  );
  return r.rows;
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  store = tdb.store;
  await seedDemo(store, { accounts: 150, now: clock, password: DEMO_PASSWORD, seed: 11 });
  app = await buildApp({ store, now: () => clock, serveWeb: false });
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: 'collector', password: DEMO_PASSWORD },
  });
  cookie = `qs_session=${res.cookies.find((c) => c.name === 'qs_session')?.value}`;
});
afterAll(async () => {
  await app.close();
  await tdb.drop();
});

describe('next case', () => {
  it('serves the highest priority first, and a due follow-up before any priority', async () => {
    const cases = await ownCases();
    expect(cases.length).toBeGreaterThan(3);
    const [top, second, low] = cases as unknown as [{ id: string }, { id: string }, { id: string }];
    await store.sql.query('UPDATE cases SET priority = 0, follow_up_at = NULL, next_contact_at = NULL');
    await store.sql.query('UPDATE cases SET priority = 900 WHERE id = $1', [top.id]);
    await store.sql.query('UPDATE cases SET priority = 800 WHERE id = $1', [second.id]);
    const first = await next();
    expect(first.next, JSON.stringify(first)).toMatchObject({ caseId: top.id, because: 'priority' });

    await store.sql.query('UPDATE cases SET follow_up_at = $2 WHERE id = $1', [
      low.id,
      new Date(clock.getTime() - 60_000),
    ]);
    expect((await next()).next).toMatchObject({ caseId: low.id, because: 'follow_up' });
    // A follow-up due later does not jump the queue yet.
    await store.sql.query('UPDATE cases SET follow_up_at = $2 WHERE id = $1', [
      low.id,
      new Date(clock.getTime() + 3_600_000),
    ]);
    expect((await next()).next).toMatchObject({ caseId: top.id });
  });

  it('skips a case the gate blocks (its own reason), caches it, and serves the next', async () => {
    const [top, second] = (await ownCases()) as unknown as [{ id: string }, { id: string }];
    // Three possible conversations today: the debtor's daily connected-call cap is used up.
    for (let i = 0; i < 3; i++) {
      await store.sql.query(
        `INSERT INTO contact_attempts (case_id, account_id, debtor_id, party, person_id, channel, phone, actor_kind,
           actor_name, at, status, outcome)
         SELECT c.id, c.account_id, c.debtor_id, 'debtor', c.debtor_id, 'call', NULL, 'collector', 'test', $2, 'completed',
           'conversation'
         FROM cases c WHERE c.id = $1`,
        [top.id, new Date(clock.getTime() - (i + 1) * 600_000)],
      );
    }
    const answer = await next();
    expect(answer.next).toMatchObject({ caseId: second.id });
    expect(answer.skipped).toEqual([
      expect.objectContaining({
        caseId: top.id,
        reasons: ['daily_connected_cap'],
        nextAllowedAt: expect.any(String),
      }),
    ]);
    const cached = await store.sql.query<{ next_contact_at: Date }>(
      'SELECT next_contact_at FROM cases WHERE id = $1',
      [top.id],
    );
    expect(new Date(cached.rows[0]?.next_contact_at as Date).toISOString()).toBe(
      answer.skipped[0].nextAllowedAt,
    );
    // The cache keeps it out of the next request without asking the gate again.
    expect((await next()).skipped).toEqual([]);
  });

  it('before the contact hours nothing is callable, and it says when something will be', async () => {
    clock = new Date('2026-11-23T23:00:00Z'); // 07:00 in Shanghai
    await store.sql.query('UPDATE cases SET next_contact_at = NULL');
    const answer = await next();
    expect(answer.next).toBeNull();
    expect(answer.nextCallableAt).toBe('2026-11-24T00:00:00.000Z'); // 08:00 in Shanghai
    clock = new Date('2026-11-24T02:00:00Z');
  });

  it('only collectors and others who contact debtors have a queue', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'qa', password: DEMO_PASSWORD },
    });
    const qa = `qs_session=${res.cookies.find((c) => c.name === 'qs_session')?.value}`;
    const answer = await app.inject({ method: 'GET', url: '/api/v1/queue/next', headers: { cookie: qa } });
    expect(answer.statusCode).toBe(403);
  });
});
