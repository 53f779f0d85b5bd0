import type { Field } from '@tangram/schema';
import { describe, expect, it } from 'vitest';
import { comparableLabel, suggestMapping } from './column-mapping';

const field = (key: string, zh: string, en: string): Field => ({ id: key, key, kind: 'text', label: { 'zh-CN': zh, en } });
const fields = [field('name', '姓名', 'Name'), field('phone', '手机号', 'Mobile phone'), field('budget', '预算', 'Budget')];

describe('column mapping', () => {
  it.each([
    ['＊ 手机号（必填）', '手机号'],
    ['Budget (CNY)', 'budget'],
    ['  Mobile  Phone ', 'mobilephone'],
    ['姓名:', '姓名'],
  ])('compares %s as %s', (label, comparable) => {
    expect(comparableLabel(label)).toBe(comparable);
  });

  it('matches by Chinese label, English label or key, each field once, and guesses nothing else', () => {
    const mapping = suggestMapping([
      { index: 0, label: '姓名' },
      { index: 1, label: 'Mobile Phone' },
      { index: 2, label: 'budget' },
      { index: 3, label: '手机号码' },
      { index: 4, label: 'Name' },
    ], fields);
    expect(mapping).toEqual({ 0: 'name', 1: 'phone', 2: 'budget', 3: null, 4: null });
  });

  it('uses the group of a two-level header when the label alone does not match', () => {
    expect(suggestMapping([{ index: 0, label: '号', group: '手机' }], fields)).toEqual({ 0: 'phone' });
  });
});
