import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { ja } from './ja';

export const languages = ['ja', 'en'] as const;
export type Language = (typeof languages)[number];

const storageKey = 'daicho.language';

export function storedLanguage(): Language {
  try {
    const v = globalThis.localStorage?.getItem(storageKey);
    return v === 'en' ? 'en' : 'ja';
  } catch {
    return 'ja';
  }
}

export function initI18n(): typeof i18next {
  const lng = storedLanguage();
  void i18next.use(initReactI18next).init({
    resources: { ja: { translation: ja }, en: { translation: en } },
    lng,
    fallbackLng: 'ja',
    supportedLngs: [...languages],
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
    initAsync: false,
  });
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
  return i18next;
}

/** Switches the UI language and remembers it on this terminal. */
export function setLanguage(lng: Language): void {
  try {
    globalThis.localStorage?.setItem(storageKey, lng);
  } catch {
    // Storage may be unavailable; the switch still applies to this window.
  }
  void i18next.changeLanguage(lng);
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
}
