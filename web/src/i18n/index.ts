/** The interface languages: Simplified Chinese first, English available; the choice before sign-in lives in localStorage. */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '../types.ts';
import zhCN from './zh-CN.ts';
import en from './en.ts';

const storageKey = 'wenbao.locale';

/** The language remembered on this browser, or Chinese. */
export function storedLocale(): Locale {
  try {
    return localStorage.getItem(storageKey) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

/** Remembers the language on this browser (used before sign-in). */
export function rememberLocale(locale: Locale): void {
  try {
    localStorage.setItem(storageKey, locale);
  } catch {
    // Private mode or storage disabled: the choice lasts for this page only.
  }
}

/** The current interface language. */
export function currentLocale(): Locale {
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: storedLocale(),
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
});

// Keep <html lang> right for screen readers and for the browser's choice of CJK glyphs.
if (typeof document !== 'undefined') {
  i18n.on('languageChanged', (language) => {
    document.documentElement.lang = language;
  });
  document.documentElement.lang = i18n.language;
}

export default i18n;
