/**
 * Complaints and disputes: registering one freezes contact on the case (the contact gate refuses with
 * complaint_freeze) until a reviewer releases it with a note; with two open, the freeze lifts only when
 * the last one is released. Audited; over HTTP too.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app';
import { DEMO_PASSWORD } from '../../src/config';
import { AppError } from '../../src/errors';
import type { Actor } from '../../src/services/actor';
import { actorOf, getUserView } from '../../src/services/auth';
import { listComplaints, raiseComplaint, releaseComplaint } from '../../src/services/complaints';
import { reserveContact } from '../../src/services/contact-gate';
import { seedDemo } from '../../src/services/demo/seed';
import type { Store } from '../../src/store/db';
import { createTestDatabase, type TestDatabase } from '../helpers/store';

const NOW = new Date('2026-11-24T02:00:00Z'); // 10:00 in Shanghai, a Tuesday
let tdb: TestDatabase;
let store: Store;
let app: FastifyInstance;
let collector: Actor;
let lead: Actor;
let targets: { caseId: string; phoneId: string }[] = [];

async function actorFor(username: string): Promise<Actor> {
  const r = await store.sql.query<{ id: string }>('SELECT id FROM users WHERE username = $1', [username]);
  const view = await getUserView(store, r.rows[0]?.id as string);
  if (!view) throw new Error(`no user ${username}`);
  return actorOf(view);
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return 'OK';
}

async function frozen(caseId: string): Promise<boolean> {
  const r = await store.sql.query<{ complaint_freeze: boolean }>(
    'SELECT complaint_freeze FROM cases WHERE id = $1',
    [caseId],
  );
  return r.rows[0]?.complaint_freeze === true;
}

async function call(target: { caseId: string; phoneId: string }, minutes: number) {
  return reserveContact(
    store,
    collector,
    { caseId: target.caseId, channel: 'call', party: 'debtor', phoneId: target.phoneId },
    new Date(NOW.getTime() + minutes * 60_000),
  );
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  store = tdb.store;
  await seedDemo(store, { accounts: 200, now: NOW, password: DEMO_PASSWORD, seed: 7 });
  collector = await actorFor('collector');
  lead = await actorFor('lead');
  const r = await store.sql.query<{ case_id: string; phone_id: string }>(
    `SELECT c.id AS case_id, (SELECT ph.id FROM debtor_phones ph WHERE ph.debtor_id = c.debtor_id
       ORDER BY ph.id LIMIT 1) AS phone_id
     FROM cases c JOIN users u ON u.id = c.assigned_collector_id
     WHERE u.username = 'collector' AND c.status = 'open' AND NOT c.complaint_freeze AND NOT c.legal_hold
       AND NOT c.cease AND NOT c.deceased AND NOT c.bankruptcy
       AND NOT EXISTS (SELECT 1 FROM contact_attempts x WHERE x.case_id = c.id)
     ORDER BY c.case_no LIMIT 4`,
  );
  targets = r.rows.map((row) => ({ caseId: row.case_id, phoneId: row.phone_id }));
  app = await buildApp({ store, now: () => NOW, serveWeb: false });
});
afterAll(async () => {
  await app?.close();
  await tdb.drop();
});

describe('complaints freeze contact', () => {
  it('a complaint freezes contact until a reviewer releases it with a note', async () => {
    const target = targets[0] as (typeof targets)[number];
    const complaint = await raiseComplaint(
      store,
      collector,
      target.caseId,
      { kind: 'complaint', channel: 'phone', description: '债务人投诉催收频繁' },
      NOW,
    );
    expect(complaint).toMatchObject({ status: 'open', kind: 'complaint', caseFrozen: true });
    expect(await frozen(target.caseId)).toBe(true);
    const refused = await call(target, 1);
    expect(refused.allowed).toBe(false);
    expect(refused.reasons).toContain('complaint_freeze');
    expect(refused.attemptId).toBeNull();

    expect((await listComplaints(store, lead)).map((c) => c.id)).toContain(complaint.id);
    expect(await codeOf(releaseComplaint(store, collector, complaint.id, '已处理', NOW))).toBe('FORBIDDEN');
    expect(await codeOf(releaseComplaint(store, lead, complaint.id, ' ', NOW))).toBe('VALIDATION_FAILED');
    expect(await frozen(target.caseId)).toBe(true);

    const released = await releaseComplaint(store, lead, complaint.id, '已回访，债务人认可处理结果', NOW);
    expect(released).toMatchObject({
      status: 'released',
      caseFrozen: false,
      releaseNote: '已回访，债务人认可处理结果',
    });
    expect(await frozen(target.caseId)).toBe(false);
    const allowed = await call(target, 2);
    expect(allowed.reasons).not.toContain('complaint_freeze');
    expect(allowed.allowed).toBe(true);
    expect(await codeOf(releaseComplaint(store, lead, complaint.id, '再次解除', NOW))).toBe(
      'COMPLAINT_NOT_OPEN',
    );

    const audit = await store.sql.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity_id = $1::text AND action LIKE 'complaint.%' ORDER BY action`,
      [target.caseId],
    );
    expect(audit.rows.map((row) => row.action)).toEqual(['complaint.raise', 'complaint.release']);
  });

  it('with two open, the freeze lifts only when the last one is released', async () => {
    const target = targets[1] as (typeof targets)[number];
    const first = await raiseComplaint(
      store,
      collector,
      target.caseId,
      { kind: 'complaint', channel: 'regulator', description: '监管转办投诉' },
      NOW,
    );
    const second = await raiseComplaint(
      store,
      collector,
      target.caseId,
      { kind: 'dispute', channel: 'letter', description: '对欠款金额有异议' },
      NOW,
    );
    const afterFirst = await releaseComplaint(store, lead, first.id, '投诉已处理', NOW);
    expect(afterFirst.caseFrozen).toBe(true);
    expect((await call(target, 1)).reasons).toContain('complaint_freeze');
    const afterSecond = await releaseComplaint(store, lead, second.id, '已核对账单，争议解决', NOW);
    expect(afterSecond.caseFrozen).toBe(false);
    expect((await call(target, 2)).reasons).not.toContain('complaint_freeze');
  });

  it('over HTTP: a collector registers, QA releases; a release without a note is refused', async () => {
    const target = targets[2] as (typeof targets)[number];
    const login = async (username: string) => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username, password: DEMO_PASSWORD },
      });
      return `qs_session=${res.cookies.find((c) => c.name === 'qs_session')?.value}`;
    };
    const created = await app.inject({
      method: 'POST',
      url: `/api/v1/cases/${target.caseId}/complaints`,
      headers: { cookie: await login('collector') },
      payload: { kind: 'dispute', channel: 'phone', description: '否认借款' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const qa = await login('qa');
    const inbox = await app.inject({
      method: 'GET',
      url: '/api/v1/approvals/complaints',
      headers: { cookie: qa },
    });
    expect(inbox.json().map((c: { id: string }) => c.id)).toContain(id);
    const noNote = await app.inject({
      method: 'POST',
      url: `/api/v1/complaints/${id}/release`,
      headers: { cookie: qa },
      payload: { note: '' },
    });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'note' } });
    const released = await app.inject({
      method: 'POST',
      url: `/api/v1/complaints/${id}/release`,
      headers: { cookie: qa },
      payload: { note: '已核实借款合同' },
    });
    expect(released.statusCode, released.body).toBe(200);
    expect(released.json()).toMatchObject({ status: 'released', caseFrozen: false });
  });
});
