import { describe, expect, it } from 'vitest';
import { dictionaries, messageTableKeys, translate } from './dictionaries';
import { localeFromBrowser } from './locale-preference';

describe('dictionaries', () => {
  it('has the same keys in every language, none empty', () => {
    const zh = Object.keys(dictionaries['zh-CN']).sort();
    const en = Object.keys(dictionaries.en).sort();
    expect(en).toEqual(zh);
    for (const table of Object.values(dictionaries)) {
      for (const [key, text] of Object.entries(table)) expect(text.trim(), key).not.toBe('');
    }
  });

  it('has no key defined by two tables (a feature would silently overwrite another)', () => {
    const seen = new Set<string>();
    const twice = messageTableKeys.flat().filter((key) => seen.has(key) || !seen.add(key));
    expect(twice).toEqual([]);
  });

  it('uses the same placeholders in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(dictionaries.en) as (keyof typeof dictionaries.en)[]) {
      expect(placeholders(dictionaries.en[key]), key).toEqual(placeholders(dictionaries['zh-CN'][key]));
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('en', 'apps.open', { name: 'CRM' })).toBe('Open CRM');
    expect(translate('zh-CN', 'apps.open', { name: 'CRM' })).toBe('打开 CRM');
    expect(translate('en', 'apps.open')).toBe('Open {name}');
  });
});

describe('localeFromBrowser', () => {
  it.each([
    [['zh-CN', 'en'], 'zh-CN'],
    [['zh-TW'], 'zh-CN'],
    [['ZH'], 'zh-CN'],
    [['en-US', 'zh-CN'], 'en'],
    [['fr-FR'], 'en'],
    [[], 'en'],
  ])('%j -> %s', (languages, expected) => {
    expect(localeFromBrowser(languages)).toBe(expected);
  });
});
