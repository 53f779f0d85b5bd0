/**
 * A feature's own strings, kept next to the feature so teams don't all edit one dictionary.
 * The Chinese table defines the keys; the English one must have exactly the same (checked by the type).
 *
 *   export const designerMessages = defineMessages({ 'designer.title': '表单设计' }, { 'designer.title': 'Form designer' });
 */
export interface FeatureMessages<K extends string> {
  readonly 'zh-CN': Readonly<Record<K, string>>;
  readonly en: Readonly<Record<K, string>>;
}

export function defineMessages<const Z extends Record<string, string>, const E extends { readonly [K in keyof Z]: string }>(
  zhCN: Z,
  // An English key the Chinese table lacks is an error too.
  en: E & { readonly [K in Exclude<keyof E, keyof Z>]: never },
): FeatureMessages<Extract<keyof Z, string>> {
  return Object.freeze({ 'zh-CN': Object.freeze(zhCN), en: Object.freeze(en as Record<keyof Z, string>) });
}
