/**
 * Training over HTTP: a trainee plays a role-play call line by line and gets the graded report; who may
 * read and speak in a call; two lines sent to one call at once; the knowledge quiz; cohorts, assignments
 * and the leaderboard; certification earned through calls and the quiz, and a portfolio that requires
 * it (the contact gate refuses an uncertified collector until they are certified); an LLM that words the
 * debtor's lines through the configured endpoint.
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app';
import { DEMO_PASSWORD } from '../../src/config';
import { seedDemo } from '../../src/services/demo/seed';
import type { Store } from '../../src/store/db';
import { QUIZ_BANK } from '../../src/training/quiz';
import { SCENARIOS } from '../../src/training/scenarios';
import { createTestDatabase, type TestDatabase } from '../helpers/store';

const NOW = new Date('2026-11-24T02:00:00Z'); // 10:00 in Shanghai, a Tuesday
let tdb: TestDatabase;
let store: Store;
let app: FastifyInstance;
let trainee: string;
let trainer: string;
let collector: string;
let manager: string;
let qa: string;

function script(id: string): string[] {
  return readFileSync(new URL(`../fixtures/training/${id}.strong.txt`, import.meta.url), 'utf8')
    .split(/\r?\n/u)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
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

async function call(method: 'GET' | 'POST' | 'PUT', url: string, cookie: string, payload?: unknown) {
  return app.inject({ method, url: `/api/v1${url}`, headers: { cookie }, ...(payload ? { payload } : {}) });
}

interface SessionBody {
  id: string;
  status: 'active' | 'ended';
  turns: { speaker: string; text: string }[];
  traineeTurns: number;
  llm: boolean;
  report: {
    passed: boolean;
    score: number;
    compliancePassed: boolean;
    outcome: { ended: string; promise: { amount: number; date: string; channel: string | null } | null };
    findings: { category: string }[];
  } | null;
}

/** Plays a scenario's strong script as the user; answers the ended call. */
async function playStrong(cookie: string, scenarioId: string, seed = 1): Promise<SessionBody> {
  const started = await call('POST', '/training/sessions', cookie, { scenarioId, seed });
  expect(started.statusCode, started.body).toBe(200);
  let session = started.json() as SessionBody;
  for (const line of script(scenarioId)) {
    if (session.status === 'ended') break;
    const res = await call('POST', `/training/sessions/${session.id}/turns`, cookie, { text: line });
    expect(res.statusCode, res.body).toBe(200);
    session = res.json();
  }
  if (session.status !== 'ended') {
    const res = await call('POST', `/training/sessions/${session.id}/end`, cookie);
    expect(res.statusCode, res.body).toBe(200);
    session = res.json();
  }
  return session;
}

function correctAnswers(questionIds: string[]): Record<string, string[]> {
  return Object.fromEntries(
    questionIds.map((id) => [id, [...(QUIZ_BANK.find((question) => question.id === id)?.correct ?? [])]]),
  );
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  store = tdb.store;
  await seedDemo(store, { accounts: 120, now: NOW, password: DEMO_PASSWORD, seed: 11 });
  app = await buildApp({ store, now: () => NOW, serveWeb: false, timeZone: 'Asia/Shanghai' });
  trainee = await login('trainee');
  trainer = await login('trainer');
  collector = await login('collector');
  manager = await login('manager');
  qa = await login('qa');
});

afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

describe('a role-play call', () => {
  let sessionId: string;

  it('lists the library with each persona type and no hidden state', async () => {
    const res = await call('GET', '/training/scenarios', trainee);
    expect(res.statusCode, res.body).toBe(200);
    const scenarios = res.json().scenarios as Record<string, unknown>[];
    expect(scenarios).toHaveLength(SCENARIOS.length);
    expect(new Set(scenarios.map((s) => s.persona))).toEqual(
      new Set(['hostile', 'scheming', 'cooperative', 'emotional', 'stubborn', 'vain']),
    );
    expect(res.body).not.toContain('acceptAt');
    expect(res.body).not.toContain('willingness');
  });

  it('a strong collector gets the promise, the call ends and the report passes', async () => {
    const session = await playStrong(trainee, 'm1-forgot-cooperative', 7);
    sessionId = session.id;
    expect(session.status).toBe('ended');
    expect(session.report?.passed).toBe(true);
    expect(session.report?.score).toBeGreaterThanOrEqual(80);
    expect(session.report?.outcome.ended).toBe('promise');
    expect(session.report?.outcome.promise?.amount).toBe(320_000);
    expect(session.report?.outcome.promise?.channel).not.toBeNull();
    // The debtor answered every line.
    expect(session.turns.filter((t) => t.speaker === 'debtor').length).toBe(session.traineeTurns + 1);
  });

  it('the same seed gives the same dialogue', async () => {
    const again = await playStrong(trainee, 'm1-forgot-cooperative', 7);
    const first = (await call('GET', `/training/sessions/${sessionId}`, trainee)).json() as SessionBody;
    expect(again.turns).toEqual(first.turns);
  });

  it('an ended call takes no more lines; a blank line and an unknown scenario are refused by name', async () => {
    const more = await call('POST', `/training/sessions/${sessionId}/turns`, trainee, { text: '还有一件事' });
    expect(more.statusCode).toBe(409);
    expect(more.json().code).toBe('TRAINING_SESSION_ENDED');
    const started = (
      await call('POST', '/training/sessions', trainee, { scenarioId: 'm2-refuses-to-talk' })
    ).json();
    const blank = await call('POST', `/training/sessions/${started.id}/turns`, trainee, { text: '   ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().details.field).toBe('text');
    const unknown = await call('POST', '/training/sessions', trainee, { scenarioId: 'no-such-call' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('TRAINING_SCENARIO_NOT_FOUND');
    // Ending twice is ending once.
    const ended = await call('POST', `/training/sessions/${started.id}/end`, trainee);
    expect(ended.json().status).toBe('ended');
    expect(ended.json().report.outcome.ended).toBe('hang_up');
    expect(ended.json().report.passed).toBe(false);
    const again = await call('POST', `/training/sessions/${started.id}/end`, trainee);
    expect(again.json().endedAt).toBe(ended.json().endedAt);
  });

  it('a threat fails the call with its category whatever the score', async () => {
    const lines = script('m1-forgot-cooperative');
    const started = (
      await call('POST', '/training/sessions', trainee, { scenarioId: 'm1-forgot-cooperative', seed: 1 })
    ).json() as SessionBody;
    let session = started;
    for (const line of [...lines.slice(0, 2), '你要是再不还，就等着瞧吧，后果自负。', ...lines.slice(2)]) {
      if (session.status === 'ended') break;
      session = (
        await call('POST', `/training/sessions/${session.id}/turns`, trainee, { text: line })
      ).json();
    }
    if (session.status !== 'ended')
      session = (await call('POST', `/training/sessions/${session.id}/end`, trainee)).json();
    expect(session.report?.passed).toBe(false);
    expect(session.report?.compliancePassed).toBe(false);
    expect(session.report?.findings.map((f) => f.category)).toContain('threat');
  });

  it('only the trainee speaks in the call; a trainer reads it; another trainee does not see it', async () => {
    const started = (
      await call('POST', '/training/sessions', trainee, { scenarioId: 'm1-autodebit-vain' })
    ).json();
    const byTrainer = await call('POST', `/training/sessions/${started.id}/turns`, trainer, { text: '您好' });
    expect(byTrainer.statusCode).toBe(404);
    expect((await call('GET', `/training/sessions/${started.id}`, trainer)).statusCode).toBe(200);
    const byCollector = await call('GET', `/training/sessions/${started.id}`, collector);
    expect(byCollector.statusCode).toBe(404);
    const list = await call('GET', '/training/sessions', collector);
    expect(list.json().sessions.map((s: { id: string }) => s.id)).not.toContain(started.id);
    const foreign = await call('GET', `/training/sessions?traineeId=${started.id}`, collector);
    expect(foreign.statusCode).toBe(403);
    expect((await call('GET', '/training/cohorts', trainee)).statusCode).toBe(403);
    expect((await call('GET', '/training/scenarios', qa)).statusCode).toBe(403);
  });

  it('two lines sent to one call at once: never both on the same turn, none lost', async () => {
    const started = (
      await call('POST', '/training/sessions', trainee, { scenarioId: 'm2-hardship-lost-job', seed: 3 })
    ).json() as SessionBody;
    const [a, b] = await Promise.all([
      call('POST', `/training/sessions/${started.id}/turns`, trainee, {
        text: '您好，我是安易消费金融的客服专员张悦，工号2031。请问是李秀梅女士本人吗？',
      }),
      call('POST', `/training/sessions/${started.id}/turns`, trainee, { text: '李女士您好，打扰您了。' }),
    ]);
    const codes = [a, b].map((r) => r.statusCode).sort();
    const after = (await call('GET', `/training/sessions/${started.id}`, trainee)).json() as SessionBody;
    const accepted = codes.filter((code) => code === 200).length;
    expect(accepted).toBeGreaterThanOrEqual(1);
    for (const r of [a, b]) if (r.statusCode !== 200) expect(r.json().code).toBe('TRAINING_TURN_CONFLICT');
    expect(after.traineeTurns).toBe(accepted);
    expect(after.turns.filter((t) => t.speaker === 'trainee')).toHaveLength(accepted);
  });
});

describe('the knowledge quiz', () => {
  it('draws 20 questions without answers and grades an answer sheet', async () => {
    const drawn = await call('GET', '/training/quiz', trainee);
    expect(drawn.statusCode).toBe(200);
    const quiz = drawn.json() as { seed: number; questions: { id: string }[] };
    expect(quiz.questions).toHaveLength(20);
    expect(drawn.body).not.toContain('"correct"');
    const ids = quiz.questions.map((q) => q.id);
    const answers = correctAnswers(ids);
    const first = ids[0] as string;
    answers[first] = ['zz'];
    const res = await call('POST', '/training/quiz/attempts', trainee, { seed: quiz.seed, answers });
    expect(res.statusCode, res.body).toBe(200);
    const result = res.json();
    expect(result.correct).toBe(19);
    expect(result.percent).toBe(95);
    expect(result.passed).toBe(true);
    expect(result.items.find((item: { id: string }) => item.id === first).correct).toBe(false);
  });

  it('an answer to a question that is not in the drawn quiz is refused by name, nothing stored', async () => {
    const quiz = (await call('GET', '/training/quiz', trainee)).json() as {
      seed: number;
      questions: { id: string }[];
    };
    const outside = QUIZ_BANK.find((q) => !quiz.questions.some((drawn) => drawn.id === q.id))?.id as string;
    const before = (await call('GET', '/training/progress', trainee)).json().quiz.attempts;
    const res = await call('POST', '/training/quiz/attempts', trainee, {
      seed: quiz.seed,
      answers: { [outside]: ['a'] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.field).toBe(`answers.${outside}`);
    expect((await call('GET', '/training/progress', trainee)).json().quiz.attempts).toBe(before);
  });
});

describe('cohorts, assignments and the leaderboard', () => {
  it('a trainer puts the trainee in a cohort, assigns scenarios with a due date, and ranks them', async () => {
    const people = (await call('GET', '/training/trainees', trainer)).json().trainees as {
      id: string;
      displayName: string;
      role: string;
    }[];
    const me = people.find((p) => p.role === 'trainee') as { id: string };
    expect(me).toBeDefined();
    const bad = await call('POST', '/training/cohorts', trainer, {
      name: '十二月新人班',
      memberIds: [me.id, 'x'],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.field).toBe('memberIds.1');
    const created = await call('POST', '/training/cohorts', trainer, {
      name: '十二月新人班',
      memberIds: [me.id],
    });
    expect(created.statusCode, created.body).toBe(200);
    const cohort = created.json();
    const past = await call('POST', `/training/cohorts/${cohort.id}/assignments`, trainer, {
      scenarioIds: ['m1-forgot-cooperative'],
      dueDate: '2026-11-01',
    });
    expect(past.statusCode).toBe(400);
    expect(past.json().details.field).toBe('dueDate');
    const assigned = await call('POST', `/training/cohorts/${cohort.id}/assignments`, trainer, {
      scenarioIds: ['m1-forgot-cooperative', 'm2-hardship-lost-job'],
      dueDate: '2026-12-01',
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    const view = assigned.json();
    expect(view.assignments).toHaveLength(2);
    expect(
      view.assignments.find((a: { scenarioId: string }) => a.scenarioId === 'm1-forgot-cooperative').passedBy,
    ).toBe(1);
    // The trainee's library shows the assignment.
    const library = (await call('GET', '/training/scenarios', trainee)).json().scenarios as {
      id: string;
      assignedDue: string | null;
      best: { passed: boolean } | null;
    }[];
    expect(library.find((s) => s.id === 'm2-hardship-lost-job')?.assignedDue).toBe('2026-12-01');
    expect(library.find((s) => s.id === 'm1-forgot-cooperative')?.best?.passed).toBe(true);
    const board = await call('GET', `/training/leaderboard?cohortId=${cohort.id}`, trainer);
    expect(board.statusCode).toBe(200);
    const rows = board.json().rows;
    expect(rows).toHaveLength(1);
    expect(rows[0].scenariosPassed).toBe(1);
    expect(rows[0].violations).toBeGreaterThanOrEqual(1);
    const sessions = await call('GET', `/training/sessions?cohortId=${cohort.id}`, trainer);
    expect(sessions.json().sessions.length).toBeGreaterThanOrEqual(3);
  });
});

describe('certification and a portfolio that requires it', () => {
  it('an uncertified collector may not contact; after passing calls at every level and the quiz they may', async () => {
    const portfolio = (await store.sql.query<{ code: string }>('SELECT code FROM portfolios LIMIT 1')).rows[0]
      ?.code as string;
    const set = await call('PUT', `/portfolios/${portfolio}/certification`, manager, { required: true });
    expect(set.statusCode, set.body).toBe(200);
    expect(
      (await call('PUT', `/portfolios/${portfolio}/certification`, collector, { required: false }))
        .statusCode,
    ).toBe(403);
    const kase = (
      await store.sql.query<{ id: string }>(
        `SELECT c.id FROM cases c JOIN users u ON u.id = c.assigned_collector_id
         WHERE u.username = 'collector' AND c.status = 'open'
           AND NOT (c.cease OR c.legal_hold OR c.complaint_freeze OR c.deceased OR c.bankruptcy)
         ORDER BY c.case_no LIMIT 1`,
      )
    ).rows[0]?.id as string;
    const gate = (await call('GET', `/cases/${kase}/gate`, collector)).json();
    const phone = gate.phones[0];
    expect(phone.call.reasons).toContain('not_certified');
    const refused = await call('POST', `/cases/${kase}/contact-attempts`, collector, {
      channel: 'call',
      party: 'debtor',
      phoneId: phone.phoneId,
    });
    expect(refused.json().allowed).toBe(false);
    expect(refused.json().reasons).toContain('not_certified');

    // Nor may a case be moved to another uncertified collector.
    const collector2Id = (
      await store.sql.query<{ id: string }>(`SELECT id FROM users WHERE username = 'collector2'`)
    ).rows[0]?.id as string;
    const moved = await call('POST', '/cases/reassign', manager, {
      caseIds: [kase],
      toCollectorId: collector2Id,
      reason: '调整工作量',
    });
    expect(moved.statusCode, moved.body).toBe(400);
    expect(moved.json().details.problems[0].code).toBe('not_certified');

    // Four scenarios passed across the three levels, and the quiz.
    const picks = [1, 2, 3].map((level) =>
      SCENARIOS.find((s) => s.difficulty === level && s.party === 'debtor'),
    );
    const fourth = SCENARIOS.find((s) => s.party !== 'debtor');
    for (const scenario of [...picks, fourth]) {
      const played = await playStrong(collector, scenario?.id as string);
      expect(played.report?.passed, `${scenario?.id}`).toBe(true);
    }
    let progress = (await call('GET', '/training/progress', collector)).json();
    expect(progress.certification.certified).toBe(false);
    expect(progress.certification.requirements.find((r: { key: string }) => r.key === 'quiz').met).toBe(
      false,
    );
    const quiz = (await call('GET', '/training/quiz', collector)).json();
    const answered = await call('POST', '/training/quiz/attempts', collector, {
      seed: quiz.seed,
      answers: correctAnswers(quiz.questions.map((q: { id: string }) => q.id)),
    });
    expect(answered.json().certification.certified).toBe(true);
    progress = (await call('GET', '/training/progress', collector)).json();
    expect(progress.certification.certifiedAt).not.toBeNull();
    expect(progress.radar.find((r: { dimension: string }) => r.dimension === 'commitment').value).toBe(100);

    const allowed = await call('POST', `/cases/${kase}/contact-attempts`, collector, {
      channel: 'call',
      party: 'debtor',
      phoneId: phone.phoneId,
    });
    expect(allowed.json().reasons ?? []).not.toContain('not_certified');
    const audit = await store.sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'training.certified'`,
    );
    expect(audit.rows[0]?.n).toBe(1);
  });
});

describe('an LLM words the debtor', () => {
  it('an endpoint that keeps failing is rested: the offline lines come at once', async () => {
    let calls = 0;
    const failing = (async () => {
      calls += 1;
      return new Response('upstream down', { status: 502 });
    }) as typeof fetch;
    const llmApp = await buildApp({
      store,
      now: () => NOW,
      serveWeb: false,
      timeZone: 'Asia/Shanghai',
      llm: { baseUrl: 'http://llm.test/v1', model: 'qwen-test', apiKey: null, timeoutMs: 1000 },
      llmFetch: failing,
    });
    try {
      const started = await llmApp.inject({
        method: 'POST',
        url: '/api/v1/training/sessions',
        headers: { cookie: trainee },
        payload: { scenarioId: 'm1-forgot-cooperative', seed: 2 },
      });
      const id = started.json().id;
      expect(started.json().llm).toBe(false);
      for (const line of script('m1-forgot-cooperative').slice(0, 4)) {
        const res = await llmApp.inject({
          method: 'POST',
          url: `/api/v1/training/sessions/${id}/turns`,
          headers: { cookie: trainee },
          payload: { text: line },
        });
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json().llm).toBe(false);
      }
      // The opening and two lines tried the endpoint; after the third failure it rests.
      expect(calls).toBe(3);
    } finally {
      await llmApp.close();
    }
  });

  it('uses the endpoint’s line when it passes the checks, the offline line when it fails', async () => {
    const requests: { url: string; body: { model: string; messages: { content: string }[] } }[] = [];
    let answer = '喂，哪位？有什么事吗？';
    const fakeFetch = (async (url: string | URL, init?: RequestInit) => {
      requests.push({ url: String(url), body: JSON.parse(String(init?.body)) });
      return new Response(
        JSON.stringify({
          choices: [{ message: { role: 'assistant', content: JSON.stringify({ reply: answer }) } }],
        }),
        { status: 200, headers: { 'content-type': 'application/json' } },
      );
    }) as typeof fetch;
    const llmApp = await buildApp({
      store,
      now: () => NOW,
      serveWeb: false,
      timeZone: 'Asia/Shanghai',
      llm: { baseUrl: 'http://llm.test/v1', model: 'qwen-test', apiKey: null, timeoutMs: 1000 },
      llmFetch: fakeFetch,
    });
    try {
      const cookie = trainee;
      const started = await llmApp.inject({
        method: 'POST',
        url: '/api/v1/training/sessions',
        headers: { cookie },
        payload: { scenarioId: 'm1-forgot-cooperative', seed: 5 },
      });
      const session = started.json();
      expect(session.llm).toBe(true);
      expect(session.turns[0].text).toBe('喂，哪位？有什么事吗？');
      expect(requests[0]?.url).toBe('http://llm.test/v1/chat/completions');
      expect(requests[0]?.body.model).toBe('qwen-test');
      // A reply with a number the engine did not decide is not used.
      answer = '我明天还你99999元';
      const turn = await llmApp.inject({
        method: 'POST',
        url: `/api/v1/training/sessions/${session.id}/turns`,
        headers: { cookie },
        payload: { text: '您好，我是华信银行信用卡中心的李明，工号1024。请问是王建国先生本人吗？' },
      });
      expect(turn.statusCode, turn.body).toBe(200);
      expect(turn.json().turns.at(-1).text).not.toContain('99999');
    } finally {
      await llmApp.close();
    }
  });
});
