import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CERT_MIN_SCENARIOS,
  CERT_QUIZ_PERCENT,
  type CertificationCall,
  certificationStatus,
  isCountingCall,
} from './certification';
import { PASS_SCORE } from './types';

const pass = (scenarioId: string, difficulty: 1 | 2 | 3, score = 90): CertificationCall => ({
  scenarioId,
  difficulty,
  score,
  passed: true,
  violations: 0,
});

const ENOUGH: CertificationCall[] = [pass('a', 1), pass('b', 2), pass('c', 3), pass('d', 1)];

const callArb: fc.Arbitrary<CertificationCall> = fc.record({
  scenarioId: fc.constantFrom('s1', 's2', 's3', 's4', 's5', 's6'),
  difficulty: fc.constantFrom(1 as const, 2 as const, 3 as const),
  score: fc.integer({ min: 0, max: 100 }),
  passed: fc.boolean(),
  violations: fc.integer({ min: 0, max: 3 }),
});
const quizArb = fc.option(fc.integer({ min: 0, max: 100 }), { nil: null });

const metOf = (s: ReturnType<typeof certificationStatus>) =>
  Object.fromEntries(s.requirements.map((r) => [r.key, r.met]));

describe('certificationStatus', () => {
  it('certifies four distinct passed scenarios over the three levels and a quiz of 80 %', () => {
    const status = certificationStatus({ sessions: ENOUGH, quizBestPercent: CERT_QUIZ_PERCENT });
    expect(status.certified).toBe(true);
    expect(status.requirements.map((r) => r.key)).toEqual(['scenarios', 'difficulties', 'quiz']);
    expect(status.requirements.every((r) => r.met)).toBe(true);
  });

  it('says how far along the trainee is', () => {
    const status = certificationStatus({
      sessions: [pass('a', 1), pass('a', 1), pass('b', 2), pass('c', 2)],
      quizBestPercent: 75,
    });
    expect(status.certified).toBe(false);
    const [scenarios, difficulties, quiz] = status.requirements;
    expect(scenarios?.text.zh).toContain('通过 3/4 个不同场景');
    expect(scenarios?.text.en).toContain('3/4');
    expect(difficulties?.met).toBe(false);
    expect(difficulties?.text.zh).toContain('2/3');
    expect(difficulties?.text.zh).toContain('3 级');
    expect(quiz?.met).toBe(false);
    expect(quiz?.text.zh).toContain('75%');
    const none = certificationStatus({ sessions: [], quizBestPercent: null });
    expect(none.requirements[0]?.text.zh).toContain('0/4');
    expect(none.requirements[2]?.text.zh).toContain('尚未参加');
  });

  it('does not count a call below the pass score, not passed, or with a violation', () => {
    expect(isCountingCall(pass('a', 1, PASS_SCORE))).toBe(true);
    expect(isCountingCall(pass('a', 1, PASS_SCORE - 1))).toBe(false);
    expect(isCountingCall({ ...pass('a', 1), passed: false })).toBe(false);
    expect(isCountingCall({ ...pass('a', 1), violations: 1 })).toBe(false);
    const spoiled = [...ENOUGH.slice(0, 3), { ...pass('d', 1), violations: 1 }];
    expect(certificationStatus({ sessions: spoiled, quizBestPercent: 100 }).certified).toBe(false);
  });

  it('needs every difficulty level and a quiz of at least 80 %', () => {
    const noHard = [pass('a', 1), pass('b', 2), pass('c', 2), pass('d', 1)];
    expect(certificationStatus({ sessions: noHard, quizBestPercent: 100 }).certified).toBe(false);
    expect(certificationStatus({ sessions: ENOUGH, quizBestPercent: CERT_QUIZ_PERCENT - 1 }).certified).toBe(
      false,
    );
    expect(certificationStatus({ sessions: ENOUGH, quizBestPercent: null }).certified).toBe(false);
  });

  it('property: certified exactly when every requirement is met, and each requirement means what it says', () => {
    fc.assert(
      fc.property(fc.array(callArb, { maxLength: 20 }), quizArb, (sessions, quiz) => {
        const status = certificationStatus({ sessions, quizBestPercent: quiz });
        expect(status.certified).toBe(status.requirements.every((r) => r.met));
        const counting = sessions.filter((s) => s.passed && s.score >= PASS_SCORE && s.violations === 0);
        const met = metOf(status);
        expect(met.scenarios).toBe(new Set(counting.map((s) => s.scenarioId)).size >= CERT_MIN_SCENARIOS);
        expect(met.difficulties).toBe([1, 2, 3].every((d) => counting.some((s) => s.difficulty === d)));
        expect(met.quiz).toBe(quiz !== null && quiz >= CERT_QUIZ_PERCENT);
      }),
    );
  });

  it('property: the order of the calls does not matter, and calls that do not count change nothing', () => {
    fc.assert(
      fc.property(
        fc.array(callArb, { maxLength: 15 }),
        fc.array(callArb, { maxLength: 5 }),
        quizArb,
        fc.integer(),
        (sessions, extra, quiz, salt) => {
          const base = certificationStatus({ sessions, quizBestPercent: quiz });
          const shuffled = [...sessions].sort(
            (a, b) => ((a.score * 31 + salt) % 7) - ((b.score * 31 + salt) % 7),
          );
          expect(certificationStatus({ sessions: shuffled, quizBestPercent: quiz })).toEqual(base);
          const failing = extra.map((s) => ({ ...s, violations: s.violations + 1 }));
          expect(certificationStatus({ sessions: [...sessions, ...failing], quizBestPercent: quiz })).toEqual(
            base,
          );
        },
      ),
    );
  });

  it('property: more practice never takes a met requirement away', () => {
    fc.assert(
      fc.property(
        fc.array(callArb, { maxLength: 15 }),
        fc.array(callArb, { maxLength: 8 }),
        quizArb,
        quizArb,
        (sessions, more, quiz, laterQuiz) => {
          const best = quiz === null ? laterQuiz : laterQuiz === null ? quiz : Math.max(quiz, laterQuiz);
          const before = metOf(certificationStatus({ sessions, quizBestPercent: quiz }));
          const after = metOf(
            certificationStatus({ sessions: [...sessions, ...more], quizBestPercent: best }),
          );
          for (const key of Object.keys(before)) if (before[key]) expect(after[key]).toBe(true);
        },
      ),
    );
  });
});
