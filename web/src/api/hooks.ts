import { useQuery } from '@tanstack/react-query';
import { usePermission } from '../session';
import { api } from './client';
import type { Portfolio, UserRef } from './types';

export function usePortfolios() {
  const allowed = usePermission('cases.read');
  return useQuery({
    queryKey: ['portfolios'],
    queryFn: () => api.get<{ items: Portfolio[] }>('/portfolios'),
    select: (data) => data.items,
    enabled: allowed,
  });
}

export function useCollectors() {
  const allowed = usePermission('users.read');
  return useQuery({
    queryKey: ['users', 'collector'],
    queryFn: () => api.get<{ items: UserRef[] }>('/users', { role: 'collector' }),
    select: (data) => data.items,
    enabled: allowed,
    staleTime: 5 * 60_000,
  });
}
