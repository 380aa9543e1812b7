import type { TFunction } from 'i18next';

/** The label of a coded value (stage, status, ...), or the value itself when it has no translation. */
export function codeLabel(t: TFunction, group: string, value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  return t(`${group}.${value}`, { defaultValue: value });
}
