/**
 * The SMS outbox: the HTTP gateway against a local HTTP server, the dispatcher without a gateway (rows
 * stay queued and say so), and with one: sent once with two dispatchers at the same time, held back by
 * the contact gate, blocked by a complaint freeze, failed after the retry limit.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app';
import { DEMO_PASSWORD } from '../../src/config';
import { seedDemo } from '../../src/services/demo/seed';
import { dispatchSms, LEASE_MS, NO_GATEWAY_DETAIL } from '../../src/services/sms/dispatch';
import { gatewayFromEnv, httpGateway, type SmsGateway } from '../../src/services/sms/gateway';
import type { Store } from '../../src/store/db';
import { createTestDatabase, type TestDatabase } from '../helpers/store';

/** 10:00 in Shanghai. */
const NOW = new Date('2026-11-24T02:00:00Z');
/** 23:00 in Shanghai: outside the contact hours. */
const NIGHT = new Date('2026-11-24T15:00:00Z');

let tdb: TestDatabase;
let store: Store;
let app: FastifyInstance;

// ---- a small SMS gateway ----
type Mode = 'ok' | 'bad_request' | 'unavailable' | 'slow';
let mode: Mode = 'ok';
const received: { auth: string | undefined; body: { to: string; body: string; reference: string } }[] = [];
let gatewayServer: Server;
let gatewayUrl: string;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    req.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
    });
    req.on('end', () => resolve(text));
  });
}

async function startGateway(): Promise<void> {
  gatewayServer = createServer(async (req, res) => {
    const body = JSON.parse(await readBody(req));
    received.push({ auth: req.headers.authorization, body });
    if (mode === 'slow') {
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"late"}');
      }, 1500);
      return;
    }
    if (mode === 'bad_request') {
      res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"invalid number"}');
      return;
    }
    if (mode === 'unavailable') {
      res.writeHead(503).end('maintenance');
      return;
    }
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ id: `p-${received.length}` }));
  });
  await new Promise<void>((resolve) => gatewayServer.listen(0, '127.0.0.1', resolve));
  gatewayUrl = `http://127.0.0.1:${(gatewayServer.address() as AddressInfo).port}/send`;
}

async function login(username: string): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password: DEMO_PASSWORD },
  });
  expect(res.statusCode, res.body).toBe(200);
  return `qs_session=${res.cookies.find((c) => c.name === 'qs_session')?.value}`;
}

interface Target {
  id: string;
  phone: string;
  debtor_name: string;
}

let nextCase = 0;
/** A fresh open case of the collector without holds, with its debtor's first phone. */
async function freshCase(): Promise<Target> {
  const r = await store.sql.query<Target>(
    `SELECT c.id, ph.number AS phone, d.name AS debtor_name FROM cases c
     JOIN users u ON u.id = c.assigned_collector_id JOIN debtors d ON d.id = c.debtor_id
     JOIN LATERAL (SELECT number FROM debtor_phones WHERE debtor_id = c.debtor_id ORDER BY number LIMIT 1) ph ON TRUE
     WHERE u.username = 'collector' AND c.status = 'open' AND NOT c.complaint_freeze AND NOT c.legal_hold
       AND NOT c.deceased AND NOT c.cease
     ORDER BY c.case_no LIMIT 1 OFFSET $1`,
    [nextCase++],
  );
  const row = r.rows[0];
  if (!row) throw new Error('no case left');
  return row;
}

let queued = 0;
async function enqueue(
  target: Target,
  body = '【{{机构名称}}】{{客户姓名}}您好，您尾号{{尾号}}的账户应还{{应还金额}}，请通过{{官方还款渠道}}处理。',
) {
  queued += 1;
  const key = `test:${queued}`;
  const r = await store.sql.query<{ id: string }>(
    `INSERT INTO sms_outbox (case_id, phone, body, source_key, queued_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [target.id, target.phone, body, key, NOW],
  );
  return { id: (r.rows[0] as { id: string }).id, key };
}

async function row(id: string) {
  const r = await store.sql.query<{
    status: string;
    status_detail: string | null;
    attempts: number;
    sent_at: Date | null;
    gateway: string | null;
    contact_attempt_id: string | null;
  }>(
    `SELECT status, status_detail, attempts, sent_at, gateway, contact_attempt_id FROM sms_outbox WHERE id = $1`,
    [id],
  );
  return r.rows[0];
}

/** Only the given rows are queued: the rest are set aside, so each test dispatches its own. */
async function onlyQueued(ids: string[]) {
  await store.sql.query(
    `UPDATE sms_outbox SET status = 'failed', status_detail = 'set aside by the test' WHERE status = 'queued' AND NOT (id = ANY($1::uuid[]))`,
    [ids],
  );
}

beforeAll(async () => {
  delete process.env.QINGSHOU_SMS_GATEWAY_URL;
  delete process.env.QINGSHOU_SMS_SERVICE_NUMBER;
  await startGateway();
  tdb = await createTestDatabase();
  store = tdb.store;
  await seedDemo(store, { accounts: 200, now: NOW, password: DEMO_PASSWORD, seed: 7 });
  app = await buildApp({ store, now: () => NOW, serveWeb: false });
});
afterAll(async () => {
  await app.close();
  await tdb.drop();
  await new Promise((resolve) => gatewayServer.close(resolve));
});
beforeEach(() => {
  mode = 'ok';
  received.length = 0;
});

describe('the HTTP gateway', () => {
  it('posts {to, body, reference} with the token and reads the provider id', async () => {
    const gateway = httpGateway({ url: gatewayUrl, token: 's3cret' });
    expect(gateway.name).toBe(`http:${new URL(gatewayUrl).host}`);
    const result = await gateway.send({ to: '13800138000', body: '测试', reference: 'r-1' });
    expect(result).toEqual({ ok: true, providerId: 'p-1' });
    expect(received[0]).toEqual({
      auth: 'Bearer s3cret',
      body: { to: '13800138000', body: '测试', reference: 'r-1' },
    });
  });

  it('4xx is not retryable, 5xx and timeouts are', async () => {
    const gateway = httpGateway({ url: gatewayUrl, timeoutMs: 300 });
    mode = 'bad_request';
    expect(await gateway.send({ to: '1', body: 'x', reference: 'r' })).toEqual({
      ok: false,
      retryable: false,
      detail: 'HTTP 400: {"error":"invalid number"}',
    });
    mode = 'unavailable';
    expect(await gateway.send({ to: '1', body: 'x', reference: 'r' })).toEqual({
      ok: false,
      retryable: true,
      detail: 'HTTP 503: maintenance',
    });
    mode = 'slow';
    expect(await gateway.send({ to: '1', body: 'x', reference: 'r' })).toEqual({
      ok: false,
      retryable: true,
      detail: 'timeout after 300 ms',
    });
    // Nothing listening: a network error, retried later.
    const closed = httpGateway({ url: 'http://127.0.0.1:9/send', timeoutMs: 1000 });
    const down = await closed.send({ to: '1', body: 'x', reference: 'r' });
    expect(down).toMatchObject({ ok: false, retryable: true });
  });

  it('comes from the environment, or is absent', () => {
    expect(gatewayFromEnv({})).toBeNull();
    expect(gatewayFromEnv({ QINGSHOU_SMS_GATEWAY_URL: ' ' })).toBeNull();
    expect(gatewayFromEnv({ QINGSHOU_SMS_GATEWAY_URL: gatewayUrl })?.name).toBe(
      `http:${new URL(gatewayUrl).host}`,
    );
    expect(() => gatewayFromEnv({ QINGSHOU_SMS_GATEWAY_URL: 'ftp://x' })).toThrow(/QINGSHOU_SMS_GATEWAY_URL/);
    expect(() =>
      gatewayFromEnv({ QINGSHOU_SMS_GATEWAY_URL: gatewayUrl, QINGSHOU_SMS_GATEWAY_TIMEOUT_MS: 'soon' }),
    ).toThrow(/QINGSHOU_SMS_GATEWAY_TIMEOUT_MS/);
  });
});

describe('without a gateway', () => {
  it('nothing is sent: the rows stay queued and say so, in the API too', async () => {
    const target = await freshCase();
    const message = await enqueue(target);
    await onlyQueued([message.id]);
    const result = await dispatchSms(store, { gateway: null, now: NOW });
    expect(result).toMatchObject({ gatewayConfigured: false, sent: 0, processed: 0, queued: 1 });
    expect(result.messageEn).toContain('No SMS gateway is configured');
    expect(await row(message.id)).toMatchObject({
      status: 'queued',
      status_detail: NO_GATEWAY_DETAIL,
      attempts: 0,
    });
    expect(received).toHaveLength(0);

    const manager = await login('manager');
    const state = await app.inject({
      method: 'GET',
      url: '/api/v1/sms/status',
      headers: { cookie: manager },
    });
    expect(state.statusCode, state.body).toBe(200);
    expect(state.json()).toMatchObject({
      gatewayConfigured: false,
      gateway: null,
      counts: { queued: 1, sent: 0 },
    });
    const run = await app.inject({
      method: 'POST',
      url: '/api/v1/sms/dispatch',
      headers: { cookie: manager },
    });
    expect(run.statusCode, run.body).toBe(200);
    expect(run.json()).toMatchObject({ gatewayConfigured: false, sent: 0, queued: 1 });
    expect(run.json().message).toContain('未配置短信网关');
    const outbox = await app.inject({
      method: 'GET',
      url: '/api/v1/sms/outbox?status=queued',
      headers: { cookie: manager },
    });
    const [item] = outbox.json().items;
    expect(item).toMatchObject({
      id: message.id,
      status: 'queued',
      statusDetail: NO_GATEWAY_DETAIL,
      statusDetailEn: expect.stringContaining('No SMS gateway'),
    });
    expect(item.phoneMasked).not.toContain(target.phone.slice(3, 7));
    expect(item.phoneMasked).toMatch(/\*/);

    // A team lead reads the outbox but may not run the dispatcher; a collector sees no outbox.
    const lead = await login('lead');
    expect(
      (await app.inject({ method: 'POST', url: '/api/v1/sms/dispatch', headers: { cookie: lead } }))
        .statusCode,
    ).toBe(403);
    const collector = await login('collector');
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/sms/outbox', headers: { cookie: collector } }))
        .statusCode,
    ).toBe(403);
  });
});

describe('with a gateway', () => {
  let gateway: SmsGateway;
  beforeAll(() => {
    gateway = httpGateway({ url: gatewayUrl, timeoutMs: 500 });
  });

  it('an allowed message is sent once even with two dispatchers at the same time', async () => {
    const target = await freshCase();
    const message = await enqueue(target);
    await onlyQueued([message.id]);
    const [a, b] = await Promise.all([
      dispatchSms(store, { gateway, now: NOW }),
      dispatchSms(store, { gateway, now: NOW }),
    ]);
    expect(a.sent + b.sent).toBe(1);
    expect(received.filter((r) => r.body.reference === message.key)).toHaveLength(1);
    const sent = received[0]?.body;
    expect(sent?.to).toBe(target.phone);
    expect(sent?.body).toContain(`${target.debtor_name}您好`);
    expect(sent?.body).not.toContain('{{');
    const stored = await row(message.id);
    expect(stored).toMatchObject({ status: 'sent', attempts: 1, gateway: gateway.name });
    expect(stored?.status_detail).toContain('p-1');
    expect(stored?.sent_at).not.toBeNull();
    const attempt = await store.sql.query<{
      channel: string;
      status: string;
      party: string;
      actor_kind: string;
    }>(`SELECT channel, status, party, actor_kind FROM contact_attempts WHERE id = $1`, [
      stored?.contact_attempt_id,
    ]);
    expect(attempt.rows[0]).toEqual({
      channel: 'sms',
      status: 'completed',
      party: 'debtor',
      actor_kind: 'dialer',
    });
    // A later run finds nothing more to send.
    const later = await dispatchSms(store, { gateway, now: new Date(NOW.getTime() + 10 * LEASE_MS) });
    expect(later.sent).toBe(0);
    expect(received).toHaveLength(1);
  });

  it('the contact gate holds a message back at 23:00 and blocks one under a complaint freeze', async () => {
    const night = await freshCase();
    const frozen = await freshCase();
    const held = await enqueue(night);
    const refused = await enqueue(frozen);
    await onlyQueued([held.id, refused.id]);
    await store.sql.query(`UPDATE cases SET complaint_freeze = true WHERE id = $1`, [frozen.id]);
    const result = await dispatchSms(store, { gateway, now: NIGHT });
    expect(result).toMatchObject({ sent: 0, deferred: 1, blocked: 1 });
    // At night the first waits for the morning, with the reason and the time it may go.
    const waiting = await row(held.id);
    expect(waiting?.status).toBe('queued');
    expect(waiting?.status_detail).toContain('不在允许的联系时段内');
    expect(waiting?.status_detail).toContain('2026-11-25 08:00');
    expect(waiting?.status_detail).toContain('Outside the allowed contact hours');
    // A hold has no later time: the frozen one is blocked for good.
    const blocked = await row(refused.id);
    expect(blocked?.status).toBe('blocked');
    expect(blocked?.status_detail).toContain('投诉冻结');

    const morning = await dispatchSms(store, { gateway, now: new Date('2026-11-25T01:00:00Z') });
    expect(morning).toMatchObject({ sent: 1, blocked: 0 });
    expect((await row(held.id))?.status).toBe('sent');
    expect((await row(refused.id))?.status).toBe('blocked');
    expect(received.map((r) => r.body.reference)).toEqual([held.key]);
    await store.sql.query(`UPDATE cases SET complaint_freeze = false WHERE id = $1`, [frozen.id]);
  });

  it('retryable failures stay queued until the limit, then fail; a refused message fails at once', async () => {
    const target = await freshCase();
    const other = await freshCase();
    const retried = await enqueue(target);
    await onlyQueued([retried.id]);
    mode = 'unavailable';
    let at = NOW.getTime();
    for (const expected of [1, 2]) {
      at += LEASE_MS + 1000;
      const run = await dispatchSms(store, { gateway, now: new Date(at), maxAttempts: 3 });
      expect(run.retrying).toBe(1);
      expect(await row(retried.id)).toMatchObject({ status: 'queued', attempts: expected });
    }
    // Within the lease the row is not taken again.
    const tooSoon = await dispatchSms(store, { gateway, now: new Date(at + 1000), maxAttempts: 3 });
    expect(tooSoon.processed).toBe(0);
    at += LEASE_MS + 1000;
    const last = await dispatchSms(store, { gateway, now: new Date(at), maxAttempts: 3 });
    expect(last.failed).toBe(1);
    const failed = await row(retried.id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 3 });
    expect(failed?.status_detail).toContain('HTTP 503');
    expect(received).toHaveLength(3);
    expect(new Set(received.map((r) => r.body.reference))).toEqual(new Set([retried.key]));
    // Failed sends cancelled their reservations: nothing reserved is left behind.
    const reserved = await store.sql.query(
      `SELECT 1 FROM contact_attempts WHERE case_id = $1 AND channel = 'sms' AND status = 'reserved'`,
      [target.id],
    );
    expect(reserved.rows).toHaveLength(0);

    mode = 'bad_request';
    const refused = await enqueue(other);
    await onlyQueued([refused.id]);
    at += LEASE_MS + 1000;
    const once = await dispatchSms(store, { gateway, now: new Date(at), maxAttempts: 3 });
    expect(once.failed).toBe(1);
    expect(await row(refused.id)).toMatchObject({ status: 'failed', attempts: 1 });
  });

  it('a merge field without a value fails the message without sending it', async () => {
    const target = await freshCase();
    const message = await enqueue(target, '【{{机构名称}}】{{客户姓名}}您好，如有疑问请致电{{客服电话}}。');
    await onlyQueued([message.id]);
    const run = await dispatchSms(store, { gateway, now: NOW, serviceNumber: null });
    expect(run.failed).toBe(1);
    const failed = await row(message.id);
    expect(failed?.status).toBe('failed');
    expect(failed?.status_detail).toContain('{{客服电话}}');
    expect(received).toHaveLength(0);
  });
});
