import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSpeechInspector } from '../compliance/speech';
import { addDays } from '../domain/dates';
import { endCall, playScript, startSession, takeTurn } from './engine';
import { gradeSession } from './grading';
import { EXCUSE_LINES, RESPONSE_BANK } from './responses';
import { findScenario, SCENARIOS } from './scenarios';
import type { EngineSession, IntentLines, Scenario } from './types';
import { EXCUSES, MOODS, REPLY_INTENTS } from './types';

const TODAY = '2026-11-25';
const fixtures = new URL('../../test/fixtures/training/', import.meta.url);

function script(name: string): string[] {
  return readFileSync(new URL(name, fixtures), 'utf8')
    .split(/\r?\n/u)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

function scenario(id: string): Scenario {
  const found = findScenario(id);
  if (!found) throw new Error(`no scenario ${id}`);
  return found;
}

function play(id: string, lines: readonly string[], seed = 1): EngineSession {
  return playScript({ scenario: scenario(id), seed, today: TODAY }, lines);
}

function transcript(session: EngineSession): string {
  return session.turns.map((turn) => `${turn.speaker === 'trainee' ? '催' : '客'}: ${turn.text}`).join('\n');
}

describe('every scenario: a strong, compliant collector', () => {
  for (const entry of SCENARIOS) {
    it(`${entry.id} reaches the goal and passes`, () => {
      for (const seed of [1, 7, 42]) {
        const session = play(entry.id, script(`${entry.id}.strong.txt`), seed);
        const report = gradeSession(session, entry);
        const context = `seed ${seed}\n${transcript(session)}\n${JSON.stringify(
          report.dimensions.filter((dimension) => !dimension.passed),
        )}`;
        expect(
          report.findings.filter((finding) => finding.severity === 'error'),
          context,
        ).toEqual([]);
        expect(report.goalMet, context).toBe(true);
        expect(report.passed, context).toBe(true);
        expect(report.score, context).toBeGreaterThanOrEqual(80);
        if (entry.goal.kind === 'promise') {
          expect(report.outcome.ended, context).toBe('promise');
          expect(report.outcome.promise?.amount ?? 0, context).toBeGreaterThanOrEqual(entry.goal.minFen);
          expect(report.outcome.promise?.date ?? '9999', context).not.toBe('9999');
          expect(
            (report.outcome.promise?.date ?? '9999') <= addDays(TODAY, entry.goal.withinDays),
            context,
          ).toBe(true);
          expect(report.outcome.promise?.channel, context).not.toBeNull();
        }
      }
    });
  }
});

/** Inserts a line into the strong script after its opening lines. */
function withLine(lines: readonly string[], line: string, at = 2): string[] {
  return [...lines.slice(0, at), line, ...lines.slice(at)];
}

describe('violations fail the call with their category, whatever else was said', () => {
  const threat = '你要是再不还，就等着瞧吧，后果自负。';
  const impersonation = '我是市公安局经侦大队的，你这个事情已经立案了。';
  const disclosure = '他在我们银行的信用卡逾期了，欠了三千多没还。';

  for (const entry of SCENARIOS) {
    it(`${entry.id}: a threat and an impersonation fail`, () => {
      const strong = script(`${entry.id}.strong.txt`);
      for (const [line, category] of [
        [threat, 'threat'],
        [impersonation, 'impersonation'],
      ] as const) {
        const session = play(entry.id, withLine(strong, line));
        const report = gradeSession(session, entry);
        expect(report.passed).toBe(false);
        expect(report.compliancePassed).toBe(false);
        expect(report.findings.map((finding) => finding.category)).toContain(category);
        const professional = report.dimensions.find((dimension) => dimension.dimension === 'professional');
        expect(professional?.passed).toBe(false);
      }
    });
  }

  for (const entry of SCENARIOS.filter((candidate) => candidate.party === 'third_party')) {
    it(`${entry.id}: telling the third party about the debt fails with third_party_disclosure`, () => {
      const session = play(entry.id, withLine(script(`${entry.id}.strong.txt`), disclosure));
      const report = gradeSession(session, entry);
      expect(report.passed).toBe(false);
      expect(report.goalMet).toBe(false);
      expect(report.findings.map((finding) => finding.category)).toContain('third_party_disclosure');
      expect(report.dimensions.find((dimension) => dimension.dimension === 'discretion')?.passed).toBe(false);
      expect(
        session.meta.some((meta) => meta.speaker === 'debtor' && meta.intent === 'third_party_shocked'),
      ).toBe(true);
    });
  }
});

describe('how the persona reacts', () => {
  it('a threat makes the debtor angry and hints the compliant wording at once', () => {
    const start = startSession({ scenario: scenario('m1-forgot-cooperative'), seed: 3, today: TODAY });
    const opened = takeTurn(start, '您好，我是华信银行信用卡中心的李明，请问是王建国先生本人吗？').session;
    const result = takeTurn(opened, '你要是再不还，就等着瞧吧，后果自负。');
    expect(result.findings.map((finding) => finding.category)).toContain('threat');
    expect(result.hint?.zh).toContain('可以这样说');
    expect(result.session.state.hostility).toBeGreaterThan(opened.state.hostility);
    const last = result.session.meta.at(-1);
    expect(last?.speaker === 'debtor' ? last.intent : null).toBe('angry');
  });

  it('a caller who never says who they are is asked, then hung up on', () => {
    let session = startSession({ scenario: scenario('m1-forgot-cooperative'), seed: 1, today: TODAY });
    const intents: string[] = [];
    for (const line of ['喂', '你还钱吧', '快点还钱']) {
      if (session.ended) break;
      session = takeTurn(session, line).session;
      const last = session.meta.at(-1);
      if (last?.speaker === 'debtor') intents.push(last.intent);
    }
    expect(intents.slice(0, 2)).toEqual(['ask_who', 'ask_who']);
    expect(session.ended).toBe('hang_up');
  });

  it('a proposal beyond what the debtor can pay is countered, not accepted', () => {
    const entry = scenario('m2-hardship-lost-job');
    const lines = script(`${entry.id}.strong.txt`);
    let session = startSession({ scenario: entry, seed: 1, today: TODAY });
    for (const line of lines.slice(0, 5)) session = takeTurn(session, line).session;
    const tooMuch = takeTurn(session, `您明天把全部${entry.account.balanceFen / 100}元都还上吧？`).session;
    expect(tooMuch.progress.promise).toBeNull();
  });

  it('the time limit ends the call', () => {
    const entry = scenario('m1-forgot-cooperative');
    const lines = [
      '您好，我是华信银行信用卡中心的李明，请问是王建国先生本人吗？',
      ...Array.from({ length: entry.turnLimit }, () => '我理解您，您看什么时候方便处理一下？'),
    ];
    const session = play(entry.id, lines);
    expect(['time_limit', 'hang_up']).toContain(session.ended);
    expect(session.traineeTurns).toBeLessThanOrEqual(entry.turnLimit);
  });

  it('ending the call keeps an agreed promise, and a script that runs out says so', () => {
    const entry = scenario('m1-forgot-cooperative');
    const lines = script(`${entry.id}.strong.txt`);
    const partial = play(entry.id, lines.slice(0, 2));
    expect(partial.ended).toBe('script_end');
    let session = startSession({ scenario: entry, seed: 1, today: TODAY });
    for (const line of lines) {
      session = takeTurn(session, line).session;
      if (session.progress.promise) break;
    }
    expect(session.progress.promise).not.toBeNull();
    expect(endCall(session, 'hang_up').ended).toBe('promise');
  });
});

describe('determinism and robustness', () => {
  const scenarioIds = SCENARIOS.map((entry) => entry.id);
  const utterance = fc.oneof(
    fc.string({ maxLength: 60 }),
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.constantFrom(
      '',
      '   ',
      '😀😀😀 🙏',
      'Hello, this is Li from Huaxin Bank. Is this Mr Wang?',
      '您好，我是華信銀行信用卡中心的李明，請問是王建國先生本人嗎？',
      '我理解您的难处，您看明天先还三千二可以吗？可以通过官方APP还款。',
      '那跟您确认一下，明天通过APP还3200元，对吗？',
      '谢谢您的配合，再见。',
      '好的',
      '你要是再不还，就等着瞧吧，后果自负。',
      '一'.repeat(5000),
    ),
  );

  it('the same scenario, seed and lines give the same dialogue', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...scenarioIds),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.array(utterance, { maxLength: 12 }),
        (id, seed, lines) => {
          const a = play(id, lines, seed);
          const b = play(id, lines, seed);
          expect(b).toEqual(a);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('different seeds word the same call differently somewhere', () => {
    const lines = script('m1-forgot-cooperative.strong.txt');
    const dialogues = new Set(
      [1, 2, 3, 4, 5, 6].map((seed) => transcript(play('m1-forgot-cooperative', lines, seed))),
    );
    expect(dialogues.size).toBeGreaterThan(1);
  });

  it('never crashes, and no debtor line is ever a collector-side violation', () => {
    const inspector = createSpeechInspector('cn-cba');
    fc.assert(
      fc.property(
        fc.constantFrom(...scenarioIds),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.array(utterance, { maxLength: 14 }),
        (id, seed, lines) => {
          const session = play(id, lines, seed);
          expect(session.ended).not.toBeNull();
          const report = gradeSession(session, scenario(id));
          expect(report.score).toBeGreaterThanOrEqual(0);
          expect(report.score).toBeLessThanOrEqual(100);
          for (const turn of session.turns.filter((entry) => entry.speaker === 'debtor')) {
            expect(turn.text.length).toBeGreaterThan(0);
            expect(turn.text).not.toMatch(/\{[a-z]+\}/u);
            const findings = inspector
              .inspect({ party: 'debtor', turns: [{ speaker: 'agent', text: turn.text }] })
              .filter((finding) => finding.severity === 'error' && finding.rule !== 'cn.opening.identity');
            expect(findings, turn.text).toEqual([]);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('replies do not loop: a long call seldom repeats a line', () => {
    const lines = Array.from({ length: 14 }, (_, index) =>
      index === 0
        ? '您好，我是华信银行信用卡中心的李明，请问是王建国先生本人吗？'
        : '我理解，您看怎么处理比较好？',
    );
    const session = play('m1-forgot-cooperative', lines, 9);
    const replies = session.turns.filter((turn) => turn.speaker === 'debtor').map((turn) => turn.text);
    const repeats = replies.length - new Set(replies).size;
    expect(repeats).toBeLessThanOrEqual(Math.floor(replies.length / 4));
  });
});

describe('the response bank', () => {
  const bankLines: { key: string; text: string }[] = [];
  const collect = (key: string, lines: IntentLines) => {
    for (const [mood, texts] of Object.entries(lines.common)) {
      for (const text of texts ?? []) bankLines.push({ key: `${key}/${mood}`, text });
    }
    for (const [type, moods] of Object.entries(lines.byType ?? {})) {
      for (const [mood, texts] of Object.entries(moods ?? {})) {
        for (const text of texts ?? []) bankLines.push({ key: `${key}/${type}/${mood}`, text });
      }
    }
  };
  for (const intent of REPLY_INTENTS) collect(intent, RESPONSE_BANK[intent]);
  for (const excuse of EXCUSES) {
    collect(`excuse:${excuse}`, EXCUSE_LINES[excuse].raise);
    collect(`explain:${excuse}`, EXCUSE_LINES[excuse].explain);
  }

  it('words every intent and every excuse in every mood', () => {
    for (const intent of REPLY_INTENTS) {
      for (const mood of MOODS)
        expect(RESPONSE_BANK[intent].common[mood]?.length ?? 0, `${intent}/${mood}`).toBeGreaterThan(0);
    }
    for (const excuse of EXCUSES) {
      for (const mood of MOODS) {
        expect(
          EXCUSE_LINES[excuse].raise.common[mood]?.length ?? 0,
          `${excuse} raise/${mood}`,
        ).toBeGreaterThan(0);
        expect(
          EXCUSE_LINES[excuse].explain.common[mood]?.length ?? 0,
          `${excuse} explain/${mood}`,
        ).toBeGreaterThan(0);
      }
    }
  });

  it('has enough variants of the frequent intents that a long call does not loop', () => {
    for (const intent of ['stall', 'soften', 'counter', 'offer', 'ask_who', 'confused', 'accept'] as const) {
      for (const mood of MOODS) {
        expect(RESPONSE_BANK[intent].common[mood]?.length ?? 0, `${intent}/${mood}`).toBeGreaterThanOrEqual(
          3,
        );
      }
    }
  });

  it('uses only known slots, and amount and date only where the intent carries them', () => {
    const carriers = /^(offer|counter|accept|confirm_recap)\//u;
    for (const { key, text } of bankLines) {
      for (const slot of text.match(/\{[^}]*\}/gu) ?? []) {
        expect(['{amount}', '{date}', '{creditor}', '{debtor}'], `${key}: ${text}`).toContain(slot);
      }
      if (/\{(amount|date)\}/u.test(text)) expect(key, text).toMatch(carriers);
    }
    for (const intent of ['offer', 'counter', 'accept'] as const) {
      for (const { key, text } of bankLines.filter((line) => line.key.startsWith(`${intent}/`))) {
        expect(text, key).toContain('{amount}');
        expect(text, key).toContain('{date}');
      }
    }
  });

  it('no line, read as if a collector said it, is a red line of the rulebook', () => {
    const inspector = createSpeechInspector('cn-cba');
    for (const { key, text } of bankLines) {
      const filled = text
        .replaceAll('{amount}', '3000元')
        .replaceAll('{date}', '12月5日')
        .replaceAll('{creditor}', '华信银行信用卡中心')
        .replaceAll('{debtor}', '陈浩');
      const findings = inspector
        .inspect({ party: 'debtor', turns: [{ speaker: 'agent', text: filled }] })
        .filter((finding) => finding.severity === 'error' && finding.rule !== 'cn.opening.identity');
      expect(findings, `${key}: ${filled}`).toEqual([]);
    }
  });
});

describe('the report', () => {
  it('an objection left unanswered gets the script library’s handler for it, with the call’s facts', () => {
    const entry = scenario('m2-hardship-lost-job');
    const session = play(entry.id, [
      '您好，我是安易消费金融的客服专员张悦，工号2031。请问是李秀梅女士本人吗？',
      '李女士，今天联系您是关于您在安易消费金融的个人贷款，目前已经逾期45天，逾期应还8600元。',
      '这笔钱今天必须处理。',
    ]);
    const report = gradeSession(session, entry);
    const excuseTurn = session.meta.findIndex(
      (meta) => meta.speaker === 'debtor' && meta.intent === 'excuse',
    );
    expect(excuseTurn).toBeGreaterThan(0);
    const note = report.turnNotes.find((candidate) => candidate.turn === excuseTurn + 1);
    const texts = note?.notes.map((text) => text.zh) ?? [];
    expect(texts).toContain('对方刚提出异议，这句没有回应它。');
    const better = texts.find((text) => text.startsWith('可以参考话术'));
    expect(better).toBeDefined();
    expect(better).not.toMatch(/\{\{/u);
    // The better phrasing is itself clean under the rulebook.
    const line = (better ?? '').replace(/^可以参考话术“[^”]+”：/u, '').replace(/（[^（]*）$/u, '');
    const findings = createSpeechInspector('cn-cba')
      .inspect({ party: 'debtor', turns: [{ speaker: 'agent', text: line }] })
      .filter((finding) => finding.severity === 'error' && finding.rule !== 'cn.opening.identity');
    expect(findings).toEqual([]);
  });
});
