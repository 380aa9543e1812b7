import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/services/actor';
import { recordContactOutcome, reserveContact } from '../../src/services/contact-gate';
import { setHouseOverrides } from '../../src/services/house-rules';
import { importCases } from '../../src/services/import/import-cases';
import { createPortfolio } from '../../src/services/portfolios';
import type { Store } from '../../src/store/db';
import { tempDir, validRows, writeCsv } from '../helpers/files';
import { createTestDatabase, type TestDatabase, testEngine } from '../helpers/store';

const NOW = new Date('2026-11-24T02:00:00Z'); // 10:00 in Shanghai
const actor = systemActor('dialer');
let tdb: TestDatabase;
let store: Store;
let targets: { caseId: string; phone: string; contactId: string | null }[];

beforeAll(async () => {
  tdb = await createTestDatabase();
  store = tdb.store;
  await createPortfolio(store, actor, { code: 'GATE', name: '外呼测试' });
  const rows = validRows(6, { seed: 51, prefix: 'G-', asOf: '2026-11-24' });
  await importCases(
    store,
    { path: writeCsv(tempDir(), 'gate.csv', rows) },
    { portfolioCode: 'GATE', acceptValid: false, actor, now: NOW },
  );
  const r = await store.sql.query<{ case_id: string; phone: string; contact_id: string | null }>(
    `SELECT c.id AS case_id, (SELECT number FROM debtor_phones WHERE debtor_id = c.debtor_id LIMIT 1) AS phone,
       (SELECT id FROM contacts WHERE debtor_id = c.debtor_id LIMIT 1) AS contact_id
     FROM cases c ORDER BY c.case_no`,
  );
  targets = r.rows.map((x) => ({ caseId: x.case_id, phone: x.phone, contactId: x.contact_id }));
});
afterAll(async () => tdb.drop());

async function ledger(caseId: string) {
  return (
    await store.sql.query<{ status: string; outcome: string | null }>(
      'SELECT status, outcome FROM contact_attempts WHERE case_id = $1 ORDER BY at, id',
      [caseId],
    )
  ).rows;
}

describe('reserving contacts in the ledger', () => {
  it('reserves an allowed call, completes it, and refuses the fourth conversation of the day', async () => {
    const t = targets[0] as (typeof targets)[number];
    for (let i = 0; i < 3; i++) {
      const at = new Date(NOW.getTime() + i * 600_000);
      const r = await reserveContact(
        store,
        actor,
        { caseId: t.caseId, channel: 'call', party: 'debtor', phone: t.phone },
        at,
      );
      expect(r).toMatchObject({ allowed: true, reasons: [] });
      await recordContactOutcome(store, actor, r.attemptId as string, 'conversation', at);
    }
    const fourth = await reserveContact(
      store,
      actor,
      { caseId: t.caseId, channel: 'call', party: 'debtor', phone: t.phone },
      new Date(NOW.getTime() + 3_600_000),
    );
    expect(fourth).toEqual({
      allowed: false,
      reasons: ['daily_connected_cap'],
      nextAllowedAt: new Date('2026-11-25T00:00:00Z'), // 08:00 tomorrow in Shanghai: a new day, within hours
      attemptId: null,
    });
    expect(await ledger(t.caseId)).toEqual(Array(3).fill({ status: 'completed', outcome: 'conversation' }));
  });

  it('refuses a call at night and a case under complaint freeze, writing nothing', async () => {
    const t = targets[1] as (typeof targets)[number];
    const night = await reserveContact(
      store,
      actor,
      { caseId: t.caseId, channel: 'call', party: 'debtor', phone: t.phone },
      new Date('2026-11-24T14:30:00Z'), // 22:30 in Shanghai
    );
    expect(night).toMatchObject({
      allowed: false,
      reasons: ['outside_hours'],
      nextAllowedAt: new Date('2026-11-25T00:00:00Z'),
    });
    await store.sql.query('UPDATE cases SET complaint_freeze = true WHERE id = $1', [t.caseId]);
    const frozen = await reserveContact(
      store,
      actor,
      { caseId: t.caseId, channel: 'sms', party: 'debtor' },
      NOW,
    );
    expect(frozen).toMatchObject({ allowed: false, reasons: ['complaint_freeze'], nextAllowedAt: null });
    expect(await ledger(t.caseId)).toEqual([]);
  });

  it('lets a third party be called only once the debtor could not be reached three times', async () => {
    const t = targets.find(
      (x) => x.contactId && x !== targets[0] && x !== targets[1],
    ) as (typeof targets)[number];
    const third = {
      caseId: t.caseId,
      channel: 'call' as const,
      party: 'third_party' as const,
      contactId: t.contactId as string,
    };
    expect(await reserveContact(store, actor, third, NOW)).toMatchObject({
      allowed: false,
      reasons: ['third_party_restricted'],
    });
    for (let i = 0; i < 3; i++) {
      const at = new Date(NOW.getTime() + i * 60_000);
      const r = await reserveContact(
        store,
        actor,
        { caseId: t.caseId, channel: 'call', party: 'debtor', phone: t.phone },
        at,
      );
      await recordContactOutcome(store, actor, r.attemptId as string, 'no_answer', at);
    }
    expect(await reserveContact(store, actor, third, new Date(NOW.getTime() + 300_000))).toMatchObject({
      allowed: true,
    });
  });
});

describe('house rules', () => {
  it('end the day at 21:00 for this portfolio only, audited with before and after', async () => {
    const t = targets[5] as (typeof targets)[number];
    const at2130 = new Date('2026-11-24T13:30:00Z'); // 21:30 in Shanghai
    const request = { caseId: t.caseId, channel: 'sms' as const, party: 'debtor' as const };
    expect((await reserveContact(store, actor, request, at2130)).allowed).toBe(true);
    await setHouseOverrides(store, actor, 'GATE', { source: '卡中心催收管理办法 第4.2条', dayEnd: '21:00' });
    expect(await reserveContact(store, actor, request, new Date(at2130.getTime() + 60_000))).toMatchObject({
      allowed: false,
      reasons: ['outside_hours'],
      nextAllowedAt: new Date('2026-11-25T00:00:00Z'),
    });
    const audit = await store.sql.query<{ before: unknown; after: { houseOverrides: { dayEnd: string } } }>(
      `SELECT before, after FROM audit_log WHERE action = 'portfolio.house_rules' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit.rows[0]).toEqual({
      before: { houseOverrides: null },
      after: { houseOverrides: { source: '卡中心催收管理办法 第4.2条', dayEnd: '21:00' } },
    });
  });

  it('may not loosen the profile: the field and the reason are named and nothing changes', async () => {
    const error = await setHouseOverrides(store, actor, 'GATE', { source: 'x', dayEnd: '23:00' }).catch(
      (e) => e,
    );
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'dayEnd' } });
    expect(error.messageIn('zh-CN')).toContain('不得比合规配置更宽松');
    const stored = await store.sql.query<{ house_overrides: { dayEnd: string } }>(
      `SELECT house_overrides FROM portfolios WHERE code = 'GATE'`,
    );
    expect(stored.rows[0]?.house_overrides.dayEnd).toBe('21:00');
  });
});

describe('requests decided together', () => {
  it('keep to the caps, reserve the number picked by id, and fail only the requests that are wrong', async () => {
    await createPortfolio(store, actor, { code: 'GATE-B', name: '合并判定' });
    await importCases(
      store,
      {
        path: writeCsv(tempDir(), 'gate-b.csv', validRows(8, { seed: 52, prefix: 'B-', asOf: '2026-11-24' })),
      },
      { portfolioCode: 'GATE-B', acceptValid: false, actor, now: NOW },
    );
    const r = await store.sql.query<{
      case_id: string;
      phone: string;
      phone_id: string;
      contact_id: string | null;
    }>(
      `SELECT c.id AS case_id, ph.number AS phone, ph.id AS phone_id,
         (SELECT id FROM contacts WHERE debtor_id = c.debtor_id LIMIT 1) AS contact_id
       FROM cases c JOIN portfolios p ON p.id = c.portfolio_id
       CROSS JOIN LATERAL (SELECT id, number FROM debtor_phones WHERE debtor_id = c.debtor_id LIMIT 1) ph
       WHERE p.code = 'GATE-B' ORDER BY c.case_no`,
    );
    const withContact = r.rows.find((x) => x.contact_id) as (typeof r.rows)[number];
    const [busy, byId] = r.rows.filter((x) => x !== withContact) as [typeof withContact, typeof withContact];
    const at = new Date('2026-11-24T05:00:00Z'); // 13:00 in Shanghai
    const call = { channel: 'call' as const, party: 'debtor' as const };
    const settled = await Promise.allSettled([
      ...Array.from({ length: 12 }, () =>
        reserveContact(store, actor, { ...call, caseId: busy.case_id, phone: busy.phone }, at),
      ),
      reserveContact(store, actor, { ...call, caseId: byId.case_id, phoneId: byId.phone_id }, at),
      reserveContact(store, actor, { ...call, caseId: '00000000-0000-7000-8000-000000000000' }, at),
      // The contact of another debtor, and a phone of another debtor: refused, nothing written.
      reserveContact(
        store,
        actor,
        { ...call, party: 'third_party', caseId: byId.case_id, contactId: withContact.contact_id as string },
        at,
      ),
      reserveContact(store, actor, { ...call, caseId: withContact.case_id, phoneId: byId.phone_id }, at),
    ]);
    const value = (i: number) => (settled[i] as PromiseFulfilledResult<{ allowed: boolean }>).value;
    const reason = (i: number) => (settled[i] as PromiseRejectedResult).reason;
    const busyAnswers = settled.slice(0, 12).map((_, i) => value(i));
    expect(busyAnswers.filter((a) => a.allowed)).toHaveLength(3);
    expect(busyAnswers.filter((a) => !a.allowed)).toEqual(
      Array(9).fill({
        allowed: false,
        reasons: ['daily_connected_cap'],
        nextAllowedAt: new Date('2026-11-25T00:00:00Z'),
        attemptId: null,
      }),
    );
    expect(value(12)).toMatchObject({ allowed: true, reasons: [] });
    expect(reason(13)).toMatchObject({ code: 'CASE_NOT_FOUND' });
    expect(reason(14)).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'contactId' } });
    expect(reason(15)).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'phoneId' } });

    const written = await store.sql.query<{ case_id: string; phone: string; n: number }>(
      `SELECT case_id, phone, count(*)::int AS n FROM contact_attempts
       WHERE case_id = ANY($1::uuid[]) GROUP BY case_id, phone ORDER BY n DESC`,
      [[busy.case_id, byId.case_id, withContact.case_id]],
    );
    expect(written.rows).toEqual([
      { case_id: busy.case_id, phone: busy.phone, n: 3 },
      { case_id: byId.case_id, phone: byId.phone, n: 1 },
    ]);
  });
});

// Two app processes need a database server; the PostgreSQL pass runs this.
describe.runIf(testEngine === 'postgres')('concurrent reservations from two app processes', () => {
  function worker(cases: typeof targets, requests: number): Promise<{ allowed: number }> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['bin/run-ts.mjs', 'test/integration/gate-worker.ts'], {
        env: {
          ...process.env,
          DATABASE_URL: tdb.url as string,
          GATE_TARGETS: JSON.stringify(cases.map(({ caseId, phone }) => ({ caseId, phone }))),
          GATE_REQUESTS: String(requests),
          GATE_NOW: '2026-11-24T03:00:00Z',
        },
      });
      let out = '';
      let err = '';
      child.stdout.on('data', (d) => {
        out += d;
      });
      child.stderr.on('data', (d) => {
        err += d;
      });
      child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim())) : reject(new Error(err))));
    });
  }

  it('never exceeds a cap: 2 × 32 requests at once on the same debtors', async () => {
    const cases = targets.slice(3, 5);
    const results = await Promise.all([worker(cases, 32), worker(cases, 32)]);
    // Each debtor may have at most 3 calls that are (or may become) conversations per day.
    expect(results.reduce((n, r) => n + r.allowed, 0)).toBe(3 * cases.length);
    for (const c of cases) expect((await ledger(c.caseId)).length).toBe(3);

    // The lines were not answered: the per-number cap of 6 unanswered attempts now governs.
    await store.sql.query(
      `UPDATE contact_attempts SET status = 'completed', outcome = 'no_answer' WHERE case_id = ANY($1::uuid[])`,
      [cases.map((c) => c.caseId)],
    );
    const again = await Promise.all([worker(cases, 32), worker(cases, 32)]);
    expect(again.reduce((n, r) => n + r.allowed, 0)).toBe(3 * cases.length);
    for (const c of cases) expect((await ledger(c.caseId)).length).toBe(6);
  });
});
