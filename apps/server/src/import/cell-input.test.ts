import type { Field } from '@tangram/schema';
import { describe, expect, it } from 'vitest';
import { cellConverter } from './cell-input';

const l = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const convert = (field: Omit<Field, 'id' | 'label'>, cell: Parameters<ReturnType<typeof cellConverter>>[0]) =>
  cellConverter({ id: 'x', label: l('x', 'x'), ...field } as Field, '+08:00')(cell);
const channel = { key: 'channel', kind: 'select', options: [{ value: 'store', label: l('门店', 'Store') }, { value: 'web', label: l('网络', 'Web') }] } as const;

describe('cell to input', () => {
  it.each([
    ['a phone stored as a number keeps every digit', { key: 'p', kind: 'phone' }, 13800138000, '13800138000'],
    ['an option by its Chinese label', channel, '门店', 'store'],
    ['an option by its English label, any case', channel, ' WEB ', 'web'],
    ['an unknown option is passed on for the engine to refuse', channel, '电视', '电视'],
    ['a date cell', { key: 'd', kind: 'date' }, new Date(Date.UTC(2025, 2, 2)), '2025-03-02'],
    ['a serial in a date column goes to the engine', { key: 'd', kind: 'date' }, 45718, 45718],
    ['a date-time cell is wall-clock time in the app zone', { key: 't', kind: 'datetime' }, new Date(Date.UTC(2025, 2, 2, 9, 30)), '2025-03-02T09:30:00+08:00'],
    ['a date-time typed without a zone', { key: 't', kind: 'datetime' }, '2025/3/2 9:30', '2025-03-02T09:30:00+08:00'],
    ['是 is yes', { key: 'y', kind: 'yesno' }, '是', true],
    ['否 is no', { key: 'y', kind: 'yesno' }, '否', false],
    ['money with a currency sign and full-width digits', { key: 'm', kind: 'money' }, '￥１，２００', '1200'],
    ['stars as a rating', { key: 'r', kind: 'rating' }, '★★★', 3],
    ['a region written with spaces', { key: 'g', kind: 'region' }, '上海市 浦东新区', { province: '上海市', city: '浦东新区' }],
  ] as const)('%s', (_name, field, cell, expected) => {
    expect(convert(field as Omit<Field, 'id' | 'label'>, cell as never)).toEqual(expected);
  });

  it('splits a multi-select on Chinese and Western separators', () => {
    const interests = { key: 'i', kind: 'multiselect', options: [{ value: 'baby', label: l('母婴', 'Baby') }, { value: 'senior', label: l('老年', 'Senior') }] } as const;
    expect(convert(interests, '母婴、Senior')).toEqual(['baby', 'senior']);
    expect(convert(interests, '母婴，老年')).toEqual(['baby', 'senior']);
  });
});
