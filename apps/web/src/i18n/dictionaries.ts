import type { Locale } from '@tangram/schema';
import { dashboardMessages } from '../dashboards/dashboard-messages';
import { designerMessages } from '../designer/designer-messages';
import type { FeatureMessages } from './define-messages';
import { realtimeMessages } from '../realtime/realtime-messages';
import { record360Messages } from '../workspace/record-360-messages';
import { publicFormMessages } from '../public-form/public-form-messages';
import { offlineMessages } from '../offline/offline-messages';
import { importMessages } from '../import/import-messages';
import { formTabsMessages } from '../workspace/form-tabs-messages';
import { listMessages } from '../workspace/list/list-messages';
import { en } from './en';
import { zhCN, type ShellMessageKey } from './zh-CN';

/**
 * Every feature's own strings (`defineMessages` next to the feature). A feature adds its table here, once;
 * the dictionaries test refuses a key that two tables both define.
 */
export const featureMessages = [publicFormMessages, dashboardMessages, offlineMessages, designerMessages, importMessages, realtimeMessages, formTabsMessages, listMessages, record360Messages] as const satisfies readonly FeatureMessages<string>[];

type FeatureKey<T> = T extends FeatureMessages<infer K> ? K : never;
export type MessageKey = ShellMessageKey | FeatureKey<(typeof featureMessages)[number]>;

function merge(locale: Locale, shell: Readonly<Record<ShellMessageKey, string>>): Readonly<Record<MessageKey, string>> {
  return Object.freeze(Object.assign({}, shell, ...featureMessages.map((table: FeatureMessages<string>) => table[locale])));
}

export const dictionaries: Readonly<Record<Locale, Readonly<Record<MessageKey, string>>>> = Object.freeze({
  'zh-CN': merge('zh-CN', zhCN),
  en: merge('en', en),
});

/** Each table's keys, shell first: for the test that refuses duplicates. */
export const messageTableKeys: readonly (readonly string[])[] = [
  Object.keys(zhCN),
  ...featureMessages.map((table: FeatureMessages<string>) => Object.keys(table['zh-CN'])),
];

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
