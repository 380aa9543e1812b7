/**
 * A portfolio's compliance rules over the API: everyone who works cases or QA reads them (profile values
 * with sources, house rules, effective values and where each comes from); `portfolios.manage` sets them,
 * only stricter than the profile, audited with before and after; a looser value names the field and the
 * reason in both languages and changes nothing.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app';
import { DEMO_PASSWORD } from '../../src/config';
import { DEMO_PORTFOLIO } from '../../src/services/demo/seed';
import type { Store } from '../../src/store/db';
import { createTestDatabase, type TestDatabase } from '../helpers/store';

const NOW = new Date('2026-11-24T02:00:00Z');
const CODE = DEMO_PORTFOLIO;
const URL_RULES = `/api/v1/portfolios/${CODE}/compliance`;
const URL_HOUSE = `/api/v1/portfolios/${CODE}/house-rules`;
const SOURCE = '卡中心催收管理办法 2026 第4.2条';
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

async function call(username: string, method: 'GET' | 'PUT' | 'DELETE', url: string, payload?: unknown) {
  return app.inject({
    method,
    url,
    headers: { cookie: await login(username) },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

async function auditRows() {
  const r = await store.sql.query<{
    actor_name: string;
    before: { houseOverrides: unknown };
    after: { houseOverrides: unknown };
  }>(
    `SELECT a.actor_name, a.before, a.after FROM audit_log a JOIN portfolios p ON p.id::text = a.entity_id
     WHERE a.action = 'portfolio.house_rules' AND p.code = $1 ORDER BY a.id`,
    [CODE],
  );
  return r.rows;
}

async function storedOverrides(): Promise<unknown> {
  const r = await store.sql.query<{ house_overrides: unknown }>(
    'SELECT house_overrides FROM portfolios WHERE code = $1',
    [CODE],
  );
  return r.rows[0]?.house_overrides ?? null;
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  store = tdb.store;
  const { seedDemo } = await import('../../src/services/demo/seed');
  await seedDemo(store, { accounts: 20, now: NOW, password: DEMO_PASSWORD, seed: 7 });
  app = await buildApp({ store, now: () => NOW, serveWeb: false });
});
afterAll(async () => {
  await app.close();
  await tdb.drop();
});

describe('reading the rules', () => {
  it('shows a collector every profile value with its source, no house rules, and the effective values', async () => {
    const res = await call('collector', 'GET', URL_RULES);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.portfolio).toMatchObject({ code: CODE, timeZone: 'Asia/Shanghai' });
    expect(body.profile).toEqual({ id: 'cn-cba', name: 'China (CBA guideline + GB/T 45251-2025)' });
    expect(body.houseOverrides).toBeNull();
    expect(body.canManage).toBe(false);
    const v = body.values;
    expect(v.hours.value).toEqual({ start: '08:00', end: '22:00', channels: ['call', 'sms', 'visit'] });
    expect(v.hours.source).toContain('China Banking Association');
    expect(v.noContactOnStatutoryHolidays).toBeNull();
    expect(v.dailyUnansweredCallsPerNumber.value).toBe(6);
    expect(v.dailyConnectedCallsPerPerson).toMatchObject({ value: 3 });
    expect(v.dailyConnectedCallsPerPerson.source).toContain('GB/T 45251-2025');
    expect(v.rollingCallCap).toBeNull();
    expect(v.postConversationWait).toBeNull();
    expect(v.thirdParty.value).toEqual({ kind: 'debtor_unreachable', consecutiveFailedAttempts: 3 });
    expect(v.thirdPartyRefusalIsFinal.value).toBe(true);
    expect(Object.keys(v.holds)).toEqual(['cease', 'attorney', 'complaintFreeze', 'legalHold']);
    for (const hold of Object.values(v.holds) as { value: boolean; source: string }[]) {
      expect(hold.value).toBe(true);
      expect(hold.source.length).toBeGreaterThan(10);
    }
    // Without house rules the effective values are the profile's own.
    expect(body.effective.hours).toEqual({ ...v.hours, origin: 'profile' });
    expect(body.effective.dailyUnansweredCallsPerNumber).toEqual({
      ...v.dailyUnansweredCallsPerNumber,
      origin: 'profile',
    });
    expect(body.effective.noContactOnStatutoryHolidays).toBeNull();
    expect(body.effective.holds.cease.origin).toBe('profile');
  });

  it('is readable by QA and managers, not by roles outside cases and QA; an unknown portfolio is 404', async () => {
    expect((await call('qa', 'GET', URL_RULES)).statusCode).toBe(200);
    expect((await call('agency', 'GET', URL_RULES)).statusCode).toBe(200);
    const manager = await call('manager', 'GET', URL_RULES);
    expect(manager.json().canManage).toBe(true);
    expect((await call('admin', 'GET', URL_RULES)).json().canManage).toBe(true);
    expect((await call('trainer', 'GET', URL_RULES)).json().code).toBe('FORBIDDEN');
    expect((await app.inject({ method: 'GET', url: URL_RULES })).statusCode).toBe(401);
    const missing = await call('manager', 'GET', '/api/v1/portfolios/NOPE/compliance');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('PORTFOLIO_NOT_FOUND');
  });

  it('is published in the OpenAPI document', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/portfolios/{code}/compliance',
        '/api/v1/portfolios/{code}/house-rules',
      ]),
    );
    expect(Object.keys(doc.paths['/api/v1/portfolios/{code}/house-rules'])).toEqual(
      expect.arrayContaining(['put', 'delete']),
    );
  });
});

describe('setting house rules', () => {
  it('a manager ends the day at 21:00 and closes statutory holidays; the effective values follow, audited', async () => {
    const res = await call('manager', 'PUT', URL_HOUSE, {
      source: `  ${SOURCE} `,
      dayEnd: '21:00',
      noContactOnStatutoryHolidays: true,
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    const stored = { source: SOURCE, dayEnd: '21:00', noContactOnStatutoryHolidays: true };
    expect(body.houseOverrides).toEqual(stored);
    // The profile's own values are unchanged...
    expect(body.values.hours.value.end).toBe('22:00');
    expect(body.values.noContactOnStatutoryHolidays).toBeNull();
    // ...the effective ones come from the house rule and cite it.
    expect(body.effective.hours).toMatchObject({
      value: { start: '08:00', end: '21:00' },
      origin: 'house',
    });
    expect(body.effective.hours.source).toContain(SOURCE);
    expect(body.effective.noContactOnStatutoryHolidays).toMatchObject({ value: true, origin: 'house' });
    expect(body.effective.noContactOnStatutoryHolidays.source).toContain(SOURCE);
    expect(body.effective.dailyUnansweredCallsPerNumber).toMatchObject({ value: 6, origin: 'profile' });
    expect(body.effective.dailyConnectedCallsPerPerson).toMatchObject({ value: 3, origin: 'profile' });

    // A collector reads the same.
    const read = (await call('collector', 'GET', URL_RULES)).json();
    expect(read.effective.hours.value.end).toBe('21:00');
    expect(read.houseOverrides).toEqual(stored);

    const audit = await auditRows();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toEqual({
      actor_name: 'manager',
      before: { houseOverrides: null },
      after: { houseOverrides: stored },
    });
    expect(await storedOverrides()).toEqual(stored);
  });

  it('refuses a looser value naming the field and the reason in zh and en, and changes nothing', async () => {
    const before = await storedOverrides();
    const audits = (await auditRows()).length;

    const late = await call('manager', 'PUT', URL_HOUSE, { source: SOURCE, dayEnd: '23:00' });
    expect(late.statusCode).toBe(400);
    const lateBody = late.json();
    expect(lateBody.code).toBe('VALIDATION_FAILED');
    expect(lateBody.details.field).toBe('dayEnd');
    expect(lateBody.message).toContain('dayEnd');
    expect(lateBody.message).toContain('不得比合规配置更宽松');
    expect(lateBody.message).toContain('22:00');
    expect(lateBody.messageEn).toContain('dayEnd');
    expect(lateBody.messageEn).toContain('looser');
    expect(lateBody.details.problems).toEqual([
      expect.objectContaining({ field: 'dayEnd', code: 'looser_than_profile' }),
    ]);

    const caps = await call('manager', 'PUT', URL_HOUSE, {
      source: SOURCE,
      dailyUnansweredCallsPerNumber: 9,
      dailyConnectedCallsPerPerson: 0,
    });
    expect(caps.statusCode).toBe(400);
    const capsBody = caps.json();
    expect(capsBody.details.field).toBe('dailyUnansweredCallsPerNumber');
    expect(capsBody.message).toContain('6');
    expect(capsBody.details.problems.map((p: { field: string; code: string }) => [p.field, p.code])).toEqual([
      ['dailyUnansweredCallsPerNumber', 'looser_than_profile'],
      ['dailyConnectedCallsPerPerson', 'not_positive_integer'],
    ]);
    for (const problem of capsBody.details.problems) {
      expect(problem.reason).toMatch(/[\u4e00-\u9fff]/);
      expect(problem.reasonEn).toMatch(/[a-z]/);
    }

    const early = await call('manager', 'PUT', URL_HOUSE, { source: SOURCE, dayStart: '07:30' });
    expect(early.json().details.field).toBe('dayStart');

    const unsourced = await call('manager', 'PUT', URL_HOUSE, { source: '  ', dayEnd: '20:00' });
    expect(unsourced.statusCode).toBe(400);
    expect(unsourced.json().details.field).toBe('source');
    expect(unsourced.json().message).toContain('出处');

    const badTime = await call('manager', 'PUT', URL_HOUSE, { source: SOURCE, dayEnd: '9pm' });
    expect(badTime.json().details).toMatchObject({ field: 'dayEnd', problems: [{ code: 'time_format' }] });

    // Unknown keys are refused rather than silently dropped.
    const typo = await call('manager', 'PUT', URL_HOUSE, { source: SOURCE, dayend: '20:00' });
    expect(typo.statusCode).toBe(400);
    expect(typo.json().code).toBe('VALIDATION_FAILED');

    expect(await storedOverrides()).toEqual(before);
    expect(await auditRows()).toHaveLength(audits);
    const read = (await call('manager', 'GET', URL_RULES)).json();
    expect(read.effective.hours.value.end).toBe('21:00');
  });

  it('a collector can read but not set or clear', async () => {
    const before = await storedOverrides();
    const set = await call('collector', 'PUT', URL_HOUSE, { source: 'mine', dayEnd: '20:00' });
    expect(set.statusCode).toBe(403);
    expect(set.json().code).toBe('FORBIDDEN');
    expect((await call('collector', 'DELETE', URL_HOUSE)).statusCode).toBe(403);
    expect((await call('qa', 'DELETE', URL_HOUSE)).statusCode).toBe(403);
    expect((await call('collector', 'GET', URL_RULES)).statusCode).toBe(200);
    expect(await storedOverrides()).toEqual(before);
  });

  it('tightens the caps and then clears: the profile alone applies again, audited', async () => {
    const caps = await call('admin', 'PUT', URL_HOUSE, {
      source: SOURCE,
      dayStart: '09:00',
      dayEnd: '20:30',
      dailyUnansweredCallsPerNumber: 4,
      dailyConnectedCallsPerPerson: 2,
    });
    expect(caps.statusCode, caps.body).toBe(200);
    const tightened = caps.json().effective;
    expect(tightened.hours.value).toMatchObject({ start: '09:00', end: '20:30' });
    expect(tightened.dailyUnansweredCallsPerNumber).toMatchObject({ value: 4, origin: 'house' });
    expect(tightened.dailyConnectedCallsPerPerson).toMatchObject({ value: 2, origin: 'house' });
    expect(tightened.dailyConnectedCallsPerPerson.source).toContain(SOURCE);
    // Holidays are no longer closed: the new rules replace the old ones whole.
    expect(tightened.noContactOnStatutoryHolidays).toBeNull();

    const cleared = await call('manager', 'DELETE', URL_HOUSE);
    expect(cleared.statusCode, cleared.body).toBe(200);
    const body = cleared.json();
    expect(body.houseOverrides).toBeNull();
    expect(body.effective.hours).toEqual({ ...body.values.hours, origin: 'profile' });
    expect(body.effective.dailyUnansweredCallsPerNumber).toMatchObject({ value: 6, origin: 'profile' });
    expect(await storedOverrides()).toBeNull();

    const audit = await auditRows();
    expect(audit.map((a) => a.actor_name)).toEqual(['manager', 'admin', 'manager']);
    expect(audit.at(-1)).toMatchObject({
      before: {
        houseOverrides: {
          source: SOURCE,
          dayStart: '09:00',
          dayEnd: '20:30',
          dailyUnansweredCallsPerNumber: 4,
          dailyConnectedCallsPerPerson: 2,
        },
      },
      after: { houseOverrides: null },
    });
  });
});
