import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from './api/client';
import { meKey } from './api/queryClient';
import type { Locale, Me } from './api/types';
import { changeLocale } from './i18n';

/** The signed-in user, or null when nobody is signed in. */
export function useMe() {
  return useQuery({
    queryKey: meKey,
    queryFn: async (): Promise<Me | null> => {
      try {
        return await api.get<Me>('/auth/me');
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** The signed-in user; only for components rendered inside the authenticated layout. */
export function useCurrentUser(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentUser outside the signed-in area');
  return data;
}

/** Who may read a portfolio's compliance rules: everyone who works cases or QA. */
export const COMPLIANCE_READERS = ['cases.read', 'qa.read'] as const;

/** Whether the user holds the permission (or, given several, any one of them). */
export function hasPermission(me: Me | null | undefined, permission: string | readonly string[]): boolean {
  const wanted = typeof permission === 'string' ? [permission] : permission;
  return wanted.some((code) => Boolean(me?.permissions.includes(code)));
}

export function usePermission(permission: string | readonly string[]): boolean {
  const { data } = useMe();
  return hasPermission(data, permission);
}

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationKey: ['login'],
    mutationFn: (body: { username: string; password: string }) => api.post<Me>('/auth/login', body),
    onSuccess: async (me) => {
      client.removeQueries({ predicate: (query) => query.queryKey[0] !== meKey[0] });
      client.setQueryData(meKey, me);
      await changeLocale(me.locale);
    },
  });
}

export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationKey: ['logout'],
    mutationFn: () => api.post<void>('/auth/logout'),
    onSettled: () => {
      client.removeQueries({ predicate: (query) => query.queryKey[0] !== meKey[0] });
      client.setQueryData(meKey, null);
    },
  });
}

/** Switches the language now and, when signed in, saves it as the user's preference. */
export function useSwitchLocale() {
  const client = useQueryClient();
  const { i18n } = useTranslation();
  return useCallback(
    async (locale: Locale) => {
      if (locale === i18n.language) return;
      await changeLocale(locale);
      const me = client.getQueryData<Me | null>(meKey);
      if (!me) return;
      const optimistic: Me = { ...me, locale };
      client.setQueryData(meKey, optimistic);
      // If saving fails the page keeps the new language and the caller reports the error.
      const saved = await api.patch<Me>('/auth/me', { locale });
      client.setQueryData(meKey, saved);
    },
    [client, i18n],
  );
}

/** The message of an error in the UI language. */
export function useErrorText() {
  const { t, i18n } = useTranslation();
  return useCallback(
    (error: unknown): string => {
      if (error instanceof ApiError) return i18n.language === 'en' ? error.messageEn : error.messageZh;
      return t('common.loadFailed');
    },
    [t, i18n.language],
  );
}
