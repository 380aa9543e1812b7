/** Follow-ups: types from the HTTP contract and the queries of the contact panel, 今日待办 and 听录音清单. */
import { useQuery } from '@tanstack/react-query';
import type {
  ContactLogEffectBody,
  ContactTargetsBody,
  FollowUpBody,
  ListeningItemBody,
  ListeningListBody,
  PromiseDueBody,
  PromisesDueBody,
  TaskBody,
  TaskListBody,
} from '../../../src/api/contract-followup';
import { api } from './client';

export type {
  ContactLogEffectBody,
  ContactTargetsBody,
  FollowUpBody,
  ListeningItemBody,
  ListeningListBody,
  PromiseDueBody,
  TaskBody,
};

export type ThirdPartyTarget = ContactTargetsBody['thirdParties'][number];
export type PhoneTarget = ContactTargetsBody['phones'][number];

/** Where a complaint came in (contract-followup FOLLOW_UP_COMPLAINT_CHANNELS). */
export const COMPLAINT_CHANNELS = ['phone', 'regulator', 'letter', 'email', 'visit', 'app', 'other'] as const;
/** Dispute types (domain/action-codes DISPUTE_TYPES). */
export const DISPUTE_TYPES = ['amount', 'fees', 'identity', 'goods_services', 'other'] as const;
/** Official channels a claimed payment may have gone through (domain/action-codes PAYMENT_CHANNELS). */
export const CLAIM_CHANNELS = [
  'app',
  'online_banking',
  'bank_transfer',
  'auto_debit',
  'bank_counter',
] as const;
/** Reasons a debtor gives for not paying (domain/delinquency-class STATED_REASONS). */
export const STATED_REASONS = [
  'forgot',
  'payment_channel_issue',
  'cashflow',
  'income_drop',
  'job_loss',
  'illness',
  'business_failure',
  'family_emergency',
  'over_indebted',
  'will_pay_later',
  'blames_others',
  'third_party_spent',
  'dispute',
  'fraud_claim',
  'already_paid_claim',
  'sue_me',
  'refuses',
] as const;
/**
 * Codes that reach the debtor on a debtor contact (domain/action-codes rightPartyContact): only these
 * take a stated reason. The server checks it again.
 */
export const RIGHT_PARTY_CODES: readonly string[] = [
  'promise_to_pay',
  'right_party_no_promise',
  'refused_to_pay',
  'callback_requested',
  'already_paid_claim',
  'hardship',
  'dispute',
  'complaint',
];
/** The stated reason a code usually implies, offered as the default. */
export const DEFAULT_STATED_REASON: Record<string, string> = {
  already_paid_claim: 'already_paid_claim',
  dispute: 'dispute',
  refused_to_pay: 'refuses',
};

export const followupKeys = {
  targets: (caseId: string) => ['case-contact-targets', caseId] as const,
  tasks: (due: string) => ['tasks-mine', due] as const,
  tasksAll: ['tasks-mine'] as const,
  promisesDue: ['promises-due'] as const,
  listening: (from: string, to: string, perCollector: number) =>
    ['listening-list', from, to, perCollector] as const,
};

export function useContactTargets(caseId: string) {
  return useQuery({
    queryKey: followupKeys.targets(caseId),
    queryFn: () => api.get<ContactTargetsBody>(`/cases/${encodeURIComponent(caseId)}/contact-targets`),
    refetchInterval: 60_000,
  });
}

export function useMyTasks(due: 'today' | 'overdue' | 'all') {
  return useQuery({
    queryKey: followupKeys.tasks(due),
    queryFn: () => api.get<TaskListBody>('/tasks/mine', { status: 'open', due }),
    select: (data) => data.items,
    refetchInterval: 60_000,
  });
}

export function usePromisesDue() {
  return useQuery({
    queryKey: followupKeys.promisesDue,
    queryFn: () => api.get<PromisesDueBody>('/promises/due'),
    select: (data) => data.items,
    refetchInterval: 60_000,
  });
}

export function useListeningList(from: string, to: string, perCollector: number) {
  return useQuery({
    queryKey: followupKeys.listening(from, to, perCollector),
    queryFn: () => api.get<ListeningListBody>('/qa/listening-list', { from, to, perCollector }),
    placeholderData: (previous) => previous,
  });
}
