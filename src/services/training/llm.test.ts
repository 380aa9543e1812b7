/** The LLM wording of the debtor's lines, on the wire: a real HTTP server on 127.0.0.1. */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LlmConfig } from '../../config';
import { startSession, takeTurn } from '../../training/engine';
import { findScenario } from '../../training/scenarios';
import type { EngineSession, Scenario } from '../../training/types';
import { replyOfContent, rewordReply, wordReplyWithLlm } from './llm';

const TODAY = '2026-11-25';

interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

type Handler = (request: SeenRequest, response: ServerResponse) => void;

let server: Server;
let baseUrl: string;
let seen: SeenRequest[] = [];
let handler: Handler = () => {};

function completion(content: string): string {
  return JSON.stringify({
    id: 'chatcmpl-1',
    object: 'chat.completion',
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
  });
}

function answerWith(content: string): Handler {
  return (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(completion(content));
  };
}

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const entry: SeenRequest = {
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      seen.push(entry);
      handler(entry, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  seen = [];
  handler = answerWith(JSON.stringify({ reply: '喂，您好，请问哪位？' }));
});

function config(overrides: Partial<LlmConfig> = {}): LlmConfig {
  return { baseUrl, model: 'test-model', apiKey: 'sk-test', timeoutMs: 2000, ...overrides };
}

const scenario = findScenario('m1-forgot-cooperative') as Scenario;
const strongLines = readFileSync(
  new URL('../../../test/fixtures/training/m1-forgot-cooperative.strong.txt', import.meta.url),
  'utf8',
)
  .split(/\r?\n/u)
  .map((line) => line.trim())
  .filter((line) => line.length > 0);

/** The call after its first `count` trainee lines. */
function sessionAfter(count: number): EngineSession {
  let session = startSession({ scenario, seed: 1, today: TODAY });
  for (const line of strongLines.slice(0, count)) session = takeTurn(session, line).session;
  return session;
}

/** The first debtor turn that speaks of an amount, with the session it is in. */
function turnWithAmount(): { session: EngineSession; turnIndex: number } {
  for (let count = 1; count <= strongLines.length; count++) {
    const session = sessionAfter(count);
    const turnIndex = session.turns.length - 1;
    const meta = session.meta[turnIndex];
    if (
      meta?.speaker === 'debtor' &&
      meta.amountFen !== null &&
      session.turns[turnIndex]?.text.includes('元')
    ) {
      return { session, turnIndex };
    }
    if (session.ended !== null) break;
  }
  throw new Error('no debtor line speaks of an amount');
}

describe('wordReplyWithLlm: the request', () => {
  it('POSTs an OpenAI-compatible chat request with the persona and the draft', async () => {
    const session = sessionAfter(1);
    const turnIndex = session.turns.length - 1;
    const draft = session.turns[turnIndex]?.text ?? '';
    await wordReplyWithLlm(config(), { scenario, session, turnIndex });

    expect(seen).toHaveLength(1);
    const request = seen[0] as SeenRequest;
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/v1/chat/completions');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers.authorization).toBe('Bearer sk-test');
    const body = JSON.parse(request.body);
    expect(body).toMatchObject({
      model: 'test-model',
      stream: false,
      response_format: { type: 'json_object' },
    });
    expect(body.temperature).toBeGreaterThan(0);
    expect(body.max_tokens).toBeGreaterThan(0);
    expect(body.messages.map((m: { role: string }) => m.role)).toEqual(['system', 'user']);
    const [system, user] = body.messages as { content: string }[];
    expect(system?.content).toContain(scenario.persona.name);
    expect(system?.content).toContain('合作型');
    expect(system?.content).toContain(scenario.account.creditor);
    expect(user?.content).toContain(`【草稿】${draft}`);
    expect(user?.content).toContain(strongLines[0]);
  });

  it('sends no Authorization header without an API key', async () => {
    const session = sessionAfter(0);
    await wordReplyWithLlm(config({ apiKey: null }), { scenario, session, turnIndex: 0 });
    expect(seen[0]?.headers.authorization).toBeUndefined();
  });
});

describe('wordReplyWithLlm: the answer', () => {
  it('uses a good reply', async () => {
    const session = sessionAfter(0);
    const result = await wordReplyWithLlm(config(), { scenario, session, turnIndex: 0 });
    expect(result).toEqual({ text: '喂，您好，请问哪位？', llm: true, reason: null });
  });

  it('uses a reply inside a ```json fence', async () => {
    handler = answerWith('```json\n{"reply": "喂，哪位啊？"}\n```');
    const session = sessionAfter(0);
    const result = await wordReplyWithLlm(config(), { scenario, session, turnIndex: 0 });
    expect(result).toEqual({ text: '喂，哪位啊？', llm: true, reason: null });
  });

  it('uses a reply that keeps the draft amount and date, and refuses one that adds a number', async () => {
    const { session, turnIndex } = turnWithAmount();
    const meta = session.meta[turnIndex];
    if (meta?.speaker !== 'debtor' || meta.amountFen === null) throw new Error('no amount');
    const draft = session.turns[turnIndex]?.text ?? '';
    const amount = `${meta.amountFen / 100}元`;
    expect(draft).toContain(amount);
    await wordReplyWithLlm(config(), { scenario, session, turnIndex });
    const user: string = JSON.parse(seen[0]?.body ?? '{}').messages[1].content;
    const keepLine = /【必须原样保留】(.+)/u.exec(user)?.[1] ?? '';
    const keep = keepLine.split('、');
    expect(keep).toContain(amount);
    const date = keep.find((value) => value !== amount) ?? '';

    const kept = `行，那就${date}还${amount}吧。`;
    handler = answerWith(JSON.stringify({ reply: kept }));
    expect(await wordReplyWithLlm(config(), { scenario, session, turnIndex })).toEqual({
      text: kept,
      llm: true,
      reason: null,
    });

    handler = answerWith(JSON.stringify({ reply: `行，那就${date}还${amount}，月底再还500元。` }));
    const added = await wordReplyWithLlm(config(), { scenario, session, turnIndex });
    expect(added).toMatchObject({ text: draft, llm: false });
    expect(added.reason).toMatch(/^refused: /u);

    handler = answerWith(JSON.stringify({ reply: '行，那就这么办吧。' }));
    const dropped = await wordReplyWithLlm(config(), { scenario, session, turnIndex });
    expect(dropped).toEqual({ text: draft, llm: false, reason: `refused: does not keep ${amount}` });
  });

  it('falls back to the draft when the content is not JSON', async () => {
    handler = answerWith('喂，您好，哪位？');
    const session = sessionAfter(0);
    const draft = session.turns[0]?.text;
    const result = await wordReplyWithLlm(config(), { scenario, session, turnIndex: 0 });
    expect(result).toEqual({ text: draft, llm: false, reason: 'content is not JSON' });
  });

  it('falls back when the content has no reply string', async () => {
    handler = answerWith(JSON.stringify({ text: '喂？' }));
    const session = sessionAfter(0);
    const result = await wordReplyWithLlm(config(), { scenario, session, turnIndex: 0 });
    expect(result.llm).toBe(false);
    expect(result.reason).toBe('content has no "reply" string');
  });

  it('falls back when the body is not a chat completion', async () => {
    handler = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ choices: [] }));
    };
    const session = sessionAfter(0);
    const result = await wordReplyWithLlm(config(), { scenario, session, turnIndex: 0 });
    expect(result).toMatchObject({ llm: false, reason: 'response has no choices[0].message.content' });
  });

  it('falls back when the reply adds a number the draft does not have', async () => {
    handler = answerWith(JSON.stringify({ reply: '喂，我是王先生，我卡里还有8000元。' }));
    const session = sessionAfter(0);
    const draft = session.turns[0]?.text;
    const result = await wordReplyWithLlm(config(), { scenario, session, turnIndex: 0 });
    expect(result).toEqual({ text: draft, llm: false, reason: 'refused: digits the draft does not have' });
  });

  it('falls back on an empty reply', async () => {
    handler = answerWith(JSON.stringify({ reply: '   ' }));
    const session = sessionAfter(0);
    const result = await wordReplyWithLlm(config(), { scenario, session, turnIndex: 0 });
    expect(result).toEqual({ text: session.turns[0]?.text, llm: false, reason: 'refused: empty' });
  });

  it('falls back on an HTTP 500', async () => {
    handler = (_request, response) => {
      response.writeHead(500, { 'content-type': 'application/json' });
      response.end('{"error":{"message":"model not loaded"}}');
    };
    const session = sessionAfter(0);
    const result = await wordReplyWithLlm(config(), { scenario, session, turnIndex: 0 });
    expect(result).toEqual({ text: session.turns[0]?.text, llm: false, reason: 'http 500' });
  });

  it('falls back when the server is slower than the timeout', async () => {
    handler = (_request, response) => {
      setTimeout(() => {
        if (response.destroyed) return;
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(completion(JSON.stringify({ reply: '喂？' })));
      }, 1500);
    };
    const session = sessionAfter(0);
    const started = Date.now();
    const result = await wordReplyWithLlm(config({ timeoutMs: 200 }), { scenario, session, turnIndex: 0 });
    expect(Date.now() - started).toBeLessThan(1400);
    expect(result).toEqual({ text: session.turns[0]?.text, llm: false, reason: 'timeout' });
  });

  it('falls back when the connection is refused', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const session = sessionAfter(0);
    const result = await wordReplyWithLlm(config({ baseUrl: `http://127.0.0.1:${port}/v1` }), {
      scenario,
      session,
      turnIndex: 0,
    });
    expect(result.llm).toBe(false);
    expect(result.text).toBe(session.turns[0]?.text);
    expect(result.reason).toBe('network: ECONNREFUSED');
  });

  it('falls back, without a request, for a turn that is not the debtor’s', async () => {
    const session = sessionAfter(1);
    const result = await wordReplyWithLlm(config(), { scenario, session, turnIndex: 1 });
    expect(result.llm).toBe(false);
    expect(result.reason).toMatch(/^prompt: /u);
    expect(seen).toHaveLength(0);
  });

  it('never throws, whatever fetch does', async () => {
    const session = sessionAfter(0);
    const throwing = (() => {
      throw new Error('boom');
    }) as unknown as typeof fetch;
    const result = await wordReplyWithLlm(config(), { scenario, session, turnIndex: 0 }, { fetch: throwing });
    expect(result).toMatchObject({ llm: false, reason: 'network: boom' });
  });
});

describe('rewordReply', () => {
  it('replaces the wording only, never the engine state', async () => {
    const session = sessionAfter(1);
    const turnIndex = session.turns.length - 1;
    const meta = session.meta[turnIndex];
    handler = answerWith(JSON.stringify({ reply: '嗯，我就是，有什么事吗？' }));
    const worded = await rewordReply(config(), { scenario, session, turnIndex });
    expect(meta).toMatchObject({ speaker: 'debtor', amountFen: null, date: null });
    expect(worded.reply).toEqual({ text: '嗯，我就是，有什么事吗？', llm: true, reason: null });
    expect(worded.session.turns[turnIndex]?.text).toBe('嗯，我就是，有什么事吗？');
    expect(session.turns[turnIndex]?.text).not.toBe('嗯，我就是，有什么事吗？');
    expect(worded.session.state).toEqual(session.state);
    expect(worded.session.meta).toEqual(session.meta);
    expect(worded.session.progress).toEqual(session.progress);
    // The next turn goes on from the same state whatever the wording.
    const next = takeTurn(worded.session, strongLines[1] as string).session;
    const offline = takeTurn(session, strongLines[1] as string).session;
    expect(next.meta).toEqual(offline.meta);
    expect(next.state).toEqual(offline.state);
    expect(next.findings).toEqual(offline.findings);
  });
});

describe('replyOfContent', () => {
  it('reads a bare object, a fenced one and one with words around it', () => {
    expect(replyOfContent('{"reply":"好"}')).toEqual({ reply: '好' });
    expect(replyOfContent('```\n{"reply":"好"}\n```')).toEqual({ reply: '好' });
    expect(replyOfContent('好的，输出如下：{"reply":"好"}')).toEqual({ reply: '好' });
    expect(replyOfContent('好')).toEqual({ reason: 'content is not JSON' });
    expect(replyOfContent('{"reply": 3}')).toEqual({ reason: 'content has no "reply" string' });
  });
});
