/**
 * The strategy plan's call cadence orders the queue: after a logged call the case comes back only after
 * the plan's "call every N days"; after a promise not before it falls due; a callback the debtor asked
 * for is still served on time.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app';
import { DEMO_PASSWORD } from '../../src/config';
import { runNightlyBatch } from '../../src/services/batch/nightly';
import { seedDemo } from '../../src/services/demo/seed';
import type { Store } from '../../src/store/db';
import { createTestDatabase, type TestDatabase } from '../helpers/store';

const TEN_AM = new Date('2026-11-24T02:00:00Z'); // 10:00 in Shanghai
const DAY_MS = 86_400_000;
let tdb: TestDatabase;
let store: Store;
let app: FastifyInstance;
let collector: string;

interface Candidate {
  id: string;
  call_every_days: number;
}

async function login(username: string): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password: DEMO_PASSWORD },
  });
  expect(res.statusCode, res.body).toBe(200);
  return `qs_session=${res.cookies.find((c) => c.name === 'qs_session')?.value}`;
}

async function call(method: 'GET' | 'POST', url: string, payload?: unknown) {
  return app.inject({
    method,
    url: `/api/v1${url}`,
    headers: { cookie: collector },
    ...(payload ? { payload } : {}),
  });
}

/** The collector's callable cases whose segment plan calls every N days. */
async function planned(): Promise<Candidate[]> {
  const result = await store.sql.query<Candidate>(
    `SELECT c.id, (seg->'plan'->>'callEveryDays')::int AS call_every_days
     FROM cases c JOIN users u ON u.id = c.assigned_collector_id
       JOIN strategies st ON st.portfolio_id = c.portfolio_id AND st.version = c.strategy_version
       CROSS JOIN LATERAL jsonb_array_elements(st.definition->'segments') seg
     WHERE u.username = 'collector' AND c.status = 'open' AND seg->>'key' = c.segment_key
       AND seg->'plan'->'channels' ? 'call' AND c.follow_up_at IS NULL AND c.next_contact_at IS NULL
       AND NOT (c.cease OR c.legal_hold OR c.complaint_freeze OR c.deceased OR c.bankruptcy)
       AND EXISTS (SELECT 1 FROM debtor_phones ph WHERE ph.debtor_id = c.debtor_id AND ph.validity <> 'invalid')
       AND NOT EXISTS (SELECT 1 FROM contact_attempts t WHERE t.debtor_id = c.debtor_id)
     ORDER BY c.case_no`,
  );
  return result.rows;
}

async function logCall(caseId: string, body: Record<string, unknown>): Promise<void> {
  const gate = (await call('GET', `/cases/${caseId}/gate`)).json();
  const reserved = await call('POST', `/cases/${caseId}/contact-attempts`, {
    channel: 'call',
    party: 'debtor',
    phoneId: gate.phones[0].phoneId,
  });
  expect(reserved.json().allowed, reserved.body).toBe(true);
  const logged = await call('POST', `/cases/${caseId}/contact-log`, {
    attemptId: reserved.json().attemptId,
    ...body,
  });
  expect(logged.statusCode, logged.body).toBe(200);
}

async function nextContactOf(caseId: string): Promise<Date | null> {
  const r = await store.sql.query<{ next_contact_at: Date | null }>(
    'SELECT next_contact_at FROM cases WHERE id = $1',
    [caseId],
  );
  return r.rows[0]?.next_contact_at ?? null;
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  store = tdb.store;
  await seedDemo(store, { accounts: 150, now: TEN_AM, password: DEMO_PASSWORD, seed: 9 });
  // The demo starts with the default strategy active; the batch puts every case in its segment.
  await runNightlyBatch(store, { asOf: '2026-11-24', now: TEN_AM });
  app = await buildApp({ store, now: () => TEN_AM, serveWeb: false });
  collector = await login('collector');
});
afterAll(async () => {
  await app.close();
  await tdb.drop();
});

describe('the plan cadence', () => {
  it("keeps a case out of the queue for the plan's days after a call, and until a promise falls due", async () => {
    const cases = await planned();
    expect(cases.length).toBeGreaterThanOrEqual(3);
    const [unanswered, promised, callback] = cases as [Candidate, Candidate, Candidate];
    // Put the three at the head of the collector's queue: it serves one of them before the calls.
    await store.sql.query('UPDATE cases SET priority = 1000 WHERE id = ANY($1::uuid[])', [
      [unanswered.id, promised.id, callback.id],
    ]);
    const before = (await call('GET', '/queue/next')).json();
    expect([unanswered.id, promised.id, callback.id]).toContain(before.next?.caseId);

    await logCall(unanswered.id, { actionCode: 'no_answer' });
    expect((await nextContactOf(unanswered.id))?.getTime()).toBe(
      TEN_AM.getTime() + unanswered.call_every_days * DAY_MS,
    );

    await logCall(promised.id, {
      actionCode: 'promise_to_pay',
      promise: { amountFen: 50_000, dueDate: '2026-12-04', channel: 'app' },
    });
    // Not before the due day is over in Shanghai (2026-12-05 00:00 = 2026-12-04 16:00Z).
    expect((await nextContactOf(promised.id))?.toISOString()).toBe('2026-12-04T16:00:00.000Z');

    const at = '2026-11-24T07:00:00.000Z'; // 15:00 the same day
    await logCall(callback.id, {
      actionCode: 'callback_requested',
      followUp: { form: 'callback', callbackAt: at },
    });
    expect((await nextContactOf(callback.id))?.toISOString()).toBe(at);

    // The queue serves none of the three now.
    const after = (await call('GET', '/queue/next')).json();
    expect(after.next).not.toBeNull();
    expect([unanswered.id, promised.id, callback.id]).not.toContain(after.next?.caseId);
  });
});
