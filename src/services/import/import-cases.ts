/**
 * importCases: the daily placement file (委案) into the case ledger.
 *
 * The file streams through the reader; each row is validated and converted in Node, written in chunks
 * with COPY into a temporary stage table, and moved into debtors, phones, addresses, contacts, accounts,
 * cases and bucket history by one set-based statement per chunk. The whole file is one transaction:
 * in the default all-or-nothing mode any bad row rolls everything back; with acceptValid the good rows
 * commit and the bad ones are reported. Imports into one portfolio are serialised by an advisory lock,
 * so a contract is never inserted twice and a re-import updates instead.
 */
import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import type { BucketRange } from '../../domain/aging';
import { localDateOf } from '../../domain/dates';
import { AppError } from '../../errors';
import type { SqlSession, Store } from '../../store/db';
import { importBatches, portfolios } from '../../store/schema';
import type { Actor } from '../actor';
import { writeAudit } from '../audit';
import { openImportFile } from './reader';
import { fieldLabel, type TemplateField } from './template';
import { type StagedRow, validateImportRow } from './validate-row';

export interface RejectedRow {
  row: number;
  column: string;
  reason: string;
  reasonEn: string;
}

export interface ImportResult {
  batchId: string | null;
  status: 'committed' | 'rejected';
  rows: number;
  imported: number;
  updated: number;
  rejected: RejectedRow[];
  rejectedCount: number;
  encoding: string | null;
  format: 'csv' | 'xlsx';
}

export interface ImportProgress {
  rows: number;
  bytesRead: number;
  totalBytes: number | null;
}

/** A file on disk, or an upload streaming in. */
export type ImportSource =
  | { path: string; fileName?: string }
  | { stream: Readable; fileName: string; size?: number };

export interface ImportOptions {
  portfolioCode: string;
  acceptValid: boolean;
  actor: Actor;
  now: Date;
  /** Rows per COPY + set-based statement. */
  chunkSize?: number;
  onProgress?: (progress: ImportProgress) => void;
}

/** Problems kept in full; beyond this only the count grows, so a broken million-row file stays cheap. */
export const MAX_REPORTED_PROBLEMS = 10_000;
/** Problems stored with the batch record. */
const MAX_STORED_PROBLEMS = 200;
const DEFAULT_CHUNK = 5_000;
/** Namespace of the advisory lock that serialises imports per portfolio. */
const IMPORT_LOCK_CLASS = 7_281_002;

const STAGE_COLUMNS = [
  'row_no',
  'contract_no',
  'name',
  'id_number',
  'gender',
  'birth_date',
  'phone',
  'phone_kind',
  'product',
  'due_date',
  'principal_fen',
  'interest_fen',
  'penalty_fen',
  'fees_fen',
  'balance_fen',
  'dpd',
  'bucket',
  'contact_name',
  'contact_relation',
  'contact_debt_related',
  'contact_phone',
  'address',
] as const;

const CREATE_STAGE = `
CREATE TEMP TABLE import_stage (
  row_no integer NOT NULL,
  contract_no text NOT NULL,
  name text NOT NULL,
  id_number text NOT NULL,
  gender text NOT NULL,
  birth_date date NOT NULL,
  phone text NOT NULL,
  phone_kind text NOT NULL,
  product text NOT NULL,
  due_date date NOT NULL,
  principal_fen bigint NOT NULL,
  interest_fen bigint NOT NULL,
  penalty_fen bigint NOT NULL,
  fees_fen bigint NOT NULL,
  balance_fen bigint NOT NULL,
  dpd integer NOT NULL,
  bucket text NOT NULL,
  contact_name text,
  contact_relation text,
  contact_debt_related boolean NOT NULL,
  contact_phone text,
  address text,
  debtor_id uuid,
  account_id uuid,
  case_id uuid,
  old_bucket text
) ON COMMIT DROP`;

/**
 * Every contract number of the file seen so far, with the row it first appeared on. Kept in the
 * database rather than in Node, so memory stays flat however long the file is.
 */
const CREATE_SEEN = `
CREATE TEMP TABLE import_contracts (contract_no text PRIMARY KEY, row_no integer NOT NULL) ON COMMIT DROP`;

const RECORD_CONTRACTS = `
INSERT INTO import_contracts (contract_no, row_no)
SELECT contract_no, min(row_no) FROM import_stage GROUP BY contract_no
ON CONFLICT (contract_no) DO NOTHING`;

/** Staged rows whose contract number already appeared on an earlier row (a per-row probe of the key). */
const FIND_DUPLICATES = `
SELECT row_no, first_row FROM (
  SELECT s.row_no, (SELECT c.row_no FROM import_contracts c WHERE c.contract_no = s.contract_no) AS first_row
  FROM import_stage s
) x WHERE first_row <> row_no ORDER BY row_no`;

/*
 * One chunk moves from the stage into the ledger in three statements. Parameters: $1 portfolio id,
 * $2 batch id, $3 business date, $4 now.
 *
 * Lookups against the big tables are scalar subqueries on unique indexes, which PostgreSQL always runs
 * as one index probe per staged row; joins on primary keys do the rest. So the cost of a chunk does not
 * grow with the size of the ledger, whatever the planner's statistics say mid-import.
 */
const UPSERT_DEBTORS = `
INSERT INTO debtors (id_number, name, gender, birth_date, created_at, updated_at)
SELECT DISTINCT ON (id_number) id_number, name, gender, birth_date, $1::timestamptz, $1::timestamptz
FROM import_stage ORDER BY id_number, row_no DESC
ON CONFLICT (id_number) DO UPDATE SET name = EXCLUDED.name, updated_at = EXCLUDED.updated_at
WHERE debtors.name IS DISTINCT FROM EXCLUDED.name`;

const RESOLVE_IDS = `
UPDATE import_stage s SET
  debtor_id = (SELECT d.id FROM debtors d WHERE d.id_number = s.id_number),
  (account_id, case_id, old_bucket) = (
    SELECT a.id, c.id, c.bucket FROM accounts a LEFT JOIN cases c ON c.account_id = a.id
    WHERE a.portfolio_id = $1::uuid AND a.contract_no = s.contract_no
  )`;

const MERGE_CHUNK = `
WITH ph AS (
  INSERT INTO debtor_phones (debtor_id, number, type, source, created_at, updated_at)
  SELECT DISTINCT ON (debtor_id, phone) debtor_id, phone,
    CASE WHEN phone_kind = 'mobile' THEN 'mobile' ELSE 'home' END, 'import', $4::timestamptz, $4::timestamptz
  FROM import_stage ORDER BY debtor_id, phone
  ON CONFLICT (debtor_id, number) DO NOTHING
),
ad AS (
  INSERT INTO debtor_addresses (debtor_id, kind, address, source, created_at)
  SELECT DISTINCT ON (debtor_id, address) debtor_id, 'home', address, 'import', $4::timestamptz
  FROM import_stage WHERE address IS NOT NULL ORDER BY debtor_id, address
  ON CONFLICT (debtor_id, address) DO NOTHING
),
ct AS (
  INSERT INTO contacts (debtor_id, name, relation, debt_related, phone, source, created_at, updated_at)
  SELECT DISTINCT ON (debtor_id, contact_name, contact_phone)
    debtor_id, contact_name, coalesce(contact_relation, ''), contact_debt_related, contact_phone, 'import',
    $4::timestamptz, $4::timestamptz
  FROM import_stage WHERE contact_name IS NOT NULL ORDER BY debtor_id, contact_name, contact_phone, row_no DESC
  ON CONFLICT (debtor_id, name, phone) DO UPDATE
    SET relation = EXCLUDED.relation, debt_related = EXCLUDED.debt_related, updated_at = EXCLUDED.updated_at
),
n AS (
  SELECT s.*, uuid_v7() AS new_account_id, uuid_v7() AS new_case_id
  FROM import_stage s WHERE s.account_id IS NULL
),
ia AS (
  INSERT INTO accounts (id, portfolio_id, debtor_id, contract_no, product, principal_fen, interest_fen, penalty_fen,
    fees_fen, balance_fen, first_missed_due_date, created_batch_id, last_batch_id, created_at, updated_at)
  SELECT new_account_id, $1::uuid, debtor_id, contract_no, product, principal_fen, interest_fen, penalty_fen,
    fees_fen, balance_fen, due_date, $2::uuid, $2::uuid, $4::timestamptz, $4::timestamptz
  FROM n
),
ic AS (
  INSERT INTO cases (id, account_id, portfolio_id, debtor_id, bucket, days_past_due, aged_on, opened_at, updated_at)
  SELECT new_case_id, new_account_id, $1::uuid, debtor_id, bucket, dpd, $3::date, $4::timestamptz, $4::timestamptz
  FROM n
),
ih AS (
  INSERT INTO bucket_history (case_id, from_bucket, to_bucket, moved_on, days_past_due, reason, batch_id, created_at)
  SELECT new_case_id, NULL, bucket, $3::date, dpd, 'import', $2::uuid, $4::timestamptz FROM n
),
e AS (
  SELECT * FROM import_stage WHERE account_id IS NOT NULL
),
ua AS (
  UPDATE accounts a SET
    debtor_id = e.debtor_id, product = e.product, principal_fen = e.principal_fen,
    interest_fen = e.interest_fen, penalty_fen = e.penalty_fen, fees_fen = e.fees_fen,
    balance_fen = e.balance_fen, first_missed_due_date = e.due_date, last_batch_id = $2::uuid,
    updated_at = $4::timestamptz
  FROM e WHERE a.id = e.account_id
),
uc AS (
  UPDATE cases c SET bucket = e.bucket, days_past_due = e.dpd, aged_on = $3::date, updated_at = $4::timestamptz
  FROM e WHERE c.id = e.case_id
),
uh AS (
  INSERT INTO bucket_history (case_id, from_bucket, to_bucket, moved_on, days_past_due, reason, batch_id, created_at)
  SELECT case_id, old_bucket, bucket, $3::date, dpd, 'reimport', $2::uuid, $4::timestamptz
  FROM e WHERE case_id IS NOT NULL AND old_bucket IS DISTINCT FROM bucket
)
SELECT (SELECT count(*) FROM n)::int AS imported, (SELECT count(*) FROM e)::int AS updated`;

// ---- COPY text format ----

const NEEDS_ESCAPE = /[\\\t\n\r]/;

function copyText(value: string | null): string {
  if (value === null) return '\\N';
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

function stageLine(r: StagedRow): string {
  return `${r.rowNumber}\t${copyText(r.contractNo)}\t${copyText(r.name)}\t${r.idNumber}\t${r.gender}\t${r.birthDate}\t${
    r.phone
  }\t${r.phoneKind}\t${copyText(r.product)}\t${r.dueDate}\t${r.principalFen}\t${r.interestFen}\t${r.penaltyFen}\t${
    r.feesFen
  }\t${r.balanceFen}\t${r.daysPastDue}\t${copyText(r.bucket)}\t${copyText(r.contactName)}\t${copyText(
    r.contactRelation,
  )}\t${r.contactDebtRelated ? 't' : 'f'}\t${copyText(r.contactPhone)}\t${copyText(r.address)}\n`;
}

/** COPYs a chunk into the stage and takes out the rows that repeat an earlier contract of the file. */
async function stageChunk(sql: SqlSession, lines: string): Promise<{ row_no: number; first_row: number }[]> {
  await sql.query('TRUNCATE import_stage');
  await sql.copyIn('import_stage', STAGE_COLUMNS, lines);
  await sql.query(RECORD_CONTRACTS);
  const duplicates = (await sql.query<{ row_no: number; first_row: number }>(FIND_DUPLICATES)).rows;
  if (duplicates.length > 0) {
    await sql.query('DELETE FROM import_stage WHERE row_no = ANY($1::int[])', [
      duplicates.map((d) => d.row_no),
    ]);
  }
  return duplicates;
}

/** Moves the staged chunk into the ledger. */
async function mergeChunk(
  sql: SqlSession,
  params: [string, string, string, Date],
): Promise<{ imported: number; updated: number }> {
  await sql.query(UPSERT_DEBTORS, [params[3]]);
  await sql.query(RESOLVE_IDS, [params[0]]);
  const r = await sql.query<{ imported: number; updated: number }>(MERGE_CHUNK, params);
  const row = r.rows[0];
  return { imported: row?.imported ?? 0, updated: row?.updated ?? 0 };
}

class RejectedBatch extends Error {}

export async function findPortfolio(store: Store, code: string) {
  const rows = await store.db.select().from(portfolios).where(eq(portfolios.code, code)).limit(1);
  const p = rows[0];
  if (!p) throw new AppError('PORTFOLIO_NOT_FOUND', { code });
  return p;
}

export async function importCases(
  store: Store,
  source: ImportSource,
  options: ImportOptions,
): Promise<ImportResult> {
  const portfolio = await findPortfolio(store, options.portfolioCode);
  const buckets: readonly BucketRange[] = portfolio.bucketConfig;
  const asOf = localDateOf(options.now, portfolio.timeZone);
  const startedAt = options.now;
  // The batch's duration is measured on the real clock and added to the caller's (which may be shifted).
  const began = performance.now();
  const finishedAt = () => new Date(startedAt.getTime() + Math.round(performance.now() - began));
  const fileName = source.fileName ?? ('path' in source ? basename(source.path) : 'upload');
  const file = await openImportFile('path' in source ? { path: source.path } : source);
  const headerOf = new Map<TemplateField, string>(file.columns.map((c) => [c.field, c.header]));
  const columnName = (field: TemplateField) => headerOf.get(field) ?? fieldLabel(field, 'zh-CN');

  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK;
  const batchId = randomUUID();
  const rejected: RejectedRow[] = [];
  let rejectedCount = 0;
  let rows = 0;
  let imported = 0;
  let updated = 0;
  const reject = (row: number, column: string, reason: string, reasonEn: string) => {
    rejectedCount++;
    if (rejected.length < MAX_REPORTED_PROBLEMS) rejected.push({ row, column, reason, reasonEn });
  };

  const summary = (status: 'committed' | 'rejected'): ImportResult => ({
    batchId: status === 'committed' ? batchId : null,
    status,
    rows,
    imported: status === 'committed' ? imported : 0,
    updated: status === 'committed' ? updated : 0,
    rejected,
    rejectedCount,
    encoding: file.encoding,
    format: file.format,
  });

  try {
    await store.transaction(async ({ db, sql }) => {
      await sql.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [IMPORT_LOCK_CLASS, portfolio.id]);
      await sql.query(CREATE_STAGE);
      const params: [string, string, string, Date] = [portfolio.id, batchId, asOf, options.now];
      await sql.query(CREATE_SEEN);
      let badRows = 0;
      let buffer: string[] = [];
      let pending: Promise<void> = Promise.resolve();

      // While the database stages and merges one chunk, Node parses and validates the next.
      const flush = async () => {
        if (buffer.length === 0) return;
        const lines = buffer.join('');
        buffer = [];
        await pending;
        pending = (async () => {
          const duplicates = await stageChunk(sql, lines);
          for (const d of duplicates) {
            badRows++;
            reject(
              d.row_no,
              columnName('contract_no'),
              `与第 ${d.first_row} 行的合同编号重复`,
              `same contract number as row ${d.first_row}`,
            );
          }
          // In all-or-nothing mode a bad row means nothing will be written: chunks are still staged so
          // that every duplicate is found and reported, but no longer merged.
          if (options.acceptValid || badRows === 0) {
            const r = await mergeChunk(sql, params);
            imported += r.imported;
            updated += r.updated;
          }
        })();
        // Surface a database error at once rather than after the whole file has been read.
        pending.catch(() => undefined);
      };

      for await (const raw of file.rows) {
        rows++;
        const check = validateImportRow(raw.rowNumber, raw.values, { asOf, buckets });
        if (!check.ok) {
          badRows++;
          for (const p of check.problems) reject(raw.rowNumber, columnName(p.field), p.zh, p.en);
        } else {
          buffer.push(stageLine(check.row));
          if (buffer.length >= chunkSize) await flush();
        }
        if (options.onProgress && rows % 1000 === 0) {
          options.onProgress({ rows, bytesRead: file.bytesRead(), totalBytes: file.totalBytes });
        }
      }
      await flush();
      await pending;
      // Duplicates are found chunk by chunk; report every problem in row order.
      rejected.sort((a, b) => a.row - b.row);
      if (!options.acceptValid && badRows > 0) throw new RejectedBatch();
      options.onProgress?.({ rows, bytesRead: file.bytesRead(), totalBytes: file.totalBytes });

      await db.insert(importBatches).values({
        id: batchId,
        portfolioId: portfolio.id,
        fileName,
        fileFormat: file.format,
        encoding: file.encoding,
        status: 'committed',
        acceptValid: options.acceptValid,
        rowsTotal: rows,
        imported,
        updated,
        rejectedCount,
        rejected: rejected.slice(0, MAX_STORED_PROBLEMS),
        createdBy: options.actor.userId,
        actorName: options.actor.username,
        startedAt,
        finishedAt: finishedAt(),
      });
      await writeAudit(db, options.actor, {
        action: 'import.commit',
        entityType: 'import_batch',
        entityId: batchId,
        after: {
          portfolio: portfolio.code,
          fileName,
          rows,
          imported,
          updated,
          rejectedCount,
          acceptValid: options.acceptValid,
        },
      });
    });
  } catch (e) {
    if (!(e instanceof RejectedBatch)) throw e;
    // Nothing of the file was written. Keep a record of the attempt and its first problems for the team.
    await store.transaction(async ({ db }) => {
      const [row] = await db
        .insert(importBatches)
        .values({
          portfolioId: portfolio.id,
          fileName,
          fileFormat: file.format,
          encoding: file.encoding,
          status: 'rejected',
          acceptValid: false,
          rowsTotal: rows,
          rejectedCount,
          rejected: rejected.slice(0, MAX_STORED_PROBLEMS),
          createdBy: options.actor.userId,
          actorName: options.actor.username,
          startedAt,
          finishedAt: finishedAt(),
        })
        .returning({ id: importBatches.id });
      await writeAudit(db, options.actor, {
        action: 'import.reject',
        entityType: 'import_batch',
        entityId: row?.id ?? null,
        after: { portfolio: portfolio.code, fileName, rows, rejectedCount },
      });
    });
    return summary('rejected');
  }
  return summary('committed');
}
