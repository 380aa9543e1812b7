/**
 * Assignment over HTTP and in the services: the rules (validated field by field), automatic assignment
 * (same debtor, capacity balance with real numbers, what nobody can take), reassignment (team lead scope,
 * reason required, same-debtor cases move together, closed and placed cases refused), agency placement
 * and recall (back to the previous collector, or by the rules when that collector is inactive), the
 * nightly end of expired placements (idempotent), the workload and queue screens, and the history rows.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app';
import { DEMO_PASSWORD } from '../../src/config';
import { systemActor } from '../../src/services/actor';
import { endExpiredPlacements } from '../../src/services/assignment';
import { formatCaseNo } from '../../src/services/cases';
import { seedDemo } from '../../src/services/demo/seed';
import { createPortfolio } from '../../src/services/portfolios';
import { createUser } from '../../src/services/users';
import type { Store } from '../../src/store/db';
import { createTestDatabase, type TestDatabase } from '../helpers/store';

const TEN_AM = new Date('2026-11-24T02:00:00Z'); // 10:00 in Shanghai
/** Moves on by a second with every request, so the history of a case has one moment per step. */
let clock = TEN_AM;
let tdb: TestDatabase;
let store: Store;
let app: FastifyInstance;
let manager: string;
let lead: string;
let portfolioId: string;
let teamId: string;
let userA: string; // 张测甲: capacity 12 (own), 6 open cases at the start
let userB: string; // 李测乙: capacity 10 (the team's), 2 open cases at the start
let debtorD: string;
const caseIds: Record<string, string> = {};

async function login(username: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
  });
  expect(res.statusCode, res.body).toBe(200);
  return `qs_session=${res.cookies.find((c) => c.name === 'qs_session')?.value}`;
}

async function call(method: 'GET' | 'POST' | 'PUT', url: string, cookie: string, payload?: unknown) {
  clock = new Date(clock.getTime() + 1000);
  return app.inject({ method, url: `/api/v1${url}`, headers: { cookie }, ...(payload ? { payload } : {}) });
}

async function one<T>(sql: string, params: unknown[] = []): Promise<T> {
  const r = await store.sql.query<T>(sql, params);
  return r.rows[0] as T;
}

async function caseState(id: string) {
  return one<{
    collector: string | null;
    team_id: string | null;
    agency_id: string | null;
    stage: string;
  }>(
    `SELECT u.display_name AS collector, c.team_id, c.agency_id, c.stage
     FROM cases c LEFT JOIN users u ON u.id = c.assigned_collector_id WHERE c.id = $1`,
    [id],
  );
}

let idSeq = 0;
/** A PRC ID number with a valid check digit. */
function idNumber(): string {
  idSeq += 1;
  const body = `11010119900101${String(100 + idSeq).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * (weights[i] ?? 0), 0);
  return `${body}${'10X98765432'[sum % 11]}`;
}

async function newDebtor(name: string): Promise<string> {
  return (
    await one<{ id: string }>('INSERT INTO debtors (id_number, name) VALUES ($1, $2) RETURNING id', [
      idNumber(),
      name,
    ])
  ).id;
}

/** A case of the test portfolio in bucket M1, with the balance in yuan. */
async function newCase(
  key: string,
  debtorId: string,
  yuan: number,
  collectorId: string | null = null,
  dpd = 20,
): Promise<string> {
  const account = await one<{ id: string }>(
    `INSERT INTO accounts (portfolio_id, debtor_id, contract_no, principal_fen, balance_fen, first_missed_due_date)
     VALUES ($1, $2, $3, $4, $4, '2026-11-04') RETURNING id`,
    [portfolioId, debtorId, `ASG-${key}`, yuan * 100],
  );
  const c = await one<{ id: string }>(
    `INSERT INTO cases (account_id, portfolio_id, debtor_id, bucket, days_past_due, aged_on, assigned_collector_id, team_id)
     VALUES ($1, $2, $3, 'M1', $4, '2026-11-24', $5, $6) RETURNING id`,
    [account.id, portfolioId, debtorId, dpd, collectorId, collectorId ? teamId : null],
  );
  caseIds[key] = c.id;
  return c.id;
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  store = tdb.store;
  await seedDemo(store, { accounts: 120, now: clock, password: DEMO_PASSWORD, seed: 7 });
  app = await buildApp({ store, now: () => clock, serveWeb: false });
  manager = await login('manager');
  lead = await login('lead');

  const actor = systemActor('test');
  const portfolio = await createPortfolio(store, actor, { code: 'ASG', name: '分案测试资产包' });
  portfolioId = portfolio.id;
  teamId = (
    await one<{ id: string }>(
      `INSERT INTO teams (code, name, case_capacity_per_collector) VALUES ('T-ASG', '分案测试组', 10) RETURNING id`,
    )
  ).id;
  await store.transaction(async ({ db }) => {
    userA = await createUser(db, actor, {
      username: 'asg-a',
      displayName: '张测甲',
      password: DEMO_PASSWORD,
      role: 'collector',
      teamId,
    });
    userB = await createUser(db, actor, {
      username: 'asg-b',
      displayName: '李测乙',
      password: DEMO_PASSWORD,
      role: 'collector',
      teamId,
    });
  });
  await store.sql.query('UPDATE users SET case_capacity = 12 WHERE id = $1', [userA]);

  // A carries 6 open cases (one of them debtor D's), B carries 2.
  debtorD = await newDebtor('丁债务');
  await newCase('d-old', debtorD, 500, userA);
  for (let i = 0; i < 5; i += 1) await newCase(`a-old-${i}`, await newDebtor(`甲户${i}`), 300, userA);
  for (let i = 0; i < 2; i += 1) await newCase(`b-old-${i}`, await newDebtor(`乙户${i}`), 300, userB);
  // Unassigned: D's two new cases (the largest debts), then eight debtors with one case each.
  await newCase('d-new-1', debtorD, 10_000);
  await newCase('d-new-2', debtorD, 9_000);
  for (let i = 0; i < 8; i += 1) await newCase(`s-${i}`, await newDebtor(`单户${i}`), 8_000 - i * 100);
});

afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

describe('assignment rules', () => {
  it('are the defaults until set, and every problem names its field', async () => {
    const res = await call('GET', '/portfolios/ASG/assignment-rules', manager);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      isDefault: true,
      rules: { sameDebtor: true, teamsByBucket: null, skipCollectorsOverCapacity: true },
      buckets: ['M0', 'M1', 'M2', 'M3', 'M3+'],
    });

    const bad = await call('PUT', '/portfolios/ASG/assignment-rules', manager, {
      rules: { teamsByBucket: { M9: ['T-ASG'], M1: ['T-NOPE'] } },
    });
    expect(bad.statusCode, bad.body).toBe(400);
    expect(bad.json().details.field).toBe('teamsByBucket.M9');
    expect(bad.json().message).toContain('M9');
    expect(bad.json().details.problems.map((p: { field: string }) => p.field)).toEqual([
      'teamsByBucket.M9',
      'teamsByBucket.M1[0]',
    ]);
    expect((await call('GET', '/portfolios/ASG/assignment-rules', manager)).json().isDefault).toBe(true);
    // Leaving `rules` out is not "back to the defaults" (that is `rules: null`).
    const missing = await call('PUT', '/portfolios/ASG/assignment-rules', manager, {});
    expect(missing.statusCode).toBe(400);
    expect(missing.json().details.field).toBe('body.rules');

    // A team lead may read but not change them.
    expect((await call('GET', '/portfolios/ASG/assignment-rules', lead)).statusCode).toBe(200);
    const refused = await call('PUT', '/portfolios/ASG/assignment-rules', lead, { rules: {} });
    expect(refused.statusCode).toBe(403);

    // The test portfolio's M1 goes to the test team only.
    const ok = await call('PUT', '/portfolios/ASG/assignment-rules', manager, {
      rules: { teamsByBucket: { M1: ['T-ASG'] } },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ isDefault: false, rules: { teamsByBucket: { M1: ['T-ASG'] } } });
    const audit = await one<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'portfolio.assignment_rules' AND entity_id = $1`,
      [portfolioId],
    );
    expect(audit.n).toBe(1);
  });
});

describe('automatic assignment', () => {
  it('keeps the debtor with their collector and balances the rest by load against capacity', async () => {
    const res = await call('POST', '/portfolios/ASG/assign', manager);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    // D's two cases stay with 张测甲 (6 → 8 of 12); then the eight others by lowest load ratio:
    // 李测乙 2/10 … 6/10 takes five, then 张测甲 8/12, 李测乙 7/10, 张测甲 9/12 take one each.
    expect(body).toMatchObject({ considered: 10, assigned: 10, unplannedCount: 0 });
    expect(body.byRule).toEqual({ sameContract: 0, sameDebtor: 2, balanced: 8 });
    const per = Object.fromEntries(
      body.perCollector.map((c: { name: string; assigned: number; load: number; capacity: number }) => [
        c.name,
        [c.assigned, c.load, c.capacity],
      ]),
    );
    expect(per).toEqual({ 张测甲: [4, 10, 12], 李测乙: [6, 8, 10] });

    expect((await caseState(caseIds['d-new-1'] as string)).collector).toBe('张测甲');
    expect((await caseState(caseIds['d-new-2'] as string)).collector).toBe('张测甲');
    expect((await caseState(caseIds['s-0'] as string)).collector).toBe('李测乙');
    expect((await caseState(caseIds['s-5'] as string)).collector).toBe('张测甲');

    const history = await call('GET', `/cases/${caseIds['d-new-1']}/assignment-history`, manager);
    expect(history.statusCode, history.body).toBe(200);
    expect(history.json().items[0]).toMatchObject({
      rule: 'same_debtor',
      toCollector: '张测甲',
      toTeam: '分案测试组',
      reason: { zh: '同一债务人已由 张测甲 处理', en: 'The same debtor is already with 张测甲' },
    });
    const first = (await call('GET', `/cases/${caseIds['s-0']}/assignment-history`, manager)).json();
    expect(first.items[0]).toMatchObject({
      rule: 'balanced',
      reason: { zh: '按容量均衡：李测乙 当前 2/10', en: 'Balanced by capacity: 李测乙 has 2/10' },
    });
    const audit = await one<{ after: { assigned: number } }>(
      `SELECT after FROM audit_log WHERE action = 'case.assign.auto' AND entity_id = $1 ORDER BY id DESC LIMIT 1`,
      [portfolioId],
    );
    expect(audit.after.assigned).toBe(10);
  });

  it('fills collectors up to their capacity and leaves the rest unassigned with the reason', async () => {
    for (let i = 0; i < 5; i += 1) await newCase(`t-${i}`, await newDebtor(`尾户${i}`), 5_000 - i * 100);
    const res = await call('POST', '/portfolios/ASG/assign', manager);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    // 李测乙 8/10 → 9, 张测甲 10/12 → 11, 李测乙 → 10, 张测甲 → 12; the smallest debt is left.
    expect(body).toMatchObject({ considered: 5, assigned: 4, unplannedCount: 1 });
    expect(body.unplanned[0]).toMatchObject({
      caseId: caseIds['t-4'],
      code: 'no_collector_with_room',
      reason: { zh: '没有有余量的催收员：接 M1 的团队（T-ASG）的 2 名催收员均已满' },
    });
    const loads = await store.sql.query<{ name: string; n: number }>(
      `SELECT u.display_name AS name, count(*)::int AS n FROM cases c JOIN users u ON u.id = c.assigned_collector_id
       WHERE u.team_id = $1 AND c.status = 'open' GROUP BY u.display_name ORDER BY 1`,
      [teamId],
    );
    expect(Object.fromEntries(loads.rows.map((r) => [r.name, r.n]))).toEqual({ 张测甲: 12, 李测乙: 10 });
    expect((await caseState(caseIds['t-4'] as string)).collector).toBeNull();
  });

  it('is for managers only', async () => {
    expect((await call('POST', '/portfolios/ASG/assign', lead)).statusCode).toBe(403);
    expect((await call('POST', '/portfolios/NOPE/assign', manager)).statusCode).toBe(404);
  });
});

describe('reassignment', () => {
  it("refuses a team lead another team's case, naming it, and changes nothing", async () => {
    const late = await one<{ id: string; case_no: number; collector: string }>(
      `SELECT c.id, c.case_no, c.assigned_collector_id AS collector FROM cases c JOIN teams t ON t.id = c.team_id
       WHERE t.code = 'T-LATE' AND c.status = 'open' AND c.agency_id IS NULL ORDER BY c.case_no LIMIT 1`,
    );
    const collector2 = await one<{ id: string }>(`SELECT id FROM users WHERE username = 'collector2'`);
    const res = await call('POST', '/cases/reassign', lead, {
      caseIds: [late.id],
      toCollectorId: collector2.id,
      reason: '调整工作量',
    });
    expect(res.statusCode, res.body).toBe(403);
    expect(res.json().details.problems[0]).toMatchObject({
      caseNo: formatCaseNo(late.case_no),
      code: 'not_your_team',
    });
    expect(res.json().details.reason).toContain(formatCaseNo(late.case_no));
    const after = await one<{ collector: string }>(
      'SELECT assigned_collector_id AS collector FROM cases WHERE id = $1',
      [late.id],
    );
    expect(after.collector).toBe(late.collector);
  });

  it('needs a reason, naming the field', async () => {
    const own = await one<{ id: string }>(
      `SELECT c.id FROM cases c JOIN users u ON u.id = c.assigned_collector_id
       WHERE u.username = 'collector' AND c.status = 'open' ORDER BY c.case_no LIMIT 1`,
    );
    const collector2 = await one<{ id: string }>(`SELECT id FROM users WHERE username = 'collector2'`);
    for (const reason of ['', ' 调 ']) {
      const res = await call('POST', '/cases/reassign', lead, {
        caseIds: [own.id],
        toCollectorId: collector2.id,
        reason,
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().details.field).toBe('reason');
      expect(res.json().message).toContain('reason');
    }
  });

  it('lets a team lead move a case within the team, recorded with the reason and who did it', async () => {
    const own = await one<{ id: string; debtor_id: string }>(
      `SELECT c.id, c.debtor_id FROM cases c JOIN users u ON u.id = c.assigned_collector_id
       WHERE u.username = 'collector' AND c.status = 'open'
         AND (SELECT count(*) FROM cases o WHERE o.debtor_id = c.debtor_id) = 1
       ORDER BY c.case_no LIMIT 1`,
    );
    const collector2 = await one<{ id: string }>(`SELECT id FROM users WHERE username = 'collector2'`);
    const res = await call('POST', '/cases/reassign', lead, {
      caseIds: [own.id],
      toCollectorId: collector2.id,
      reason: '张晓明 休假一周，由陈静跟进',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ moved: 1, linked: [], toCollector: { name: '陈静' } });
    expect(res.json().message.zh).toBe('已将 1 件案件转派给 陈静');
    expect((await caseState(own.id)).collector).toBe('陈静');
    const history = (await call('GET', `/cases/${own.id}/assignment-history`, lead)).json().items;
    expect(history[0]).toMatchObject({
      rule: 'manual',
      fromCollector: '张晓明',
      toCollector: '陈静',
      by: '李秀梅',
      reason: { zh: '张晓明 休假一周，由陈静跟进', en: '张晓明 休假一周，由陈静跟进' },
    });
    // The old collector no longer sees it; the new one does.
    expect(
      (await call('GET', `/cases/${own.id}/assignment-history`, await login('collector'))).statusCode,
    ).toBe(404);
    expect(
      (await call('GET', `/cases/${own.id}/assignment-history`, await login('collector2'))).statusCode,
    ).toBe(200);
  });

  it("moves the debtor's other open cases with the one named, and says so", async () => {
    const res = await call('POST', '/cases/reassign', manager, {
      caseIds: [caseIds['d-new-1']],
      toCollectorId: userB,
      reason: '债务人要求更换联系人',
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.moved).toBe(3);
    expect(body.linked.map((l: { caseId: string }) => l.caseId).sort()).toEqual(
      [caseIds['d-old'], caseIds['d-new-2']].sort(),
    );
    expect(body.message.zh).toContain('其中 2 件为同一债务人的案件');
    // 李测乙 was full (10/10): a manual move may go over, and the answer says so.
    expect(body.overCapacity).toBe(true);
    expect(body.message.zh).toContain('超过容量 10');
    for (const key of ['d-old', 'd-new-1', 'd-new-2']) {
      expect((await caseState(caseIds[key] as string)).collector).toBe('李测乙');
    }
    const linked = (await call('GET', `/cases/${caseIds['d-old']}/assignment-history`, manager)).json()
      .items[0];
    expect(linked.rule).toBe('manual');
    expect(linked.reason.zh).toMatch(/^债务人要求更换联系人（同一债务人，随案件 QS\d{8} 一并转派）$/);
    expect(linked.reason.en).toMatch(/same debtor, moved with case QS\d{8}/);
  });

  it('refuses a closed case, naming it, and moves nothing of the request', async () => {
    const closed = caseIds['b-old-0'] as string;
    await store.sql.query(`UPDATE cases SET status = 'closed' WHERE id = $1`, [closed]);
    const no = formatCaseNo(
      (await one<{ case_no: number }>('SELECT case_no FROM cases WHERE id = $1', [closed])).case_no,
    );
    const res = await call('POST', '/cases/reassign', manager, {
      caseIds: [caseIds['s-1'], closed],
      toCollectorId: userA,
      reason: '测试结案案件',
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().message).toContain(`案件 ${no} 已结案`);
    expect((await caseState(caseIds['s-1'] as string)).collector).toBe('李测乙');
  });
});

describe('agency placement and recall', () => {
  let placementId: string;

  it('refuses cases under complaint freeze, naming each, and places nothing', async () => {
    const frozen = caseIds['s-2'] as string;
    await store.sql.query('UPDATE cases SET complaint_freeze = true WHERE id = $1', [frozen]);
    const res = await call('POST', '/placements', manager, {
      portfolioCode: 'ASG',
      agencyCode: 'AG-HX',
      caseIds: [caseIds['s-3'], frozen],
      startsOn: '2026-11-24',
      endsOn: '2027-02-23',
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().details.problems).toEqual([
      expect.objectContaining({ caseId: frozen, code: 'complaint_freeze' }),
    ]);
    expect(res.json().message).toContain('投诉冻结');
    expect((await caseState(caseIds['s-3'] as string)).agency_id).toBeNull();
    await store.sql.query('UPDATE cases SET complaint_freeze = false WHERE id = $1', [frozen]);
  });

  it('places cases with the agency: they leave the collector, the agency sees them', async () => {
    const before3 = await caseState(caseIds['s-3'] as string);
    const before5 = await caseState(caseIds['s-5'] as string);
    expect([before3.collector, before5.collector]).toEqual(['李测乙', '张测甲']);
    const res = await call('POST', '/placements', manager, {
      portfolioCode: 'ASG',
      agencyCode: 'AG-HX',
      caseIds: [caseIds['s-3'], caseIds['s-5']],
      startsOn: '2026-11-24',
      endsOn: '2027-02-23',
      note: '首批委外测试',
    });
    expect(res.statusCode, res.body).toBe(201);
    placementId = res.json().id;
    expect(res.json()).toMatchObject({
      status: 'active',
      cases: 2,
      stillPlaced: 2,
      agencyName: '华信委外服务有限公司',
      note: '首批委外测试',
      balanceFen: (7_700 + 7_500) * 100,
    });
    for (const key of ['s-3', 's-5']) {
      expect(await caseState(caseIds[key] as string)).toMatchObject({
        collector: null,
        team_id: null,
        stage: 'agency',
      });
    }
    const agency = await login('agency');
    expect((await call('GET', `/cases/${caseIds['s-3']}`, agency)).statusCode).toBe(200);
    expect((await call('GET', `/cases/${caseIds['s-3']}`, await login('asg-b'))).statusCode).toBe(404);
    const history = (await call('GET', `/cases/${caseIds['s-3']}/assignment-history`, agency)).json()
      .items[0];
    expect(history).toMatchObject({
      rule: 'placement',
      fromCollector: '李测乙',
      agency: '华信委外服务有限公司',
    });
    expect(history.reason.zh).toBe('委外至 华信委外服务有限公司（2026-11-24 – 2027-02-23）：首批委外测试');

    // Placed again, or reassigned while placed: refused, naming the case.
    const again = await call('POST', '/placements', manager, {
      portfolioCode: 'ASG',
      agencyCode: 'AG-HX',
      caseIds: [caseIds['s-3']],
      startsOn: '2026-11-24',
      endsOn: '2027-02-23',
    });
    expect(again.statusCode).toBe(400);
    expect(again.json().details.problems[0].code).toBe('placed');
    const moved = await call('POST', '/cases/reassign', manager, {
      caseIds: [caseIds['s-3']],
      toCollectorId: userA,
      reason: '测试',
    });
    expect(moved.statusCode).toBe(400);
    expect(moved.json().message).toContain('请先召回');

    const list = (await call('GET', '/placements?portfolioCode=ASG', manager)).json().items;
    expect(list.map((p: { id: string }) => p.id)).toContain(placementId);
    expect((await call('GET', '/placements', lead)).statusCode).toBe(403);
  });

  it('recalls: back to the previous collector, or by the rules when that collector is inactive', async () => {
    const empty = await call('POST', `/placements/${placementId}/recall`, manager, { reason: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().details.field).toBe('reason');

    // 张测甲 leaves; 李测乙 gets room.
    await store.sql.query('UPDATE users SET active = false WHERE id = $1', [userA]);
    await store.sql.query('UPDATE users SET case_capacity = 20 WHERE id = $1', [userB]);
    const res = await call('POST', `/placements/${placementId}/recall`, manager, {
      reason: '机构回款不达标',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'recalled',
      recalled: 2,
      toPreviousCollector: 1,
      reassigned: 1,
      unassigned: 0,
    });
    expect(await caseState(caseIds['s-3'] as string)).toMatchObject({
      collector: '李测乙',
      team_id: teamId,
      agency_id: null,
      stage: 'phone',
    });
    expect((await caseState(caseIds['s-5'] as string)).collector).toBe('李测乙');
    const back = (await call('GET', `/cases/${caseIds['s-3']}/assignment-history`, manager)).json().items[0];
    expect(back).toMatchObject({ rule: 'recall', toCollector: '李测乙', by: '王建国' });
    expect(back.reason.zh).toBe(
      '从 华信委外服务有限公司 召回（机构回款不达标）：回到原催收员（同一合同此前由 李测乙 处理）',
    );
    const rebalanced = (await call('GET', `/cases/${caseIds['s-5']}/assignment-history`, manager)).json()
      .items[0];
    expect(rebalanced.reason.zh).toContain('原催收员 张测甲 已停用');
    expect(rebalanced.reason.zh).toContain('按容量均衡：李测乙');

    const again = await call('POST', `/placements/${placementId}/recall`, manager, { reason: '再次召回' });
    expect(again.statusCode).toBe(400);
    expect(again.json().message).toContain('已召回');
    const listed = (await call('GET', '/placements?status=recalled', manager)).json().items;
    expect(listed.find((p: { id: string }) => p.id === placementId)).toMatchObject({ stillPlaced: 0 });
    await store.sql.query('UPDATE users SET active = true WHERE id = $1', [userA]);
  });

  it('ends expired placements in the nightly batch once, recalling their cases', async () => {
    const preview = await call(
      'GET',
      '/placements/preview?portfolioCode=ASG&buckets=M1&minDaysPastDue=20',
      manager,
    );
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json().eligible).toBeGreaterThan(0);
    expect(
      (await call('GET', '/placements/preview?portfolioCode=ASG&buckets=M9', manager)).json().details.field,
    ).toBe('filter.buckets[0]');

    const res = await call('POST', '/placements', manager, {
      portfolioCode: 'ASG',
      agencyCode: 'AG-HX',
      caseIds: [caseIds['s-6']],
      startsOn: '2026-11-01',
      endsOn: '2026-11-23',
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id;
    const run = () => store.transaction(({ sql }) => endExpiredPlacements(sql, '2026-11-24', clock));
    // The demo's own placement runs 90 days from today: only this one has ended.
    expect(await run()).toBe(1);
    expect(await run()).toBe(0);
    const row = await one<{ status: string }>('SELECT status FROM agency_placements WHERE id = $1', [id]);
    expect(row.status).toBe('ended');
    expect(await caseState(caseIds['s-6'] as string)).toMatchObject({ agency_id: null, stage: 'phone' });
    const history = (await call('GET', `/cases/${caseIds['s-6']}/assignment-history`, manager)).json().items;
    expect(history[0].rule).toBe('recall');
    expect(history[0].reason.zh).toContain('委外期满（至 2026-11-23）');
    expect(history[0].by).toBeNull();
    expect(history.map((h: { rule: string }) => h.rule)).toEqual(['recall', 'placement', 'balanced']);
  });

  it('places by filter, leaving out frozen cases', async () => {
    const frozen = caseIds['s-7'] as string;
    await store.sql.query('UPDATE cases SET complaint_freeze = true WHERE id = $1', [frozen]);
    const preview = (
      await call('GET', '/placements/preview?portfolioCode=ASG&minDaysPastDue=20', manager)
    ).json();
    expect(preview.excluded.complaintFreeze).toBe(1);
    const res = await call('POST', '/placements', manager, {
      portfolioCode: 'ASG',
      agencyCode: 'AG-HX',
      filter: { minDaysPastDue: 20, buckets: ['M1'] },
      startsOn: '2026-11-24',
      endsOn: '2026-12-24',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().cases).toBe(preview.eligible);
    expect((await caseState(frozen)).agency_id).toBeNull();
    const recalled = await call('POST', `/placements/${res.json().id}/recall`, manager, {
      reason: '测试结束',
    });
    expect(recalled.json().recalled).toBe(preview.eligible);
    await store.sql.query('UPDATE cases SET complaint_freeze = false WHERE id = $1', [frozen]);
  });
});

describe("the team lead's screens", () => {
  it("shows the team's workload per collector with today's promises and contacts", async () => {
    const caseOfA = caseIds['a-old-0'] as string;
    const kase = await one<{ account_id: string; debtor_id: string }>(
      'SELECT account_id, debtor_id FROM cases WHERE id = $1',
      [caseOfA],
    );
    await store.sql.query(
      `INSERT INTO promises (case_id, account_id, amount_fen, due_date, channel) VALUES ($1, $2, 30000, '2026-11-24', 'app')`,
      [caseOfA, kase.account_id],
    );
    await store.sql.query(
      `INSERT INTO contact_attempts (case_id, account_id, debtor_id, party, person_id, channel, actor_id, actor_kind,
         actor_name, at, status, outcome)
       VALUES ($1, $2, $3, 'debtor', $3, 'call', $4, 'collector', '张测甲', '2026-11-24T01:30:00Z', 'completed', 'conversation')`,
      [caseOfA, kase.account_id, kase.debtor_id, userA],
    );
    const res = await call('GET', `/teams/workload?teamId=${teamId}`, manager);
    expect(res.statusCode, res.body).toBe(200);
    const team = res.json().teams[0];
    expect(res.json().asOf).toBe('2026-11-24');
    const a = team.collectors.find((c: { name: string }) => c.name === '张测甲');
    const openA = await one<{ n: number; fen: number }>(
      `SELECT count(*)::int AS n, sum(a.balance_fen)::bigint AS fen FROM cases c JOIN accounts a ON a.id = c.account_id
       WHERE c.assigned_collector_id = $1 AND c.status = 'open'`,
      [userA],
    );
    expect(a).toMatchObject({
      openCases: openA.n,
      capacity: 12,
      loadPct: Math.round((openA.n * 100) / 12),
      balanceFen: Number(openA.fen),
      promisesDueToday: 1,
      contactsToday: 1,
    });
    expect(team.totals.openCases).toBe(
      team.collectors.reduce((s: number, c: { openCases: number }) => s + c.openCases, 0),
    );

    const mine = (await call('GET', '/teams/workload', lead)).json();
    expect(mine.teams.map((t: { teamCode: string }) => t.teamCode)).toEqual(['T-EARLY']);
    expect(mine.teams[0].collectors.map((c: { name: string }) => c.name).sort()).toEqual(
      ['张晓明', '陈静'].sort(),
    );
    expect((await call('GET', `/teams/workload?teamId=${teamId}`, lead)).statusCode).toBe(403);
    expect((await call('GET', '/teams/workload', await login('collector'))).statusCode).toBe(403);
  });

  it("lists the team's open cases, filtered by collector and bucket", async () => {
    const all = (await call('GET', '/teams/queue?pageSize=200', lead)).json();
    const early = await one<{ n: number }>(
      `SELECT count(*)::int AS n FROM cases c JOIN teams t ON t.id = c.team_id
       WHERE t.code = 'T-EARLY' AND c.status = 'open' AND c.agency_id IS NULL`,
    );
    expect(all.total).toBe(early.n);
    const priorities = all.items.map((i: { priority: number }) => i.priority);
    expect([...priorities].sort((x, y) => y - x)).toEqual(priorities);
    const collector2 = await one<{ id: string }>(`SELECT id FROM users WHERE username = 'collector2'`);
    const theirs = (await call('GET', `/teams/queue?collectorId=${collector2.id}&pageSize=200`, lead)).json();
    expect(theirs.items.length).toBeGreaterThan(0);
    expect(theirs.items.every((i: { collectorName: string }) => i.collectorName === '陈静')).toBe(true);
    const m1 = (await call('GET', '/teams/queue?bucket=M1&pageSize=200', lead)).json();
    expect(m1.items.every((i: { bucket: string }) => i.bucket === 'M1')).toBe(true);
  });

  it('offers the team lead only their own team and collectors', async () => {
    const options = (await call('GET', '/assignment/options', lead)).json();
    expect(options.teams.map((t: { code: string }) => t.code)).toEqual(['T-EARLY']);
    expect(options.collectors.map((c: { name: string }) => c.name).sort()).toEqual(['张晓明', '陈静'].sort());
    expect(options.agencies).toEqual([]);
    const all = (await call('GET', '/assignment/options', manager)).json();
    expect(all.agencies.map((a: { code: string }) => a.code)).toContain('AG-HX');
  });
});

describe('the demo seed', () => {
  it("records why each demo case is where it is, and the agency's cases as one placement", async () => {
    const demo = await one<{ id: string }>(`SELECT id FROM portfolios WHERE code = 'DEMO-CC'`);
    const without = await one<{ n: number }>(
      `SELECT count(*)::int AS n FROM cases c WHERE c.portfolio_id = $1
         AND (c.assigned_collector_id IS NOT NULL OR c.agency_id IS NOT NULL)
         AND NOT EXISTS (SELECT 1 FROM assignment_history h WHERE h.case_id = c.id)`,
      [demo.id],
    );
    expect(without.n).toBe(0);
    const placement = await one<{ n: number; cases: number }>(
      `SELECT count(*)::int AS n, max(jsonb_array_length(case_ids))::int AS cases FROM agency_placements
       WHERE portfolio_id = $1`,
      [demo.id],
    );
    const placed = await one<{ n: number }>(
      'SELECT count(*)::int AS n FROM cases WHERE portfolio_id = $1 AND agency_id IS NOT NULL',
      [demo.id],
    );
    expect(placement).toEqual({ n: 1, cases: placed.n });
  });
});
