/**
 * Properties of the importer over random sequences of files: a rejected file changes nothing, a
 * committed file leaves exactly one account and one case per contract, and every balance is the one
 * from the last file that carried the contract.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemActor } from '../../src/services/actor';
import { importCases } from '../../src/services/import/import-cases';
import { createPortfolio } from '../../src/services/portfolios';
import type { Store } from '../../src/store/db';
import { type TemplateRow, tempDir, validRows, writeCsv } from '../helpers/files';
import { createTestDatabase, type TestDatabase } from '../helpers/store';

const NOW = new Date('2026-11-24T02:00:00Z');
const actor = systemActor('property');
let tdb: TestDatabase;
let store: Store;
let dir: string;
const pool = validRows(12, { seed: 99 });

beforeAll(async () => {
  tdb = await createTestDatabase();
  store = tdb.store;
  dir = tempDir();
});
afterAll(async () => tdb.drop());

const entry = fc.record({
  contract: fc.integer({ min: 0, max: 11 }),
  fen: fc.integer({ min: 0, max: 5_000_000 }),
  bad: fc.boolean(),
});
const file = fc.record({
  entries: fc.uniqueArray(entry, { selector: (e) => e.contract, minLength: 1, maxLength: 12 }),
  acceptValid: fc.boolean(),
  chunkSize: fc.integer({ min: 1, max: 6 }),
});

let run = 0;

it('never writes a partial batch and never double-counts a contract', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(file, { minLength: 1, maxLength: 4 }), async (files) => {
      run++;
      const code = `PROP${run}`;
      await createPortfolio(store, actor, { code, name: `property ${run}` });
      const model = new Map<string, number>();
      for (const [i, f] of files.entries()) {
        const rows: TemplateRow[] = f.entries.map((e) => {
          const base = pool[e.contract] as TemplateRow;
          return {
            ...base,
            contract_no: `PC-${e.contract}`,
            principal: `${Math.floor(e.fen / 100)}.${String(e.fen % 100).padStart(2, '0')}`,
            interest: '0',
            penalty: '0',
            fees: '0',
            phone: e.bad ? '110' : base.phone,
          };
        });
        const path = writeCsv(dir, `prop-${run}-${i}.csv`, rows);
        const before = new Map(model);
        const result = await importCases(
          store,
          { path },
          { portfolioCode: code, acceptValid: f.acceptValid, actor, now: NOW, chunkSize: f.chunkSize },
        );
        const valid = f.entries.filter((e) => !e.bad);
        const anyBad = valid.length < f.entries.length;
        if (anyBad && !f.acceptValid) {
          expect(result.status).toBe('rejected');
        } else {
          expect(result.status).toBe('committed');
          const fresh = valid.filter((e) => !before.has(`PC-${e.contract}`)).length;
          expect(result.imported).toBe(fresh);
          expect(result.updated).toBe(valid.length - fresh);
          for (const e of valid) model.set(`PC-${e.contract}`, e.fen);
        }
        const db = await store.sql.query<{ contract_no: string; balance_fen: number; cases: number }>(
          `SELECT a.contract_no, a.balance_fen, (SELECT count(*) FROM cases c WHERE c.account_id = a.id)::int AS cases
           FROM accounts a JOIN portfolios p ON p.id = a.portfolio_id WHERE p.code = $1 ORDER BY a.contract_no COLLATE "C"`,
          [code],
        );
        const expected = [...model.entries()]
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([contract_no, balance_fen]) => ({ contract_no, balance_fen, cases: 1 }));
        expect(db.rows).toEqual(expected);
      }
    }),
    { numRuns: 25 },
  );
});
