export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** Text shown to people, in each UI language. At least one is present. */
export interface LocalizedText {
  readonly 'zh-CN'?: string;
  readonly en?: string;
}
