import { LOCALES, type Locale } from '@tangram/schema';

const STORAGE_KEY = 'tangram.locale';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The browser's language picks the default: Chinese if it starts with "zh", English otherwise. */
export function localeFromBrowser(languages: readonly string[]): Locale {
  const first = languages[0] ?? '';
  return first.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/** A choice the user made earlier wins over the browser's language. */
export function loadLocale(): Locale {
  try {
    const saved = window.localStorage.getItem(STORAGE_KEY);
    if (isLocale(saved)) return saved;
  } catch {
    // Storage can be disabled (private mode, policies): fall back to the browser's language.
  }
  const languages = navigator.languages?.length ? navigator.languages : [navigator.language];
  return localeFromBrowser(languages);
}

export function saveLocale(locale: Locale): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Not persisted, but the switch still applies to this page.
  }
}
