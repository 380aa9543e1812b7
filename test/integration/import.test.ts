import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors';
import { systemActor } from '../../src/services/actor';
import { importCases } from '../../src/services/import/import-cases';
import { createPortfolio } from '../../src/services/portfolios';
import type { Store } from '../../src/store/db';
import { csvText, type TemplateRow, tempDir, validRows, writeCsv } from '../helpers/files';
import { createTestDatabase, type TestDatabase } from '../helpers/store';

const NOW = new Date('2026-11-24T02:00:00Z'); // 10:00 in Shanghai
const actor = systemActor('test');
let tdb: TestDatabase;
let store: Store;
let dir: string;
let portfolioSeq = 0;

async function freshPortfolio(): Promise<string> {
  portfolioSeq++;
  const code = `P${portfolioSeq}`;
  await createPortfolio(store, actor, { code, name: `测试资产包 ${portfolioSeq}` });
  return code;
}

async function counts(portfolioCode: string) {
  const r = await store.sql.query<{ accounts: number; cases: number; history: number; balance: number }>(
    `SELECT (SELECT count(*) FROM accounts a JOIN portfolios p ON p.id = a.portfolio_id WHERE p.code = $1)::int AS accounts,
            (SELECT count(*) FROM cases c JOIN portfolios p ON p.id = c.portfolio_id WHERE p.code = $1)::int AS cases,
            (SELECT count(*) FROM bucket_history h JOIN cases c ON c.id = h.case_id JOIN portfolios p ON p.id = c.portfolio_id
               WHERE p.code = $1)::int AS history,
            (SELECT coalesce(sum(a.balance_fen), 0) FROM accounts a JOIN portfolios p ON p.id = a.portfolio_id
               WHERE p.code = $1)::int8 AS balance`,
    [portfolioCode],
  );
  return r.rows[0] as { accounts: number; cases: number; history: number; balance: number };
}

function fen(yuan: string): number {
  const [i, d = ''] = yuan.split('.');
  return Number(i) * 100 + Number(d.padEnd(2, '0'));
}

function rowBalance(r: TemplateRow): number {
  return fen(r.principal) + fen(r.interest || '0') + fen(r.penalty || '0') + fen(r.fees || '0');
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  store = tdb.store;
  dir = tempDir();
});
afterAll(async () => {
  await tdb.drop();
});

describe('importing a placement file', () => {
  let code: string;
  beforeEach(async () => {
    code = await freshPortfolio();
  });

  it('writes accounts, cases, debtors and the opening bucket of each case', async () => {
    const rows = validRows(120, { seed: 11 });
    const path = writeCsv(dir, 'ok.csv', rows);
    const result = await importCases(
      store,
      { path },
      { portfolioCode: code, acceptValid: false, actor, now: NOW },
    );
    expect(result).toMatchObject({
      status: 'committed',
      rows: 120,
      imported: 120,
      updated: 0,
      rejectedCount: 0,
    });
    const c = await counts(code);
    expect(c).toEqual({
      accounts: 120,
      cases: 120,
      history: 120,
      balance: rows.reduce((s, r) => s + rowBalance(r), 0),
    });

    const first = rows[0] as TemplateRow;
    const detail = await store.sql.query<{
      principal_fen: number;
      balance_fen: number;
      bucket: string;
      dpd: number;
      phone: string;
    }>(
      `SELECT a.principal_fen, a.balance_fen, c.bucket, c.days_past_due AS dpd,
              (SELECT number FROM debtor_phones WHERE debtor_id = a.debtor_id LIMIT 1) AS phone
       FROM accounts a JOIN cases c ON c.account_id = a.id
       WHERE a.contract_no = $1 AND c.portfolio_id = (SELECT id FROM portfolios WHERE code = $2)`,
      [first.contract_no, code],
    );
    const dpd = Math.round((Date.parse('2026-11-24') - Date.parse(first.due_date)) / 86_400_000);
    const expectedBucket = dpd <= 0 ? 'M0' : dpd <= 30 ? 'M1' : dpd <= 60 ? 'M2' : dpd <= 90 ? 'M3' : 'M3+';
    expect(detail.rows[0]).toEqual({
      principal_fen: fen(first.principal),
      balance_fen: rowBalance(first),
      bucket: expectedBucket,
      dpd: Math.max(0, dpd),
      phone: first.phone,
    });
    const history = await store.sql.query<{ from_bucket: string | null; to_bucket: string; reason: string }>(
      `SELECT h.from_bucket, h.to_bucket, h.reason FROM bucket_history h JOIN cases c ON c.id = h.case_id
       JOIN accounts a ON a.id = c.account_id
       WHERE a.contract_no = $1 AND c.portfolio_id = (SELECT id FROM portfolios WHERE code = $2)`,
      [first.contract_no, code],
    );
    expect(history.rows).toEqual([{ from_bucket: null, to_bucket: expectedBucket, reason: 'import' }]);

    const audit = await store.sql.query<{ action: string; after: { imported: number } }>(
      `SELECT action, after FROM audit_log WHERE action = 'import.commit' AND entity_id = $1`,
      [result.batchId],
    );
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]?.after.imported).toBe(120);
  });

  it('rejects the whole file for one bad row, naming row, column and reason, and writes nothing', async () => {
    const rows = validRows(30, { seed: 12 });
    const bad = rows[4] as TemplateRow;
    // Break the check digit of the ID number.
    const last = bad.id_number.at(-1) as string;
    bad.id_number = bad.id_number.slice(0, -1) + (last === '0' ? '1' : '0');
    const path = writeCsv(dir, 'bad.csv', rows);
    const result = await importCases(
      store,
      { path },
      { portfolioCode: code, acceptValid: false, actor, now: NOW },
    );
    expect(result.status).toBe('rejected');
    expect(result.imported).toBe(0);
    expect(result.rejected).toEqual([
      {
        row: 6,
        column: '身份证号',
        reason: expect.stringContaining('校验'),
        reasonEn: expect.stringMatching(/check/i),
      },
    ]);
    expect(await counts(code)).toEqual({ accounts: 0, cases: 0, history: 0, balance: 0 });
    const batches = await store.sql.query<{ status: string; rejected_count: number }>(
      `SELECT b.status, b.rejected_count FROM import_batches b JOIN portfolios p ON p.id = b.portfolio_id WHERE p.code = $1`,
      [code],
    );
    expect(batches.rows).toEqual([{ status: 'rejected', rejected_count: 1 }]);
  });

  it('with acceptValid writes the good rows and reports every problem of the bad ones', async () => {
    const rows = validRows(20, { seed: 13 });
    (rows[2] as TemplateRow).phone = '12345';
    (rows[2] as TemplateRow).principal = '-5.00';
    (rows[9] as TemplateRow).due_date = '2026-02-30';
    const path = writeCsv(dir, 'partial.csv', rows);
    const result = await importCases(
      store,
      { path },
      { portfolioCode: code, acceptValid: true, actor, now: NOW },
    );
    expect(result.status).toBe('committed');
    expect(result.imported).toBe(18);
    expect(result.rejected.map((r) => [r.row, r.column])).toEqual([
      [4, '手机号'],
      [4, '本金'],
      [11, '到期日'],
    ]);
    expect((await counts(code)).accounts).toBe(18);
  });

  it('re-importing updates balances and buckets without duplicating a case', async () => {
    const rows = validRows(40, { seed: 14 });
    const path = writeCsv(dir, 'first.csv', rows);
    await importCases(store, { path }, { portfolioCode: code, acceptValid: false, actor, now: NOW });
    // The creditor's next file: one balance changed, one account now 200 days past due.
    const changed = rows.map((r) => ({ ...r }));
    (changed[0] as TemplateRow).principal = '99999.99';
    (changed[1] as TemplateRow).due_date = '2026-05-08';
    const again = writeCsv(dir, 'second.csv', changed);
    const result = await importCases(
      store,
      { path: again },
      { portfolioCode: code, acceptValid: false, actor, now: NOW },
    );
    expect(result).toMatchObject({ status: 'committed', imported: 0, updated: 40 });
    const c = await counts(code);
    expect(c.accounts).toBe(40);
    expect(c.cases).toBe(40);
    expect(c.balance).toBe(changed.reduce((s, r) => s + rowBalance(r), 0));
    const moved = await store.sql.query<{
      from_bucket: string;
      to_bucket: string;
      reason: string;
      days_past_due: number;
    }>(
      `SELECT h.from_bucket, h.to_bucket, h.reason, h.days_past_due FROM bucket_history h
       JOIN cases c ON c.id = h.case_id JOIN accounts a ON a.id = c.account_id
       WHERE a.contract_no = $1 AND c.portfolio_id = (SELECT id FROM portfolios WHERE code = $2) ORDER BY h.id`,
      [(changed[1] as TemplateRow).contract_no, code],
    );
    expect(moved.rows).toHaveLength(2);
    expect(moved.rows[0]).toMatchObject({ from_bucket: null, reason: 'import' });
    expect(moved.rows[1]).toMatchObject({ to_bucket: 'M3+', reason: 'reimport', days_past_due: 200 });
  });

  it('reads GBK and UTF-8 with BOM files the same as UTF-8', async () => {
    const rows = validRows(25, { seed: 15 });
    for (const [i, enc] of (['gbk', 'utf-8-bom', 'utf-8'] as const).entries()) {
      const c = await freshPortfolio();
      const path = writeCsv(dir, `enc-${i}.csv`, rows, enc);
      const result = await importCases(
        store,
        { path },
        { portfolioCode: c, acceptValid: false, actor, now: NOW },
      );
      expect(result).toMatchObject({ status: 'committed', imported: 25, encoding: enc });
      const names = await store.sql.query<{ name: string }>(
        `SELECT d.name FROM accounts a JOIN debtors d ON d.id = a.debtor_id JOIN portfolios p ON p.id = a.portfolio_id
         WHERE p.code = $1 ORDER BY a.contract_no`,
        [c],
      );
      expect(names.rows.map((r) => r.name)).toEqual(
        [...rows].sort((a, b) => a.contract_no.localeCompare(b.contract_no)).map((r) => r.name),
      );
    }
  });

  it('refuses a contract that appears twice in one file, pointing at the first row', async () => {
    const rows = validRows(10, { seed: 16 });
    (rows[7] as TemplateRow).contract_no = (rows[2] as TemplateRow).contract_no;
    const path = writeCsv(dir, 'dup.csv', rows);
    const result = await importCases(
      store,
      { path },
      { portfolioCode: code, acceptValid: false, actor, now: NOW },
    );
    expect(result.status).toBe('rejected');
    expect(result.rejected).toEqual([
      {
        row: 9,
        column: '合同编号',
        reason: '与第 4 行的合同编号重复',
        reasonEn: 'same contract number as row 4',
      },
    ]);
    expect((await counts(code)).accounts).toBe(0);
  });

  it('keeps the first of two rows with one contract number, even chunks apart, and reports the second', async () => {
    const rows = validRows(12, { seed: 23 });
    const copy = { ...(rows[1] as TemplateRow), principal: '1.00' };
    rows.push(copy);
    const path = writeCsv(dir, 'dup-far.csv', rows);
    const result = await importCases(
      store,
      { path },
      { portfolioCode: code, acceptValid: true, actor, now: NOW, chunkSize: 4 },
    );
    expect(result).toMatchObject({ status: 'committed', imported: 12, rejectedCount: 1 });
    expect(result.rejected).toEqual([
      {
        row: 14,
        column: '合同编号',
        reason: '与第 3 行的合同编号重复',
        reasonEn: 'same contract number as row 3',
      },
    ]);
    const kept = await store.sql.query<{ principal_fen: number }>(
      `SELECT a.principal_fen FROM accounts a JOIN portfolios p ON p.id = a.portfolio_id
       WHERE p.code = $1 AND a.contract_no = $2`,
      [code, copy.contract_no],
    );
    expect(kept.rows).toEqual([{ principal_fen: fen((rows[1] as TemplateRow).principal) }]);
  });

  it('reports every problem of a refused file in row order, duplicates after the first bad row included', async () => {
    const rows = validRows(10, { seed: 24 });
    (rows[0] as TemplateRow).phone = '12';
    rows.push({ ...(rows[5] as TemplateRow) });
    const path = writeCsv(dir, 'refused.csv', rows);
    const result = await importCases(
      store,
      { path },
      { portfolioCode: code, acceptValid: false, actor, now: NOW, chunkSize: 3 },
    );
    expect(result.status).toBe('rejected');
    expect(result.rejected.map((r) => [r.row, r.column])).toEqual([
      [2, '手机号'],
      [12, '合同编号'],
    ]);
    expect((await counts(code)).accounts).toBe(0);
  });

  it('names the missing required columns and writes nothing', async () => {
    const path = join(dir, 'missing.csv');
    writeFileSync(path, '合同编号,客户姓名,手机号\nC1,张三,13800000000\n');
    const error = await importCases(
      store,
      { path },
      { portfolioCode: code, acceptValid: false, actor, now: NOW },
    ).catch((e) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe('IMPORT_MISSING_COLUMNS');
    expect(error.messageIn('zh-CN')).toContain('身份证号');
    expect(error.messageIn('zh-CN')).toContain('本金');
    expect((await counts(code)).accounts).toBe(0);
  });

  it('refuses a file that is not a spreadsheet', async () => {
    const path = join(dir, 'scan.pdf');
    writeFileSync(path, '%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n');
    await expect(
      importCases(store, { path }, { portfolioCode: code, acceptValid: false, actor, now: NOW }),
    ).rejects.toMatchObject({
      code: 'IMPORT_FILE_TYPE',
    });
  });

  it('refuses an unknown portfolio before reading the file', async () => {
    const path = writeCsv(dir, 'nowhere.csv', validRows(2, { seed: 17 }));
    await expect(
      importCases(store, { path }, { portfolioCode: 'NOPE', acceptValid: false, actor, now: NOW }),
    ).rejects.toMatchObject({
      code: 'PORTFOLIO_NOT_FOUND',
    });
  });

  it('leaves nothing behind when the upload breaks off in the middle', async () => {
    const text = csvText(validRows(500, { seed: 18 }));
    const cut = Math.floor(text.length * 0.8);
    async function* brokenUpload() {
      yield Buffer.from(text.slice(0, cut));
      throw new Error('connection reset by peer');
    }
    const error = await importCases(
      store,
      { stream: Readable.from(brokenUpload()), fileName: 'broken.csv' },
      { portfolioCode: code, acceptValid: true, actor, now: NOW, chunkSize: 50 },
    ).catch((e) => e);
    expect(error).toBeInstanceOf(Error);
    expect(await counts(code)).toEqual({ accounts: 0, cases: 0, history: 0, balance: 0 });
  });

  it('imports an .xlsx file', async () => {
    const rows = validRows(15, { seed: 19 });
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('委案');
    ws.addRow([
      '合同编号',
      '客户姓名',
      '身份证号',
      '手机号',
      '产品',
      '到期日',
      '本金',
      '利息',
      '罚息',
      '费用',
      '联系人姓名',
      '联系人关系',
      '联系人电话',
      '地址',
    ]);
    for (const r of rows) {
      ws.addRow([
        r.contract_no,
        r.name,
        r.id_number,
        r.phone,
        r.product,
        new Date(`${r.due_date}T00:00:00Z`),
        Number(r.principal),
        Number(r.interest),
        Number(r.penalty),
        Number(r.fees),
        r.contact_name,
        r.contact_relation,
        r.contact_phone,
        r.address,
      ]);
    }
    const path = join(dir, 'cases.xlsx');
    await wb.xlsx.writeFile(path);
    const result = await importCases(
      store,
      { path },
      { portfolioCode: code, acceptValid: false, actor, now: NOW },
    );
    expect(result).toMatchObject({ status: 'committed', imported: 15, format: 'xlsx' });
    expect((await counts(code)).balance).toBe(rows.reduce((s, r) => s + rowBalance(r), 0));
  });

  it('two imports of the same file at once never duplicate a contract', async () => {
    const rows = validRows(300, { seed: 20 });
    const path = writeCsv(dir, 'twice.csv', rows);
    const results = await Promise.all([
      importCases(
        store,
        { path },
        { portfolioCode: code, acceptValid: false, actor, now: NOW, chunkSize: 40 },
      ),
      importCases(
        store,
        { path },
        { portfolioCode: code, acceptValid: false, actor, now: NOW, chunkSize: 40 },
      ),
    ]);
    expect(results.map((r) => r.imported).sort()).toEqual([0, 300]);
    expect(results.map((r) => r.updated).sort()).toEqual([0, 300]);
    expect(await counts(code)).toMatchObject({ accounts: 300, cases: 300, history: 300 });
  });

  it('keeps one debtor per ID number across contracts and files', async () => {
    const rows = validRows(6, { seed: 21 });
    const same = rows.map((r, i) => ({
      ...r,
      id_number: (rows[0] as TemplateRow).id_number,
      contract_no: `SAME-${i}`,
    }));
    await importCases(
      store,
      { path: writeCsv(dir, 'same.csv', same) },
      { portfolioCode: code, acceptValid: false, actor, now: NOW },
    );
    const r = await store.sql.query<{ debtors: number; accounts: number }>(
      `SELECT count(DISTINCT a.debtor_id)::int AS debtors, count(*)::int AS accounts
       FROM accounts a JOIN portfolios p ON p.id = a.portfolio_id WHERE p.code = $1`,
      [code],
    );
    expect(r.rows[0]).toEqual({ debtors: 1, accounts: 6 });
  });
});

describe('large files', () => {
  it('imports a 50,000-row file in one batch', async () => {
    const code = await freshPortfolio();
    const rows = validRows(50_000, { seed: 22, prefix: 'BIG-' });
    const path = writeCsv(dir, 'big.csv', rows);
    const result = await importCases(
      store,
      { path },
      { portfolioCode: code, acceptValid: false, actor, now: NOW },
    );
    expect(result).toMatchObject({ status: 'committed', rows: 50_000, imported: 50_000 });
    const c = await counts(code);
    expect(c.accounts).toBe(50_000);
    expect(c.cases).toBe(50_000);
    expect(c.balance).toBe(rows.reduce((s, r) => s + rowBalance(r), 0));
  });
});
