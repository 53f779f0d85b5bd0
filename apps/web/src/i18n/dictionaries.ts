import type { Locale } from '@tangram/schema';
import { en } from './en';
import { zhCN, type MessageKey } from './zh-CN';

export const dictionaries: Readonly<Record<Locale, Readonly<Record<MessageKey, string>>>> = Object.freeze({
  'zh-CN': zhCN,
  en,
});

export type MessageParams = Readonly<Record<string, string | number>>;

/**
 * Looks a key up and fills its `{name}` placeholders.
 * translate('en', 'apps.count', { count: 3 }) -> "3 apps"
 */
export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const template = dictionaries[locale][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
