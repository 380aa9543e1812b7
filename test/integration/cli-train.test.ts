/** `qingshou train` as a trainee or a tool runs it: the real bin as a child process. No database. */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/files';

const STRONG = 'test/fixtures/training/m1-forgot-cooperative.strong.txt';
const SCENARIO = 'm1-forgot-cooperative';
const TODAY = '2026-11-25';
const THREAT = '你要是再不还，就等着瞧吧，后果自负。';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the bin asynchronously (a fake LLM server in this process must be able to answer meanwhile). */
function qingshou(
  args: string[],
  options: { input?: string; env?: Record<string, string> } = {},
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/qingshou.mjs', ...args], {
      env: {
        ...process.env,
        QINGSHOU_LLM_BASE_URL: '',
        QINGSHOU_CLOCK: '',
        ...options.env,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

interface TrainResult {
  scenario: string;
  passed: boolean;
  score: number;
  outcome: { promise: { amount: number; date: string } | null; ended: string };
  findings: {
    category: string;
    rule: string;
    severity: string;
    turn: number;
    start: number;
    end: number;
    quote: string;
  }[];
  turns: { speaker: 'trainee' | 'debtor'; text: string }[];
}

function parse(run: Run): TrainResult {
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as TrainResult;
}

const strongLines = readFileSync(STRONG, 'utf8')
  .split(/\r?\n/u)
  .map((line) => line.trim())
  .filter((line) => line.length > 0);

let dir: string;
beforeAll(() => {
  dir = tempDir();
});

describe('qingshou train --list', () => {
  it('lists the 16 scenarios as JSON with their persona and difficulty', async () => {
    const list = JSON.parse((await qingshou(['train', '--list', '--json'])).stdout) as Record<
      string,
      unknown
    >[];
    expect(list).toHaveLength(16);
    const personas = ['hostile', 'scheming', 'cooperative', 'emotional', 'stubborn', 'vain'];
    for (const entry of list) {
      expect(Object.keys(entry).sort()).toEqual(['difficulty', 'id', 'persona', 'title']);
      expect(entry.id).toMatch(/^[a-z0-9-]+$/u);
      expect(entry.title).toMatch(/\p{Script=Han}/u);
      expect(personas).toContain(entry.persona);
      expect([1, 2, 3]).toContain(entry.difficulty);
    }
    expect(new Set(list.map((entry) => entry.id)).size).toBe(16);
    expect(list.find((entry) => entry.id === SCENARIO)).toEqual({
      id: SCENARIO,
      title: 'M1 忘记还款的合作型客户',
      persona: 'cooperative',
      difficulty: 1,
    });
  });

  it('prints a readable table without --json', async () => {
    const run = await qingshou(['train', '--list']);
    expect(run.status, run.stderr).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(17);
    expect(lines.find((line) => line.startsWith(SCENARIO))).toMatch(
      /1 初级\s+合作型\s+M1 忘记还款的合作型客户/u,
    );
  });
});

describe('qingshou train --script --json', () => {
  it('plays a strong script to a promise and passes', async () => {
    const result = parse(
      await qingshou(['train', '--scenario', SCENARIO, '--script', STRONG, '--today', TODAY, '--json']),
    );
    expect(result.scenario).toBe(SCENARIO);
    expect(result.passed).toBe(true);
    expect(result.score).toBeGreaterThanOrEqual(80);
    expect(result.outcome).toEqual({ promise: { amount: 320000, date: '2026-11-26' }, ended: 'promise' });
    expect(result.findings.filter((finding) => finding.severity === 'error')).toEqual([]);
    expect(result.turns.filter((turn) => turn.speaker === 'trainee').map((turn) => turn.text)).toEqual(
      strongLines,
    );
    expect(result.turns[0]?.speaker).toBe('debtor');
    expect(result.turns.at(-1)?.speaker).toBe('debtor');
    for (const turn of result.turns) expect(turn.text.length).toBeGreaterThan(0);
  });

  it('gives the same dialogue for the same seed, and reads the script from standard input', async () => {
    const args = ['train', '--scenario', SCENARIO, '--seed', '7', '--today', TODAY, '--json'];
    const first = await qingshou([...args, '--script', STRONG]);
    const second = await qingshou([...args, '--script', STRONG]);
    expect(first.status, first.stderr).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    const piped = await qingshou([...args, '--script', '-'], { input: readFileSync(STRONG, 'utf8') });
    expect(piped.stdout).toBe(first.stdout);
  });

  it('defaults to seed 1 and to today in QINGSHOU_TIME_ZONE on the configured clock', async () => {
    const explicit = await qingshou([
      'train',
      '--scenario',
      SCENARIO,
      '--script',
      STRONG,
      '--seed',
      '1',
      '--today',
      TODAY,
      '--json',
    ]);
    // 2026-11-24T20:00Z is already the 25th in Shanghai.
    const defaulted = await qingshou(['train', '--scenario', SCENARIO, '--script', STRONG, '--json'], {
      env: { QINGSHOU_CLOCK: '2026-11-24T20:00:00Z', QINGSHOU_TIME_ZONE: 'Asia/Shanghai' },
    });
    expect(defaulted.status, defaulted.stderr).toBe(0);
    expect(defaulted.stdout).toBe(explicit.stdout);
  });

  it('fails a script with a threat, with a finding of category threat', async () => {
    const lines = [...strongLines.slice(0, 2), THREAT, ...strongLines.slice(2)];
    const file = join(dir, 'threat.txt');
    writeFileSync(file, `${lines.join('\n\n')}\n`);
    const result = parse(
      await qingshou(['train', '--scenario', SCENARIO, '--script', file, '--today', TODAY, '--json']),
    );
    expect(result.passed).toBe(false);
    const threat = result.findings.find((finding) => finding.category === 'threat');
    expect(threat).toMatchObject({ severity: 'error', category: 'threat' });
    const turn = result.turns[threat?.turn ?? -1];
    expect(turn).toEqual({ speaker: 'trainee', text: THREAT });
    expect(turn?.text.slice(threat?.start, threat?.end)).toBe(threat?.quote);
  });
});

describe('qingshou train: refused input', () => {
  it('refuses an unknown scenario with status 2 naming --scenario', async () => {
    const run = await qingshou(['train', '--scenario', 'no-such-call', '--json']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('--scenario');
    expect(run.stderr).toContain('no-such-call');
  });

  it('refuses a missing file, a bad seed and a bad date with status 2 naming the option', async () => {
    const missing = await qingshou([
      'train',
      '--scenario',
      SCENARIO,
      '--script',
      join(dir, 'nope.txt'),
      '--json',
    ]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('--script');
    expect(missing.stderr).toContain('nope.txt');
    const seed = await qingshou([
      'train',
      '--scenario',
      SCENARIO,
      '--script',
      STRONG,
      '--seed',
      'x',
      '--json',
    ]);
    expect(seed.status).toBe(2);
    expect(seed.stderr).toContain('--seed');
    const today = await qingshou([
      'train',
      '--scenario',
      SCENARIO,
      '--script',
      STRONG,
      '--today',
      '2026-02-30',
      '--json',
    ]);
    expect(today.status).toBe(2);
    expect(today.stderr).toContain('--today');
    expect(today.stdout).toBe('');
  });
});

describe('qingshou train: in the terminal', () => {
  it('shows the briefing, answers each line and ends with the report', async () => {
    const lines = strongLines.slice(0, 3);
    const run = await qingshou(['train', '--scenario', SCENARIO, '--today', TODAY], {
      input: `${lines.join('\n')}\n`,
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('【背景】');
    expect(run.stdout).toContain('【账户】');
    expect(run.stdout).toContain('【目标】');
    const scripted = parse(
      await qingshou(['train', '--scenario', SCENARIO, '--script', '-', '--today', TODAY, '--json'], {
        input: lines.join('\n'),
      }),
    );
    const replies = scripted.turns.filter((turn) => turn.speaker === 'debtor').map((turn) => turn.text);
    expect(replies).toHaveLength(4);
    for (const reply of replies) expect(run.stdout).toContain(`王先生：${reply}`);
    expect(run.stdout).toMatch(/得分 \d+\/100/u);
    expect(run.stdout).toContain('评分项');
    expect(run.stdout).toMatch(/[✓✗] 开场/u);
  });

  it('ends on /end and reports in English with --lang en', async () => {
    const run = await qingshou(['train', '--scenario', SCENARIO, '--today', TODAY, '--lang', 'en'], {
      input: `${strongLines[0]}\n/end\n${strongLines[1]}\n`,
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('[Goal]');
    expect(run.stdout).toMatch(/Score \d+\/100/u);
    expect(run.stdout).toContain('the call was hung up');
    // Nothing after /end was played.
    expect(run.stdout).not.toContain(strongLines[1]);
  });
});

describe('qingshou train with an LLM (QINGSHOU_LLM_BASE_URL)', () => {
  const MARK = '〔模型〕';
  let server: Server;
  let baseUrl: string;
  const requests: { url: string; authorization?: string; body: { model: string } }[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      let raw = '';
      request.setEncoding('utf8');
      request.on('data', (chunk: string) => {
        raw += chunk;
      });
      request.on('end', () => {
        const body = JSON.parse(raw);
        requests.push({ url: request.url ?? '', authorization: request.headers.authorization, body });
        const user: string = body.messages[1].content;
        const draft = /【草稿】(.*)/u.exec(user)?.[1] ?? '';
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(
          JSON.stringify({
            choices: [
              { message: { role: 'assistant', content: JSON.stringify({ reply: `${MARK}${draft}` }) } },
            ],
          }),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('words the debtor lines through the endpoint; the grade is the same as offline', async () => {
    const args = ['train', '--scenario', SCENARIO, '--script', STRONG, '--today', TODAY, '--json'];
    const offline = parse(await qingshou(args));
    const worded = parse(
      await qingshou(args, {
        env: {
          QINGSHOU_LLM_BASE_URL: baseUrl,
          QINGSHOU_LLM_MODEL: 'fake-model',
          QINGSHOU_LLM_API_KEY: 'sk-local',
        },
      }),
    );
    const debtorTurns = offline.turns.filter((turn) => turn.speaker === 'debtor').length;
    expect(requests).toHaveLength(debtorTurns);
    for (const request of requests) {
      expect(request.url).toBe('/v1/chat/completions');
      expect(request.authorization).toBe('Bearer sk-local');
      expect(request.body.model).toBe('fake-model');
    }
    expect(worded.turns).toHaveLength(offline.turns.length);
    let fromLlm = 0;
    worded.turns.forEach((turn, index) => {
      const before = offline.turns[index];
      expect(turn.speaker).toBe(before?.speaker);
      if (turn.speaker === 'trainee') {
        expect(turn.text).toBe(before?.text);
      } else if (turn.text === `${MARK}${before?.text}`) {
        fromLlm++;
      } else {
        // A line the check refused keeps the offline wording.
        expect(turn.text).toBe(before?.text);
      }
    });
    expect(worded.turns[0]?.text).toBe(`${MARK}${offline.turns[0]?.text}`);
    expect(fromLlm).toBeGreaterThanOrEqual(Math.ceil(debtorTurns / 2));
    expect({ ...worded, turns: [] }).toEqual({ ...offline, turns: [] });
  });

  it('falls back to the offline lines when the endpoint cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const args = ['train', '--scenario', SCENARIO, '--script', STRONG, '--today', TODAY, '--json'];
    const offline = await qingshou(args);
    const unreachable = await qingshou(args, {
      env: { QINGSHOU_LLM_BASE_URL: `http://127.0.0.1:${port}/v1` },
    });
    expect(unreachable.status, unreachable.stderr).toBe(0);
    expect(unreachable.stdout).toBe(offline.stdout);
    expect(unreachable.stderr).toContain('ECONNREFUSED');
  });
});
