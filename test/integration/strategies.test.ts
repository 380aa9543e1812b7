/**
 * The collection strategy over HTTP: the demo portfolio's version 1 (the default, active), drafts (one at
 * a time, copied from the active version or started from the default), validation problems naming their
 * fields, activation (the active version retired; of two concurrent activations exactly one wins), the
 * version history with its changes, the audit rows, and who may read and write.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app';
import { DEMO_PASSWORD } from '../../src/config';
import { type Segment, type StrategyDefinition, validateStrategy } from '../../src/domain/strategy';
import { DEMO_PORTFOLIO, seedDemo } from '../../src/services/demo/seed';
import { activeStrategy } from '../../src/services/strategies';
import type { Store } from '../../src/store/db';
import { createTestDatabase, type TestDatabase } from '../helpers/store';

const NOW = new Date('2026-11-24T02:00:00Z'); // 10:00 in Shanghai
let tdb: TestDatabase;
let store: Store;
let app: FastifyInstance;
const cookies = new Map<string, string>();
const base = `/api/v1/portfolios/${DEMO_PORTFOLIO}`;

async function login(username: string): Promise<string> {
  const known = cookies.get(username);
  if (known) return known;
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password: DEMO_PASSWORD },
  });
  expect(res.statusCode, res.body).toBe(200);
  const cookie = `qs_session=${res.cookies.find((c) => c.name === 'qs_session')?.value}`;
  cookies.set(username, cookie);
  return cookie;
}

async function call(
  username: string,
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  payload?: Record<string, unknown>,
) {
  const cookie = await login(username);
  return app.inject({ method, url, headers: { cookie }, ...(payload === undefined ? {} : { payload }) });
}

async function rows<R>(sql: string, params: unknown[] = []): Promise<R[]> {
  return (await store.sql.query<R>(sql, params)).rows;
}

async function statuses(portfolio = DEMO_PORTFOLIO) {
  return rows<{ version: number; status: string }>(
    `SELECT s.version, s.status FROM strategies s JOIN portfolios p ON p.id = s.portfolio_id
     WHERE p.code = $1 ORDER BY s.version`,
    [portfolio],
  );
}

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

beforeAll(async () => {
  tdb = await createTestDatabase();
  store = tdb.store;
  await seedDemo(store, { accounts: 40, now: NOW, password: DEMO_PASSWORD, seed: 11 });
  app = await buildApp({ store, now: () => NOW, serveWeb: false });
});
afterAll(async () => {
  await app.close();
  await tdb.drop();
});

describe('the demo portfolio', () => {
  it('starts with version 1 = the default strategy, active, with the published SMS template', async () => {
    const res = await call('manager', 'GET', `${base}/strategies`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ activeVersion: 1, draftVersion: null, canManage: true });
    expect(body.portfolio.buckets).toEqual(['M0', 'M1', 'M2', 'M3', 'M3+']);
    expect(body.versions).toHaveLength(1);
    expect(body.versions[0]).toMatchObject({
      version: 1,
      status: 'active',
      createdByName: null,
      changes: [],
    });
    expect(body.smsTemplates.map((t: { name: string }) => t.name)).toEqual(['还款提醒（逾期 1-30 天）']);

    const v1 = (await call('manager', 'GET', `${base}/strategies/1`)).json();
    expect(v1.problems).toEqual([]);
    expect(v1.definition.segments.at(-1).when).toEqual({
      buckets: null,
      classes: null,
      riskLevels: null,
      balanceMinFen: null,
      balanceMaxFen: null,
    });
    const early = v1.definition.segments.find((s: Segment) => s.key === 'early');
    expect(early.plan.sms).toEqual({ templateFamilyId: body.smsTemplates[0].familyId, everyDays: 5 });

    const portfolio = (
      await rows<{ id: string }>('SELECT id FROM portfolios WHERE code = $1', [DEMO_PORTFOLIO])
    )[0];
    const active = await activeStrategy(store.sql, portfolio?.id as string);
    expect(active?.version).toBe(1);
    expect(active?.definition).toEqual(v1.definition);
  });

  it('the default endpoint answers the default for the portfolio’s buckets', async () => {
    const res = await call('manager', 'GET', `${base}/strategy/default`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(validateStrategy(body.definition, { bucketCodes: ['M0', 'M1', 'M2', 'M3', 'M3+'] }).ok).toBe(true);
    expect(body.smsTemplateFamilyId).toEqual(expect.any(String));
  });
});

describe('permissions', () => {
  it('a collector may read the strategy but not write it; a trainer may not read it', async () => {
    const read = await call('collector', 'GET', `${base}/strategies`);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json().canManage).toBe(false);
    const create = await call('collector', 'POST', `${base}/strategies`, { fromDefault: true });
    expect(create.statusCode).toBe(403);
    expect(create.json().code).toBe('FORBIDDEN');
    const activate = await call('collector', 'POST', `${base}/strategies/1/activate`, {});
    expect(activate.statusCode).toBe(403);
    expect((await call('trainer', 'GET', `${base}/strategies`)).statusCode).toBe(403);
    expect(await statuses()).toEqual([{ version: 1, status: 'active' }]);
  });

  it('answers 404 for an unknown portfolio or version', async () => {
    expect((await call('manager', 'GET', '/api/v1/portfolios/NOPE/strategies')).json().code).toBe(
      'PORTFOLIO_NOT_FOUND',
    );
    expect((await call('manager', 'GET', `${base}/strategies/9`)).statusCode).toBe(404);
  });
});

describe('drafts', () => {
  let draft: { version: number; definition: StrategyDefinition };

  it('a new draft copies the active version; a second one is refused while it exists', async () => {
    const res = await call('manager', 'POST', `${base}/strategies`, { note: '调整 M2 大额' });
    expect(res.statusCode, res.body).toBe(201);
    draft = res.json();
    expect(res.json()).toMatchObject({
      version: 2,
      status: 'draft',
      note: '调整 M2 大额',
      createdByName: '王建国',
    });
    expect(res.json().changes).toEqual([]);
    const again = await call('manager', 'POST', `${base}/strategies`, { fromDefault: true });
    expect(again.statusCode).toBe(400);
    expect(again.json().details).toMatchObject({ field: 'draft', draftVersion: 2 });
    expect(again.json().message).toContain('已有草稿');
    expect(await statuses()).toEqual([
      { version: 1, status: 'active' },
      { version: 2, status: 'draft' },
    ]);
  });

  it('an invalid balance band is refused naming the field, and nothing changes', async () => {
    const bad = copy(draft.definition);
    const m2 = bad.segments.findIndex((s) => s.key === 'm2');
    Object.assign((bad.segments[m2] as Segment).when, { balanceMinFen: 1_000_000, balanceMaxFen: 500_000 });
    const res = await call('manager', 'PUT', `${base}/strategies/2`, { definition: bad });
    expect(res.statusCode, res.body).toBe(400);
    const body = res.json();
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.details.problems).toEqual([
      {
        field: `segments[${m2}].when.balanceMinFen`,
        code: 'balance_range_inverted',
        zh: '余额下限 ¥10,000.00 须小于上限 ¥5,000.00',
        en: 'the lower balance bound CN¥10,000.00 must be below the upper bound CN¥5,000.00',
      },
    ]);
    expect(body.message).toContain(`definition.segments[${m2}].when.balanceMinFen`);
    const stored = (await call('manager', 'GET', `${base}/strategies/2`)).json();
    expect(stored.definition).toEqual(draft.definition);
  });

  it('names every problem: unknown bucket, unpublished SMS template, duplicate key, no catch-all', async () => {
    const bad = copy(draft.definition);
    const unpublished = (
      await rows<{ family_id: string }>(
        `SELECT family_id FROM templates WHERE kind = 'sms' AND status = 'draft' LIMIT 1`,
      )
    )[0]?.family_id as string;
    expect(unpublished).toBeDefined();
    const early = bad.segments.findIndex((s) => s.key === 'early');
    const earlySegment = bad.segments[early] as Segment;
    earlySegment.when.buckets = ['M1', 'S9'];
    earlySegment.plan.sms = { templateFamilyId: unpublished, everyDays: 5 };
    (bad.segments[0] as Segment).key = (bad.segments[1] as Segment).key;
    bad.segments.pop();
    const res = await call('manager', 'PUT', `${base}/strategies/2`, { definition: bad });
    expect(res.statusCode, res.body).toBe(400);
    const problems = res.json().details.problems as { field: string; code: string }[];
    expect(problems.map((p) => [p.field, p.code])).toEqual(
      expect.arrayContaining([
        [`segments[${early}].when.buckets[1]`, 'unknown_bucket'],
        [`segments[${early}].plan.sms.templateFamilyId`, 'template_not_published'],
        ['segments[1].key', 'duplicate_key'],
        [`segments[${bad.segments.length - 1}].when`, 'last_not_catch_all'],
      ]),
    );
  });

  it('a malformed request (a note too long) is refused before the service', async () => {
    const res = await call('manager', 'PUT', `${base}/strategies/2`, {
      definition: draft.definition,
      note: 'x'.repeat(501),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.field).toBe('body.note');
  });

  it('a valid change is saved in place and listed in the history with its before and after', async () => {
    const next = copy(draft.definition);
    const m2 = next.segments.find((s) => s.key === 'm2') as Segment;
    m2.plan.callEveryDays = 1;
    m2.plan.escalations.push({
      id: 'visit_m2',
      action: 'visit',
      afterBrokenPromises: 3,
      afterDaysPastDue: null,
    });
    const res = await call('manager', 'PUT', `${base}/strategies/2`, {
      definition: next,
      note: 'M2 每天电话',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ version: 2, status: 'draft', note: 'M2 每天电话' });
    expect(res.json().changes).toEqual([
      expect.objectContaining({
        segmentKey: 'm2',
        kind: 'changed',
        fields: ['plan.callEveryDays', 'plan.escalations.visit_m2'],
      }),
    ]);
    expect(res.json().changes[0].zh).toContain('电话频率：每 2 天 → 每 1 天');
    draft = res.json();
    expect(await statuses()).toEqual([
      { version: 1, status: 'active' },
      { version: 2, status: 'draft' },
    ]);
  });

  it('only a draft can be edited', async () => {
    const res = await call('manager', 'PUT', `${base}/strategies/1`, { definition: draft.definition });
    expect(res.statusCode).toBe(400);
    expect(res.json().details).toMatchObject({ field: 'version', status: 'active' });
  });

  it('of two concurrent activations exactly one wins; the old version is retired', async () => {
    const [a, b] = await Promise.all([
      call('manager', 'POST', `${base}/strategies/2/activate`, { note: '经理审批通过' }),
      call('manager', 'POST', `${base}/strategies/2/activate`, { note: '经理审批通过' }),
    ]);
    const codes = [a.statusCode, b.statusCode].sort();
    expect(codes).toEqual([200, 400]);
    const loser = a.statusCode === 400 ? a : b;
    expect(loser.json().details).toMatchObject({ field: 'version', status: 'active' });
    expect(await statuses()).toEqual([
      { version: 1, status: 'retired' },
      { version: 2, status: 'active' },
    ]);
    const winner = (a.statusCode === 200 ? a : b).json();
    expect(winner).toMatchObject({
      version: 2,
      status: 'active',
      activatedByName: '王建国',
      note: '经理审批通过',
    });
    const list = (await call('manager', 'GET', `${base}/strategies`)).json();
    expect(list).toMatchObject({ activeVersion: 2, draftVersion: null });
    expect(list.versions.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([
      [2, 'active'],
      [1, 'retired'],
    ]);
    expect(list.versions[0].changes[0].segmentKey).toBe('m2');
  });

  it('every write is audited with before and after, by the manager', async () => {
    const audit = await rows<{
      action: string;
      actor_name: string;
      before: unknown;
      after: Record<string, unknown>;
    }>(`SELECT action, actor_name, before, after FROM audit_log WHERE entity_type = 'strategy' ORDER BY id`);
    expect(audit.map((r) => [r.action, r.actor_name])).toEqual([
      ['strategy.activate', 'demo'],
      ['strategy.create_draft', 'manager'],
      ['strategy.update_draft', 'manager'],
      ['strategy.activate', 'manager'],
      ['strategy.retire', 'manager'],
    ]);
    const update = audit[2] as unknown as {
      before: { definition: StrategyDefinition };
      after: { definition: StrategyDefinition };
    };
    const callsBefore = update.before.definition.segments.find((s) => s.key === 'm2')?.plan.callEveryDays;
    const callsAfter = update.after.definition.segments.find((s) => s.key === 'm2')?.plan.callEveryDays;
    expect([callsBefore, callsAfter]).toEqual([2, 1]);
    expect(audit[3]?.after).toMatchObject({ version: 2, status: 'active', retiredVersion: 1 });
  });
});

describe('a new portfolio', () => {
  it('has no strategy until a manager starts one from the default, for its own buckets', async () => {
    const created = await call('manager', 'POST', '/api/v1/portfolios', {
      code: 'SHORT-CC',
      name: '短周期资产包',
      buckets: [
        { code: 'M0', minDays: 0, maxDays: 0 },
        { code: 'S1', minDays: 1, maxDays: 7 },
        { code: 'S2', minDays: 8, maxDays: 30 },
        { code: 'M2', minDays: 31, maxDays: null },
      ],
    });
    expect(created.statusCode, created.body).toBe(201);
    const url = '/api/v1/portfolios/SHORT-CC/strategies';
    expect((await call('manager', 'GET', url)).json()).toMatchObject({
      activeVersion: null,
      draftVersion: null,
      versions: [],
    });
    const copyNothing = await call('manager', 'POST', url, {});
    expect(copyNothing.statusCode).toBe(400);
    expect(copyNothing.json().details.field).toBe('fromDefault');

    const [one, two] = await Promise.all([
      call('manager', 'POST', url, { fromDefault: true, note: '从默认开始' }),
      call('manager', 'POST', url, { fromDefault: true, note: '从默认开始' }),
    ]);
    expect([one.statusCode, two.statusCode].sort()).toEqual([201, 400]);
    const draft = (one.statusCode === 201 ? one : two).json();
    const buckets = new Set(draft.definition.segments.flatMap((s: Segment) => s.when.buckets ?? []));
    expect([...buckets].sort()).toEqual(['M0', 'M2', 'S1', 'S2']);
    const activated = await call('manager', 'POST', `${url}/1/activate`, {});
    expect(activated.statusCode, activated.body).toBe(200);
    expect(await statuses('SHORT-CC')).toEqual([{ version: 1, status: 'active' }]);
  });
});
