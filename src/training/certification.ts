/**
 * Training certification (培训认证): when a trainee has shown enough in the simulator and the knowledge
 * quiz to work live cases in a portfolio that requires it (portfolios.require_certification).
 *
 * The rule: passed calls (score at least PASS_SCORE, passed, no error-level finding) in at least
 * CERT_MIN_SCENARIOS distinct scenarios, covering every difficulty level (1, 2 and 3) at least once, and
 * a knowledge-quiz best of at least CERT_QUIZ_PERCENT %. Pure: the service feeds it the trainee's ended
 * calls and best quiz result, and records the certification the first time it is met.
 */
import type { BilingualText } from '../domain/bilingual';
import { PASS_SCORE } from './types';

/** Distinct scenarios a trainee must pass. */
export const CERT_MIN_SCENARIOS = 4;
/** The difficulty levels the passed calls must cover. */
export const CERT_DIFFICULTIES = [1, 2, 3] as const;
/** The knowledge-quiz percentage needed (the quiz's own pass mark). */
export const CERT_QUIZ_PERCENT = 80;

/** An ended call as certification reads it. */
export interface CertificationCall {
  scenarioId: string;
  difficulty: 1 | 2 | 3;
  score: number;
  passed: boolean;
  /** Error-level rulebook findings in the call. */
  violations: number;
}

export interface CertificationInput {
  sessions: readonly CertificationCall[];
  /** The best knowledge-quiz percentage so far, or null before any attempt. */
  quizBestPercent: number | null;
}

export type CertificationRequirementKey = 'scenarios' | 'difficulties' | 'quiz';

export interface CertificationRequirement {
  key: CertificationRequirementKey;
  met: boolean;
  /** What is asked and how far along the trainee is. */
  text: BilingualText;
}

export interface CertificationStatus {
  certified: boolean;
  requirements: CertificationRequirement[];
}

/** Whether an ended call counts towards certification: passed, score at least PASS_SCORE, no violation. */
export function isCountingCall(call: CertificationCall): boolean {
  return call.passed && call.score >= PASS_SCORE && call.violations === 0;
}

/** The requirements of certification, each with the trainee's progress, and whether all are met. */
export function certificationStatus(input: CertificationInput): CertificationStatus {
  const counting = input.sessions.filter(isCountingCall);
  const scenarios = new Set(counting.map((c) => c.scenarioId)).size;
  const covered = CERT_DIFFICULTIES.filter((level) => counting.some((c) => c.difficulty === level));
  const missing = CERT_DIFFICULTIES.filter((level) => !covered.includes(level));
  const best = input.quizBestPercent;
  const quizMet = best !== null && best >= CERT_QUIZ_PERCENT;

  const shown = Math.min(scenarios, CERT_MIN_SCENARIOS);
  const requirements: CertificationRequirement[] = [
    {
      key: 'scenarios',
      met: scenarios >= CERT_MIN_SCENARIOS,
      text: {
        zh: `通过 ${shown}/${CERT_MIN_SCENARIOS} 个不同场景（得分不低于 ${PASS_SCORE} 分且无违规）`,
        en: `Passed ${shown}/${CERT_MIN_SCENARIOS} different scenarios (score ${PASS_SCORE} or more, no violation)`,
      },
    },
    {
      key: 'difficulties',
      met: missing.length === 0,
      text:
        missing.length === 0
          ? {
              zh: `已覆盖全部 ${CERT_DIFFICULTIES.length} 个难度等级（1、2、3 级）`,
              en: `All ${CERT_DIFFICULTIES.length} difficulty levels covered (1, 2 and 3)`,
            }
          : {
              zh: `覆盖 ${covered.length}/${CERT_DIFFICULTIES.length} 个难度等级（尚缺 ${missing.join('、')} 级）`,
              en: `Covered ${covered.length}/${CERT_DIFFICULTIES.length} difficulty levels (still missing level ${missing.join(', ')})`,
            },
    },
    {
      key: 'quiz',
      met: quizMet,
      text:
        best === null
          ? {
              zh: `知识测验：尚未参加（需不低于 ${CERT_QUIZ_PERCENT}%）`,
              en: `Knowledge quiz: not taken yet (${CERT_QUIZ_PERCENT}% or more needed)`,
            }
          : {
              zh: `知识测验最好成绩 ${best}%（需不低于 ${CERT_QUIZ_PERCENT}%）`,
              en: `Knowledge quiz best ${best}% (${CERT_QUIZ_PERCENT}% or more needed)`,
            },
    },
  ];
  return { certified: requirements.every((r) => r.met), requirements };
}
