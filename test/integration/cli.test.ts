/** The `qingshou` command as other tools use it: a child process, its stdout, its exit status. */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TemplateRow, tempDir, validRows, writeCsv } from '../helpers/files';
import { createTestDatabase, type TestDatabase, testEngine } from '../helpers/store';

let tdb: TestDatabase | null = null;
let env: Record<string, string>;
let dir: string;

function qingshou(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/qingshou.mjs', ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  dir = tempDir();
  if (testEngine === 'postgres') {
    tdb = await createTestDatabase();
    await tdb.store.close();
    env = { DATABASE_URL: tdb.url as string, QINGSHOU_DATA_DIR: '' };
  } else {
    env = { DATABASE_URL: '', QINGSHOU_DATA_DIR: join(dir, 'data') };
  }
});
afterAll(async () => {
  if (tdb) {
    const { default: pg } = await import('pg');
    const url = new URL(tdb.url as string);
    const name = url.pathname.slice(1);
    url.pathname = '/test';
    const c = new pg.Client({ connectionString: process.env.QINGSHOU_TEST_PG_URL ?? url.toString() });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  }
});

describe('qingshou CLI', () => {
  it('creates a portfolio, imports with --json, and prints the contract shape', () => {
    const add = qingshou('portfolio', 'add', 'CLI-1', '--name', '命令行测试', '--profile', 'cn-cba');
    expect(add.status, add.stderr).toBe(0);
    expect(add.stdout).toContain('CLI-1');

    const rows = validRows(30, { seed: 41, prefix: 'CLI-' });
    const file = writeCsv(dir, 'good.csv', rows, 'gbk');
    const first = qingshou('import', file, '--portfolio', 'CLI-1', '--json');
    expect(first.status, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual({ imported: 30, updated: 0, rejected: [] });

    const again = qingshou('import', file, '--portfolio', 'CLI-1', '--json');
    expect(JSON.parse(again.stdout)).toEqual({ imported: 0, updated: 30, rejected: [] });
  });

  it('refuses a file with a bad row with exit status 2 and writes nothing', () => {
    qingshou('portfolio', 'add', 'CLI-2', '--name', '坏文件');
    const rows = validRows(5, { seed: 42, prefix: 'BAD-' });
    (rows[1] as TemplateRow).due_date = '2026-13-01';
    const file = writeCsv(dir, 'bad.csv', rows);
    const r = qingshou('import', file, '--portfolio', 'CLI-2', '--json');
    expect(r.status).toBe(2);
    const body = JSON.parse(r.stdout);
    expect(body.imported).toBe(0);
    expect(body.rejected).toEqual([
      { row: 3, column: '到期日', reason: expect.any(String), reasonEn: expect.any(String) },
    ]);
    const list = qingshou('portfolio', 'list', '--json');
    expect(JSON.parse(list.stdout).find((p: { code: string }) => p.code === 'CLI-2').openCases).toBe(0);

    const partial = qingshou('import', file, '--portfolio', 'CLI-2', '--accept-valid', '--json');
    expect(partial.status).toBe(0);
    expect(JSON.parse(partial.stdout)).toMatchObject({ imported: 4, updated: 0 });
  });

  it('explains a missing file, an unknown portfolio and bad arguments on stderr with status 2', () => {
    const missing = qingshou('import', join(dir, 'nope.csv'), '--portfolio', 'CLI-1');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('nope.csv');
    expect(missing.stdout).toBe('');
    const file = writeCsv(dir, 'x.csv', validRows(1, { seed: 43 }));
    const unknown = qingshou('import', file, '--portfolio', 'NOWHERE');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('PORTFOLIO_NOT_FOUND');
    const badArg = qingshou('demo', '--accounts', 'many');
    expect(badArg.status).toBe(2);
  });

  it('generates a demo portfolio of the requested size', () => {
    const r = qingshou('demo', '--accounts', '120', '--portfolio', 'CLI-DEMO', '--seed', '9', '--json');
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ portfolio: 'CLI-DEMO', imported: 120, assigned: 120 });
  });

  it('sets up a team whose collectors see the whole team, and a user in it', () => {
    const team = qingshou('team', 'add', 'T-CLI', '--name', '命令行小组', '--collector-scope', 'team');
    expect(team.status, team.stderr).toBe(0);
    const user = qingshou(
      'user',
      'add',
      'cli.collector',
      '--role',
      'collector',
      '--name',
      '命令行催收员',
      '--password',
      'secret-123',
      '--team',
      'T-CLI',
    );
    expect(user.status, user.stderr).toBe(0);
    expect(user.stdout).toContain('cli.collector (collector)');
    const unknownTeam = qingshou(
      'user',
      'add',
      'cli.other',
      '--role',
      'collector',
      '--name',
      'x',
      '--password',
      'secret-123',
      '--team',
      'T-NONE',
    );
    expect(unknownTeam.status).toBe(2);
    expect(unknownTeam.stderr).toContain('T-NONE');
    const badScope = qingshou('team', 'add', 'T-BAD', '--name', 'x', '--collector-scope', 'everyone');
    expect(badScope.status).toBe(2);
    expect(badScope.stderr).toContain('collectorScope');
  });

  it('decides contact attempts as JSON Lines, one answer per line in order', () => {
    const lines = [
      { id: 'ok', now: '2026-11-24T10:00:00+08:00' },
      { id: 'late', now: '2026-11-24T22:15:00+08:00' },
      { id: 'frozen', now: '2026-11-24T10:00:00+08:00', flags: { complaintFreeze: true } },
    ].map((o) =>
      JSON.stringify({
        profile: 'cn-cba',
        timeZone: 'Asia/Shanghai',
        channel: 'call',
        party: 'debtor',
        personId: 'p1',
        debtId: 'd1',
        ...o,
      }),
    );
    const r = spawnSync(process.execPath, ['bin/qingshou.mjs', 'gate', '-'], {
      input: `${lines.join('\n')}\n`,
      env: { ...process.env, ...env },
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    expect(
      r.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual([
      { id: 'ok', allowed: true, reasons: [], nextAllowedAt: '2026-11-24T02:00:00.000Z' },
      { id: 'late', allowed: false, reasons: ['outside_hours'], nextAllowedAt: '2026-11-25T00:00:00.000Z' },
      { id: 'frozen', allowed: false, reasons: ['complaint_freeze'], nextAllowedAt: null },
    ]);
  });
  it('qa: JSON Lines in, one line of findings per input line out, same order; a bad line exits 2', () => {
    const lines = [
      { id: 'threat', party: 'debtor', turns: [{ speaker: 'agent', text: '你再不还，后果自负！' }] },
      {
        id: 'clean',
        profile: 'cn-cba',
        party: 'third_party',
        turns: [{ speaker: 'agent', text: '麻烦您转告他回个电话，我姓王。' }],
      },
    ].map((line) => JSON.stringify(line));
    const ok = spawnSync(process.execPath, ['bin/qingshou.mjs', 'qa', '-'], {
      input: `${lines.join('\n')}\n`,
      env: { ...process.env, ...env },
      encoding: 'utf8',
    });
    expect(ok.status, ok.stderr).toBe(0);
    expect(
      ok.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual([
      {
        id: 'threat',
        findings: [
          {
            category: 'threat',
            rule: 'cn.threat.menace',
            severity: 'error',
            turn: 0,
            start: 5,
            end: 9,
            quote: '后果自负',
          },
        ],
      },
      { id: 'clean', findings: [] },
    ]);

    const bad = spawnSync(process.execPath, ['bin/qingshou.mjs', 'qa', '-'], {
      input: `${lines[1]}\n{"id":"x","party":"debtor"}\n`,
      env: { ...process.env, ...env },
      encoding: 'utf8',
    });
    expect(bad.status).toBe(2);
    const answers = bad.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(answers[0]).toEqual({ id: 'clean', findings: [] });
    expect(answers[1]).toMatchObject({
      id: 'x',
      findings: [],
      error: { code: 'VALIDATION_FAILED', field: 'turns' },
    });
  });
  it('batch: --json prints one object of counts; the same day again prints zeros; a bad date exits 2', () => {
    const first = qingshou('batch', '--as-of', '2030-01-05', '--json');
    expect(first.status, first.stderr).toBe(0);
    const counts = JSON.parse(first.stdout.trim());
    expect(Object.keys(counts).sort()).toEqual(
      [
        'arrangementsBroken',
        'arrangementsCompleted',
        'bucketMoves',
        'casesAssigned',
        'casesReaged',
        'casesReclassified',
        'escalationsCreated',
        'followUpsCreated',
        'placementsEnded',
        'promisesBroken',
        'promisesKept',
        'promisesPartlyKept',
        'remindersCreated',
        'segmentsChanged',
        'smsQueued',
      ].sort(),
    );
    expect(counts.casesReaged).toBeGreaterThan(0);
    const second = qingshou('batch', '--as-of', '2030-01-05', '--json');
    expect(Object.values(JSON.parse(second.stdout.trim())).every((n) => n === 0)).toBe(true);
    expect(Object.keys(JSON.parse(second.stdout.trim()))).toHaveLength(15);
    const bad = qingshou('batch', '--as-of', 'tomorrow');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('asOf');
  });
  it('payments import: --json reports posted, duplicates and each rejected line; a bad line exits 2', () => {
    const file = join(dir, 'bank.csv');
    writeFileSync(
      file,
      '合同编号,交易流水号,金额,交易时间\nNO-SUCH-CONTRACT,CLI-BANK-1,10.00,2026-11-24 10:00\n',
    );
    const run = qingshou('payments', 'import', file, '--portfolio', 'CLI-1', '--json');
    expect(run.status, run.stderr).toBe(2);
    expect(JSON.parse(run.stdout.trim())).toEqual({
      posted: 0,
      duplicates: 0,
      postedFen: 0,
      rejected: [expect.objectContaining({ line: 2, column: 'contractNo' })],
    });
    const missing = qingshou('payments', 'import', join(dir, 'nope.csv'), '--portfolio', 'CLI-1');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('file');
  });
  it('portfolio allocation: sets the order payments pay off the components; a bad order exits 2 naming it', () => {
    const set = qingshou('portfolio', 'allocation', 'CLI-1', '--order', 'principal,interest,penalty,fees');
    expect(set.status, set.stderr).toBe(0);
    expect(set.stdout).toContain('principal → interest → penalty → fees');
    const bad = qingshou('portfolio', 'allocation', 'CLI-1', '--order', 'principal,tax,penalty,fees');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('order');
    const back = qingshou('portfolio', 'allocation', 'CLI-1', '--default');
    expect(back.stdout).toContain('fees → penalty → interest → principal');
  });
  it('portfolio certification: required and back; neither or both flags exit 2 naming --required', () => {
    const on = qingshou('portfolio', 'certification', 'CLI-1', '--required');
    expect(on.status, on.stderr).toBe(0);
    expect(on.stdout).toContain('certification required');
    const off = qingshou('portfolio', 'certification', 'CLI-1', '--not-required');
    expect(off.stdout).toContain('no certification required');
    const neither = qingshou('portfolio', 'certification', 'CLI-1');
    expect(neither.status).toBe(2);
    expect(neither.stderr).toContain('--required');
    const unknown = qingshou('portfolio', 'certification', 'NOPE', '--required');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('PORTFOLIO_NOT_FOUND');
  });
});
