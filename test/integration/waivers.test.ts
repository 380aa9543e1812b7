/**
 * Waivers and settlements: the approval chain from the authority matrix, maker-checker (no self-approval,
 * the step's role, one person one step), one winner among concurrent approvals of a level, the final
 * approval applied to the balance with its adjustment and audit rows, and rejection.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app';
import { DEMO_PASSWORD } from '../../src/config';
import { AppError } from '../../src/errors';
import type { Actor } from '../../src/services/actor';
import { systemActor } from '../../src/services/actor';
import { actorOf, getUserView } from '../../src/services/auth';
import { seedDemo } from '../../src/services/demo/seed';
import { teamIdByCode } from '../../src/services/organisation';
import { createUser } from '../../src/services/users';
import { decideWaiverRequest, listWaivers, requestWaiver } from '../../src/services/waivers';
import type { Store } from '../../src/store/db';
import { createTestDatabase, type TestDatabase } from '../helpers/store';

const NOW = new Date('2026-11-24T02:00:00Z');
let tdb: TestDatabase;
let store: Store;
let app: FastifyInstance;
let collector: Actor;
let lead: Actor;
let lead3: Actor;
let manager: Actor;
let manager2: Actor;
let caseIds: string[] = [];
let next = 0;

async function actorFor(username: string): Promise<Actor> {
  const r = await store.sql.query<{ id: string }>('SELECT id FROM users WHERE username = $1', [username]);
  const view = await getUserView(store, r.rows[0]?.id as string);
  if (!view) throw new Error(`no user ${username}`);
  return actorOf(view);
}

/**
 * A fresh open case of `collector` (team T-EARLY) with known components: fees 3,000, penalty 5,000,
 * interest 20,000, principal 1,000,000 fen (balance ¥10,280.00).
 */
async function freshCase(): Promise<string> {
  const id = caseIds[next++];
  if (!id) throw new Error('out of test cases');
  await store.sql.query(
    `UPDATE accounts SET fees_fen = 3000, penalty_fen = 5000, interest_fen = 20000, principal_fen = 1000000,
       balance_fen = 1028000, status = 'open' WHERE id = (SELECT account_id FROM cases WHERE id = $1)`,
    [id],
  );
  return id;
}

async function account(caseId: string) {
  const r = await store.sql.query<{
    fees_fen: number;
    penalty_fen: number;
    interest_fen: number;
    principal_fen: number;
    balance_fen: number;
  }>(
    `SELECT a.fees_fen, a.penalty_fen, a.interest_fen, a.principal_fen, a.balance_fen
     FROM accounts a JOIN cases c ON c.account_id = a.id WHERE c.id = $1`,
    [caseId],
  );
  const row = r.rows[0];
  if (!row) throw new Error('no account');
  return {
    fees: Number(row.fees_fen),
    penalty: Number(row.penalty_fen),
    interest: Number(row.interest_fen),
    principal: Number(row.principal_fen),
    balance: Number(row.balance_fen),
  };
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

beforeAll(async () => {
  tdb = await createTestDatabase();
  store = tdb.store;
  await seedDemo(store, { accounts: 200, now: NOW, password: DEMO_PASSWORD, seed: 7 });
  const team = await teamIdByCode(store.db, 'T-EARLY');
  await createUser(store.db, systemActor(), {
    username: 'lead3',
    displayName: '第二组长',
    password: DEMO_PASSWORD,
    role: 'team_lead',
    teamId: team,
  });
  await createUser(store.db, systemActor(), {
    username: 'manager2',
    displayName: '第二经理',
    password: DEMO_PASSWORD,
    role: 'manager',
  });
  collector = await actorFor('collector');
  lead = await actorFor('lead');
  lead3 = await actorFor('lead3');
  manager = await actorFor('manager');
  manager2 = await actorFor('manager2');
  const r = await store.sql.query<{ id: string }>(
    `SELECT c.id FROM cases c JOIN users u ON u.id = c.assigned_collector_id
     WHERE u.username = 'collector' AND c.status = 'open' ORDER BY c.case_no`,
  );
  caseIds = r.rows.map((row) => row.id);
  app = await buildApp({ store, now: () => NOW, serveWeb: false });
});
afterAll(async () => {
  await app?.close();
  await tdb.drop();
});

describe('requesting a waiver', () => {
  it('a small waiver needs the team lead; a large one climbs to the risk committee; a settlement waives the rest', async () => {
    const small = await requestWaiver(
      store,
      collector,
      await freshCase(),
      { kind: 'waiver', amountFen: 30_000, reason: '困难减免罚息', evidence: ['失业证明'] },
      NOW,
    );
    expect(small).toMatchObject({
      status: 'pending',
      chain: ['team_lead'],
      waiveFen: 30_000,
      balanceAtRequestFen: 1_028_000,
      basisPoints: 292,
      nextRole: 'team_lead',
      evidence: ['失业证明'],
    });

    const large = await requestWaiver(
      store,
      collector,
      await freshCase(),
      { kind: 'waiver', amountFen: 500_000, reason: '一次性结清大额减免' },
      NOW,
    );
    expect(large.chain).toEqual(['team_lead', 'manager', 'risk_committee']);

    const settlement = await requestWaiver(
      store,
      collector,
      await freshCase(),
      { kind: 'settlement', amountFen: 900_000, reason: '和解：还九千，余额减免' },
      NOW,
    );
    expect(settlement).toMatchObject({ kind: 'settlement', settleFen: 900_000, waiveFen: 128_000 });
    expect(settlement.chain).toEqual(['team_lead', 'manager']);
  });

  it('refuses more than the balance, a second pending request, and a case outside the scope', async () => {
    const id = await freshCase();
    expect(
      await codeOf(
        requestWaiver(store, collector, id, { kind: 'waiver', amountFen: 2_000_000, reason: '超额' }, NOW),
      ),
    ).toBe('WAIVER_NOT_ALLOWED');
    await requestWaiver(store, collector, id, { kind: 'waiver', amountFen: 1_000, reason: '减免费用' }, NOW);
    expect(
      await codeOf(
        requestWaiver(store, collector, id, { kind: 'waiver', amountFen: 1_000, reason: '再次' }, NOW),
      ),
    ).toBe('WAIVER_PENDING_EXISTS');
    const other = await store.sql.query<{ id: string }>(
      `SELECT c.id FROM cases c JOIN users u ON u.id = c.assigned_collector_id
       WHERE u.username = 'collector3' AND c.status = 'open' LIMIT 1`,
    );
    expect(
      await codeOf(
        requestWaiver(
          store,
          collector,
          other.rows[0]?.id as string,
          { kind: 'waiver', amountFen: 1_000, reason: '不在范围' },
          NOW,
        ),
      ),
    ).toBe('CASE_NOT_FOUND');
  });
});

describe('approving', () => {
  it('the requester never approves their own request; a collector cannot approve at all', async () => {
    const id = await freshCase();
    const own = await requestWaiver(
      store,
      lead,
      id,
      { kind: 'waiver', amountFen: 10_000, reason: '组长申请' },
      NOW,
    );
    expect(own.chain).toEqual(['team_lead']);
    expect(await codeOf(decideWaiverRequest(store, lead, own.id, { decision: 'approve' }, NOW))).toBe(
      'WAIVER_SELF_APPROVAL',
    );
    expect(await codeOf(decideWaiverRequest(store, collector, own.id, { decision: 'approve' }, NOW))).toBe(
      'FORBIDDEN',
    );
    // Not in the requester's inbox, in the other team lead's.
    expect((await listWaivers(store, lead)).map((w) => w.id)).not.toContain(own.id);
    expect((await listWaivers(store, lead3)).map((w) => w.id)).toContain(own.id);
    expect((await account(id)).balance).toBe(1_028_000);
  });

  it('each step needs its role, in order, and one person approves one step', async () => {
    const id = await freshCase();
    const request = await requestWaiver(
      store,
      collector,
      id,
      { kind: 'settlement', amountFen: 900_000, reason: '和解' },
      NOW,
    );
    expect(request.chain).toEqual(['team_lead', 'manager']);
    expect(await codeOf(decideWaiverRequest(store, manager, request.id, { decision: 'approve' }, NOW))).toBe(
      'WAIVER_WRONG_ROLE',
    );
    expect((await listWaivers(store, manager)).map((w) => w.id)).not.toContain(request.id);
    const first = await decideWaiverRequest(
      store,
      lead,
      request.id,
      { decision: 'approve', note: '同意' },
      NOW,
    );
    expect(first).toMatchObject({ status: 'pending', approvedLevels: 1, nextRole: 'manager' });
    expect((await account(id)).balance).toBe(1_028_000);
    expect(await codeOf(decideWaiverRequest(store, lead, request.id, { decision: 'approve' }, NOW))).toBe(
      'WAIVER_ALREADY_APPROVED',
    );
    expect((await listWaivers(store, manager)).map((w) => w.id)).toContain(request.id);
    const done = await decideWaiverRequest(store, manager, request.id, { decision: 'approve' }, NOW);
    expect(done).toMatchObject({ status: 'approved', approvedLevels: 2 });
    // The settlement: ¥9,000 stays owed.
    expect(await account(id)).toEqual({
      fees: 0,
      penalty: 0,
      interest: 0,
      principal: 900_000,
      balance: 900_000,
    });
  });

  it('the risk committee step needs a second manager', async () => {
    const id = await freshCase();
    const request = await requestWaiver(
      store,
      collector,
      id,
      { kind: 'waiver', amountFen: 500_000, reason: '大额减免' },
      NOW,
    );
    await decideWaiverRequest(store, lead, request.id, { decision: 'approve' }, NOW);
    await decideWaiverRequest(store, manager, request.id, { decision: 'approve' }, NOW);
    expect(await codeOf(decideWaiverRequest(store, manager, request.id, { decision: 'approve' }, NOW))).toBe(
      'WAIVER_ALREADY_APPROVED',
    );
    const done = await decideWaiverRequest(store, manager2, request.id, { decision: 'approve' }, NOW);
    expect(done.status).toBe('approved');
    expect((await account(id)).balance).toBe(528_000);
  });

  it('two concurrent approvals of the same level: one wins, the waiver is applied once', async () => {
    const id = await freshCase();
    const request = await requestWaiver(
      store,
      collector,
      id,
      { kind: 'waiver', amountFen: 30_000, reason: '并发测试' },
      NOW,
    );
    const results = await Promise.allSettled([
      decideWaiverRequest(store, lead, request.id, { decision: 'approve' }, NOW),
      decideWaiverRequest(store, lead3, request.id, { decision: 'approve' }, NOW),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const reason = (lost[0] as PromiseRejectedResult).reason;
    expect(reason).toBeInstanceOf(AppError);
    expect(['WAIVER_DECISION_CONFLICT', 'WAIVER_NOT_PENDING']).toContain((reason as AppError).code);
    const approvals = await store.sql.query('SELECT * FROM waiver_approvals WHERE request_id = $1', [
      request.id,
    ]);
    expect(approvals.rows).toHaveLength(1);
    const adjustments = await store.sql.query(
      'SELECT * FROM account_adjustments WHERE waiver_request_id = $1',
      [request.id],
    );
    expect(adjustments.rows).toHaveLength(1);
    expect((await account(id)).balance).toBe(998_000);
  });

  it('the final approval reduces penalty, interest, fees, then principal, with adjustment and audit rows', async () => {
    const id = await freshCase();
    const request = await requestWaiver(
      store,
      collector,
      id,
      { kind: 'waiver', amountFen: 30_000, reason: '减免罚息利息' },
      NOW,
    );
    await decideWaiverRequest(store, lead, request.id, { decision: 'approve', note: '核实困难' }, NOW);
    expect(await account(id)).toEqual({
      fees: 0,
      penalty: 0,
      interest: 0,
      principal: 998_000,
      balance: 998_000,
    });
    const adjustment = await store.sql.query<{ kind: string; amount_fen: number; allocation: unknown }>(
      'SELECT kind, amount_fen, allocation FROM account_adjustments WHERE waiver_request_id = $1',
      [request.id],
    );
    expect(adjustment.rows).toHaveLength(1);
    expect(Number(adjustment.rows[0]?.amount_fen)).toBe(30_000);
    expect(adjustment.rows[0]?.allocation).toEqual({
      feesFen: 3_000,
      penaltyFen: 5_000,
      interestFen: 20_000,
      principalFen: 2_000,
    });
    const audit = await store.sql.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity_id = $1::text OR entity_id = $2::text
         OR entity_id = (SELECT account_id::text FROM cases WHERE id = $1::uuid)
       ORDER BY action`,
      [id, request.id],
    );
    expect(audit.rows.map((r) => r.action).sort()).toEqual([
      'waiver.apply',
      'waiver.approve',
      'waiver.request',
    ]);
  });

  it('a rejection needs a note, ends the request and leaves the balance', async () => {
    const id = await freshCase();
    const request = await requestWaiver(
      store,
      collector,
      id,
      { kind: 'waiver', amountFen: 30_000, reason: '申请减免' },
      NOW,
    );
    expect(await codeOf(decideWaiverRequest(store, lead, request.id, { decision: 'reject' }, NOW))).toBe(
      'VALIDATION_FAILED',
    );
    const rejected = await decideWaiverRequest(
      store,
      lead,
      request.id,
      { decision: 'reject', note: '证明材料不足' },
      NOW,
    );
    expect(rejected).toMatchObject({ status: 'rejected', nextRole: null });
    expect(rejected.approvals).toMatchObject([{ level: 1, decision: 'rejected', note: '证明材料不足' }]);
    expect(await codeOf(decideWaiverRequest(store, lead3, request.id, { decision: 'approve' }, NOW))).toBe(
      'WAIVER_NOT_PENDING',
    );
    expect((await account(id)).balance).toBe(1_028_000);
    const adjustments = await store.sql.query(
      'SELECT 1 FROM account_adjustments WHERE waiver_request_id = $1',
      [request.id],
    );
    expect(adjustments.rows).toHaveLength(0);
  });
});

describe('over HTTP', () => {
  async function login(username: string): Promise<string> {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username, password: DEMO_PASSWORD },
    });
    expect(res.statusCode, res.body).toBe(200);
    return `qs_session=${res.cookies.find((c) => c.name === 'qs_session')?.value}`;
  }

  it('a collector requests, the team lead finds it in the inbox and approves it; errors carry codes', async () => {
    const id = await freshCase();
    const collectorCookie = await login('collector');
    const created = await app.inject({
      method: 'POST',
      url: `/api/v1/cases/${id}/waivers`,
      headers: { cookie: collectorCookie },
      payload: { kind: 'waiver', amountFen: 20_000, reason: '减免罚息' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const requestId = created.json().id as string;
    const tooMuch = await app.inject({
      method: 'POST',
      url: `/api/v1/cases/${await freshCase()}/waivers`,
      headers: { cookie: collectorCookie },
      payload: { kind: 'waiver', amountFen: 5_000_000, reason: '超额' },
    });
    expect(tooMuch.statusCode).toBe(422);
    expect(tooMuch.json()).toMatchObject({
      code: 'WAIVER_NOT_ALLOWED',
      details: { refusal: 'exceeds_balance' },
    });
    const forbidden = await app.inject({
      method: 'POST',
      url: `/api/v1/waivers/${requestId}/decision`,
      headers: { cookie: collectorCookie },
      payload: { decision: 'approve' },
    });
    expect(forbidden.statusCode).toBe(403);

    const leadCookie = await login('lead');
    const inbox = await app.inject({
      method: 'GET',
      url: '/api/v1/approvals/waivers?status=pending',
      headers: { cookie: leadCookie },
    });
    expect(inbox.statusCode).toBe(200);
    expect(inbox.json().map((w: { id: string }) => w.id)).toContain(requestId);
    const approved = await app.inject({
      method: 'POST',
      url: `/api/v1/waivers/${requestId}/decision`,
      headers: { cookie: leadCookie },
      payload: { decision: 'approve', note: '同意' },
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', balanceFen: 1_008_000 });
    const again = await app.inject({
      method: 'POST',
      url: `/api/v1/waivers/${requestId}/decision`,
      headers: { cookie: leadCookie },
      payload: { decision: 'approve' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('WAIVER_NOT_PENDING');
  });
});
