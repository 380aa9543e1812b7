/** Assignment, the team screens and agency placements: types from the HTTP contract and their queries. */
import { useQuery } from '@tanstack/react-query';
import type {
  AssignmentHistoryBody,
  AssignmentHistoryEntry,
  AssignmentOptions,
  AssignmentRules,
  AssignmentRulesView,
  AssignResult,
  Placement,
  PlacementCreateBody,
  PlacementList,
  PlacementPreview,
  ReassignBody,
  ReassignResult,
  RecallResult,
  TeamQueueBody,
  TeamQueueItem,
  TeamWorkload,
  WorkloadBody,
} from '../../../src/api/contract-assignment';
import { usePermission } from '../session';
import { api } from './client';

export type {
  AssignmentHistoryEntry,
  AssignmentOptions,
  AssignmentRules,
  AssignmentRulesView,
  AssignResult,
  Placement,
  PlacementCreateBody,
  PlacementPreview,
  ReassignBody,
  ReassignResult,
  RecallResult,
  TeamQueueItem,
  TeamWorkload,
  WorkloadBody,
};

export const assignmentKeys = {
  options: ['assignment', 'options'] as const,
  workload: (teamId: string | null) => ['assignment', 'workload', teamId] as const,
  queue: (query: Record<string, string | number | undefined>) => ['assignment', 'queue', query] as const,
  rules: (code: string) => ['assignment', 'rules', code] as const,
  placements: ['assignment', 'placements'] as const,
  history: (caseId: string) => ['assignment', 'history', caseId] as const,
};

/** A problem the server named: { field, zh, en } from details (a refusal naming cases lists them). */
export interface NamedProblem {
  field?: string;
  caseNo?: string;
  code?: string;
  zh: string;
  en: string;
}

/** The problems in an API error's details (assignment rules, refused cases), in order. */
export function problemsOf(details: unknown): NamedProblem[] {
  if (typeof details !== 'object' || details === null) return [];
  const list = (details as { problems?: unknown }).problems;
  return Array.isArray(list) ? (list as NamedProblem[]) : [];
}

export function useAssignmentOptions() {
  const allowed = usePermission(['cases.assign', 'placements.manage']);
  return useQuery({
    queryKey: assignmentKeys.options,
    queryFn: () => api.get<AssignmentOptions>('/assignment/options'),
    enabled: allowed,
    staleTime: 60_000,
  });
}

export function useWorkload(teamId: string | null) {
  return useQuery({
    queryKey: assignmentKeys.workload(teamId),
    queryFn: () => api.get<WorkloadBody>('/teams/workload', { teamId }),
  });
}

export function useTeamQueue(query: {
  teamId?: string;
  collectorId?: string;
  bucket?: string;
  page: number;
  pageSize: number;
}) {
  return useQuery({
    queryKey: assignmentKeys.queue(query),
    queryFn: () => api.get<TeamQueueBody>('/teams/queue', query),
    placeholderData: (previous) => previous,
  });
}

export function useAssignmentRules(code: string | undefined) {
  return useQuery({
    queryKey: assignmentKeys.rules(code ?? ''),
    queryFn: () =>
      api.get<AssignmentRulesView>(`/portfolios/${encodeURIComponent(code ?? '')}/assignment-rules`),
    enabled: Boolean(code),
  });
}

export function usePlacements() {
  return useQuery({
    queryKey: assignmentKeys.placements,
    queryFn: () => api.get<PlacementList>('/placements'),
    select: (data) => data.items,
  });
}

export function usePlacementPreview(
  query: { portfolioCode?: string; buckets?: string; minDaysPastDue?: number | null },
  enabled: boolean,
) {
  return useQuery({
    queryKey: ['assignment', 'placement-preview', query],
    queryFn: () => api.get<PlacementPreview>('/placements/preview', query),
    enabled: enabled && Boolean(query.portfolioCode),
    placeholderData: (previous) => previous,
  });
}

export function useAssignmentHistory(caseId: string) {
  return useQuery({
    queryKey: assignmentKeys.history(caseId),
    queryFn: () => api.get<AssignmentHistoryBody>(`/cases/${encodeURIComponent(caseId)}/assignment-history`),
    select: (data) => data.items,
  });
}
