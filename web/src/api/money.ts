/** The money screens (还款, 分期, 短信): types from the HTTP contract and their queries. */
import { useQuery } from '@tanstack/react-query';
import type {
  AllocationOrderBody,
  ArrangementBody,
  ArrangementCreateBody,
  ArrangementCreatedBody,
  ArrangementListBody,
  ArrangementPreviewBody,
  InstalmentBody,
  PaymentFileProblemBody,
  PaymentFileResultBody,
  PaymentListBody,
  PaymentListItemBody,
  PaymentListQuery,
  SmsDispatchResultBody,
  SmsOutboxBody,
  SmsOutboxItemBody,
  SmsStateBody,
  SmsStatusCode,
} from '../../../src/api/contract-money';
import { api } from './client';

export type {
  AllocationOrderBody,
  ArrangementBody,
  ArrangementCreateBody,
  ArrangementCreatedBody,
  ArrangementPreviewBody,
  InstalmentBody,
  PaymentFileProblemBody,
  PaymentFileResultBody,
  PaymentListBody,
  PaymentListItemBody,
  PaymentListQuery,
  SmsDispatchResultBody,
  SmsOutboxBody,
  SmsOutboxItemBody,
  SmsStateBody,
  SmsStatusCode,
};

export const BALANCE_COMPONENTS = ['fees', 'penalty', 'interest', 'principal'] as const;
export const ARRANGEMENT_FREQUENCIES = ['monthly', 'biweekly', 'weekly'] as const;
export const SMS_STATUSES: readonly SmsStatusCode[] = ['queued', 'sent', 'failed', 'blocked'];

export const moneyKeys = {
  payments: (query: PaymentFilters) => ['payments', query] as const,
  allocation: (portfolio: string) => ['allocation-order', portfolio] as const,
  arrangements: (caseId: string) => ['case-arrangements', caseId] as const,
  smsState: ['sms-state'] as const,
  smsOutbox: (status: string | null, page: number) => ['sms-outbox', status, page] as const,
};

export interface PaymentFilters {
  portfolio?: string;
  from?: string;
  to?: string;
  status?: 'posted' | 'reversed';
  page?: number;
}

export function usePayments(query: PaymentFilters) {
  return useQuery({
    queryKey: moneyKeys.payments(query),
    queryFn: () =>
      api.get<PaymentListBody>('/payments', {
        portfolio: query.portfolio,
        from: query.from,
        to: query.to,
        status: query.status,
        page: query.page,
      }),
    placeholderData: (previous) => previous,
  });
}

export function useAllocationOrder(portfolio: string | undefined) {
  return useQuery({
    queryKey: moneyKeys.allocation(portfolio ?? ''),
    queryFn: () =>
      api.get<AllocationOrderBody>(`/portfolios/${encodeURIComponent(portfolio ?? '')}/allocation-order`),
    enabled: Boolean(portfolio),
  });
}

export function useArrangements(caseId: string) {
  return useQuery({
    queryKey: moneyKeys.arrangements(caseId),
    queryFn: () => api.get<ArrangementListBody>(`/cases/${encodeURIComponent(caseId)}/arrangements`),
    select: (data) => data.items,
  });
}

export function useSmsState() {
  return useQuery({
    queryKey: moneyKeys.smsState,
    queryFn: () => api.get<SmsStateBody>('/sms/status'),
    refetchInterval: 60_000,
  });
}

export function useSmsOutbox(status: SmsStatusCode | null, page: number) {
  return useQuery({
    queryKey: moneyKeys.smsOutbox(status, page),
    queryFn: () => api.get<SmsOutboxBody>('/sms/outbox', { status, page }),
    placeholderData: (previous) => previous,
    refetchInterval: 60_000,
  });
}
