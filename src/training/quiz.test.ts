import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cnCbaProfile, formatMinute } from '../compliance/profiles';
import { createSpeechInspector, hasErrorFinding, lintTemplate } from '../compliance/speech/index';
import { formatFen } from '../domain/money';
import { DEFAULT_WAIVER_MATRIX } from '../domain/waiver-authority';
import {
  drawQuiz,
  gradeQuiz,
  PROFILE_FACTS,
  profileFactSource,
  profileFactSourceZh,
  QUIZ_BANK,
  QUIZ_KINDS,
  QUIZ_TOPIC_NAMES,
  QUIZ_TOPICS,
  type QuizQuestion,
  type QuizTopic,
} from './quiz';

const byId = new Map(QUIZ_BANK.map((question) => [question.id, question]));

function question(id: string): QuizQuestion {
  const found = byId.get(id);
  if (!found) throw new Error(`no question ${id}`);
  return found;
}

function correctTexts(q: QuizQuestion): string {
  return q.options
    .filter((option) => q.correct.includes(option.id))
    .map((option) => `${option.zh} ${option.en}`)
    .join(' ');
}

function allCorrect(questions: readonly QuizQuestion[]): Record<string, string[]> {
  return Object.fromEntries(questions.map((q) => [q.id, [...q.correct]]));
}

describe('QUIZ_BANK shape', () => {
  it('has at least 64 questions with unique, stable-looking ids', () => {
    expect(QUIZ_BANK.length).toBeGreaterThanOrEqual(64);
    expect(new Set(QUIZ_BANK.map((q) => q.id)).size).toBe(QUIZ_BANK.length);
    for (const q of QUIZ_BANK) expect(q.id).toMatch(/^[a-z]+-\d{2}$/);
  });

  it('has at least 8 questions per topic, and a name for every topic', () => {
    for (const topic of QUIZ_TOPICS) {
      expect(QUIZ_BANK.filter((q) => q.topic === topic).length, topic).toBeGreaterThanOrEqual(8);
      expect(QUIZ_TOPIC_NAMES[topic].zh).not.toBe('');
      expect(QUIZ_TOPIC_NAMES[topic].en).not.toBe('');
    }
  });

  it('uses every kind', () => {
    for (const kind of QUIZ_KINDS)
      expect(
        QUIZ_BANK.some((q) => q.kind === kind),
        kind,
      ).toBe(true);
  });

  it.each(QUIZ_BANK.map((q) => [q.id, q] as const))('%s is well formed', (_id, q) => {
    expect(QUIZ_TOPICS).toContain(q.topic);
    expect(QUIZ_KINDS).toContain(q.kind);
    expect([1, 2, 3]).toContain(q.difficulty);
    for (const text of [q.question, q.explanation]) {
      expect(text.zh.trim()).not.toBe('');
      expect(text.en.trim()).not.toBe('');
      expect(text.zh).toMatch(/\p{Script=Han}/u);
    }
    expect(q.options.length).toBeGreaterThanOrEqual(2);
    const ids = q.options.map((option) => option.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const option of q.options) {
      expect(option.zh.trim()).not.toBe('');
      expect(option.en.trim()).not.toBe('');
    }
    expect(new Set(q.correct).size).toBe(q.correct.length);
    for (const id of q.correct) expect(ids).toContain(id);
    if (q.kind === 'single') expect(q.correct).toHaveLength(1);
    if (q.kind === 'multiple') expect(q.correct.length).toBeGreaterThanOrEqual(1);
    if (q.kind === 'true_false') {
      expect(ids).toEqual(['true', 'false']);
      expect(q.correct).toHaveLength(1);
    }
    // Option texts differ, or the question could not be answered.
    expect(new Set(q.options.map((option) => option.zh)).size).toBe(q.options.length);
  });

  it('is frozen', () => {
    expect(Object.isFrozen(QUIZ_BANK)).toBe(true);
    const first = QUIZ_BANK[0] as QuizQuestion;
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first.options)).toBe(true);
    expect(Object.isFrozen(first.options[0])).toBe(true);
    expect(Object.isFrozen(first.correct)).toBe(true);
  });

  it('does not always put the right answer of single-choice questions in the same place', () => {
    const positions = new Set(
      QUIZ_BANK.filter((q) => q.kind === 'single').map((q) =>
        q.options.findIndex((o) => o.id === q.correct[0]),
      ),
    );
    expect(positions.size).toBeGreaterThanOrEqual(3);
  });
});

describe('speech: correct answers are compliant', () => {
  const inspector = createSpeechInspector('cn-cba');
  const spoken = QUIZ_BANK.flatMap((q) =>
    q.options
      .filter((option) => option.saidTo && q.correct.includes(option.id))
      .map((option) => ({ q, option })),
  );

  it('has utterance options to check, to the debtor and to third parties', () => {
    expect(spoken.length).toBeGreaterThanOrEqual(8);
    expect(spoken.some(({ option }) => option.saidTo === 'third_party')).toBe(true);
  });

  it.each(spoken.map(({ q, option }) => [`${q.id}/${option.id}`, option.zh, option.saidTo] as const))(
    '%s passes the speech inspector without an error finding',
    (_key, text, party) => {
      const findings = inspector.inspect({ party: party ?? 'debtor', turns: [{ speaker: 'agent', text }] });
      expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
      if (party === 'debtor')
        expect(hasErrorFinding(lintTemplate({ kind: 'script', body: text }))).toBe(false);
    },
  );

  it('the wrong utterance examples include red-line sentences the inspector flags', () => {
    const flagged = QUIZ_BANK.flatMap((q) =>
      q.options.filter((o) => o.saidTo && !q.correct.includes(o.id)).map((o) => ({ q, o })),
    ).filter(({ o }) =>
      hasErrorFinding(
        inspector.inspect({ party: o.saidTo ?? 'debtor', turns: [{ speaker: 'agent', text: o.zh }] }),
      ),
    );
    expect(flagged.length).toBeGreaterThanOrEqual(8);
  });
});

describe('numbers match the cn-cba profile', () => {
  const start = formatMinute(cnCbaProfile.hours.value.startMinute);
  const end = formatMinute(cnCbaProfile.hours.value.endMinute);
  const unanswered = cnCbaProfile.dailyUnansweredCallsPerNumber?.value;
  const connected = cnCbaProfile.dailyConnectedCallsPerPerson?.value;
  const thirdParty = cnCbaProfile.thirdParty.value;
  const failed = thirdParty.kind === 'debtor_unreachable' ? thirdParty.consecutiveFailedAttempts : undefined;

  it('the profile still has the values the quiz states', () => {
    expect(unanswered).toBeTypeOf('number');
    expect(connected).toBeTypeOf('number');
    expect(failed).toBeGreaterThan(1);
  });

  it('every cited profile fact has its source quoted in the explanation (zh and en)', () => {
    const citing = QUIZ_BANK.filter((q) => q.cites && q.cites.length > 0);
    expect(citing.length).toBeGreaterThanOrEqual(20);
    for (const q of citing) {
      for (const fact of q.cites ?? []) {
        expect(PROFILE_FACTS).toContain(fact);
        expect(q.explanation.zh, `${q.id} ${fact}`).toContain(profileFactSourceZh(fact));
        expect(q.explanation.en, `${q.id} ${fact}`).toContain(profileFactSource(fact));
      }
    }
    expect(profileFactSource('hours')).toBe(cnCbaProfile.hours.source);
    expect(profileFactSource('dailyUnansweredCallsPerNumber')).toBe(
      cnCbaProfile.dailyUnansweredCallsPerNumber?.source,
    );
    expect(profileFactSource('dailyConnectedCallsPerPerson')).toBe(
      cnCbaProfile.dailyConnectedCallsPerPerson?.source,
    );
    expect(profileFactSource('thirdParty')).toBe(cnCbaProfile.thirdParty.source);
  });

  it('hours: the correct answers and explanations state the profile window', () => {
    expect(correctTexts(question('hours-01'))).toContain(`${start}-${end}`);
    for (const q of QUIZ_BANK.filter((x) => x.cites?.includes('hours'))) {
      const text = `${q.question.zh} ${q.explanation.zh} ${correctTexts(q)}`;
      expect(text.includes(start) || text.includes(end), q.id).toBe(true);
    }
    const boundary = question('hours-03');
    const refused = boundary.options.filter((o) => boundary.correct.includes(o.id)).map((o) => o.zh);
    expect(refused).toEqual([
      formatMinute(cnCbaProfile.hours.value.startMinute - 1),
      formatMinute(cnCbaProfile.hours.value.endMinute),
    ]);
    const channels = question('hours-04');
    expect(channels.correct).toHaveLength(cnCbaProfile.hours.value.channels.length);
    expect(question('hours-08').correct).toEqual([
      cnCbaProfile.noContactOnStatutoryHolidays?.value ? 'true' : 'false',
    ]);
  });

  it('caps: the correct answers state the profile caps', () => {
    expect(correctTexts(question('freq-01'))).toContain(`${unanswered} `);
    expect(correctTexts(question('freq-02'))).toContain(`${connected} `);
    for (const q of QUIZ_BANK.filter((x) => x.cites?.includes('dailyConnectedCallsPerPerson'))) {
      expect(`${q.question.zh}${q.explanation.zh}${correctTexts(q)}`, q.id).toContain(String(connected));
    }
    for (const q of QUIZ_BANK.filter((x) => x.cites?.includes('dailyUnansweredCallsPerNumber'))) {
      expect(`${q.question.zh}${q.explanation.zh}${correctTexts(q)}`, q.id).toMatch(
        new RegExp(`${unanswered}|日|day`),
      );
    }
    // Distractors never repeat the right number.
    for (const id of ['freq-01', 'freq-02']) {
      const q = question(id);
      const numbers = q.options.map((o) => Number.parseInt(o.zh, 10));
      expect(new Set(numbers).size).toBe(numbers.length);
    }
  });

  it('third parties: the trigger is the profile number of failed attempts', () => {
    for (const id of ['third-01', 'third-09']) expect(correctTexts(question(id))).toContain(String(failed));
    expect(question('third-08').explanation.zh).toContain(String(failed));
    expect(question('third-04').correct).toEqual([
      cnCbaProfile.thirdPartyRefusalIsFinal.value ? 'false' : 'true',
    ]);
  });

  it('holds: the answers follow the profile holds', () => {
    expect(question('complaint-01').correct).toEqual([
      cnCbaProfile.holds.complaintFreeze.value ? 'true' : 'false',
    ]);
    expect(question('complaint-07').correct).toEqual([cnCbaProfile.holds.attorney.value ? 'true' : 'false']);
  });

  it('waivers: the team-lead limits come from the default matrix', () => {
    const lead = DEFAULT_WAIVER_MATRIX.scopes[0]?.levels[0];
    expect(lead?.role).toBe('team_lead');
    const text = correctTexts(question('waiver-03'));
    expect(text).toContain(formatFen(lead?.maxAmountFen ?? 0));
    expect(text).toContain(`${(lead?.maxBasisPoints ?? 0) / 100}%`);
  });

  it('no hours question contradicts the window in a correct answer', () => {
    const times = /\b([01]\d|2[0-3]):[0-5]\d\b/g;
    const allowed = new Set([
      start,
      end,
      formatMinute(cnCbaProfile.hours.value.startMinute - 1),
      formatMinute(cnCbaProfile.hours.value.endMinute - 1),
    ]);
    for (const q of QUIZ_BANK.filter((x) => x.topic === 'contact_hours' && x.id !== 'hours-05')) {
      for (const time of correctTexts(q).match(times) ?? [])
        expect(allowed, `${q.id} ${time}`).toContain(time);
    }
  });
});

describe('drawQuiz', () => {
  const topicsArb = fc.option(fc.uniqueArray(fc.constantFrom(...QUIZ_TOPICS), { minLength: 1 }), {
    nil: undefined,
  });

  it('is deterministic per seed and never repeats a question', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: -5, max: 120 }), topicsArb, (seed, count, topics) => {
        const options = topics ? { topics } : {};
        const first = drawQuiz(seed, count, options);
        const second = drawQuiz(seed, count, options);
        expect(first.map((q) => q.id)).toEqual(second.map((q) => q.id));
        expect(new Set(first.map((q) => q.id)).size).toBe(first.length);
        const pool = QUIZ_BANK.filter((q) => !topics || topics.includes(q.topic));
        expect(first.length).toBe(Math.min(Math.max(count, 0), pool.length));
        for (const q of first) expect(pool).toContain(q);
      }),
    );
  });

  it('covers the topics evenly (within one) while none runs out', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: 1, max: 8 * QUIZ_TOPICS.length }),
        topicsArb,
        (seed, count, topics) => {
          const chosen: readonly QuizTopic[] = topics ?? QUIZ_TOPICS;
          const quiz = drawQuiz(seed, count, topics ? { topics } : {});
          const counts = chosen.map((topic) => quiz.filter((q) => q.topic === topic).length);
          const smallest = Math.min(
            ...chosen.map((topic) => QUIZ_BANK.filter((q) => q.topic === topic).length),
          );
          if (Math.ceil(Math.min(count, quiz.length) / chosen.length) <= smallest) {
            expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
          }
        },
      ),
    );
  });

  it('different seeds give different quizzes (usually)', () => {
    const quizzes = new Set(
      [1, 2, 3, 4, 5].map((seed) =>
        drawQuiz(seed, 16)
          .map((q) => q.id)
          .join(),
      ),
    );
    expect(quizzes.size).toBeGreaterThan(1);
  });

  it('handles odd input without throwing', () => {
    expect(drawQuiz(Number.NaN, 5)).toHaveLength(5);
    expect(drawQuiz(1.5, 2.9)).toHaveLength(2);
    expect(drawQuiz(1e300, 3)).toHaveLength(3);
    expect(drawQuiz(7, Number.POSITIVE_INFINITY)).toEqual([]);
    expect(drawQuiz(7, 1000)).toHaveLength(QUIZ_BANK.length);
    expect(
      drawQuiz(7, 4, { topics: ['nope' as QuizTopic, 'red_lines'] }).every((q) => q.topic === 'red_lines'),
    ).toBe(true);
    expect(drawQuiz(7, 4, { topics: [] })).toHaveLength(4);
  });
});

describe('gradeQuiz', () => {
  const quizArb = fc
    .tuple(fc.integer(), fc.integer({ min: 0, max: QUIZ_BANK.length }))
    .map(([seed, count]) => drawQuiz(seed, count));

  it('all correct answers score 100, empty answers 0', () => {
    fc.assert(
      fc.property(quizArb, (quiz) => {
        const full = gradeQuiz(quiz, allCorrect(quiz));
        const empty = gradeQuiz(quiz, {});
        expect(full.score).toBe(quiz.length === 0 ? 0 : 100);
        expect(full.correct).toBe(quiz.length);
        expect(empty.score).toBe(0);
        expect(empty.correct).toBe(0);
        expect(empty.total).toBe(quiz.length);
      }),
    );
  });

  it('the score is always a whole number 0-100 and per-topic counts add up', () => {
    const answerArb = fc.dictionary(
      fc.oneof(fc.constantFrom(...QUIZ_BANK.map((q) => q.id)), fc.string()),
      fc.array(fc.oneof(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'true', 'false'), fc.string())),
    );
    fc.assert(
      fc.property(quizArb, answerArb, (quiz, answers) => {
        const grade = gradeQuiz(quiz, answers);
        expect(Number.isInteger(grade.score)).toBe(true);
        expect(grade.score).toBeGreaterThanOrEqual(0);
        expect(grade.score).toBeLessThanOrEqual(100);
        expect(grade.items).toHaveLength(quiz.length);
        const topics = Object.values(grade.perTopic);
        expect(topics.reduce((sum, t) => sum + t.total, 0)).toBe(grade.total);
        expect(topics.reduce((sum, t) => sum + t.correct, 0)).toBe(grade.correct);
        expect(grade.score === 100).toBe(grade.total > 0 && grade.correct === grade.total);
      }),
    );
  });

  it('a multiple-choice item is right only with exactly the correct set', () => {
    const q = question('red-01');
    expect(q.kind).toBe('multiple');
    const grade = (chosen: string[]) => gradeQuiz([q], { [q.id]: chosen }).items[0]?.correct;
    expect(grade([...q.correct])).toBe(true);
    expect(grade([...q.correct].reverse())).toBe(true);
    expect(grade([...q.correct, ...q.correct])).toBe(true); // the same choice twice is one choice
    expect(grade(q.correct.slice(1))).toBe(false);
    const wrong = q.options.find((o) => !q.correct.includes(o.id))?.id ?? '';
    expect(grade([...q.correct, wrong])).toBe(false);
    expect(grade([])).toBe(false);
  });

  it('reports unknown options and unknown questions as wrong, never throws', () => {
    const q = question('hours-01');
    const result = gradeQuiz([q], {
      [q.id]: [...q.correct, 'zz'],
      'nope-01': ['a'],
    } as Record<string, string[]>);
    expect(result.items[0]).toMatchObject({ id: 'hours-01', correct: false, unknownOptions: ['zz'] });
    expect(result.unknownQuestionIds).toEqual(['nope-01']);
    expect(result.score).toBe(0);
    const odd = gradeQuiz([q], { [q.id]: 'b' as unknown as string[], toString: ['a'] });
    expect(odd.items[0]?.correct).toBe(false);
    expect(gradeQuiz([q], null as unknown as Record<string, string[]>).score).toBe(0);
  });

  it('reports per topic and explains every item', () => {
    const quiz = [question('hours-01'), question('hours-02'), question('limit-01')];
    const grade = gradeQuiz(quiz, { 'hours-01': [...question('hours-01').correct], 'limit-01': ['a'] });
    expect(grade).toMatchObject({ score: 33, correct: 1, total: 3 });
    expect(grade.perTopic).toEqual({
      contact_hours: { correct: 1, total: 2 },
      limitation_periods: { correct: 0, total: 1 },
    });
    expect(grade.items.map((item) => item.expected)).toEqual(quiz.map((q) => [...q.correct]));
    expect(grade.items[2]?.explanation).toEqual(question('limit-01').explanation);
    expect(gradeQuiz([], {})).toMatchObject({ score: 0, correct: 0, total: 0, items: [] });
  });
});
