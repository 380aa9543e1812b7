/**
 * Quality inspection over HTTP and through the services, on PGlite and PostgreSQL: uploads (files and
 * JSON, all or nothing), findings at the right offsets, reviews (transitions, the note on dismissal,
 * concurrent reviewers), scores, who sees which calls, and the audit trail.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app';
import { SPEECH_RULES_VERSION } from '../../src/compliance/speech';
import { DEMO_PASSWORD } from '../../src/config';
import { type Actor, systemActor } from '../../src/services/actor';
import { actorOf, getUserView } from '../../src/services/auth';
import { assignDemoCases, ensureDemoOrganisation } from '../../src/services/demo/seed';
import { importCases } from '../../src/services/import/import-cases';
import { createPortfolio } from '../../src/services/portfolios';
import { reviewFinding, uploadTranscripts } from '../../src/services/qa';
import { seedDemoQa } from '../../src/services/qa-demo';
import type { Store } from '../../src/store/db';
import { tempDir, validRows, writeCsv } from '../helpers/files';
import { createTestDatabase, type TestDatabase } from '../helpers/store';

const NOW = new Date('2026-11-24T02:00:00Z');
const THREAT = '你再不还钱，我们就找人上门收拾你';
const JAIL = '不还钱就让你去坐牢';
const FEE = '把钱转到我个人微信上';
const COMPLIANT =
  '您好，我是清收银行信用卡中心的李明，您的账单已逾期，请通过官方APP还款，逾期可能影响您的征信记录。';

let tdb: TestDatabase;
let store: Store;
let app: FastifyInstance;
const cookies = new Map<string, string>();

async function login(username: string): Promise<string> {
  const cached = cookies.get(username);
  if (cached) return cached;
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password: DEMO_PASSWORD },
  });
  expect(res.statusCode, res.body).toBe(200);
  const cookie = res.cookies.find((c) => c.name === 'qs_session');
  if (!cookie) throw new Error('no session cookie');
  const header = `qs_session=${cookie.value}`;
  cookies.set(username, header);
  return header;
}

async function get(username: string, url: string) {
  return app.inject({ method: 'GET', url, headers: { cookie: await login(username) } });
}

async function post(username: string, url: string, payload?: unknown) {
  return app.inject({
    method: 'POST',
    url,
    headers: { cookie: await login(username) },
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
}

function multipart(files: { name: string; content: string | Buffer }[], fields: Record<string, string> = {}) {
  const boundary = '----qingshou-qa-test';
  const chunks: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  for (const f of files) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${f.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      Buffer.isBuffer(f.content) ? f.content : Buffer.from(f.content, 'utf8'),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

async function upload(username: string, files: { name: string; content: string | Buffer }[], fields = {}) {
  const body = multipart(files, fields);
  return app.inject({
    method: 'POST',
    url: '/api/v1/qa/transcripts',
    payload: body.payload,
    headers: { ...body.headers, cookie: await login(username) },
  });
}

async function count(table: string, where = 'TRUE', params: unknown[] = []): Promise<number> {
  const r = await store.sql.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${table} WHERE ${where}`,
    params,
  );
  return r.rows[0]?.n ?? 0;
}

async function actorFor(username: string): Promise<Actor> {
  const r = await store.sql.query<{ id: string }>('SELECT id FROM users WHERE username = $1', [username]);
  const view = await getUserView(store, r.rows[0]?.id as string);
  if (!view) throw new Error(`no user ${username}`);
  return actorOf(view);
}

async function userId(username: string): Promise<string> {
  const r = await store.sql.query<{ id: string }>('SELECT id FROM users WHERE username = $1', [username]);
  return r.rows[0]?.id as string;
}

interface StoredFinding {
  id: string;
  turn: number;
  start_offset: number;
  end_offset: number;
  quote: string;
  category: string;
  rule: string;
  severity: string;
  status: string;
}

async function findingsOf(transcriptId: string): Promise<StoredFinding[]> {
  return (
    await store.sql.query<StoredFinding>(
      `SELECT id, turn, start_offset, end_offset, quote, category, rule, severity, status FROM qa_findings
       WHERE transcript_id = $1 ORDER BY turn, start_offset, rule`,
      [transcriptId],
    )
  ).rows;
}

async function turnsOf(transcriptId: string): Promise<{ speaker: string; text: string }[]> {
  const r = await store.sql.query<{ turns: { speaker: string; text: string }[] }>(
    'SELECT turns FROM qa_transcripts WHERE id = $1',
    [transcriptId],
  );
  return r.rows[0]?.turns ?? [];
}

/** Uploads one call through the service as the QA inspector, returning its id. */
async function call(
  turns: { speaker: 'agent' | 'customer'; text: string }[],
  meta: Record<string, unknown> = {},
): Promise<string> {
  const { items } = await uploadTranscripts(
    store,
    await actorFor('qa'),
    { transcripts: [{ turns, ...meta }] },
    NOW,
  );
  return items[0]?.id as string;
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  store = tdb.store;
  const actor = systemActor('test');
  await ensureDemoOrganisation(store, DEMO_PASSWORD, actor);
  const portfolio = await createPortfolio(store, actor, { code: 'QA-P', name: '质检测试' });
  const rows = validRows(40, { seed: 77, prefix: 'QA-', asOf: '2026-11-24' });
  await importCases(
    store,
    { path: writeCsv(tempDir(), 'qa.csv', rows) },
    { portfolioCode: 'QA-P', acceptValid: false, actor, now: NOW },
  );
  await assignDemoCases(store, portfolio.id, actor);
  app = await buildApp({ store, now: () => NOW, serveWeb: false });
});

afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

describe('uploading transcripts', () => {
  it('stores a .txt and a JSON Lines file in one upload, with findings at the offsets of the original text', async () => {
    const contract = await store.sql.query<{ contract_no: string; id: string }>(
      `SELECT a.contract_no, c.id FROM cases c JOIN accounts a ON a.id = c.account_id
       JOIN users u ON u.id = c.assigned_collector_id WHERE u.username = 'collector2' ORDER BY c.case_no LIMIT 1`,
    );
    const theCase = contract.rows[0] as { contract_no: string; id: string };
    const auditBefore = await count('audit_log', `action = 'qa.transcript.upload'`);
    const txt = [
      '坐席：您好，我是清收银行信用卡中心的李明。',
      '客户：我没钱。',
      '  下个月再说吧',
      `催收员: ${THREAT}！`,
      'Customer：你这是威胁我。',
    ].join('\r\n');
    const jsonl = [
      JSON.stringify({
        id: 'call-A',
        party: 'debtor',
        collector: 'collector2',
        contractNo: theCase.contract_no,
        calledAt: '2026-11-20T10:15:00+08:00',
        turns: [
          { speaker: 'agent', text: COMPLIANT },
          { speaker: 'customer', text: '好的。' },
          { speaker: 'agent', text: `要么今天就${FEE}，要么${JAIL}。` },
        ],
      }),
      '',
      JSON.stringify({ id: 'call-B', title: '合规通话', turns: [{ speaker: 'agent', text: COMPLIANT }] }),
    ].join('\n');
    const res = await upload('qa', [
      { name: '通话一.txt', content: txt },
      { name: 'batch.jsonl', content: jsonl },
    ]);
    expect(res.statusCode, res.body).toBe(201);
    const { items } = res.json();
    expect(items.map((i: { title: string }) => i.title)).toEqual(['通话一.txt', 'call-A', '合规通话']);

    // The text file: labels stripped, the unlabelled line joined to the previous turn.
    const txtId = items[0].id;
    const turns = await turnsOf(txtId);
    expect(turns).toEqual([
      { speaker: 'agent', text: '您好，我是清收银行信用卡中心的李明。' },
      { speaker: 'customer', text: '我没钱。\n下个月再说吧' },
      { speaker: 'agent', text: `${THREAT}！` },
      { speaker: 'customer', text: '你这是威胁我。' },
    ]);
    const txtFindings = await findingsOf(txtId);
    const threat = txtFindings.find((f) => f.turn === 2 && f.severity === 'error');
    expect(threat, JSON.stringify(txtFindings)).toBeDefined();
    // Every finding quotes exactly the stored turn text at its offsets.
    for (const f of txtFindings) {
      expect(turns[f.turn]?.text.slice(f.start_offset, f.end_offset)).toBe(f.quote);
    }
    const threatText = turns[2]?.text ?? '';
    const t = threat as StoredFinding;
    expect(t.start_offset).toBeGreaterThanOrEqual(0);
    expect(t.end_offset).toBeLessThanOrEqual(threatText.length);
    expect(['threat', 'violence']).toContain(t.category);
    expect(items[0].errors).toBeGreaterThanOrEqual(1);

    // JSON Lines: metadata resolved (collector, team, case), two red lines on one turn at their offsets.
    const a = await store.sql.query<{
      collector_user_id: string;
      team_id: string | null;
      case_id: string | null;
      external_id: string;
      called_at: Date;
      profile: string;
      rules_version: string;
      open_count: number;
      findings_count: number;
    }>(
      `SELECT collector_user_id, team_id, case_id, external_id, called_at, profile, rules_version, open_count,
         findings_count FROM qa_transcripts WHERE id = $1`,
      [items[1].id],
    );
    const rowA = a.rows[0];
    expect(rowA?.collector_user_id).toBe(await userId('collector2'));
    expect(rowA?.team_id).not.toBeNull();
    expect(rowA?.case_id).toBe(theCase.id);
    expect(rowA?.external_id).toBe('call-A');
    expect(rowA?.called_at.toISOString()).toBe('2026-11-20T02:15:00.000Z');
    expect(rowA?.profile).toBe('cn-cba');
    expect(rowA?.rules_version).toBe(SPEECH_RULES_VERSION);
    expect(rowA?.open_count).toBe(rowA?.findings_count);
    const aTurns = await turnsOf(items[1].id);
    const aFindings = await findingsOf(items[1].id);
    const turn2 = aTurns[2]?.text ?? '';
    const categories = aFindings.filter((f) => f.turn === 2 && f.severity === 'error').map((f) => f.category);
    expect(categories).toEqual(expect.arrayContaining(['improper_fee', 'false_legal']));
    for (const f of aFindings) expect(aTurns[f.turn]?.text.slice(f.start_offset, f.end_offset)).toBe(f.quote);
    const fee = aFindings.find((f) => f.category === 'improper_fee') as StoredFinding;
    const feeAt = turn2.indexOf(FEE);
    expect(fee.start_offset).toBeGreaterThanOrEqual(feeAt);
    expect(fee.end_offset).toBeLessThanOrEqual(feeAt + FEE.length);
    // The compliant call has no error-level finding.
    expect((await findingsOf(items[2].id)).filter((f) => f.severity === 'error')).toEqual([]);

    // One audit row per stored call.
    expect(await count('audit_log', `action = 'qa.transcript.upload'`)).toBe(auditBefore + 3);
    const audit = await store.sql.query<{
      actor_name: string;
      after: { findings: number; rulesVersion: string };
    }>(`SELECT actor_name, after FROM audit_log WHERE action = 'qa.transcript.upload' AND entity_id = $1`, [
      items[1].id,
    ]);
    expect(audit.rows[0]?.actor_name).toBe('qa');
    expect(audit.rows[0]?.after.findings).toBe(aFindings.length);
  });

  it('accepts a JSON body and applies the upload-wide defaults', async () => {
    const res = await post('qa', '/api/v1/qa/transcripts', {
      transcripts: [{ turns: [{ speaker: 'agent', text: THREAT }] }],
      defaults: { collector: 'agency', party: 'third_party', title: '委外电话' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().items[0].id;
    const row = await store.sql.query<{ party: string; agency_id: string | null; title: string }>(
      'SELECT party, agency_id, title FROM qa_transcripts WHERE id = $1',
      [id],
    );
    expect(row.rows[0]?.party).toBe('third_party');
    expect(row.rows[0]?.title).toBe('委外电话');
    // The collector's agency, since none was named.
    const agency = await store.sql.query<{ agency_id: string }>(
      `SELECT agency_id FROM users WHERE username = 'agency'`,
    );
    expect(row.rows[0]?.agency_id).toBe(agency.rows[0]?.agency_id);
  });

  it('refuses an upload with any problem, naming file, line and field, and stores nothing', async () => {
    const transcriptsBefore = await count('qa_transcripts');
    const findingsBefore = await count('qa_findings');
    const auditBefore = await count('audit_log');
    const res = await upload('qa', [
      { name: 'good.txt', content: `坐席：${COMPLIANT}\n客户：好的` },
      {
        name: 'bad.jsonl',
        content: [
          JSON.stringify({ turns: [{ speaker: 'agent', text: '您好' }] }),
          JSON.stringify({ turns: [{ speaker: 'boss', text: '您好' }] }),
          '{"turns": [',
        ].join('\n'),
      },
      {
        name: 'bad.json',
        content: JSON.stringify([
          { collector: 'nobody-here', turns: [{ speaker: 'agent', text: '您好' }] },
          { calledAt: '昨天下午', turns: [{ speaker: 'customer', text: '' }] },
        ]),
      },
      { name: 'nolabel.txt', content: '您好，请问是王先生吗？\n客户：是我' },
    ]);
    expect(res.statusCode, res.body).toBe(422);
    const body = res.json();
    expect(body.code).toBe('QA_UPLOAD_INVALID');
    expect(body.message).toContain('未保存任何通话');
    const problems = body.details.problems as { file: string; line: number | null; field: string }[];
    const has = (file: string, line: number | null, field: string) =>
      expect(problems, JSON.stringify(problems)).toContainEqual(
        expect.objectContaining({ file, line, field }),
      );
    has('bad.jsonl', 2, 'turns[0].speaker');
    has('bad.jsonl', 3, 'file');
    has('bad.json', null, '[1].calledAt');
    has('bad.json', null, '[1].turns[0].text');
    has('nolabel.txt', 1, 'speaker');
    for (const p of problems)
      expect(p).toMatchObject({ reason: expect.any(String), reasonEn: expect.any(String) });
    // The unknown collector is found once the files parse: a second refusal names it.
    const second = await upload('qa', [
      {
        name: 'who.json',
        content: JSON.stringify([{ collector: 'nobody-here', turns: [{ speaker: 'agent', text: '您好' }] }]),
      },
    ]);
    expect(second.statusCode).toBe(422);
    expect(second.json().details.problems).toContainEqual(
      expect.objectContaining({ file: 'who.json', field: '[0].collector' }),
    );
    const badBody = await post('qa', '/api/v1/qa/transcripts', {
      transcripts: [
        { turns: 'hello' },
        { contractNo: 'NO-SUCH-CONTRACT', turns: [{ speaker: 'agent', text: '你好' }] },
      ],
    });
    expect(badBody.statusCode).toBe(422);
    expect(badBody.json().details.problems).toContainEqual(
      expect.objectContaining({ file: 'body', field: 'transcripts[0].turns' }),
    );
    expect(await count('qa_transcripts')).toBe(transcriptsBefore);
    expect(await count('qa_findings')).toBe(findingsBefore);
    expect(await count('audit_log')).toBe(auditBefore);
  });

  it('lets only QA inspectors and managers upload', async () => {
    for (const user of ['collector', 'lead', 'agency']) {
      const res = await upload(user, [{ name: 'x.txt', content: `坐席：${COMPLIANT}` }]);
      expect(res.statusCode, user).toBe(403);
    }
    expect((await upload('manager', [{ name: 'm.txt', content: `坐席：${COMPLIANT}` }])).statusCode).toBe(
      201,
    );
  });
});

describe('reviewing findings', () => {
  it('confirms, refuses a second verdict, requires a note to dismiss, reopens, and audits each step', async () => {
    const id = await call([{ speaker: 'agent', text: `${THREAT}，${JAIL}` }], { collector: 'collector' });
    const [first, second] = (await findingsOf(id)).filter((f) => f.severity === 'error');
    expect(first && second, 'two red lines').toBeTruthy();
    const f1 = first as StoredFinding;
    const f2 = second as StoredFinding;
    const openCount = async () =>
      (await store.sql.query<{ n: number }>('SELECT open_count AS n FROM qa_transcripts WHERE id = $1', [id]))
        .rows[0]?.n;
    const total = (await findingsOf(id)).length;
    expect(await openCount()).toBe(total);

    const confirmed = await post('qa', `/api/v1/qa/findings/${f1.id}/review`, { action: 'confirm' });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({ status: 'confirmed', reviewedByName: '周敏' });
    expect(await openCount()).toBe(total - 1);

    const again = await post('qa', `/api/v1/qa/findings/${f1.id}/review`, {
      action: 'dismiss',
      note: '误报',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'QA_REVIEW_CONFLICT', details: { status: 'confirmed' } });

    const noNote = await post('qa', `/api/v1/qa/findings/${f2.id}/review`, { action: 'dismiss', note: '  ' });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'note' } });

    const dismissed = await post('qa', `/api/v1/qa/findings/${f2.id}/review`, {
      action: 'dismiss',
      note: '客户复述的话，不是坐席所说',
    });
    expect(dismissed.json()).toMatchObject({ status: 'dismissed', reviewNote: '客户复述的话，不是坐席所说' });
    expect(await openCount()).toBe(total - 2);

    const reopened = await post('qa', `/api/v1/qa/findings/${f1.id}/review`, { action: 'reopen' });
    expect(reopened.json()).toMatchObject({ status: 'open' });
    expect(await openCount()).toBe(total - 1);
    const reopenOpen = await post('qa', `/api/v1/qa/findings/${f1.id}/review`, { action: 'reopen' });
    expect(reopenOpen.statusCode).toBe(409);

    const audit = await store.sql.query<{
      action: string;
      before: { status: string };
      after: { status: string };
    }>(
      `SELECT action, before, after FROM audit_log WHERE entity_type = 'qa_finding' AND entity_id = ANY($1::text[])
       ORDER BY id`,
      [[f1.id, f2.id]],
    );
    expect(audit.rows.map((r) => [r.action, r.before.status, r.after.status])).toEqual([
      ['qa.finding.confirm', 'open', 'confirmed'],
      ['qa.finding.dismiss', 'open', 'dismissed'],
      ['qa.finding.reopen', 'confirmed', 'open'],
    ]);

    // Reviewing is the QA inspector's job.
    for (const user of ['collector', 'lead', 'manager']) {
      const res = await post(user, `/api/v1/qa/findings/${f1.id}/review`, { action: 'confirm' });
      expect(res.statusCode, user).toBe(403);
    }
    const unknown = await post('qa', '/api/v1/qa/findings/00000000-0000-7000-8000-000000000000/review', {
      action: 'confirm',
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('lets exactly one of two concurrent reviews of a finding win', async () => {
    const qa = await actorFor('qa');
    const other: Actor = { ...qa, displayName: '另一位质检员' };
    for (let round = 0; round < 4; round++) {
      const id = await call([{ speaker: 'agent', text: THREAT }], { collector: 'collector3' });
      const finding = (await findingsOf(id)).find((f) => f.severity === 'error') as StoredFinding;
      const results = await Promise.allSettled([
        reviewFinding(store, qa, finding.id, { action: 'confirm' }, NOW),
        reviewFinding(store, other, finding.id, { action: 'dismiss', note: '不构成威胁' }, NOW),
      ]);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r) => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect((lost[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'QA_REVIEW_CONFLICT' });
      const winner = (won[0] as PromiseFulfilledResult<{ status: string }>).value.status;
      const stored = (await findingsOf(id)).find((f) => f.id === finding.id);
      expect(stored?.status).toBe(winner);
      const transcript = await store.sql.query<{ open_count: number; findings_count: number }>(
        'SELECT open_count, findings_count FROM qa_transcripts WHERE id = $1',
        [id],
      );
      expect(transcript.rows[0]?.open_count).toBe((transcript.rows[0]?.findings_count ?? 0) - 1);
      expect(await count('audit_log', `entity_type = 'qa_finding' AND entity_id = $1`, [finding.id])).toBe(1);
    }
  });
});

describe('the call detail', () => {
  it('shows the turns and each finding with its rule explanation and compliant alternative', async () => {
    const id = await call(
      [
        { speaker: 'agent', text: COMPLIANT },
        { speaker: 'customer', text: '我没钱' },
        { speaker: 'agent', text: THREAT },
      ],
      { collector: 'collector', title: '详情测试' },
    );
    const res = await get('qa', `/api/v1/qa/transcripts/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.transcript).toMatchObject({ title: '详情测试', collectorName: '张晓明', turns: 3 });
    expect(body.turns[2]).toEqual({ speaker: 'agent', text: THREAT });
    expect(body.canReview).toBe(true);
    const red = body.findings.find((f: { severity: string }) => f.severity === 'error');
    expect(red.ruleInfo.explanation.zh.length).toBeGreaterThan(0);
    expect(red.ruleInfo.explanation.en.length).toBeGreaterThan(0);
    expect(red.ruleInfo.alternative.length).toBeGreaterThan(0);
    expect(THREAT.slice(red.start, red.end)).toBe(red.quote);
    const rules = (await get('collector', '/api/v1/qa/rules')).json();
    expect(rules.version).toBe(body.transcript.rulesVersion);
    expect(rules.rules.map((r: { id: string }) => r.id)).toContain(red.rule);
  });
});

describe('who sees which calls', () => {
  it('a collector sees only their own calls, an agency its own, a team lead the team, QA everything', async () => {
    const mine = await call([{ speaker: 'agent', text: COMPLIANT }], {
      collector: 'collector',
      title: '本人通话',
    });
    const others = await call([{ speaker: 'agent', text: COMPLIANT }], {
      collector: 'collector2',
      title: '同组他人',
    });
    const late = await call([{ speaker: 'agent', text: COMPLIANT }], {
      collector: 'collector3',
      title: '后期组',
    });
    const agencyCall = await call([{ speaker: 'agent', text: COMPLIANT }], {
      collector: 'agency',
      title: '委外',
    });
    const ids = async (user: string) =>
      new Set(
        (await get(user, '/api/v1/qa/transcripts?pageSize=200'))
          .json()
          .items.map((i: { id: string }) => i.id),
      );

    const collectorIds = await ids('collector');
    expect(collectorIds.has(mine)).toBe(true);
    expect(collectorIds.has(others)).toBe(false);
    const me = await userId('collector');
    const list = (await get('collector', '/api/v1/qa/transcripts?pageSize=200')).json().items;
    expect(list.every((i: { collectorId: string }) => i.collectorId === me)).toBe(true);
    const forbidden = await get('collector', `/api/v1/qa/transcripts/${others}`);
    expect(forbidden.statusCode).toBe(404);
    expect(forbidden.json().code).toBe('QA_TRANSCRIPT_NOT_FOUND');
    expect((await get('collector', `/api/v1/qa/transcripts/${mine}`)).json().canReview).toBe(false);

    const agencyIds = await ids('agency');
    expect([...agencyIds]).toContain(agencyCall);
    expect(agencyIds.has(mine)).toBe(false);
    expect(agencyIds.has(late)).toBe(false);
    expect((await get('agency', `/api/v1/qa/transcripts/${mine}`)).statusCode).toBe(404);

    const leadIds = await ids('lead');
    expect(leadIds.has(mine) && leadIds.has(others)).toBe(true);
    expect(leadIds.has(late) || leadIds.has(agencyCall)).toBe(false);

    const qaIds = await ids('qa');
    for (const id of [mine, others, late, agencyCall]) expect(qaIds.has(id)).toBe(true);

    expect((await get('trainee', '/api/v1/qa/transcripts')).statusCode).toBe(403);
    expect((await get('legal', '/api/v1/qa/scores')).statusCode).toBe(403);

    // Scores follow the same scope: a collector sees only their own line.
    const scores = (await get('collector', '/api/v1/qa/scores?groupBy=collector')).json();
    expect(scores.items.map((r: { id: string }) => r.id)).toEqual([me]);
  });

  it('filters the list by status, collector and date', async () => {
    const me = await userId('collector');
    const all = (await get('qa', `/api/v1/qa/transcripts?collector=${me}&pageSize=200`)).json();
    expect(all.total).toBeGreaterThan(0);
    expect(all.items.every((i: { collectorId: string }) => i.collectorId === me)).toBe(true);
    const open = (await get('qa', '/api/v1/qa/transcripts?status=needs_review&pageSize=200')).json();
    expect(open.items.every((i: { open: number }) => i.open > 0)).toBe(true);
    const clean = (await get('qa', '/api/v1/qa/transcripts?status=clean&pageSize=200')).json();
    expect(clean.items.every((i: { findings: number }) => i.findings === 0)).toBe(true);
    const day = (await get('qa', '/api/v1/qa/transcripts?from=2026-11-20&to=2026-11-20')).json();
    expect(day.items.map((i: { externalId: string }) => i.externalId)).toEqual(['call-A']);
    const bad = await get('qa', '/api/v1/qa/transcripts?from=2026-13-01');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.field).toBe('from');
  });
});

describe('compliance scores', () => {
  it('scores calls 0 for a red line, minus 5 per confirmed warning down to 60, and averages them', async () => {
    // Four calls of collector2 in September (outside every other test's dates); their findings are
    // written directly so the arithmetic does not depend on which phrases the rulebook flags.
    const calledAt = (day: number) => `2026-09-${String(day).padStart(2, '0')}T10:00:00+08:00`;
    const ids: string[] = [];
    for (let i = 1; i <= 4; i++) {
      ids.push(
        await call([{ speaker: 'agent', text: COMPLIANT }], {
          collector: 'collector2',
          calledAt: calledAt(i),
        }),
      );
    }
    const agencyCall = await call([{ speaker: 'agent', text: COMPLIANT }], {
      collector: 'agency',
      calledAt: calledAt(5),
    });
    const outside = await call([{ speaker: 'agent', text: COMPLIANT }], {
      collector: 'collector2',
      calledAt: '2026-08-31T23:30:00+08:00',
    });
    let position = 100;
    const add = async (transcript: string, severity: string, status: string, n = 1) => {
      for (let k = 0; k < n; k++) {
        position += 2;
        await store.sql.query(
          `INSERT INTO qa_findings (transcript_id, turn, start_offset, end_offset, quote, category, rule, severity,
             status, review_note)
           VALUES ($1, 0, $2, $3, 'x', 'threat', $4, $5, $6, $7)`,
          [
            transcript,
            position,
            position + 1,
            `test.${severity}`,
            severity,
            status,
            status === 'dismissed' ? '误报' : null,
          ],
        );
      }
    };
    const [c1, c2, c3, c4] = ids as [string, string, string, string];
    await add(c1, 'error', 'confirmed'); // red line: 0
    await add(c1, 'warning', 'confirmed', 2);
    await add(c2, 'warning', 'confirmed', 3); // 85
    await add(c2, 'error', 'open'); // open: does not count
    await add(c2, 'error', 'dismissed'); // dismissed: does not count
    await add(c3, 'warning', 'confirmed', 10); // floor 60
    void c4; // clean: 100
    await add(agencyCall, 'warning', 'confirmed'); // 95
    await add(outside, 'error', 'confirmed'); // before the period

    const res = await get('manager', '/api/v1/qa/scores?groupBy=collector&from=2026-09-01&to=2026-09-30');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.rule).toEqual({ full: 100, redLine: 0, warningPenalty: 5, warningFloor: 60 });
    const row = body.items.find((r: { name: string }) => r.name === '陈静');
    expect(row).toEqual({
      id: await userId('collector2'),
      name: '陈静',
      teamName: '早期催收一组',
      agencyName: null,
      calls: 4,
      score: 61.3, // (0 + 85 + 60 + 100) / 4 = 61.25
      confirmedErrors: 1,
      confirmedWarnings: 15,
      openFindings: 1,
      dismissedFindings: 1,
      redLineCalls: 1,
      redLineShare: 0.25,
    });
    expect(body.total).toMatchObject({ calls: 5, score: 68, redLineCalls: 1, redLineShare: 0.2 });

    const byAgency = (
      await get('manager', '/api/v1/qa/scores?groupBy=agency&from=2026-09-01&to=2026-09-30')
    ).json();
    const inHouse = byAgency.items.find((r: { id: string | null }) => r.id === null);
    const agency = byAgency.items.find((r: { name: string }) => r.name === '华信委外服务有限公司');
    expect(inHouse).toMatchObject({ calls: 4, score: 61.3 });
    expect(agency).toMatchObject({ calls: 1, score: 95, confirmedWarnings: 1, redLineShare: 0 });

    // The agency sees only its own line; a lead of the other team sees nothing of collector2.
    const own = (
      await get('agency', '/api/v1/qa/scores?groupBy=agency&from=2026-09-01&to=2026-09-30')
    ).json();
    expect(own.items).toHaveLength(1);
    expect(own.items[0]).toMatchObject({ name: '华信委外服务有限公司', score: 95 });
    const lead2 = (await get('lead2', '/api/v1/qa/scores?from=2026-09-01&to=2026-09-30')).json();
    expect(lead2.items).toEqual([]);
    expect(lead2.total).toMatchObject({ calls: 0, score: null });

    const bad = await get('manager', '/api/v1/qa/scores?from=2026-09-30&to=2026-09-01');
    expect(bad.statusCode).toBe(400);
  });
});

describe('the API document', () => {
  it('publishes the QA and template routes in the OpenAPI document', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    for (const path of [
      '/api/v1/qa/transcripts',
      '/api/v1/qa/transcripts/{id}',
      '/api/v1/qa/findings/{id}/review',
      '/api/v1/qa/scores',
      '/api/v1/qa/rules',
      '/api/v1/templates',
      '/api/v1/templates/{id}',
      '/api/v1/templates/{id}/publish',
      '/api/v1/templates/{id}/retire',
      '/api/v1/templates/lint',
    ]) {
      expect(paths).toContain(path);
    }
  });
});

describe('the demo', () => {
  it('seeds inspected calls (some reviewed) and templates on a fresh database, once', async () => {
    const fresh = await createTestDatabase();
    try {
      const s = fresh.store;
      const actor = systemActor('test');
      await ensureDemoOrganisation(s, DEMO_PASSWORD, actor);
      const first = await seedDemoQa(s, NOW);
      expect(first.transcripts).toBe(7);
      expect(first.templates).toBe(4);
      const n = async (sql: string) => (await s.sql.query<{ n: number }>(sql)).rows[0]?.n ?? 0;
      expect(
        await n(`SELECT count(*)::int AS n FROM qa_findings WHERE status = 'confirmed'`),
      ).toBeGreaterThan(0);
      expect(await n(`SELECT count(*)::int AS n FROM qa_findings WHERE status = 'open'`)).toBeGreaterThan(0);
      expect(
        await n(`SELECT count(*)::int AS n FROM qa_transcripts WHERE findings_count = 0`),
      ).toBeGreaterThan(0);
      expect(await n(`SELECT count(*)::int AS n FROM qa_transcripts WHERE agency_id IS NOT NULL`)).toBe(1);
      expect(
        await n(`SELECT count(*)::int AS n FROM templates WHERE status = 'published'`),
      ).toBeGreaterThanOrEqual(1);
      expect(
        await n(`SELECT count(*)::int AS n FROM templates WHERE status = 'draft'`),
      ).toBeGreaterThanOrEqual(1);
      expect(await seedDemoQa(s, NOW)).toEqual({ transcripts: 0, templates: 0 });
    } finally {
      await fresh.drop();
    }
  });
});
