import { describe, expect, test } from 'vitest';
import { formatProblem } from '../messages';
import { formWith, validFields } from './fixtures';
import { validateForm } from './validate';

const all = Object.values(validFields);
const layout = [
  { id: 'basics', title: { en: 'Basics' }, fields: ['name', 'age'] },
  { id: 'contact', fields: ['mobile', 'email'] },
  { id: 'visit', fields: [] },
];
const tabs = [
  { id: 'main', title: { 'zh-CN': '基本', en: 'Main' }, sections: ['basics', 'contact'] },
  { id: 'more', title: { en: 'More' }, sections: ['visit'] },
];
const withTabs = (patch: Record<string, unknown>) => formWith(all, { layout, tabs, ...patch });

describe('form tabs', () => {
  test('tabs that group every section once are accepted; a form without tabs still is', () => {
    expect(validateForm(withTabs({}))).toMatchObject({ ok: true });
    expect(validateForm(formWith(all, { layout }))).toMatchObject({ ok: true });
    expect(validateForm(withTabs({ tabs: [{ id: 'only', title: { en: 'All' }, sections: ['visit', 'basics', 'contact'] }] }))).toMatchObject({ ok: true });
  });

  type Case = readonly [string, Record<string, unknown>, readonly { path: string; code: string; params?: object }[]];
  const cases: Case[] = [
    ['a tab names an unknown section', withTabs({ tabs: [tabs[0], { ...tabs[1], sections: ['visit', 'ghost'] }] }),
      [{ path: '/tabs/1/sections/1', code: 'unknownSectionReference', params: { section: 'ghost' } }]],
    ['a section in two tabs', withTabs({ tabs: [tabs[0], { ...tabs[1], sections: ['visit', 'contact'] }] }),
      [{ path: '/tabs/1/sections/1', code: 'sectionInTwoTabs', params: { section: 'contact', tab: 'main' } }]],
    ['a section twice in one tab', withTabs({ tabs: [{ ...tabs[0], sections: ['basics', 'basics', 'contact'] }, tabs[1]] }),
      [{ path: '/tabs/0/sections/1', code: 'sectionInTwoTabs', params: { section: 'basics', tab: 'main' } }]],
    ['duplicate tab ids', withTabs({ tabs: [tabs[0], { ...tabs[1], id: 'main' }] }), [{ path: '/tabs/1/id', code: 'duplicateId', params: { id: 'main' } }]],
    ['a title with no language', withTabs({ tabs: [tabs[0], { ...tabs[1], title: {} }] }), [{ path: '/tabs/1/title', code: 'localizedTextEmpty' }]],
    ['an empty title', withTabs({ tabs: [tabs[0], { ...tabs[1], title: { en: '' } }] }), [{ path: '/tabs/1/title/en', code: 'minLength' }]],
    ['a title of blanks', withTabs({ tabs: [tabs[0], { ...tabs[1], title: { en: '  ', 'zh-CN': '　' } }] }), [{ path: '/tabs/1/title', code: 'localizedTextEmpty' }]],
    ['a tab without a title', withTabs({ tabs: [tabs[0], { id: 'more', sections: ['visit'] }] }), [{ path: '/tabs/1/title', code: 'required' }]],
    ['a section left out of every tab', withTabs({ tabs: [tabs[0]] }), [{ path: '/layout/2/id', code: 'sectionWithoutTab', params: { section: 'visit' } }]],
    ['an empty tab list', withTabs({ tabs: [] }), [{ path: '/tabs', code: 'minItems', params: { limit: 1 } }]],
    ['a bad tab id', withTabs({ tabs: [tabs[0], { ...tabs[1], id: 'a b' }] }), [{ path: '/tabs/1/id', code: 'pattern' }]],
  ];

  test.each(cases)('%s', (_name, form, expected) => {
    const result = validateForm(form);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual(expected.map((p) => expect.objectContaining(p)));
  });

  test('every tab problem is reported at once and reads in both languages', () => {
    const result = validateForm(withTabs({
      tabs: [{ ...tabs[0], sections: ['basics', 'nope'] }, { ...tabs[1], id: 'main', title: { en: ' ' } }],
    }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => `${p.path} ${p.code}`)).toEqual([
      '/tabs/0/sections/1 unknownSectionReference',
      '/tabs/1/id duplicateId',
      '/tabs/1/title localizedTextEmpty',
      '/layout/1/id sectionWithoutTab',
    ]);
    expect(formatProblem(result.problems[3]!, 'en')).toBe('Section "contact" is in no tab');
    expect(formatProblem(result.problems[0]!, 'zh-CN')).toBe('引用了不存在的分组“nope”');
  });
});
