import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/en';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '../api/types';
import { en } from './en';
import { zhCN } from './zh-CN';

const STORAGE_KEY = 'qingshou.locale';

export const locales: readonly Locale[] = ['zh-CN', 'en'];

function isLocale(value: unknown): value is Locale {
  return value === 'zh-CN' || value === 'en';
}

/** The language chosen on this browser before (e.g. on the login page), else Chinese. */
function storedLocale(): Locale {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

function applySideEffects(locale: Locale) {
  dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
  document.documentElement.lang = locale;
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Private mode: the choice still lives for this page and, once signed in, on the server.
  }
}

const initial = storedLocale();
applySideEffects(initial);

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: initial,
  fallbackLng: 'zh-CN',
  supportedLngs: ['zh-CN', 'en'],
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

/** Switches the UI language (texts, antd and dayjs). Persisting it for the user is the caller's job. */
export async function changeLocale(locale: Locale): Promise<void> {
  applySideEffects(locale);
  await i18n.changeLanguage(locale);
}

export function currentLocale(): Locale {
  return isLocale(i18n.language) ? i18n.language : 'zh-CN';
}

export default i18n;
