/**
 * Training (培训): types from the HTTP contract (src/api/contract-training.ts) and the queries and
 * mutations of the scenario library, the role-play screen, progress, the quiz and the trainer's screens.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AssignScenariosRequest,
  CertificationBody,
  CohortBody,
  CohortListBody,
  CreateCohortRequest,
  LeaderboardBody,
  ProgressBody,
  QuizDrawBody,
  QuizResultBody,
  QuizSubmitRequest,
  ScenarioListBody,
  ScenarioSummaryBody,
  SessionListBody,
  SessionListItemBody,
  TraineeListBody,
  TrainingFindingBody,
  TrainingReportBody,
  TrainingSessionBody,
} from '../../../src/api/contract-training';
import { api } from './client';

export type {
  CertificationBody as Certification,
  CohortBody as Cohort,
  LeaderboardBody as Leaderboard,
  ProgressBody as Progress,
  QuizDrawBody as QuizDraw,
  QuizResultBody as QuizResult,
  ScenarioSummaryBody as Scenario,
  SessionListItemBody as SessionListItem,
  TrainingFindingBody as TrainingFinding,
  TrainingReportBody as TrainingReport,
  TrainingSessionBody as TrainingSession,
};
export type QuizQuestion = QuizDrawBody['questions'][number];
export type LeaderboardRow = LeaderboardBody['rows'][number];
export type Trainee = TraineeListBody['trainees'][number];
export type ReportDimension = TrainingReportBody['dimensions'][number];
export type TurnNote = TrainingReportBody['turnNotes'][number];

/** The permissions of training (src/domain/roles.ts). */
export const TRAINING_PRACTICE = 'training.practice';
export const TRAINING_MANAGE = 'training.manage';

export interface SessionFilters {
  traineeId?: string;
  scenarioId?: string;
  cohortId?: string;
}

export const trainingKeys = {
  all: ['training'] as const,
  scenarios: ['training', 'scenarios'] as const,
  session: (id: string) => ['training', 'session', id] as const,
  sessions: (filters: SessionFilters) => ['training', 'sessions', filters] as const,
  progress: (userId: string | null) => ['training', 'progress', userId ?? 'me'] as const,
  quiz: ['training', 'quiz'] as const,
  cohorts: ['training', 'cohorts'] as const,
  trainees: ['training', 'trainees'] as const,
  leaderboard: (cohortId: string | null) => ['training', 'leaderboard', cohortId ?? ''] as const,
};

const sessionPath = (id: string) => `/training/sessions/${encodeURIComponent(id)}`;

export function useScenarios(enabled = true) {
  return useQuery({
    queryKey: trainingKeys.scenarios,
    queryFn: () => api.get<ScenarioListBody>('/training/scenarios'),
    select: (data) => data.scenarios,
    enabled,
  });
}

export function useTrainingSession(id: string) {
  return useQuery({
    queryKey: trainingKeys.session(id),
    queryFn: () => api.get<TrainingSessionBody>(sessionPath(id)),
  });
}

/** After a call ends, the lists that show its result are stale. */
function useInvalidateResults() {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: trainingKeys.scenarios });
    void client.invalidateQueries({ queryKey: ['training', 'progress'] });
    void client.invalidateQueries({ queryKey: ['training', 'sessions'] });
    void client.invalidateQueries({ queryKey: ['training', 'leaderboard'] });
  };
}

export function useStartSession() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (scenarioId: string) => api.post<TrainingSessionBody>('/training/sessions', { scenarioId }),
    onSuccess: (session) => client.setQueryData(trainingKeys.session(session.id), session),
  });
}

/** One trainee line: the server answers the session with the debtor's reply (and the report if it ended). */
export function useSendTurn(id: string) {
  const client = useQueryClient();
  const invalidate = useInvalidateResults();
  return useMutation({
    mutationFn: (text: string) => api.post<TrainingSessionBody>(`${sessionPath(id)}/turns`, { text }),
    onSuccess: (session) => {
      client.setQueryData(trainingKeys.session(id), session);
      if (session.status === 'ended') invalidate();
    },
  });
}

export function useEndSession(id: string) {
  const client = useQueryClient();
  const invalidate = useInvalidateResults();
  return useMutation({
    mutationFn: () => api.post<TrainingSessionBody>(`${sessionPath(id)}/end`),
    onSuccess: (session) => {
      client.setQueryData(trainingKeys.session(id), session);
      invalidate();
    },
  });
}

export function useTrainingSessions(filters: SessionFilters) {
  return useQuery({
    queryKey: trainingKeys.sessions(filters),
    queryFn: () =>
      api.get<SessionListBody>('/training/sessions', {
        traineeId: filters.traineeId,
        scenarioId: filters.scenarioId,
        cohortId: filters.cohortId,
      }),
    select: (data) => data.sessions,
    placeholderData: keepPreviousData,
  });
}

/** The reader's own progress (userId null) or a trainee's (trainers). */
export function useProgress(userId: string | null) {
  return useQuery({
    queryKey: trainingKeys.progress(userId),
    queryFn: () => api.get<ProgressBody>('/training/progress', { userId }),
  });
}

/** A drawn quiz: kept until the trainee asks for another (a refetch would draw new questions). */
export function useQuizDraw() {
  return useQuery({
    queryKey: trainingKeys.quiz,
    queryFn: () => api.get<QuizDrawBody>('/training/quiz'),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
}

export function useSubmitQuiz() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: QuizSubmitRequest) => api.post<QuizResultBody>('/training/quiz/attempts', body),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['training', 'progress'] }),
  });
}

export function useCohorts() {
  return useQuery({
    queryKey: trainingKeys.cohorts,
    queryFn: () => api.get<CohortListBody>('/training/cohorts'),
    select: (data) => data.cohorts,
  });
}

export function useTrainees() {
  return useQuery({
    queryKey: trainingKeys.trainees,
    queryFn: () => api.get<TraineeListBody>('/training/trainees'),
    select: (data) => data.trainees,
  });
}

function useCohortSaved() {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: trainingKeys.cohorts });
    void client.invalidateQueries({ queryKey: ['training', 'leaderboard'] });
  };
}

export function useCreateCohort() {
  const saved = useCohortSaved();
  return useMutation({
    mutationFn: (body: CreateCohortRequest) => api.post<CohortBody>('/training/cohorts', body),
    onSuccess: saved,
  });
}

export function useSetCohortMembers() {
  const saved = useCohortSaved();
  return useMutation({
    mutationFn: ({ cohortId, memberIds }: { cohortId: string; memberIds: string[] }) =>
      api.put<CohortBody>(`/training/cohorts/${encodeURIComponent(cohortId)}/members`, { memberIds }),
    onSuccess: saved,
  });
}

export function useAssignScenarios() {
  const saved = useCohortSaved();
  return useMutation({
    mutationFn: ({ cohortId, body }: { cohortId: string; body: AssignScenariosRequest }) =>
      api.post<CohortBody>(`/training/cohorts/${encodeURIComponent(cohortId)}/assignments`, body),
    onSuccess: saved,
  });
}

export function useLeaderboard(cohortId: string | null) {
  return useQuery({
    queryKey: trainingKeys.leaderboard(cohortId),
    queryFn: () => api.get<LeaderboardBody>('/training/leaderboard', { cohortId }),
    placeholderData: keepPreviousData,
  });
}

/** The text of a bilingual value in the UI language. */
export function pick(text: { zh: string; en: string }, language: string): string {
  return language === 'en' ? text.en : text.zh;
}
