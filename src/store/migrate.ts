import { fileURLToPath } from 'node:url';
import { migrate as drizzleMigrate } from 'drizzle-orm/pglite/migrator';
import type { Store } from './db';

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/** Any fixed number: the advisory lock that keeps two app nodes from migrating at once. */
const MIGRATION_LOCK = 728_190_001;

/**
 * Applies the committed SQL migrations in ./migrations (the same files on both engines). On PostgreSQL
 * the run holds an advisory lock, so nodes starting together migrate once and in turn.
 */
export async function migrate(store: Store): Promise<void> {
  if (store.engine === 'postgres') {
    await store.onConnection(async ({ db, sql }) => {
      await sql.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      try {
        // The migrator only needs db.dialect and db.session, which both drivers provide.
        await drizzleMigrate(db as never, { migrationsFolder });
      } finally {
        await sql.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
      }
    });
    return;
  }
  await drizzleMigrate(store.db as never, { migrationsFolder });
}
