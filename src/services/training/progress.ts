/**
 * A trainee's progress: the calls, the skill radar (per graded dimension, the share of ended calls that
 * passed it, over the calls where it applies), the knowledge quiz and certification; and the quiz
 * itself (drawn by seed, graded, stored, certification recorded when it completes it).
 */
import { randomInt } from 'node:crypto';
import type { BilingualText } from '../../domain/bilingual';
import { AppError, invalid } from '../../errors';
import type { Store } from '../../store/db';
import { CERT_QUIZ_PERCENT } from '../../training/certification';
import { drawQuiz, gradeQuiz, QUIZ_BANK, type QuizQuestion } from '../../training/quiz';
import { GRADE_DIMENSIONS, type GradeDimension } from '../../training/types';
import type { Actor } from '../actor';
import { writeAudit } from '../audit';
import { isUuid } from '../ids';
import { assertPractice, assertTrainingReader, may } from './access';
import { certificationBody, certificationOf, certifyIfEarned } from './certify';
import { querySessions } from './sessions';

/** Questions in one drawn quiz. */
export const QUIZ_LENGTH = 20;

export async function trainingProgress(store: Store, actor: Actor, userIdParam: unknown) {
  const self = assertTrainingReader(actor);
  let userId = self;
  if (userIdParam !== undefined && userIdParam !== null && userIdParam !== '') {
    if (typeof userIdParam !== 'string' || !isUuid(userIdParam)) {
      throw invalid('userId', '不是有效的编号', 'is not a valid id');
    }
    if (userIdParam !== self && !may(actor, 'training.manage')) throw new AppError('FORBIDDEN');
    userId = userIdParam;
  }
  const user = await store.sql.query<{ id: string; display_name: string; role: string }>(
    'SELECT id, display_name, role FROM users WHERE id = $1::uuid',
    [userId],
  );
  const trainee = user.rows[0];
  if (!trainee) throw new AppError('NOT_FOUND');

  const sessions = await querySessions(store.sql, { traineeId: userId });
  const reports = await store.sql.query<{ dimensions: { dimension: GradeDimension; passed: boolean }[] }>(
    `SELECT report->'dimensions' AS dimensions FROM training_sessions
     WHERE user_id = $1::uuid AND status = 'ended' AND report IS NOT NULL`,
    [userId],
  );
  const tally = new Map<GradeDimension, { passed: number; calls: number }>();
  for (const row of reports.rows) {
    for (const entry of row.dimensions ?? []) {
      const t = tally.get(entry.dimension) ?? { passed: 0, calls: 0 };
      t.calls += 1;
      if (entry.passed) t.passed += 1;
      tally.set(entry.dimension, t);
    }
  }
  const radar = GRADE_DIMENSIONS.map((dimension) => {
    const t = tally.get(dimension) ?? { passed: 0, calls: 0 };
    return { dimension, value: t.calls === 0 ? 0 : Math.round((t.passed * 100) / t.calls), calls: t.calls };
  });
  const quiz = await store.sql.query<{ attempts: number; best: number | null; last_at: Date | null }>(
    `SELECT count(*)::int AS attempts, max(percent)::int AS best, max(created_at) AS last_at
     FROM training_quiz_attempts WHERE user_id = $1::uuid`,
    [userId],
  );
  const q = quiz.rows[0];
  return {
    trainee: { id: trainee.id, displayName: trainee.display_name, role: trainee.role },
    sessions,
    radar,
    quiz: {
      attempts: q?.attempts ?? 0,
      bestPercent: q?.best ?? null,
      lastAt: q?.last_at ? q.last_at.toISOString() : null,
    },
    certification: certificationBody(await certificationOf(store.sql, userId)),
  };
}

// ——— the knowledge quiz ———

function questionBody(question: QuizQuestion) {
  return {
    id: question.id,
    topic: question.topic,
    kind: question.kind,
    prompt: { ...question.question },
    options: question.options.map((option) => ({ key: option.id, text: { zh: option.zh, en: option.en } })),
  };
}

/** A new quiz of QUIZ_LENGTH questions (without answers); the seed identifies it when answered. */
export function drawTrainingQuiz(actor: Actor, seedParam?: number) {
  assertPractice(actor);
  const seed = seedParam ?? randomInt(0, 2_147_483_647);
  return { seed, questions: drawQuiz(seed, QUIZ_LENGTH).map(questionBody) };
}

export interface QuizSubmission {
  seed: unknown;
  answers: unknown;
}

/**
 * Grades the answers to the quiz drawn with `seed`, stores the attempt and records certification when
 * the attempt completes it. Answers to questions that are not in that quiz are refused (naming them).
 */
export async function submitTrainingQuiz(store: Store, actor: Actor, input: QuizSubmission, now: Date) {
  const userId = assertPractice(actor);
  const { seed, answers } = input;
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > 2_147_483_647) {
    throw invalid('seed', '必须是抽题时返回的编号', 'must be the seed the quiz was drawn with');
  }
  if (typeof answers !== 'object' || answers === null || Array.isArray(answers)) {
    throw invalid('answers', '必须是“题号 → 所选选项”的对象', 'must map question ids to chosen options');
  }
  const questions = drawQuiz(seed, QUIZ_LENGTH);
  const asked = new Set(questions.map((question) => question.id));
  const known = new Set(QUIZ_BANK.map((question) => question.id));
  for (const [id, chosen] of Object.entries(answers as Record<string, unknown>)) {
    if (!asked.has(id)) {
      throw invalid(
        `answers.${id}`,
        known.has(id) ? '这道题不在本次抽到的试卷里' : '没有这道题',
        known.has(id) ? 'this question is not in the quiz drawn with this seed' : 'no such question',
      );
    }
    if (!Array.isArray(chosen) || chosen.some((key) => typeof key !== 'string')) {
      throw invalid(`answers.${id}`, '必须是选项编号的列表', 'must be a list of option keys');
    }
  }
  const grade = gradeQuiz(questions, answers as Record<string, string[]>);
  const passed = grade.score >= CERT_QUIZ_PERCENT;
  const answered = Object.fromEntries(grade.items.map((item) => [item.id, item.chosen]));
  const { attemptId, certification } = await store.transaction(async (tx) => {
    const inserted = await tx.sql.query<{ id: string }>(
      `INSERT INTO training_quiz_attempts (user_id, seed, question_ids, answers, correct, total, percent, passed, created_at)
       VALUES ($1::uuid, $2, $3::jsonb, $4::jsonb, $5, $6, $7, $8, $9) RETURNING id`,
      [
        userId,
        seed,
        JSON.stringify(questions.map((question) => question.id)),
        JSON.stringify(answered),
        grade.correct,
        grade.total,
        grade.score,
        passed,
        now,
      ],
    );
    const id = inserted.rows[0]?.id as string;
    await writeAudit(tx.db, actor, {
      action: 'training.quiz.submit',
      entityType: 'training_quiz_attempt',
      entityId: id,
      after: { seed, correct: grade.correct, total: grade.total, percent: grade.score, passed },
    });
    return { attemptId: id, certification: await certifyIfEarned(tx, actor, userId, now) };
  });
  return {
    id: attemptId,
    seed,
    correct: grade.correct,
    total: grade.total,
    percent: grade.score,
    passed,
    items: grade.items.map((item) => ({
      id: item.id,
      correct: item.correct,
      chosen: item.chosen,
      answer: item.expected,
      explanation: { ...item.explanation } as BilingualText,
    })),
    certification: certificationBody(certification),
  };
}
