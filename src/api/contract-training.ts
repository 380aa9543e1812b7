/**
 * The HTTP contract of training (培训): the scenario library, role-play sessions with the after-call
 * report, the knowledge quiz, progress and certification, and the trainer's cohorts, assignments and
 * leaderboard. Zod schemas the server validates and serialises with; the web client imports their types.
 * Amounts are integer fen, dates 'YYYY-MM-DD', moments ISO-8601.
 */
import { z } from 'zod';
import { SPEECH_CATEGORIES, SPEECH_SEVERITIES } from '../compliance/speech/types';
import {
  CALL_PARTIES,
  COLLECTOR_ACTS,
  DRILL_TYPES,
  GRADE_DIMENSIONS,
  MINDSETS,
  PERSONA_TYPES,
  REPLY_INTENTS,
} from '../training/types';

const bilingual = z.object({ zh: z.string(), en: z.string() });
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const difficulty = z.union([z.literal(1), z.literal(2), z.literal(3)]);
const callEnd = z.enum(['promise', 'hang_up', 'time_limit', 'script_end']);

/** A scenario as the library lists it (the persona's hidden state is never sent). */
export const ScenarioSummaryBody = z.object({
  id: z.string(),
  title: bilingual,
  background: bilingual,
  difficulty,
  drill: z.enum(DRILL_TYPES).nullable(),
  party: z.enum(CALL_PARTIES),
  relation: bilingual.nullable(),
  persona: z.enum(PERSONA_TYPES),
  goalText: bilingual,
  turnLimit: z.number().int(),
  tags: z.array(z.string()),
  account: z.object({
    creditor: z.string(),
    product: bilingual,
    debtorName: z.string(),
    balanceFen: z.number().int(),
    overdueFen: z.number().int(),
    daysPastDue: z.number().int(),
    lastPayment: z.object({ date, amountFen: z.number().int() }).nullable(),
    brokenPromises: z.number().int(),
  }),
  /** For the reader: assigned to them by a trainer (with the due date), and their best result so far. */
  assignedDue: date.nullable(),
  best: z.object({ score: z.number().int(), passed: z.boolean() }).nullable(),
});
export type ScenarioSummaryBody = z.infer<typeof ScenarioSummaryBody>;

export const ScenarioListBody = z.object({ scenarios: z.array(ScenarioSummaryBody) });
export type ScenarioListBody = z.infer<typeof ScenarioListBody>;

export const StartSessionRequest = z.object({
  scenarioId: z.string().min(1),
  /** Optional: replay a given dialogue; otherwise the server picks one. */
  seed: z.number().int().min(0).max(2_147_483_647).optional(),
});
export type StartSessionRequest = z.infer<typeof StartSessionRequest>;

export const TurnRequest = z.object({ text: z.string().max(2000) });
export type TurnRequest = z.infer<typeof TurnRequest>;

export const TrainingTurnBody = z.object({
  speaker: z.enum(['trainee', 'debtor']),
  text: z.string(),
});

export const TrainingFindingBody = z.object({
  category: z.enum(SPEECH_CATEGORIES),
  rule: z.string(),
  severity: z.enum(SPEECH_SEVERITIES),
  turn: z.number().int(),
  start: z.number().int(),
  end: z.number().int(),
  quote: z.string(),
  explanation: bilingual,
  alternative: z.string(),
});
export type TrainingFindingBody = z.infer<typeof TrainingFindingBody>;

export const PromiseOutcomeBody = z.object({
  amount: z.number().int(),
  date,
  channel: z.string().nullable(),
});

export const TrainingReportBody = z.object({
  scenarioId: z.string(),
  score: z.number().int(),
  passed: z.boolean(),
  compliancePassed: z.boolean(),
  goalMet: z.boolean(),
  outcome: z.object({ promise: PromiseOutcomeBody.nullable(), ended: callEnd }),
  dimensions: z.array(
    z.object({
      dimension: z.enum(GRADE_DIMENSIONS),
      weight: z.number().int(),
      passed: z.boolean(),
      note: bilingual,
      turn: z.number().int().nullable(),
    }),
  ),
  turnNotes: z.array(
    z.object({
      turn: z.number().int(),
      acts: z.array(z.enum(COLLECTOR_ACTS)),
      notes: z.array(bilingual),
      findings: z.array(TrainingFindingBody),
    }),
  ),
  findings: z.array(TrainingFindingBody),
  persona: z.object({
    type: z.enum(PERSONA_TYPES),
    mindset: z.enum(MINDSETS),
    situation: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
    coaching: bilingual,
    finalState: z.object({
      patience: z.number(),
      trust: z.number(),
      willingness: z.number(),
      hostility: z.number(),
    }),
  }),
});
export type TrainingReportBody = z.infer<typeof TrainingReportBody>;

/** A role-play session: the transcript so far, and the report once the call has ended. */
export const TrainingSessionBody = z.object({
  id: z.string(),
  scenarioId: z.string(),
  scenarioTitle: bilingual,
  trainee: z.object({ id: z.string(), displayName: z.string() }),
  seed: z.number().int(),
  status: z.enum(['active', 'ended']),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  turns: z.array(TrainingTurnBody),
  /** The debtor's last intent (for the chat screen's cues). */
  lastIntent: z.enum(REPLY_INTENTS).nullable(),
  traineeTurns: z.number().int(),
  turnLimit: z.number().int(),
  /** A sparse live hint after the last turn (only after a rulebook finding or a skipped step). */
  hint: bilingual.nullable(),
  /** Whether the debtor's lines were worded by the configured LLM (else the offline bank). */
  llm: z.boolean(),
  report: TrainingReportBody.nullable(),
});
export type TrainingSessionBody = z.infer<typeof TrainingSessionBody>;

/** One ended (or active) session in a list. */
export const SessionListItemBody = z.object({
  id: z.string(),
  scenarioId: z.string(),
  scenarioTitle: bilingual,
  difficulty,
  trainee: z.object({ id: z.string(), displayName: z.string() }),
  status: z.enum(['active', 'ended']),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  score: z.number().int().nullable(),
  passed: z.boolean().nullable(),
  ended: callEnd.nullable(),
  /** Error-level findings in the call. */
  violations: z.number().int(),
});
export type SessionListItemBody = z.infer<typeof SessionListItemBody>;

export const SessionListBody = z.object({ sessions: z.array(SessionListItemBody) });
export type SessionListBody = z.infer<typeof SessionListBody>;

/** A requirement of certification and whether it is met. */
export const CertificationRequirementBody = z.object({
  key: z.string(),
  met: z.boolean(),
  text: bilingual,
});

export const CertificationBody = z.object({
  certified: z.boolean(),
  certifiedAt: z.string().nullable(),
  requirements: z.array(CertificationRequirementBody),
});
export type CertificationBody = z.infer<typeof CertificationBody>;

/** A trainee's progress: history, the skill radar (share of calls passing each dimension) and certification. */
export const ProgressBody = z.object({
  trainee: z.object({ id: z.string(), displayName: z.string(), role: z.string() }),
  sessions: z.array(SessionListItemBody),
  radar: z.array(
    z.object({
      dimension: z.enum(GRADE_DIMENSIONS),
      /** 0-100: the share of the trainee's ended calls that passed this dimension (calls where it applies). */
      value: z.number().int(),
      calls: z.number().int(),
    }),
  ),
  quiz: z.object({
    attempts: z.number().int(),
    bestPercent: z.number().int().nullable(),
    lastAt: z.string().nullable(),
  }),
  certification: CertificationBody,
});
export type ProgressBody = z.infer<typeof ProgressBody>;

/** A drawn quiz (no answers). `seed` identifies the draw; submit it back with the answers. */
export const QuizDrawBody = z.object({
  seed: z.number().int(),
  questions: z.array(
    z.object({
      id: z.string(),
      topic: z.string(),
      kind: z.enum(['single', 'multiple', 'true_false']),
      prompt: bilingual,
      options: z.array(z.object({ key: z.string(), text: bilingual })),
    }),
  ),
});
export type QuizDrawBody = z.infer<typeof QuizDrawBody>;

export const QuizSubmitRequest = z.object({
  seed: z.number().int().min(0).max(2_147_483_647),
  /** Question id → the chosen option keys. */
  answers: z.record(z.string(), z.array(z.string())),
});
export type QuizSubmitRequest = z.infer<typeof QuizSubmitRequest>;

export const QuizResultBody = z.object({
  id: z.string(),
  seed: z.number().int(),
  correct: z.number().int(),
  total: z.number().int(),
  percent: z.number().int(),
  passed: z.boolean(),
  items: z.array(
    z.object({
      id: z.string(),
      correct: z.boolean(),
      chosen: z.array(z.string()),
      answer: z.array(z.string()),
      explanation: bilingual,
    }),
  ),
  certification: CertificationBody,
});
export type QuizResultBody = z.infer<typeof QuizResultBody>;

/** A cohort of trainees (培训班) and the scenarios assigned to it. */
export const CohortBody = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  members: z.array(
    z.object({
      id: z.string(),
      displayName: z.string(),
      role: z.string(),
      certified: z.boolean(),
    }),
  ),
  assignments: z.array(
    z.object({
      scenarioId: z.string(),
      scenarioTitle: bilingual,
      dueDate: date.nullable(),
      /** Members who have passed it. */
      passedBy: z.number().int(),
    }),
  ),
});
export type CohortBody = z.infer<typeof CohortBody>;

export const CohortListBody = z.object({ cohorts: z.array(CohortBody) });
export type CohortListBody = z.infer<typeof CohortListBody>;

export const CreateCohortRequest = z.object({
  name: z.string().trim().min(1).max(100),
  memberIds: z.array(z.string()).max(500),
});
export type CreateCohortRequest = z.infer<typeof CreateCohortRequest>;

export const SetCohortMembersRequest = z.object({ memberIds: z.array(z.string()).max(500) });

export const AssignScenariosRequest = z.object({
  scenarioIds: z.array(z.string()).min(1).max(50),
  dueDate: date.nullable().optional(),
});
export type AssignScenariosRequest = z.infer<typeof AssignScenariosRequest>;

export const LeaderboardBody = z.object({
  cohortId: z.string().nullable(),
  rows: z.array(
    z.object({
      rank: z.number().int(),
      trainee: z.object({ id: z.string(), displayName: z.string() }),
      /** Distinct scenarios passed, average best score over them, calls, violations. */
      scenariosPassed: z.number().int(),
      averageBest: z.number().int().nullable(),
      calls: z.number().int(),
      violations: z.number().int(),
      certified: z.boolean(),
    }),
  ),
});
export type LeaderboardBody = z.infer<typeof LeaderboardBody>;

/** Trainees a trainer may put in a cohort (users with role trainee or collector). */
export const TraineeListBody = z.object({
  trainees: z.array(
    z.object({ id: z.string(), displayName: z.string(), role: z.string(), certified: z.boolean() }),
  ),
});
export type TraineeListBody = z.infer<typeof TraineeListBody>;
