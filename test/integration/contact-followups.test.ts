/**
 * The contact log's follow-up forms and their side effects over HTTP, with the rows they write: a
 * callback makes a task and the case's follow-up time (and is refused outside the contact hours, naming
 * the field); a complaint freezes the gate; a dispute and a claimed payment make review tasks (the claim
 * also holds contact off); a reported death sets the hold; an invalid number or wrong party marks the
 * number so it is no longer offered; a third party who refused is not contacted again; the debtor's
 * stated reason lands on the case. A bad form names its field and writes nothing.
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
let teamId: string;
let collectorId: string;
/** Open cases of the collector without holds, a clean ledger and at least two numbers, in order. */
let pool: { id: string; debtor_id: string }[] = [];

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

function nextCase(): { id: string; debtor_id: string } {
  const kase = pool.shift();
  if (!kase) throw new Error('no more test cases');
  return kase;
}

/** Dials the case's first valid number through the gate and returns the reserved attempt. */
async function reserve(caseId: string): Promise<{ attemptId: string; phoneId: string; masked: string }> {
  const gate = (await call('GET', `/cases/${caseId}/gate`, collector)).json();
  const phone = gate.phones.find((p: { validity: string }) => p.validity !== 'invalid');
  const res = await call('POST', `/cases/${caseId}/contact-attempts`, collector, {
    channel: 'call',
    party: 'debtor',
    phoneId: phone.phoneId,
  });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json().allowed, res.body).toBe(true);
  return { attemptId: res.json().attemptId, phoneId: phone.phoneId, masked: phone.masked };
}

async function log(caseId: string, body: Record<string, unknown>) {
  return call('POST', `/cases/${caseId}/contact-log`, collector, body);
}

async function caseRow(caseId: string) {
  const r = await store.sql.query<{
    follow_up_at: Date | null;
    next_contact_at: Date | null;
    complaint_freeze: boolean;
    deceased: boolean;
    stated_reason: string | null;
  }>(
    'SELECT follow_up_at, next_contact_at, complaint_freeze, deceased, stated_reason FROM cases WHERE id = $1',
    [caseId],
  );
  return r.rows[0] as NonNullable<(typeof r.rows)[0]>;
}

async function attemptRow(attemptId: string) {
  const r = await store.sql.query<{
    status: string;
    outcome: string | null;
    action_code: string | null;
    follow_up: Record<string, unknown> | null;
    stated_reason: string | null;
  }>('SELECT status, outcome, action_code, follow_up, stated_reason FROM contact_attempts WHERE id = $1', [
    attemptId,
  ]);
  return r.rows[0] as NonNullable<(typeof r.rows)[0]>;
}

async function tasksOf(caseId: string) {
  const r = await store.sql.query<{
    id: string;
    kind: string;
    due_at: Date;
    assigned_user_id: string | null;
    team_id: string | null;
    payload: Record<string, unknown>;
  }>(
    'SELECT id, kind, due_at, assigned_user_id, team_id, payload FROM tasks WHERE case_id = $1 ORDER BY created_at',
    [caseId],
  );
  return r.rows;
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  store = tdb.store;
  await seedDemo(store, { accounts: 160, now: TEN_AM, password: DEMO_PASSWORD, seed: 11 });
  app = await buildApp({ store, now: () => TEN_AM, serveWeb: false });
  collector = await login('collector');
  const me = await store.sql.query<{ id: string; team_id: string }>(
    `SELECT id, team_id FROM users WHERE username = 'collector'`,
  );
  collectorId = me.rows[0]?.id as string;
  teamId = me.rows[0]?.team_id as string;
  const r = await store.sql.query<{ id: string; debtor_id: string }>(
    `SELECT c.id, c.debtor_id FROM cases c JOIN accounts a ON a.id = c.account_id
     WHERE c.assigned_collector_id = $1 AND c.status = 'open' AND a.balance_fen > 100000
       AND NOT (c.cease OR c.legal_hold OR c.complaint_freeze OR c.deceased OR c.bankruptcy)
       AND (SELECT count(*) FROM debtor_phones ph WHERE ph.debtor_id = c.debtor_id AND ph.validity <> 'invalid') >= 1
       AND (SELECT count(*) FROM accounts x WHERE x.debtor_id = c.debtor_id) = 1
     ORDER BY c.case_no`,
    [collectorId],
  );
  pool = r.rows;
  expect(pool.length).toBeGreaterThanOrEqual(10);
  // A clean contact history, open follow-ups and tasks for these debtors: the answers depend on this test only.
  await store.sql.query(
    `DELETE FROM contact_attempts WHERE debtor_id = ANY($1::uuid[])
       OR phone IN (SELECT number FROM debtor_phones WHERE debtor_id = ANY($1::uuid[]))`,
    [pool.map((c) => c.debtor_id)],
  );
  await store.sql.query('DELETE FROM tasks WHERE case_id = ANY($1::uuid[])', [pool.map((c) => c.id)]);
  await store.sql.query(
    'UPDATE cases SET follow_up_at = NULL, next_contact_at = NULL, stated_reason = NULL WHERE id = ANY($1::uuid[])',
    [pool.map((c) => c.id)],
  );
});
afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

describe('callback', () => {
  it('makes a callback task for the collector at the time asked and sets the case’s follow-up', async () => {
    const kase = nextCase();
    const { attemptId } = await reserve(kase.id);
    const res = await log(kase.id, {
      attemptId,
      actionCode: 'callback_requested',
      note: '客户在开会，约后天上午回电',
      followUp: { form: 'callback', callbackAt: '2026-11-26T10:00:00+08:00' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.effects).toEqual([
      { kind: 'callback_task', taskId: expect.any(String), at: '2026-11-26T02:00:00.000Z' },
    ]);
    const tasks = await tasksOf(kase.id);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({
      id: body.effects[0].taskId,
      kind: 'callback',
      assigned_user_id: collectorId,
      team_id: teamId,
    });
    expect(new Date(tasks[0]?.due_at as Date).toISOString()).toBe('2026-11-26T02:00:00.000Z');
    expect(tasks[0]?.payload).toMatchObject({ attemptId, note: '客户在开会，约后天上午回电' });
    expect(new Date((await caseRow(kase.id)).follow_up_at as Date).toISOString()).toBe(
      '2026-11-26T02:00:00.000Z',
    );
    expect(await attemptRow(attemptId)).toMatchObject({
      status: 'completed',
      outcome: 'conversation',
      action_code: 'callback_requested',
      follow_up: { form: 'callback', callbackAt: '2026-11-26T02:00:00.000Z' },
    });
  });

  it('outside the contact hours is refused naming followUp.callbackAt, and nothing is written', async () => {
    const kase = nextCase();
    const { attemptId } = await reserve(kase.id);
    const auditBefore = await count(`audit_log WHERE entity_id = $1`, [kase.id]);
    const late = await log(kase.id, {
      attemptId,
      actionCode: 'callback_requested',
      followUp: { form: 'callback', callbackAt: '2026-11-25T22:30:00+08:00' },
    });
    expect(late.statusCode, late.body).toBe(400);
    expect(late.json().details.field).toBe('followUp.callbackAt');
    expect(late.json().details.problems[0].code).toBe('callback_outside_hours');
    expect(late.json().message).toContain('08:00–22:00');

    const missing = await log(kase.id, {
      attemptId,
      actionCode: 'callback_requested',
      followUp: { form: 'callback' },
    });
    expect(missing.statusCode, missing.body).toBe(400);
    // Refused by the request schema, which names the field within the body.
    expect(missing.json().details.field).toBe('body.followUp.callbackAt');

    const past = await log(kase.id, {
      attemptId,
      actionCode: 'callback_requested',
      followUp: { form: 'callback', callbackAt: '2026-11-24T09:00:00+08:00' },
    });
    expect(past.statusCode, past.body).toBe(400);
    expect(past.json().details.problems[0]).toMatchObject({
      field: 'followUp.callbackAt',
      code: 'callback_not_future',
    });

    expect(await tasksOf(kase.id)).toHaveLength(0);
    expect((await caseRow(kase.id)).follow_up_at).toBeNull();
    expect(await attemptRow(attemptId)).toMatchObject({
      status: 'reserved',
      action_code: null,
      follow_up: null,
    });
    expect(await count(`audit_log WHERE entity_id = $1`, [kase.id])).toBe(auditBefore);
  });
});

describe('complaint and dispute', () => {
  it('a complaint freezes the case: a reservation afterwards is refused with the complaint reason', async () => {
    const kase = nextCase();
    const { attemptId, phoneId } = await reserve(kase.id);
    const res = await log(kase.id, {
      attemptId,
      actionCode: 'complaint',
      followUp: { form: 'complaint', channel: 'phone', description: '客户投诉一天内接到多次电话' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().effects).toEqual([{ kind: 'complaint_freeze', complaintId: expect.any(String) }]);
    const complaint = await store.sql.query<{
      kind: string;
      channel: string;
      description: string;
      status: string;
    }>('SELECT kind, channel, description, status FROM complaints WHERE case_id = $1', [kase.id]);
    expect(complaint.rows).toEqual([
      { kind: 'complaint', channel: 'phone', description: '客户投诉一天内接到多次电话', status: 'open' },
    ]);
    expect((await caseRow(kase.id)).complaint_freeze).toBe(true);
    expect(await count(`audit_log WHERE action = 'complaint.raise' AND entity_id = $1`, [kase.id])).toBe(1);

    const again = await call('POST', `/cases/${kase.id}/contact-attempts`, collector, {
      channel: 'call',
      party: 'debtor',
      phoneId,
    });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ allowed: false, attemptId: null });
    expect(again.json().reasons).toContain('complaint_freeze');
    expect(again.json().messages.find((m: { code: string }) => m.code === 'complaint_freeze').zh).toContain(
      '投诉',
    );
  });

  it('a dispute is registered (freezing contact) with a review task for the team lead naming its type', async () => {
    const kase = nextCase();
    const { attemptId } = await reserve(kase.id);
    const res = await log(kase.id, {
      attemptId,
      actionCode: 'dispute',
      followUp: { form: 'dispute', disputeType: 'fees', description: '客户认为违约金计算有误' },
      statedReason: 'dispute',
    });
    expect(res.statusCode, res.body).toBe(200);
    const kinds = res.json().effects.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual(['dispute_review', 'complaint_freeze', 'stated_reason']);
    const complaint = await store.sql.query<{ kind: string; description: string }>(
      'SELECT kind, description FROM complaints WHERE case_id = $1',
      [kase.id],
    );
    expect(complaint.rows[0]).toMatchObject({
      kind: 'dispute',
      description: expect.stringContaining('违约金'),
    });
    const tasks = await tasksOf(kase.id);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({
      kind: 'review',
      assigned_user_id: null,
      team_id: teamId,
      payload: { review: 'dispute', disputeType: 'fees' },
    });
    expect(await caseRow(kase.id)).toMatchObject({ complaint_freeze: true, stated_reason: 'dispute' });
  });
});

describe('payment claim and death report', () => {
  it('a claimed payment makes a review task with what to verify and holds contact off meanwhile', async () => {
    const kase = nextCase();
    const { attemptId } = await reserve(kase.id);
    const res = await log(kase.id, {
      attemptId,
      actionCode: 'already_paid_claim',
      followUp: {
        form: 'payment_claim',
        amountFen: 123_456,
        paidOn: '2026-11-22',
        channel: 'online_banking',
        reference: 'NB20261122-0042',
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    const effect = res.json().effects[0];
    expect(effect).toMatchObject({ kind: 'payment_verification', at: '2026-11-27T02:00:00.000Z' });
    const tasks = await tasksOf(kase.id);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({
      id: effect.taskId,
      kind: 'review',
      assigned_user_id: null,
      team_id: teamId,
      payload: {
        review: 'payment_claim',
        amountFen: 123_456,
        paidOn: '2026-11-22',
        channel: 'online_banking',
        reference: 'NB20261122-0042',
      },
    });
    const row = await caseRow(kase.id);
    expect(new Date(row.next_contact_at as Date).toISOString()).toBe('2026-11-27T02:00:00.000Z');
  });

  it('a reported death sets the deceased hold and a review task saying who reported it', async () => {
    const kase = nextCase();
    const { attemptId, phoneId } = await reserve(kase.id);
    const res = await log(kase.id, {
      attemptId,
      actionCode: 'deceased_reported',
      followUp: {
        form: 'deceased_report',
        reportedBy: '李女士',
        relation: '配偶',
        summary: '接听人称本人已于上月病故',
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().effects).toEqual([{ kind: 'deceased_hold', taskId: expect.any(String) }]);
    expect((await caseRow(kase.id)).deceased).toBe(true);
    const tasks = await tasksOf(kase.id);
    expect(tasks[0]).toMatchObject({
      kind: 'review',
      assigned_user_id: null,
      payload: { review: 'deceased', reportedBy: '李女士', relation: '配偶' },
    });
    expect(await count(`audit_log WHERE action = 'case.hold' AND entity_id = $1`, [kase.id])).toBe(1);
    const again = await call('POST', `/cases/${kase.id}/contact-attempts`, collector, {
      channel: 'call',
      party: 'debtor',
      phoneId,
    });
    expect(again.json()).toMatchObject({ allowed: false, attemptId: null });
  });
});

describe('numbers and third parties', () => {
  it('an invalid number is marked and no longer offered; a wrong party is marked as such', async () => {
    const kase = nextCase();
    const { attemptId, phoneId, masked } = await reserve(kase.id);
    const res = await log(kase.id, { attemptId, actionCode: 'invalid_number' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      outcome: 'not_connected',
      effects: [{ kind: 'phone_invalid', target: masked }],
    });
    const validity = await store.sql.query<{ validity: string }>(
      'SELECT validity FROM debtor_phones WHERE id = $1',
      [phoneId],
    );
    expect(validity.rows[0]?.validity).toBe('invalid');
    expect(await count(`audit_log WHERE action = 'phone.mark' AND entity_id = $1`, [phoneId])).toBe(1);
    const targets = (await call('GET', `/cases/${kase.id}/contact-targets`, collector)).json();
    expect(targets.phones.find((p: { phoneId: string }) => p.phoneId === phoneId)).toMatchObject({
      validity: 'invalid',
      mark: 'invalid_number',
    });
    // The gate preview lists it last, as invalid; the queue never picks an invalid number.
    const gate = (await call('GET', `/cases/${kase.id}/gate`, collector)).json();
    const phones: { phoneId: string; validity: string }[] = gate.phones;
    expect(phones.find((p) => p.phoneId === phoneId)?.validity).toBe('invalid');
    expect(phones.at(-1)?.phoneId).toBe(phoneId);

    const other = nextCase();
    const wrong = await reserve(other.id);
    const wrongRes = await log(other.id, { attemptId: wrong.attemptId, actionCode: 'wrong_party' });
    expect(wrongRes.statusCode, wrongRes.body).toBe(200);
    expect(wrongRes.json().effects).toEqual([{ kind: 'phone_wrong_party', target: wrong.masked }]);
    const otherTargets = (await call('GET', `/cases/${other.id}/contact-targets`, collector)).json();
    expect(otherTargets.phones.find((p: { phoneId: string }) => p.phoneId === wrong.phoneId)).toMatchObject({
      validity: 'invalid',
      mark: 'wrong_party',
    });
  });

  it('a third party who refused is never contacted again, and the contact targets say so', async () => {
    // A debtor whose numbers are all invalid: third parties may be asked for a way to reach them.
    const found = await store.sql.query<{ id: string; debtor_id: string; contact_id: string }>(
      `SELECT c.id, c.debtor_id, ct.id AS contact_id FROM cases c JOIN contacts ct ON ct.debtor_id = c.debtor_id
       WHERE c.id = ANY($1::uuid[]) AND ct.phone IS NOT NULL ORDER BY c.case_no LIMIT 1`,
      [pool.map((c) => c.id)],
    );
    const kase = found.rows[0];
    expect(kase).toBeDefined();
    if (!kase) return;
    pool = pool.filter((c) => c.id !== kase.id);
    await store.sql.query(`UPDATE debtor_phones SET validity = 'invalid' WHERE debtor_id = $1`, [
      kase.debtor_id,
    ]);
    const before = (await call('GET', `/cases/${kase.id}/contact-targets`, collector)).json();
    const party = before.thirdParties.find((p: { contactId: string }) => p.contactId === kase.contact_id);
    expect(party).toMatchObject({ refused: false, call: { allowed: true } });

    const reserved = await call('POST', `/cases/${kase.id}/contact-attempts`, collector, {
      channel: 'call',
      party: 'third_party',
      contactId: kase.contact_id,
    });
    expect(reserved.json().allowed, reserved.body).toBe(true);
    // A stated reason is the debtor's: not on a third-party contact.
    const withReason = await log(kase.id, {
      attemptId: reserved.json().attemptId,
      actionCode: 'third_party_refused',
      statedReason: 'refuses',
    });
    expect(withReason.statusCode).toBe(400);
    expect(withReason.json().details.field).toBe('statedReason');
    const res = await log(kase.id, {
      attemptId: reserved.json().attemptId,
      actionCode: 'third_party_refused',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ outcome: 'refused', effects: [{ kind: 'third_party_no_contact' }] });

    const after = (await call('GET', `/cases/${kase.id}/contact-targets`, collector)).json();
    const refused = after.thirdParties.find((p: { contactId: string }) => p.contactId === kase.contact_id);
    expect(refused).toMatchObject({
      refused: true,
      call: { allowed: false, reasons: ['third_party_restricted'] },
    });
    const again = await call('POST', `/cases/${kase.id}/contact-attempts`, collector, {
      channel: 'call',
      party: 'third_party',
      contactId: kase.contact_id,
    });
    expect(again.json()).toMatchObject({ allowed: false, reasons: ['third_party_restricted'] });
  });
});

describe('stated reason and hardship', () => {
  it('hardship stores the summary on the attempt and the stated reason on the attempt and the case', async () => {
    const kase = nextCase();
    const { attemptId } = await reserve(kase.id);
    const res = await log(kase.id, {
      attemptId,
      actionCode: 'hardship',
      followUp: { form: 'hardship', summary: '上月失业，目前靠积蓄生活，希望分期' },
      statedReason: 'job_loss',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      statedReason: 'job_loss',
      effects: [{ kind: 'hardship_recorded' }, { kind: 'stated_reason', statedReason: 'job_loss' }],
    });
    expect(await attemptRow(attemptId)).toMatchObject({
      stated_reason: 'job_loss',
      follow_up: { form: 'hardship', summary: '上月失业，目前靠积蓄生活，希望分期' },
    });
    expect((await caseRow(kase.id)).stated_reason).toBe('job_loss');
    expect(await count(`audit_log WHERE action = 'case.stated_reason' AND entity_id = $1`, [kase.id])).toBe(
      1,
    );
  });
});

describe('a bad form', () => {
  it('names its field and leaves nothing written', async () => {
    const kase = nextCase();
    const { attemptId } = await reserve(kase.id);
    const auditBefore = await count(`audit_log WHERE entity_id = $1`, [kase.id]);
    const bad: [Record<string, unknown>, string][] = [
      // a claimed payment dated tomorrow
      [
        {
          actionCode: 'already_paid_claim',
          followUp: { form: 'payment_claim', amountFen: 100, paidOn: '2026-11-25', channel: 'app' },
        },
        'followUp.paidOn',
      ],
      // an unknown dispute type (refused by the schema)
      [
        {
          actionCode: 'dispute',
          followUp: { form: 'dispute', disputeType: 'weather', description: '不认可' },
        },
        'body.followUp.disputeType',
      ],
      // a complaint without its description
      [
        { actionCode: 'complaint', followUp: { form: 'complaint', channel: 'phone', description: ' ' } },
        'followUp.description',
      ],
      // the wrong form for the code
      [
        { actionCode: 'hardship', followUp: { form: 'callback', callbackAt: '2026-11-25T10:00:00+08:00' } },
        'followUp.form',
      ],
      // a death report without who reported it
      [
        {
          actionCode: 'deceased_reported',
          followUp: { form: 'deceased_report', reportedBy: '', summary: '称已去世' },
        },
        'followUp.reportedBy',
      ],
      // a form on a code that takes none
      [{ actionCode: 'no_answer', followUp: { form: 'hardship', summary: 'x' } }, 'followUp'],
      // a stated reason not in the list
      [{ actionCode: 'right_party_no_promise', statedReason: 'bored' }, 'body.statedReason'],
      // a stated reason on a contact that did not reach the debtor
      [{ actionCode: 'no_answer', statedReason: 'job_loss' }, 'statedReason'],
    ];
    for (const [body, field] of bad) {
      const res = await log(kase.id, { attemptId, ...body });
      expect(res.statusCode, `${field}: ${res.body}`).toBe(400);
      expect(res.json().details.field, res.body).toBe(field);
    }
    expect(await tasksOf(kase.id)).toHaveLength(0);
    expect(await count('complaints WHERE case_id = $1', [kase.id])).toBe(0);
    expect(await caseRow(kase.id)).toMatchObject({
      complaint_freeze: false,
      deceased: false,
      next_contact_at: null,
    });
    expect(await attemptRow(attemptId)).toMatchObject({
      status: 'reserved',
      action_code: null,
      follow_up: null,
    });
    expect(await count(`audit_log WHERE entity_id = $1`, [kase.id])).toBe(auditBefore);
  });
});
