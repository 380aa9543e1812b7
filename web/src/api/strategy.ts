/** The collection strategy: types from the HTTP contract and the queries and saves of the strategy page. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ActionPlanBody,
  ActivateStrategyBody,
  CreateStrategyDraftBody,
  EscalationBody,
  SegmentBody,
  SegmentConditionBody,
  SmsTemplateChoiceBody,
  StrategyChangeBody,
  StrategyDefaultBody,
  StrategyDefinitionBody,
  StrategyOverviewBody,
  StrategyProblemBody,
  StrategyStatusBody,
  StrategyVersionDetailBody,
  StrategyVersionSummaryBody,
  UpdateStrategyDraftBody,
} from '../../../src/api/contract-strategy';
import { ApiError, api } from './client';

export type {
  ActionPlanBody as ActionPlan,
  EscalationBody as Escalation,
  SegmentBody as Segment,
  SegmentConditionBody as SegmentCondition,
  SmsTemplateChoiceBody as SmsTemplateChoice,
  StrategyChangeBody as StrategyChange,
  StrategyDefinitionBody as StrategyDefinition,
  StrategyOverviewBody as StrategyOverview,
  StrategyProblemBody as StrategyProblem,
  StrategyStatusBody as StrategyStatus,
  StrategyVersionDetailBody as StrategyVersionDetail,
  StrategyVersionSummaryBody as StrategyVersionSummary,
};

export const STRATEGY_CHANNELS = ['call', 'sms', 'letter', 'visit'] as const;
export const ESCALATION_ACTIONS = ['letter', 'visit', 'agency', 'legal'] as const;
export const RISK_LEVELS = ['not_collected', 'in_collection', 'doubtful', 'bad', 'dead'] as const;
export const SEGMENT_CLASSES = [1, 2, 3, 4, 0] as const;
export const SCRIPT_STAGES = ['M0', 'M1', 'M2', 'M3', 'M3+'] as const;

const base = (code: string) => `/portfolios/${encodeURIComponent(code)}`;

export const strategyKeys = {
  all: (code: string) => ['strategy', code] as const,
  overview: (code: string) => ['strategy', code, 'overview'] as const,
  version: (code: string, version: number) => ['strategy', code, 'version', version] as const,
};

export function useStrategyOverview(code: string | null) {
  return useQuery({
    queryKey: strategyKeys.overview(code ?? ''),
    queryFn: () => api.get<StrategyOverviewBody>(`${base(code ?? '')}/strategies`),
    enabled: !!code,
  });
}

export function useStrategyVersion(code: string, version: number | null) {
  return useQuery({
    queryKey: strategyKeys.version(code, version ?? 0),
    queryFn: () => api.get<StrategyVersionDetailBody>(`${base(code)}/strategies/${version}`),
    enabled: version !== null,
  });
}

/** Every save answers the version as stored: put it in the cache and refresh the list. */
function useSaved(code: string) {
  const client = useQueryClient();
  return (saved: StrategyVersionDetailBody) => {
    client.setQueryData(strategyKeys.version(code, saved.version), saved);
    void client.invalidateQueries({ queryKey: strategyKeys.overview(code) });
  };
}

export function useCreateDraft(code: string) {
  const saved = useSaved(code);
  return useMutation({
    mutationFn: (body: CreateStrategyDraftBody) =>
      api.post<StrategyVersionDetailBody>(`${base(code)}/strategies`, body),
    onSuccess: saved,
  });
}

export function useSaveDraft(code: string) {
  const saved = useSaved(code);
  return useMutation({
    mutationFn: ({ version, body }: { version: number; body: UpdateStrategyDraftBody }) =>
      api.put<StrategyVersionDetailBody>(`${base(code)}/strategies/${version}`, body),
    onSuccess: saved,
  });
}

export function useActivate(code: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ version, body }: { version: number; body: ActivateStrategyBody }) =>
      api.post<StrategyVersionDetailBody>(`${base(code)}/strategies/${version}/activate`, body),
    // The previous active version is retired too: refresh everything of the portfolio.
    onSuccess: () => client.invalidateQueries({ queryKey: strategyKeys.all(code) }),
  });
}

export function fetchDefaultStrategy(code: string) {
  return api.get<StrategyDefaultBody>(`${base(code)}/strategy/default`);
}

/** The problems of a refused definition (400 with `details.problems`), or null for any other error. */
export function strategyProblemsOf(error: unknown): StrategyProblemBody[] | null {
  if (!(error instanceof ApiError) || error.code !== 'VALIDATION_FAILED') return null;
  const problems = (error.details as { problems?: unknown } | undefined)?.problems;
  return Array.isArray(problems) ? (problems as StrategyProblemBody[]) : null;
}
