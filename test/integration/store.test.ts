import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/services/actor';
import { writeAudit } from '../../src/services/audit';
import { createPortfolio } from '../../src/services/portfolios';
import { prepareDatabase } from '../../src/services/setup';
import { openStore, type Store } from '../../src/store/db';
import { migrate, migrationsFolder } from '../../src/store/migrate';
import { accounts, auditLog, debtors, portfolios } from '../../src/store/schema';
import { createTestDatabase, type TestDatabase, testEngine } from '../helpers/store';

let tdb: TestDatabase;
let store: Store;
const actor = systemActor('store-test');
const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
  entries: unknown[];
};

beforeAll(async () => {
  tdb = await createTestDatabase();
  store = tdb.store;
});
afterAll(async () => tdb.drop());

describe('the store', () => {
  it('runs the same migrations on this engine, and a second run changes nothing', async () => {
    const tables = async () =>
      (
        await store.sql.query<{ tablename: string }>(
          `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
        )
      ).rows.map((r) => r.tablename);
    const before = await tables();
    expect(before).toEqual(
      expect.arrayContaining([
        'accounts',
        'audit_log',
        'bucket_history',
        'cases',
        'contacts',
        'debtors',
        'portfolios',
        'users',
      ]),
    );
    await migrate(store);
    await prepareDatabase(store);
    expect(await tables()).toEqual(before);
    const roles = await store.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM roles');
    expect(roles.rows[0]?.n).toBe(10);
  });

  // Two processes on one database exist only with a PostgreSQL server; the PostgreSQL pass runs this.
  it.runIf(testEngine === 'postgres')(
    'lets two app nodes start on one fresh database at the same time',
    async () => {
      const url = new URL(tdb.url as string);
      const fresh = `${url.pathname.slice(1)}_two`;
      await store.sql.query(`CREATE DATABASE ${fresh}`);
      url.pathname = `/${fresh}`;
      const a = await openStore({ databaseUrl: url.toString() });
      const b = await openStore({ databaseUrl: url.toString() });
      try {
        await Promise.all([prepareDatabase(a), prepareDatabase(b)]);
        const applied = await a.sql.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations',
        );
        expect(applied.rows[0]?.n).toBe(journal.entries.length);
      } finally {
        await a.close();
        await b.close();
        await store.sql.query(`DROP DATABASE ${fresh} WITH (FORCE)`);
      }
    },
  );

  it('keeps the audit row and the change together: a failed change leaves no audit row', async () => {
    const failing = store.transaction(async ({ db }) => {
      await db.insert(portfolios).values({ code: 'ROLLED', name: 'x', bucketConfig: [] });
      await writeAudit(db, actor, {
        action: 'portfolio.create',
        entityType: 'portfolio',
        entityId: 'ROLLED',
      });
      throw new Error('the change fails after the audit row was written');
    });
    await expect(failing).rejects.toThrow('fails after');
    expect(await store.db.select().from(portfolios).where(eq(portfolios.code, 'ROLLED'))).toEqual([]);
    expect(await store.db.select().from(auditLog).where(eq(auditLog.entityId, 'ROLLED'))).toEqual([]);

    await createPortfolio(store, actor, { code: 'KEPT', name: '保留' });
    const audit = await store.db.select().from(auditLog).where(eq(auditLog.action, 'portfolio.create'));
    expect(audit.map((a) => (a.after as { code: string }).code)).toContain('KEPT');
  });

  it('stores money as BIGINT fen and gives back exact numbers on both query paths', async () => {
    const [p] = await store.db.select().from(portfolios).where(eq(portfolios.code, 'KEPT'));
    const [d] = await store.db
      .insert(debtors)
      .values({ idNumber: '11010519900307451X', name: '钱多多' })
      .returning();
    const big = 912_345_678_901_234; // about 9.1 trillion yuan, beyond 32 bits
    await store.db.insert(accounts).values({
      portfolioId: p?.id as string,
      debtorId: d?.id as string,
      contractNo: 'BIG-1',
      principalFen: big,
      balanceFen: big,
      firstMissedDueDate: '2026-10-01',
    });
    const viaDrizzle = await store.db.select().from(accounts).where(eq(accounts.contractNo, 'BIG-1'));
    expect(viaDrizzle[0]?.balanceFen).toBe(big);
    expect(viaDrizzle[0]?.firstMissedDueDate).toBe('2026-10-01');
    const viaSql = await store.sql.query<{ balance_fen: number; first_missed_due_date: string }>(
      `SELECT balance_fen, first_missed_due_date FROM accounts WHERE contract_no = 'BIG-1'`,
    );
    expect(viaSql.rows[0]).toEqual({ balance_fen: big, first_missed_due_date: '2026-10-01' });
  });

  it('refuses a negative amount at the database too', async () => {
    const [p] = await store.db.select().from(portfolios).where(eq(portfolios.code, 'KEPT'));
    const [d] = await store.db.select().from(debtors).limit(1);
    await expect(
      store.db.insert(accounts).values({
        portfolioId: p?.id as string,
        debtorId: d?.id as string,
        contractNo: 'NEG-1',
        principalFen: -1,
        firstMissedDueDate: '2026-10-01',
      }),
    ).rejects.toThrow();
  });
});

describe('primary keys', () => {
  it('are time-ordered version-7 UUIDs on both engines', async () => {
    const r = await store.sql.query<{ id: string }>(
      'SELECT uuid_v7()::text AS id FROM generate_series(1, 50)',
    );
    const ids = r.rows.map((x) => x.id);
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const millis = (id: string) => Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16);
    const now = Date.now();
    for (const id of ids) expect(Math.abs(millis(id) - now)).toBeLessThan(60_000);
    expect(new Set(ids).size).toBe(50);
  });
});
