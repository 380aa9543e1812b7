/**
 * Templates over HTTP on PGlite and PostgreSQL: lint on every save, publication refused while the lint
 * finds a red line (and the refusal audited), immutable published versions, new draft versions,
 * retirement, permissions, and concurrent publication.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app';
import { DEMO_PASSWORD } from '../../src/config';
import { type Actor, systemActor } from '../../src/services/actor';
import { actorOf, getUserView } from '../../src/services/auth';
import { ensureDemoOrganisation } from '../../src/services/demo/seed';
import { createTemplate, publishTemplate } from '../../src/services/templates';
import type { Store } from '../../src/store/db';
import { createTestDatabase, type TestDatabase } from '../helpers/store';

const NOW = new Date('2026-11-24T02:00:00Z');
const THREAT = '你再不还钱，我们就找人上门收拾你';
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
  cookies.set(username, `qs_session=${cookie.value}`);
  return `qs_session=${cookie.value}`;
}

async function send(method: 'GET' | 'POST' | 'PATCH', username: string, url: string, payload?: unknown) {
  return app.inject({
    method,
    url,
    headers: { cookie: await login(username) },
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
}

async function auditActions(entityId: string): Promise<string[]> {
  const r = await store.sql.query<{ action: string }>(
    `SELECT action FROM audit_log WHERE entity_type = 'template' AND entity_id = $1 ORDER BY id`,
    [entityId],
  );
  return r.rows.map((x) => x.action);
}

async function templateRow(id: string) {
  const r = await store.sql.query<{
    status: string;
    body: string;
    version: number;
    published_by_name: string | null;
  }>('SELECT status, body, version, published_by_name FROM templates WHERE id = $1', [id]);
  return r.rows[0];
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  store = tdb.store;
  await ensureDemoOrganisation(store, DEMO_PASSWORD, systemActor('test'));
  app = await buildApp({ store, now: () => NOW, serveWeb: false });
});

afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

describe('writing and publishing templates', () => {
  it('lints every save, refuses to publish a red line (audited), and publishes once it is fixed', async () => {
    const created = await send('POST', 'collector', '/api/v1/templates', {
      kind: 'sms',
      name: '催款短信',
      body: `【清收银行】${THREAT}。`,
    });
    expect(created.statusCode, created.body).toBe(201);
    const saved = created.json();
    expect(saved.template).toMatchObject({ kind: 'sms', status: 'draft', version: 1, authorName: '张晓明' });
    const body = saved.template.body as string;
    const errors = saved.findings.filter((f: { severity: string }) => f.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    for (const f of saved.findings) expect(body.slice(f.start, f.end)).toBe(f.quote);
    expect(errors[0].ruleInfo.alternative.length).toBeGreaterThan(0);
    const id = saved.template.id as string;

    // A collector may write but not publish.
    expect((await send('POST', 'collector', `/api/v1/templates/${id}/publish`)).statusCode).toBe(403);

    const refused = await send('POST', 'lead', `/api/v1/templates/${id}/publish`);
    expect(refused.statusCode).toBe(422);
    const error = refused.json();
    expect(error.code).toBe('TEMPLATE_HAS_VIOLATIONS');
    expect(error.message).toContain('不能发布');
    expect(error.details.findings.length).toBe(errors.length);
    expect(error.details.findings.every((f: { severity: string }) => f.severity === 'error')).toBe(true);
    expect(error.details.findings[0]).toMatchObject({ quote: errors[0].quote, start: errors[0].start });
    expect((await templateRow(id))?.status).toBe('draft');

    // The author fixes the draft in place; the answer carries the new lint.
    const fixed = await send('PATCH', 'collector', `/api/v1/templates/${id}`, { body: COMPLIANT });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json()).toMatchObject({ revised: false, template: { id, version: 1, body: COMPLIANT } });
    expect(fixed.json().findings.filter((f: { severity: string }) => f.severity === 'error')).toEqual([]);

    const published = await send('POST', 'lead', `/api/v1/templates/${id}/publish`);
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json().template).toMatchObject({ status: 'published', publishedByName: '李秀梅' });
    expect(await auditActions(id)).toEqual([
      'template.create',
      'template.publish_refused',
      'template.update',
      'template.publish',
    ]);
  });

  it('never changes a published version: an edit becomes the next draft, publishing it retires the old one', async () => {
    const lead = await actorFor('lead');
    const v1 = await createTemplate(store, lead, { kind: 'script', name: '开场白', body: COMPLIANT }, NOW);
    await publishTemplate(store, lead, v1.template.id, NOW);

    const edit = await send('PATCH', 'collector', `/api/v1/templates/${v1.template.id}`, {
      body: `${COMPLIANT}请问您现在方便通话吗？`,
    });
    expect(edit.statusCode, edit.body).toBe(200);
    const v2 = edit.json();
    expect(v2.revised).toBe(true);
    expect(v2.template).toMatchObject({ familyId: v1.template.familyId, version: 2, status: 'draft' });
    expect(v2.template.id).not.toBe(v1.template.id);
    expect(await templateRow(v1.template.id)).toMatchObject({ status: 'published', body: COMPLIANT });

    const second = await send('PATCH', 'lead', `/api/v1/templates/${v1.template.id}`, { body: '再改一次' });
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({
      code: 'TEMPLATE_DRAFT_EXISTS',
      details: { draftId: v2.template.id },
    });

    // Only the author (or a publisher) edits a draft.
    expect(
      (await send('PATCH', 'collector2', `/api/v1/templates/${v2.template.id}`, { name: 'x' })).statusCode,
    ).toBe(403);

    const published = await send('POST', 'qa', `/api/v1/templates/${v2.template.id}/publish`);
    expect(published.statusCode, published.body).toBe(200);
    expect(await templateRow(v1.template.id)).toMatchObject({ status: 'retired' });
    const detail = (await send('GET', 'trainee', `/api/v1/templates/${v2.template.id}`)).json();
    expect(detail.versions.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([
      [2, 'published'],
      [1, 'retired'],
    ]);
    expect(detail).toMatchObject({ canEdit: false, canPublish: false, canRetire: false });

    const again = await send('POST', 'qa', `/api/v1/templates/${v2.template.id}/publish`);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('TEMPLATE_NOT_EDITABLE');

    const retired = await send('POST', 'manager', `/api/v1/templates/${v2.template.id}/retire`);
    expect(retired.json()).toMatchObject({ status: 'retired' });
    const editRetired = await send('PATCH', 'manager', `/api/v1/templates/${v2.template.id}`, { body: '改' });
    expect(editRetired.statusCode).toBe(409);
    expect(editRetired.json().code).toBe('TEMPLATE_NOT_EDITABLE');
    expect(await auditActions(v1.template.id)).toEqual([
      'template.create',
      'template.publish',
      'template.retire',
    ]);
  });

  it('publishes a draft once when two publishers press at the same time', async () => {
    const lead = await actorFor('lead');
    const manager = await actorFor('manager');
    const draft = await createTemplate(store, lead, { kind: 'letter', name: '催收函', body: COMPLIANT }, NOW);
    const results = await Promise.allSettled([
      publishTemplate(store, lead, draft.template.id, NOW),
      publishTemplate(store, manager, draft.template.id, NOW),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason).toMatchObject({ code: 'TEMPLATE_NOT_EDITABLE' });
    const r = await store.sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'template.publish' AND entity_id = $1`,
      [draft.template.id],
    );
    expect(r.rows[0]?.n).toBe(1);
  });
});

describe('lint and the list', () => {
  it('lints without saving, with offsets into the text', async () => {
    const before = (await store.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM templates')).rows[0]
      ?.n;
    const text = `尊敬的客户：${THREAT}。`;
    const res = await send('POST', 'trainer', '/api/v1/templates/lint', { kind: 'script', body: text });
    expect(res.statusCode, res.body).toBe(200);
    const findings = res.json().findings;
    expect(findings.some((f: { severity: string }) => f.severity === 'error')).toBe(true);
    for (const f of findings) expect(text.slice(f.start, f.end)).toBe(f.quote);
    expect(
      (await store.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM templates')).rows[0]?.n,
    ).toBe(before);
    expect(
      (await send('POST', 'trainee', '/api/v1/templates/lint', { kind: 'sms', body: text })).statusCode,
    ).toBe(403);
    const clean = await send('POST', 'collector', '/api/v1/templates/lint', { kind: 'sms', body: COMPLIANT });
    expect(clean.json().findings.filter((f: { severity: string }) => f.severity === 'error')).toEqual([]);
  });

  it('checks the input and the rights', async () => {
    const empty = await send('POST', 'collector', '/api/v1/templates', {
      kind: 'sms',
      name: '空',
      body: '   ',
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().details.field).toBe('body');
    const long = await send('POST', 'collector', '/api/v1/templates', {
      kind: 'sms',
      name: '长',
      body: '好'.repeat(501),
    });
    expect(long.statusCode).toBe(400);
    expect(long.json().details.field).toBe('body');
    expect(
      (await send('POST', 'agency', '/api/v1/templates', { kind: 'sms', name: 'x', body: COMPLIANT }))
        .statusCode,
    ).toBe(403);
    expect((await send('GET', 'collector', '/api/v1/templates/not-a-uuid')).statusCode).toBe(404);
  });

  it('lists by kind, retired versions only on request', async () => {
    const sms = (await send('GET', 'agency', '/api/v1/templates?kind=sms')).json().items;
    expect(sms.length).toBeGreaterThan(0);
    expect(
      sms.every((t: { kind: string; status: string }) => t.kind === 'sms' && t.status !== 'retired'),
    ).toBe(true);
    const all = (await send('GET', 'agency', '/api/v1/templates?includeRetired=true')).json().items;
    expect(all.some((t: { status: string }) => t.status === 'retired')).toBe(true);
  });
});

async function actorFor(username: string): Promise<Actor> {
  const r = await store.sql.query<{ id: string }>('SELECT id FROM users WHERE username = $1', [username]);
  const view = await getUserView(store, r.rows[0]?.id as string);
  if (!view) throw new Error(`no user ${username}`);
  return actorOf(view);
}
