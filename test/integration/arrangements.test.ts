/**
 * Instalment plans over HTTP and after the nightly batch: a plan's instalments are promises, bad plans are
 * refused naming the field, and decideArrangements turns decided instalments into kept / broken /
 * completed plans, once.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app';
import { DEMO_PASSWORD } from '../../src/config';
import { systemActor } from '../../src/services/actor';
import { createArrangement, decideArrangements } from '../../src/services/arrangements';
import { runNightlyBatch } from '../../src/services/batch/nightly';
import { seedDemo } from '../../src/services/demo/seed';
import { postPayment } from '../../src/services/payments';
import type { Store } from '../../src/store/db';
import { createTestDatabase, type TestDatabase } from '../helpers/store';

/** 10:00 in Shanghai on 2026-11-24. */
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
  contract_no: string;
  balance_fen: number;
}

/** Open cases of a collector without holds and owing at least 10,000 yuan, by case number. */
async function casesOf(username: string, offset = 0): Promise<CaseRow> {
  const r = await store.sql.query<CaseRow>(
    `SELECT c.id, a.contract_no, a.balance_fen FROM cases c JOIN accounts a ON a.id = c.account_id
     JOIN users u ON u.id = c.assigned_collector_id
     WHERE u.username = $1 AND c.status = 'open' AND NOT c.complaint_freeze AND NOT c.legal_hold
       AND NOT c.deceased AND a.balance_fen >= 1000000
     ORDER BY c.case_no LIMIT 1 OFFSET $2`,
    [username, offset],
  );
  const row = r.rows[0];
  if (!row) throw new Error(`no case for ${username} at ${offset}`);
  return row;
}

async function instalments(arrangementId: string) {
  const r = await store.sql.query<{
    instalment_no: number;
    status: string;
    paid_fen: number;
    amount_fen: number;
    due_date: string;
  }>(
    `SELECT instalment_no, status, paid_fen, amount_fen, due_date FROM promises
     WHERE arrangement_id = $1 ORDER BY instalment_no`,
    [arrangementId],
  );
  return r.rows;
}

async function plan(arrangementId: string) {
  const r = await store.sql.query<{
    status: string;
    kept_instalments: number;
    broken_instalments: number;
    decided_on: string | null;
  }>(`SELECT status, kept_instalments, broken_instalments, decided_on FROM arrangements WHERE id = $1`, [
    arrangementId,
  ]);
  return r.rows[0];
}

async function pay(contractNo: string, ref: string, amountFen: number, paidAt: string) {
  await postPayment(
    store,
    systemActor('test'),
    {
      portfolioCode: 'DEMO-CC',
      contractNo,
      externalRef: ref,
      amountFen,
      paidAt: new Date(paidAt),
      channel: 'bank_transfer',
      source: 'manual',
    },
    new Date(new Date(paidAt).getTime() + 60_000),
  );
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

describe('making a plan', () => {
  it('a collector makes a 3-instalment plan: the instalments are promises and the pending promise is replaced', async () => {
    const cookie = await login('collector');
    const target = await casesOf('collector', 0);
    const promise = await app.inject({
      method: 'POST',
      url: `/api/v1/cases/${target.id}/promises`,
      headers: { cookie },
      payload: { amountFen: 50_000, dueDate: '2026-11-28', channel: 'app' },
    });
    expect(promise.statusCode, promise.body).toBe(201);

    const preview = await app.inject({
      method: 'POST',
      url: `/api/v1/cases/${target.id}/arrangements/preview`,
      headers: { cookie },
      payload: {
        totalFen: 300_001,
        instalments: 3,
        frequency: 'monthly',
        firstDueDate: '2026-12-10',
        channel: 'app',
      },
    });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({
      today: '2026-11-24',
      problems: [],
      schedule: [
        { instalmentNo: 1, dueDate: '2026-12-10', amountFen: 100_000 },
        { instalmentNo: 2, dueDate: '2027-01-10', amountFen: 100_000 },
        { instalmentNo: 3, dueDate: '2027-02-10', amountFen: 100_001 },
      ],
    });

    const created = await app.inject({
      method: 'POST',
      url: `/api/v1/cases/${target.id}/arrangements`,
      headers: { cookie },
      payload: {
        totalFen: 300_001,
        instalments: 3,
        frequency: 'monthly',
        firstDueDate: '2026-12-10',
        channel: 'app',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const body = created.json();
    expect(body).toMatchObject({
      status: 'active',
      totalFen: 300_001,
      instalments: 3,
      keptInstalments: 0,
      brokenInstalments: 0,
      cancelledPromiseIds: [promise.json().id],
    });
    expect(body.schedule.map((i: { amountFen: number }) => i.amountFen)).toEqual([100_000, 100_000, 100_001]);
    expect(await instalments(body.id)).toEqual([
      { instalment_no: 1, status: 'pending', paid_fen: 0, amount_fen: 100_000, due_date: '2026-12-10' },
      { instalment_no: 2, status: 'pending', paid_fen: 0, amount_fen: 100_000, due_date: '2027-01-10' },
      { instalment_no: 3, status: 'pending', paid_fen: 0, amount_fen: 100_001, due_date: '2027-02-10' },
    ]);
    // The replaced single promise is cancelled; the case's promises list shows the instalments.
    const promises = await app.inject({
      method: 'GET',
      url: `/api/v1/cases/${target.id}/promises`,
      headers: { cookie },
    });
    const statuses = promises.json().map((p: { status: string }) => p.status);
    expect(statuses.filter((s: string) => s === 'pending')).toHaveLength(3);
    expect(statuses).toContain('cancelled');
    const audit = await store.sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'arrangement.create' AND entity_id = $1`,
      [target.id],
    );
    expect(audit.rows[0]?.n).toBe(1);

    // A second plan while this one is active is refused, naming the case.
    const second = await app.inject({
      method: 'POST',
      url: `/api/v1/cases/${target.id}/arrangements`,
      headers: { cookie },
      payload: {
        totalFen: 20_000,
        instalments: 2,
        frequency: 'weekly',
        firstDueDate: '2026-12-01',
        channel: 'app',
      },
    });
    expect(second.statusCode).toBe(400);
    expect(second.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'case' } });
    expect(second.json().messageEn).toContain('already has an active instalment plan');

    const listed = await app.inject({
      method: 'GET',
      url: `/api/v1/cases/${target.id}/arrangements`,
      headers: { cookie },
    });
    expect(listed.json().items).toHaveLength(1);
    expect(listed.json().items[0].schedule).toHaveLength(3);

    // Cancelling needs a reason; it cancels the pending instalments.
    const noReason = await app.inject({
      method: 'POST',
      url: `/api/v1/arrangements/${body.id}/cancel`,
      headers: { cookie },
      payload: { reason: '' },
    });
    expect(noReason.json()).toMatchObject({ details: { field: 'reason' } });
    const cancelled = await app.inject({
      method: 'POST',
      url: `/api/v1/arrangements/${body.id}/cancel`,
      headers: { cookie },
      payload: { reason: '客户改为一次性结清' },
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled' });
    expect((await instalments(body.id)).every((i) => i.status === 'cancelled')).toBe(true);
  });

  it('refuses bad plans naming the field, and plans on cases outside the scope or frozen', async () => {
    const cookie = await login('collector');
    const target = await casesOf('collector', 1);
    const good = {
      totalFen: 200_000,
      instalments: 4,
      frequency: 'biweekly',
      firstDueDate: '2026-12-01',
      channel: 'app',
    };
    const refusal = async (payload: Record<string, unknown>) => {
      const res = await app.inject({
        method: 'POST',
        url: `/api/v1/cases/${target.id}/arrangements`,
        headers: { cookie },
        payload: { ...good, ...payload },
      });
      expect(res.statusCode, res.body).toBe(400);
      return res.json() as { details: { field: string; problems?: { field: string }[] }; message: string };
    };
    expect((await refusal({ instalments: 1 })).details.field).toBe('instalments');
    expect((await refusal({ instalments: 40 })).details.field).toBe('instalments');
    const late = await refusal({ firstDueDate: '2027-01-05' });
    expect(late.details.field).toBe('firstDueDate');
    expect(late.message).toContain('30 天');
    expect((await refusal({ totalFen: target.balance_fen + 1 })).details.field).toBe('totalFen');
    expect((await refusal({ totalFen: 5_000 })).details.field).toBe('totalFen');
    expect((await refusal({ channel: 'personal_account' })).details.field).toBe('channel');
    const many = await refusal({ channel: 'cash', frequency: 'daily' });
    expect(many.details.problems?.map((p) => p.field)).toEqual(['frequency', 'channel']);
    // Nothing was written by the refusals.
    const none = await store.sql.query(`SELECT 1 FROM arrangements WHERE case_id = $1`, [target.id]);
    expect(none.rows).toHaveLength(0);

    // Someone else's case: not found.
    const other = await casesOf('collector2', 0);
    const foreign = await app.inject({
      method: 'POST',
      url: `/api/v1/cases/${other.id}/arrangements`,
      headers: { cookie },
      payload: good,
    });
    expect(foreign.statusCode).toBe(404);

    // Under a complaint freeze: refused, naming the case.
    await store.sql.query(`UPDATE cases SET complaint_freeze = true WHERE id = $1`, [target.id]);
    const frozen = await refusal({});
    expect(frozen.details.field).toBe('case');
    await store.sql.query(`UPDATE cases SET complaint_freeze = false WHERE id = $1`, [target.id]);

    // A QA inspector reads cases but may not make plans.
    const qa = await login('qa');
    const forbidden = await app.inject({
      method: 'POST',
      url: `/api/v1/cases/${target.id}/arrangements`,
      headers: { cookie: qa },
      payload: good,
    });
    expect(forbidden.statusCode).toBe(403);
  });
});

describe('deciding plans', () => {
  it('re-decides instalments the batch decided: a payment counts for one instalment only → broken; idempotent', async () => {
    const target = await casesOf('collector', 2);
    const created = await createArrangement(
      store,
      systemActor('test'),
      target.id,
      { totalFen: 300_000, instalments: 3, frequency: 'monthly', firstDueDate: '2026-12-10', channel: 'app' },
      NOW,
    );
    await pay(target.contract_no, 'ARR-A-1', 100_000, '2026-12-05T02:00:00Z');
    // As the batch decides them: every payment since the promise was made counts toward each one, so
    // the first instalment's payment also "keeps" the second.
    await store.sql.query(
      `UPDATE promises SET status = 'kept', paid_fen = 100000, decided_on = CASE instalment_no
         WHEN 1 THEN '2026-12-11'::date ELSE '2027-01-11'::date END
       WHERE arrangement_id = $1 AND instalment_no IN (1, 2)`,
      [created.id],
    );
    const first = await decideArrangements(store.sql, '2027-01-11', new Date('2027-01-10T17:00:00Z'));
    expect(first).toEqual({ arrangementsCompleted: 0, arrangementsBroken: 1 });
    expect((await instalments(created.id)).map((i) => [i.status, i.paid_fen])).toEqual([
      ['kept', 100_000],
      ['broken', 0],
      ['cancelled', 0],
    ]);
    expect(await plan(created.id)).toEqual({
      status: 'broken',
      kept_instalments: 1,
      broken_instalments: 1,
      decided_on: '2027-01-11',
    });
    const again = await decideArrangements(store.sql, '2027-01-11', new Date('2027-01-10T17:00:00Z'));
    expect(again).toEqual({ arrangementsCompleted: 0, arrangementsBroken: 0 });
    expect((await plan(created.id))?.status).toBe('broken');
  });

  it('after the nightly batch: paid ahead → completed; a short instalment made up → still active; nothing changes twice', async () => {
    const early = await casesOf('collector', 3);
    const short = await casesOf('collector', 4);
    const actor = systemActor('test');
    const paidAhead = await createArrangement(
      store,
      actor,
      early.id,
      { totalFen: 200_000, instalments: 2, frequency: 'weekly', firstDueDate: '2026-12-01', channel: 'app' },
      NOW,
    );
    const madeUp = await createArrangement(
      store,
      actor,
      short.id,
      {
        totalFen: 300_000,
        instalments: 3,
        frequency: 'weekly',
        firstDueDate: '2026-12-01',
        channel: 'counter',
      },
      NOW,
    );
    // Both instalments paid at once before the first falls due.
    await pay(early.contract_no, 'ARR-B-1', 200_000, '2026-11-26T02:00:00Z');
    // Half of the first instalment, then the rest of it with the second.
    await pay(short.contract_no, 'ARR-C-1', 50_000, '2026-11-30T02:00:00Z');
    await pay(short.contract_no, 'ARR-C-2', 150_000, '2026-12-07T02:00:00Z');

    const day = async (asOf: string) => {
      const now = new Date(`${asOf}T17:00:00Z`);
      await runNightlyBatch(store, { asOf, now });
      return decideArrangements(store.sql, asOf, now);
    };
    await day('2026-12-02');
    expect((await instalments(paidAhead.id)).map((i) => i.status)).toEqual(['kept', 'pending']);
    expect((await instalments(madeUp.id)).map((i) => i.status)).toEqual([
      'partly_kept',
      'pending',
      'pending',
    ]);
    expect((await plan(madeUp.id))?.status).toBe('active');

    await day('2026-12-09');
    expect(await plan(paidAhead.id)).toMatchObject({
      status: 'completed',
      kept_instalments: 2,
      broken_instalments: 0,
    });
    expect((await instalments(madeUp.id)).map((i) => [i.status, i.paid_fen])).toEqual([
      ['partly_kept', 50_000],
      ['kept', 100_000],
      ['pending', 0],
    ]);
    expect(await plan(madeUp.id)).toMatchObject({
      status: 'active',
      kept_instalments: 2,
      broken_instalments: 0,
    });

    // The third instalment is not paid: the plan breaks when it is decided.
    await day('2026-12-16');
    expect((await instalments(madeUp.id)).map((i) => i.status)).toEqual(['partly_kept', 'kept', 'broken']);
    expect(await plan(madeUp.id)).toMatchObject({
      status: 'broken',
      kept_instalments: 2,
      broken_instalments: 1,
    });

    const snapshot = async () =>
      (
        await store.sql.query(
          `SELECT pr.id, pr.status, pr.paid_fen, pr.updated_at, ar.status AS plan_status, ar.updated_at AS plan_updated
           FROM promises pr JOIN arrangements ar ON ar.id = pr.arrangement_id ORDER BY pr.id`,
        )
      ).rows;
    const before = await snapshot();
    expect(await decideArrangements(store.sql, '2026-12-16', new Date('2026-12-16T18:00:00Z'))).toEqual({
      arrangementsCompleted: 0,
      arrangementsBroken: 0,
    });
    expect(await snapshot()).toEqual(before);
  });
});
