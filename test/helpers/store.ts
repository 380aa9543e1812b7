/**
 * A fresh, migrated database for one test file, on the engine the run asks for:
 * QINGSHOU_TEST_DB=pglite (default, in memory) or postgres (a new database on QINGSHOU_TEST_PG_URL's
 * server, dropped afterwards).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { prepareDatabase } from '../../src/services/setup';
import { openStore, type Store } from '../../src/store/db';

export const testEngine = (process.env.QINGSHOU_TEST_DB ?? 'pglite') as 'pglite' | 'postgres';
export const testPgUrl = process.env.QINGSHOU_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  store: Store;
  /** The connection URL when on PostgreSQL (for tests that open a second connection or process). */
  url: string | null;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  if (testEngine === 'pglite') {
    const store = await openStore({ memory: true });
    await prepareDatabase(store);
    return { store, url: null, drop: () => store.close() };
  }
  const name = `qs_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testPgUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(testPgUrl);
  url.pathname = `/${name}`;
  const store = await openStore({ databaseUrl: url.toString() });
  await prepareDatabase(store);
  return {
    store,
    url: url.toString(),
    async drop() {
      await store.close();
      const c = new pg.Client({ connectionString: testPgUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
