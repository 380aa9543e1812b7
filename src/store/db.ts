/**
 * Opening the database: PGlite (embedded, WASM Postgres in a data folder) by default, PostgreSQL when a
 * connection URL is given. Both give the same Store: a Drizzle handle for ordinary queries and a small
 * raw-SQL session for set-based bulk work (COPY), each usable inside one transaction.
 */
import { mkdirSync } from 'node:fs';
import type { PGlite, Transaction as PgliteTransaction } from '@electric-sql/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import * as schema from './schema';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Engine = 'pglite' | 'postgres';

export interface QueryResult<R> {
  rows: R[];
  rowCount: number;
}

/**
 * Raw SQL with the same result types on both engines: BIGINT → number, DATE → 'YYYY-MM-DD',
 * TIMESTAMPTZ → Date, NUMERIC → string.
 */
export interface SqlSession {
  query<R = Record<string, unknown>>(
    text: string,
    params?: unknown[],
    options?: QueryOptions,
  ): Promise<QueryResult<R>>;
  /** COPY rows in PostgreSQL text format (tab-separated, \N for null, one row per line) into a table. */
  copyIn(table: string, columns: readonly string[], data: string): Promise<void>;
}

export interface QueryOptions {
  /**
   * Prepare the statement once per connection under this name and reuse it (PostgreSQL; PGlite ignores
   * it): hot statements skip parsing, and planning once the server settles on a generic plan. One name
   * must always carry the same text.
   */
  name?: string;
}

export interface TxContext {
  db: Db;
  sql: SqlSession;
}

export interface Store {
  engine: Engine;
  /** Where the data lives, for logs: the data folder or the URL without its password. */
  location: string;
  db: Db;
  sql: SqlSession;
  transaction<T>(fn: (tx: TxContext) => Promise<T>): Promise<T>;
  /** Runs fn on one connection outside a transaction (for session-level advisory locks). */
  onConnection<T>(fn: (conn: TxContext) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /** PostgreSQL connection string; when absent the embedded PGlite is used. */
  databaseUrl?: string;
  /** PGlite data folder; 'memory://' or undefined with `memory: true` for a throwaway database. */
  dataDir?: string;
  memory?: boolean;
  /** Pool size for PostgreSQL. */
  poolSize?: number;
}

const INT8 = 20;
const DATE = 1082;
const NUMERIC = 1700;

function int8ToNumber(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`BIGINT value ${value} is outside the safe integer range`);
  return n;
}

// ---- PGlite ----

const pgliteParsers = {
  [INT8]: int8ToNumber,
  [DATE]: (v: string) => v,
  [NUMERIC]: (v: string) => v,
};

type PgliteLike = Pick<PGlite, 'query'> | PgliteTransaction;

function pgliteSession(client: PgliteLike): SqlSession {
  return {
    async query<R>(text: string, params: unknown[] = []) {
      const r = await client.query<R>(text, params, { parsers: pgliteParsers });
      return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
    },
    async copyIn(table, columns, data) {
      const blob = new Blob([data]);
      await client.query(`COPY ${table} (${columns.join(', ')}) FROM '/dev/blob'`, [], { blob });
    },
  };
}

async function openPglite(options: OpenStoreOptions): Promise<Store> {
  const memory = options.memory || !options.dataDir || options.dataDir === 'memory://';
  if (!memory && options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  // Loaded on demand: a PostgreSQL deployment never pays for the WASM engine's memory.
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle: drizzlePglite } = await import('drizzle-orm/pglite');
  const client = memory ? new PGlite() : new PGlite(options.dataDir);
  await client.waitReady;
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  return {
    engine: 'pglite',
    location: memory ? 'memory' : (options.dataDir as string),
    db,
    sql: pgliteSession(client),
    transaction: (fn) =>
      client.transaction(async (tx) => {
        const txDb = drizzlePglite({ client: tx as unknown as PGlite, schema }) as unknown as Db;
        return fn({ db: txDb, sql: pgliteSession(tx) });
      }),
    onConnection: (fn) => fn({ db, sql: pgliteSession(client) }),
    close: () => client.close(),
  };
}

// ---- PostgreSQL ----

const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8) return int8ToNumber;
    if (oid === DATE || oid === NUMERIC) return (v: string) => v;
    // biome-ignore lint/suspicious/noExplicitAny: pg's overloads do not accept a union format argument
    return pg.types.getTypeParser(oid, format as any);
  },
} as pg.CustomTypesConfig;

function pgSession(client: pg.Pool | pg.PoolClient): SqlSession {
  return {
    async query<R>(text: string, params: unknown[] = [], options?: QueryOptions) {
      const result = await client.query({ text, values: params, types: pgTypes, name: options?.name });
      // A multi-statement text without parameters answers with one result per statement: keep the last.
      const r = (Array.isArray(result) ? result[result.length - 1] : result) as pg.QueryResult;
      return { rows: r.rows as R[], rowCount: r.rowCount ?? r.rows.length };
    },
    async copyIn(table, columns, data) {
      const run = async (c: pg.PoolClient) => {
        const stream = c.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
        await new Promise<void>((resolve, reject) => {
          stream.on('error', reject);
          stream.on('finish', () => resolve());
          stream.end(data);
        });
      };
      if (client instanceof pg.Pool) {
        const c = await client.connect();
        try {
          await run(c);
        } finally {
          c.release();
        }
      } else {
        await run(client);
      }
    },
  };
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres';
  }
}

async function openPostgres(options: OpenStoreOptions & { databaseUrl: string }): Promise<Store> {
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
  // An idle connection dropped by the server (restart, failover) must not take the process down;
  // the pool replaces it on next use.
  pool.on('error', (err) => {
    process.stderr.write(`PostgreSQL connection lost (${redactUrl(options.databaseUrl)}): ${err.message}\n`);
  });
  // Fail fast with a clear message when the server is not there.
  const probe = await pool.connect();
  probe.release();
  const db = drizzlePg({ client: pool, schema }) as unknown as Db;
  return {
    engine: 'postgres',
    location: redactUrl(options.databaseUrl),
    db,
    sql: pgSession(pool),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const txDb = drizzlePg({ client, schema }) as unknown as Db;
        const result = await fn({ db: txDb, sql: pgSession(client) });
        await client.query('COMMIT');
        return result;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    async onConnection(fn) {
      const client = await pool.connect();
      try {
        return await fn({ db: drizzlePg({ client, schema }) as unknown as Db, sql: pgSession(client) });
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

export async function openStore(options: OpenStoreOptions): Promise<Store> {
  if (options.databaseUrl) return openPostgres({ ...options, databaseUrl: options.databaseUrl });
  return openPglite(options);
}
