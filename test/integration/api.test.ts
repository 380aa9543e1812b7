import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app';
import { DEMO_PASSWORD } from '../../src/config';
import { seedDemo } from '../../src/services/demo/seed';
import type { Store } from '../../src/store/db';
import { csvText, validRows } from '../helpers/files';
import { createTestDatabase, type TestDatabase } from '../helpers/store';

const NOW = new Date('2026-11-24T02:00:00Z');
let tdb: TestDatabase;
let store: Store;
let app: FastifyInstance;
const cookies = new Map<string, string>();

async function login(username: string): Promise<string> {
  const cached = cookies.get(username);
  if (cached) return cached;
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password: DEMO_PASSWORD },
  });
  expect(res.statusCode, res.body).toBe(200);
  const cookie = res.cookies.find((c) => c.name === 'qs_session');
  if (!cookie) throw new Error('no session cookie');
  const header = `qs_session=${cookie.value}`;
  cookies.set(username, header);
  return header;
}

async function get(username: string, url: string) {
  return app.inject({ method: 'GET', url, headers: { cookie: await login(username) } });
}

async function allCases(username: string) {
  const res = await get(username, '/api/v1/cases?pageSize=200&sort=case_no');
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json();
  const items = [...body.items];
  for (let page = 2; items.length < body.total; page++) {
    items.push(...(await get(username, `/api/v1/cases?pageSize=200&sort=case_no&page=${page}`)).json().items);
  }
  return { total: body.total as number, items };
}

async function userId(username: string): Promise<string> {
  const r = await store.sql.query<{ id: string }>('SELECT id FROM users WHERE username = $1', [username]);
  return r.rows[0]?.id as string;
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  store = tdb.store;
  await seedDemo(store, { accounts: 400, now: NOW, password: DEMO_PASSWORD, seed: 5 });
  app = await buildApp({ store, now: () => NOW, serveWeb: false });
});
afterAll(async () => {
  await app.close();
  await tdb.drop();
});

describe('signing in', () => {
  it('answers a wrong password with a stable code in both languages', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'manager', password: 'nope-nope' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({
      code: 'INVALID_CREDENTIALS',
      message: '用户名或密码错误',
      messageEn: 'Wrong username or password',
    });
  });

  it('refuses the API without a session and logs the user out', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/v1/cases' })).json().code).toBe('UNAUTHENTICATED');
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'qa', password: DEMO_PASSWORD },
    });
    const cookie = `qs_session=${res.cookies[0]?.value}`;
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).json(),
    ).toMatchObject({
      username: 'qa',
      role: 'qa',
      roleName: '质检员',
    });
    expect(
      (await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } })).statusCode,
    ).toBe(204);
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).statusCode,
    ).toBe(401);
  });

  it('names the field and the reason for bad input', async () => {
    const res = await get('manager', '/api/v1/cases?pageSize=5000');
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.details.field).toBe('querystring.pageSize');
    expect(body.message).toContain('pageSize');
  });
});

describe('who sees which cases', () => {
  it('a manager sees every case of the portfolio', async () => {
    expect((await allCases('manager')).total).toBe(400);
  });

  it('a collector of an "own" team sees only the cases assigned to them', async () => {
    const me = await userId('collector');
    const { total, items } = await allCases('collector');
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThan(400);
    expect(items.every((c: { collectorId: string }) => c.collectorId === me)).toBe(true);
  });

  it('a collector of a "team" team sees every case of the team', async () => {
    const r = await store.sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM cases c JOIN teams t ON t.id = c.team_id WHERE t.code = 'T-LATE'`,
    );
    const { total, items } = await allCases('collector3');
    expect(total).toBe(r.rows[0]?.n);
    expect(items.every((c: { teamName: string }) => c.teamName === '中后期催收组')).toBe(true);
  });

  it('a team lead sees their team, an agency only its placements', async () => {
    const lead = await allCases('lead');
    expect(lead.items.every((c: { teamName: string }) => c.teamName === '早期催收一组')).toBe(true);
    const agency = await allCases('agency');
    expect(agency.total).toBeGreaterThan(0);
    expect(
      agency.items.every(
        (c: { agencyName: string; daysPastDue: number }) =>
          c.agencyName === '华信委外服务有限公司' && c.daysPastDue > 90,
      ),
    ).toBe(true);
  });

  it('training roles see no cases at all', async () => {
    const res = await get('trainee', '/api/v1/cases');
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('FORBIDDEN');
  });

  it('a case outside your scope is "not found", not a hint that it exists', async () => {
    const other = (await allCases('collector2')).items[0];
    const res = await get('collector', `/api/v1/cases/${other.id}`);
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('CASE_NOT_FOUND');
  });

  it('filters by bucket and finds a debtor by phone, name and contract number', async () => {
    const m2 = (await get('manager', '/api/v1/cases?bucket=M2&pageSize=200')).json();
    expect(m2.total).toBeGreaterThan(0);
    expect(m2.items.every((c: { bucket: string }) => c.bucket === 'M2')).toBe(true);
    const target = await store.sql.query<{ number: string; name: string; contract_no: string }>(
      `SELECT ph.number, d.name, a.contract_no FROM accounts a JOIN debtors d ON d.id = a.debtor_id
       JOIN debtor_phones ph ON ph.debtor_id = d.id ORDER BY a.contract_no LIMIT 1`,
    );
    const t = target.rows[0] as { number: string; name: string; contract_no: string };
    for (const q of [t.number, t.name, t.contract_no]) {
      const found = (await get('manager', `/api/v1/cases?q=${encodeURIComponent(q)}&pageSize=200`)).json();
      expect(found.items.map((c: { contractNo: string }) => c.contractNo)).toContain(t.contract_no);
    }
  });
});

describe('personal data', () => {
  it('is masked in the list and the detail page', async () => {
    const { items } = await allCases('collector');
    const first = items[0];
    expect(first.phone).toMatch(/^1\d{2}\*{4}\d{4}$/);
    const detail = (await get('collector', `/api/v1/cases/${first.id}`)).json();
    expect(detail.debtor.idNumber.masked).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    expect(detail.debtor.phones[0].masked).toMatch(/\*{4}/);
    expect(detail.canReveal).toEqual({ idNumber: false, phone: true, address: false });
    expect(detail.accounts.find((a: { current: boolean }) => a.current).contractNo).toBe(first.contractNo);
    expect(detail.bucketHistory[0]).toMatchObject({
      fromBucket: null,
      toBucket: first.bucket,
      reason: 'import',
    });
  });

  it('is revealed one item at a time, to permitted roles only, and every reveal is audited', async () => {
    const { items } = await allCases('collector');
    const detail = (await get('collector', `/api/v1/cases/${items[0].id}`)).json();
    const phone = detail.debtor.phones[0];
    const cookie = await login('collector');
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/cases/${items[0].id}/reveal`,
      headers: { cookie },
      payload: { field: 'phone', itemId: phone.id, purpose: '拨打电话' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const value = res.json().value as string;
    expect(value).toMatch(/^1[3-9]\d{9}$/);
    expect(`${value.slice(0, 3)}****${value.slice(-4)}`).toBe(phone.masked);

    const audit = await store.sql.query<{ actor_name: string; after: { field: string; purpose: string } }>(
      `SELECT actor_name, after FROM audit_log WHERE action = 'pii.reveal' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit.rows[0]).toMatchObject({
      actor_name: 'collector',
      after: { field: 'phone', purpose: '拨打电话' },
    });
    expect(JSON.stringify(audit.rows[0])).not.toContain(value);

    const before = await store.sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'pii.reveal'`,
    );
    const denied = await app.inject({
      method: 'POST',
      url: `/api/v1/cases/${items[0].id}/reveal`,
      headers: { cookie },
      payload: { field: 'idNumber' },
    });
    expect(denied.statusCode).toBe(403);
    const after = await store.sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'pii.reveal'`,
    );
    expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
  });

  it('lets legal reveal an ID number', async () => {
    const { items } = await allCases('legal');
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/cases/${items[0].id}/reveal`,
      headers: { cookie: await login('legal') },
      payload: { field: 'idNumber' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().value).toMatch(/^\d{17}[\dX]$/);
  });

  it('will not reveal another debtor’s phone through this case', async () => {
    const { items } = await allCases('manager');
    const otherDetail = (await get('manager', `/api/v1/cases/${items[1].id}`)).json();
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/cases/${items[0].id}/reveal`,
      headers: { cookie: await login('manager') },
      payload: { field: 'phone', itemId: otherDetail.debtor.phones[0].id },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('PII_TARGET_NOT_FOUND');
  });
});

describe('portfolios and imports over HTTP', () => {
  function multipart(fields: Record<string, string>, file: { name: string; content: string }) {
    const boundary = '----qingshou-test';
    const parts = Object.entries(fields).map(
      ([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
    );
    parts.push(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: text/csv\r\n\r\n${file.content}\r\n`,
    );
    parts.push(`--${boundary}--\r\n`);
    return {
      payload: Buffer.from(parts.join(''), 'utf8'),
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    };
  }

  it('lists portfolios with open cases per bucket', async () => {
    const body = (await get('manager', '/api/v1/portfolios')).json();
    const demo = body.items.find((p: { code: string }) => p.code === 'DEMO-CC');
    expect(demo.openCases).toBe(400);
    expect(demo.byBucket.map((b: { bucket: string }) => b.bucket)).toEqual(['M0', 'M1', 'M2', 'M3', 'M3+']);
    expect(demo.byBucket.reduce((n: number, b: { cases: number }) => n + b.cases, 0)).toBe(400);
  });

  it('creates a portfolio and refuses a duplicate code', async () => {
    const cookie = await login('manager');
    const payload = { code: 'API-P1', name: '接口测试资产包', productLine: 'consumer_loan' };
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/portfolios',
      headers: { cookie },
      payload,
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ code: 'API-P1', complianceProfile: 'cn-cba', openCases: 0 });
    const again = await app.inject({
      method: 'POST',
      url: '/api/v1/portfolios',
      headers: { cookie },
      payload,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('PORTFOLIO_EXISTS');
    const collector = await app.inject({
      method: 'POST',
      url: '/api/v1/portfolios',
      headers: { cookie: await login('collector') },
      payload: { code: 'NOPE', name: 'x' },
    });
    expect(collector.statusCode).toBe(403);
  });

  it('imports an upload, and answers a bad row with 422 and the rejected rows', async () => {
    const cookie = await login('manager');
    const rows = validRows(8, { seed: 31, prefix: 'UP-' });
    rows[3] = { ...rows[3], principal: 'abc' } as (typeof rows)[number];
    const bad = multipart(
      { portfolio: 'API-P1', acceptValid: 'false' },
      { name: '委案.csv', content: csvText(rows) },
    );
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: { ...bad.headers, cookie },
      payload: bad.payload,
    });
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.code).toBe('IMPORT_REJECTED');
    expect(body.details.rejected).toEqual([
      { row: 5, column: '本金', reason: expect.any(String), reasonEn: expect.any(String) },
    ]);
    expect((await get('manager', '/api/v1/cases?portfolio=API-P1')).json().total).toBe(0);

    const ok = multipart(
      { portfolio: 'API-P1', acceptValid: 'true' },
      { name: '委案.csv', content: csvText(rows) },
    );
    const res2 = await app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: { ...ok.headers, cookie },
      payload: ok.payload,
    });
    expect(res2.statusCode, res2.body).toBe(200);
    expect(res2.json()).toMatchObject({ status: 'committed', imported: 7, rejectedCount: 1 });
    const batches = (await get('manager', '/api/v1/imports?portfolio=API-P1')).json().items;
    expect(batches.map((b: { status: string }) => b.status)).toEqual(['committed', 'rejected']);
  });

  it('does not let a collector import', async () => {
    const file = multipart({ portfolio: 'API-P1' }, { name: 'x.csv', content: csvText(validRows(1)) });
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: { ...file.headers, cookie: await login('collector') },
      payload: file.payload,
    });
    expect(res.statusCode).toBe(403);
  });

  it('serves the blank template and the OpenAPI document', async () => {
    const template = await get('manager', '/api/v1/imports/template.csv');
    expect(template.body.replace(/^\uFEFF/, '').split(/\r?\n/)[0]).toBe(
      '合同编号,客户姓名,身份证号,手机号,产品,到期日,本金,利息,罚息,费用,联系人姓名,联系人关系,联系人电话,地址',
    );
    const doc = await app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(doc.statusCode).toBe(200);
    expect(Object.keys(doc.json().paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/cases',
        '/api/v1/cases/{id}',
        '/api/v1/cases/{id}/reveal',
        '/api/v1/imports',
        '/api/v1/auth/login',
      ]),
    );
  });
});

describe('the contact gate over HTTP', () => {
  it('reserves calls for a collector until the day’s conversations are used up, and says why in both languages', async () => {
    const cookie = await login('collector');
    const { items } = await allCases('collector');
    const open = items.find((c: { flags: Record<string, boolean> }) =>
      Object.values(c.flags).every((f) => !f),
    );
    const detail = (await get('collector', `/api/v1/cases/${open.id}`)).json();
    const phoneId = detail.debtor.phones[0].id;
    for (let i = 0; i < 3; i++) {
      const res = await app.inject({
        method: 'POST',
        url: `/api/v1/cases/${open.id}/contact-attempts`,
        headers: { cookie },
        payload: { channel: 'call', party: 'debtor', phoneId },
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ allowed: true, reasons: [], messages: [] });
      const done = await app.inject({
        method: 'POST',
        url: `/api/v1/contact-attempts/${res.json().attemptId}/outcome`,
        headers: { cookie },
        payload: { outcome: 'conversation' },
      });
      expect(done.statusCode).toBe(204);
    }
    const fourth = await app.inject({
      method: 'POST',
      url: `/api/v1/cases/${open.id}/contact-attempts`,
      headers: { cookie },
      payload: { channel: 'call', party: 'debtor', phoneId },
    });
    expect(fourth.json()).toMatchObject({
      allowed: false,
      reasons: ['daily_connected_cap'],
      messages: [{ code: 'daily_connected_cap', zh: expect.stringContaining('接通次数已达上限') }],
      nextAllowedAt: '2026-11-25T00:00:00.000Z',
      attemptId: null,
    });
  });

  it('refuses roles that do not contact debtors, and cases outside the collector’s scope', async () => {
    const someCase = (await allCases('manager')).items[0];
    const qa = await app.inject({
      method: 'POST',
      url: `/api/v1/cases/${someCase.id}/contact-attempts`,
      headers: { cookie: await login('qa') },
      payload: { channel: 'sms', party: 'debtor' },
    });
    expect(qa.statusCode).toBe(403);
    const other = (await allCases('collector2')).items[0];
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/cases/${other.id}/contact-attempts`,
      headers: { cookie: await login('collector') },
      payload: { channel: 'sms', party: 'debtor' },
    });
    expect(res.statusCode).toBe(404);
  });
});
