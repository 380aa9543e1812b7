/**
 * The team lead's listening list (听录音清单) over HTTP, on inspected calls of a past week: every call
 * with an open or confirmed error first (most errors first), then warnings, then clean samples so each
 * collector of the team has at least N, preferring a call on a case with a promise taken that day.
 * Dismissed findings count as clean. A team lead sees the team (also a collector without calls, flagged
 * short); a manager sees every team; a collector may not ask.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app';
import { DEMO_PASSWORD } from '../../src/config';
import { seedDemo } from '../../src/services/demo/seed';
import type { Store } from '../../src/store/db';
import { createTestDatabase, type TestDatabase } from '../helpers/store';

const NOW = new Date('2026-11-24T02:00:00Z');
const PERIOD = 'from=2026-10-01&to=2026-10-07';
let tdb: TestDatabase;
let store: Store;
let app: FastifyInstance;
let lead: string;
let manager: string;
let collectorCookie: string;
const user: Record<string, { id: string; team_id: string | null }> = {};
const call: Record<string, string> = {};

async function login(username: string): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password: DEMO_PASSWORD },
  });
  expect(res.statusCode, res.body).toBe(200);
  return `qs_session=${res.cookies.find((c) => c.name === 'qs_session')?.value}`;
}

async function get(url: string, cookie: string) {
  return app.inject({ method: 'GET', url: `/api/v1${url}`, headers: { cookie } });
}

/** An inspected call with findings given as [severity, status] pairs. */
async function addCall(
  key: string,
  collector: string,
  at: string,
  findings: ['error' | 'warning', 'open' | 'confirmed' | 'dismissed'][],
  caseId: string | null = null,
): Promise<void> {
  const who = user[collector] as { id: string; team_id: string | null };
  const errors = findings.filter(([s]) => s === 'error').length;
  const open = findings.filter(([, s]) => s === 'open').length;
  const r = await store.sql.query<{ id: string }>(
    `INSERT INTO qa_transcripts (case_id, collector_user_id, team_id, party, profile, title, turns,
       uploaded_by_name, occurred_at, called_at, rules_version, findings_count, error_count, warning_count, open_count)
     VALUES ($1, $2, $3, 'debtor', 'cn-cba', $4, '[{"speaker":"agent","text":"您好"}]'::jsonb, 'test', $5, $5,
       'test', $6, $7, $8, $9) RETURNING id`,
    [caseId, who.id, who.team_id, key, at, findings.length, errors, findings.length - errors, open],
  );
  call[key] = r.rows[0]?.id as string;
  let i = 0;
  for (const [severity, status] of findings) {
    await store.sql.query(
      `INSERT INTO qa_findings (transcript_id, turn, start_offset, end_offset, quote, category, rule, severity,
         status, review_note)
       VALUES ($1, 0, $2, $2, '您好', 'threat', $3, $4, $5, $6)`,
      [call[key], i, `test.rule.${i}`, severity, status, status === 'dismissed' ? '误报' : null],
    );
    i++;
  }
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  store = tdb.store;
  await seedDemo(store, { accounts: 80, now: NOW, password: DEMO_PASSWORD, seed: 3 });
  app = await buildApp({ store, now: () => NOW, serveWeb: false });
  lead = await login('lead');
  manager = await login('manager');
  collectorCookie = await login('collector');
  const users = await store.sql.query<{ username: string; id: string; team_id: string | null }>(
    `SELECT username, id, team_id FROM users WHERE username IN ('collector', 'collector2', 'collector3', 'lead')`,
  );
  for (const u of users.rows) user[u.username] = { id: u.id, team_id: u.team_id };
  // A new collector of the lead's team without any call in the period.
  await store.sql.query(
    `INSERT INTO users (username, display_name, password_hash, role, team_id)
     VALUES ('newbie', '新同事', 'x', 'collector', $1)`,
    [user.lead?.team_id],
  );
  // A case of collector2 where a promise was taken on 2026-10-06 (Shanghai).
  const kase = await store.sql.query<{ id: string; account_id: string }>(
    `SELECT id, account_id FROM cases WHERE assigned_collector_id = $1 ORDER BY case_no LIMIT 1`,
    [user.collector2?.id],
  );
  const promised = kase.rows[0] as { id: string; account_id: string };
  await store.sql.query(
    `INSERT INTO promises (case_id, account_id, amount_fen, due_date, channel, created_at)
     VALUES ($1, $2, 10000, '2026-10-10', 'app', '2026-10-06T03:00:00Z')`,
    [promised.id, promised.account_id],
  );

  await addCall('A1', 'collector', '2026-10-03T02:00:00Z', [
    ['error', 'open'],
    ['error', 'open'],
    ['warning', 'open'],
  ]);
  await addCall('A2', 'collector', '2026-10-05T02:00:00Z', [
    ['error', 'confirmed'],
    ['warning', 'dismissed'],
  ]);
  await addCall('A3', 'collector', '2026-10-01T02:00:00Z', []);
  await addCall('B1', 'collector2', '2026-10-04T02:00:00Z', [['warning', 'open']]);
  await addCall('B2', 'collector2', '2026-10-02T02:00:00Z', [['error', 'dismissed']]);
  await addCall('B3', 'collector2', '2026-10-06T06:00:00Z', [], promised.id);
  await addCall('B4', 'collector2', '2026-10-07T06:00:00Z', []);
  await addCall('C1', 'collector3', '2026-10-04T02:00:00Z', [['error', 'open']]);
  // Outside the period (the evening of 7 October in Shanghai is inside; the 8th is not).
  await addCall('A9', 'collector', '2026-10-07T17:00:00Z', [['error', 'open']]);
});
afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

type Item = {
  transcriptId: string;
  reason: string;
  errors: number;
  warnings: number;
  collectorName: string;
  reasonText: { zh: string; en: string };
};

describe('the team lead’s listening list', () => {
  it('errors first, then warnings, then samples preferring a call with a promise, at least 2 each', async () => {
    const res = await get(`/qa/listening-list?${PERIOD}`, lead);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ from: '2026-10-01', to: '2026-10-07', perCollector: 2 });
    const items: Item[] = body.items;
    expect(items.map((i) => [i.transcriptId, i.reason])).toEqual([
      [call.A1, 'error_findings'],
      [call.A2, 'error_findings'],
      [call.B1, 'warning_findings'],
      [call.B3, 'sample_promise'],
    ]);
    expect(items[0]).toMatchObject({ errors: 2, warnings: 1, collectorName: '张晓明' });
    expect(items[0]?.reasonText.zh).toContain('2 处严重违规');
    expect(items[3]?.reasonText.en).toContain('a promise to pay was taken that day');
    // A2's dismissed warning does not count; B2's dismissed error makes it a clean call.
    expect(items[1]).toMatchObject({ errors: 1, warnings: 0 });
    const collectors: { collectorName: string; listed: number; callsInPeriod: number; short: boolean }[] =
      body.collectors;
    expect(collectors.map((c) => [c.collectorName, c.listed, c.callsInPeriod, c.short])).toEqual([
      ['张晓明', 2, 3, false],
      ['陈静', 2, 4, false],
      ['新同事', 0, 0, true],
    ]);
  });

  it('with 3 per collector, the latest clean calls fill up; the same data gives the same list', async () => {
    const first = (await get(`/qa/listening-list?${PERIOD}&perCollector=3`, lead)).json();
    const ids = first.items.map((i: Item) => i.transcriptId);
    expect(ids).toEqual([call.A1, call.A2, call.B1, call.A3, call.B3, call.B4]);
    const again = (await get(`/qa/listening-list?${PERIOD}&perCollector=3`, lead)).json();
    expect(again).toEqual(first);
  });

  it('a manager sees every team; a collector may not ask; a bad period names the field', async () => {
    const all = (await get(`/qa/listening-list?${PERIOD}`, manager)).json();
    const ids = all.items.map((i: Item) => i.transcriptId);
    // Equal errors: the call not reviewed yet first.
    expect(ids.slice(0, 3)).toEqual([call.A1, call.C1, call.A2]);
    expect(ids).not.toContain(call.A9);
    const lead2 = await login('lead2');
    const other = (await get(`/qa/listening-list?${PERIOD}`, lead2)).json();
    expect(other.items.map((i: Item) => i.transcriptId)).toEqual([call.C1]);
    expect((await get(`/qa/listening-list?${PERIOD}`, collectorCookie)).statusCode).toBe(403);
    const bad = await get('/qa/listening-list?from=2026-10-07&to=2026-10-01', lead);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.field).toBe('from');
  });
});
