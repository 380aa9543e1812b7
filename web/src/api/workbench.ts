/** The collector's workbench: types from the HTTP contract and the queries of the case page and the queue. */
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  ActionCodeBody,
  CaseNoteBody,
  CaseScriptsBody,
  ContactDecisionBody,
  ContactLogBody,
  ContactLogResultBody,
  GatePreviewBody,
  GateStateBody,
  QueueAnswerBody,
  TimelineEntryBody,
} from '../../../src/api/contract';
import { api } from './client';

export type {
  ActionCodeBody,
  CaseNoteBody,
  CaseScriptsBody,
  ContactDecisionBody,
  ContactLogBody,
  ContactLogResultBody,
  GatePreviewBody,
  GateStateBody,
  TimelineEntryBody,
};
export type QueueAnswer = z.infer<typeof QueueAnswerBody>;
export type PromiseChannel = NonNullable<ContactLogBody['promise']>['channel'];
export const PROMISE_CHANNELS: readonly PromiseChannel[] = ['app', 'bank_transfer', 'counter', 'auto_debit'];

export const workbenchKeys = {
  gate: (caseId: string) => ['case-gate', caseId] as const,
  timeline: (caseId: string) => ['case-timeline', caseId] as const,
  scripts: (caseId: string, objection: string | null) => ['case-scripts', caseId, objection] as const,
};

export function useActionCodes() {
  return useQuery({
    queryKey: ['action-codes'],
    queryFn: () => api.get<{ items: ActionCodeBody[] }>('/action-codes'),
    select: (data) => data.items,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useGatePreview(caseId: string) {
  return useQuery({
    queryKey: workbenchKeys.gate(caseId),
    queryFn: () => api.get<GatePreviewBody>(`/cases/${encodeURIComponent(caseId)}/gate`),
    refetchInterval: 60_000,
  });
}

export function useTimeline(caseId: string) {
  return useQuery({
    queryKey: workbenchKeys.timeline(caseId),
    queryFn: () => api.get<{ items: TimelineEntryBody[] }>(`/cases/${encodeURIComponent(caseId)}/timeline`),
    select: (data) => data.items,
  });
}

export function useCaseScripts(caseId: string, objection: string | null) {
  return useQuery({
    queryKey: workbenchKeys.scripts(caseId, objection),
    queryFn: () => api.get<CaseScriptsBody>(`/cases/${encodeURIComponent(caseId)}/scripts`, { objection }),
    placeholderData: (previous) => previous,
  });
}
