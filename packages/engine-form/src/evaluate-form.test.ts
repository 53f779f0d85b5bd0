import type { Problem } from '@tangram/schema';
import { validateForm } from '@tangram/schema';
import { describe, expect, test } from 'vitest';
import { evaluateForm } from './evaluate-form';
import { createCtx, customerForm } from './fixtures';
import type { FormContext } from './types';

const ok = (input: Record<string, unknown>, ctx: Partial<FormContext> = {}) => {
  const result = evaluateForm(customerForm, { name: 'Ann', ...input }, { ...createCtx, ...ctx });
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.problems)}`);
  return result.data;
};
const problems = (input: Record<string, unknown>, ctx: Partial<FormContext> = {}): readonly Problem[] => {
  const result = evaluateForm(customerForm, { name: 'Ann', ...input }, { ...createCtx, ...ctx });
  if (result.ok) throw new Error(`expected problems, got ${JSON.stringify(result.data)}`);
  return result.problems.map((p) => ({ path: p.path, code: p.code, ...(p.params ? { params: p.params } : {}) }));
};

test('the fixture is a valid form definition', () => {
  expect(validateForm(customerForm)).toMatchObject({ ok: true });
});

describe('normalised values per kind', () => {
  test.each([
    ['text is trimmed', { name: '  Ann Lee ' }, 'name', 'Ann Lee'],
    ['textarea keeps inner lines', { notes: ' a\nb c ' }, 'notes', 'a\nb c'],
    ['number from a string', { age: ' 42 ' }, 'age', 42],
    ['money from a number', { budget: 1234.5 }, 'budget', '1234.50'],
    ['money from a string', { budget: '1,234.5' }, 'budget', '1234.50'],
    ['money drops trailing zeros beyond decimals', { budget: '10.500' }, 'budget', '10.50'],
    ['money zero', { budget: '-0' }, 'budget', '0.00'],
    ['percent with a decimal', { discount: 12.5 }, 'discount', 12.5],
    ['date', { birthday: '2000-02-29' }, 'birthday', '2000-02-29'],
    ['date written year first with slashes', { birthday: '2000/2/29' }, 'birthday', '2000-02-29'],
    ['date in Chinese with full-width digits', { birthday: '２０００年2月29日' }, 'birthday', '2000-02-29'],
    ['date as a spreadsheet serial', { birthday: 36585 }, 'birthday', '2000-02-29'],
    ['datetime with offset to UTC', { visited_at: '2025-03-02T09:30:00+08:00' }, 'visited_at', '2025-03-02T01:30:00.000Z'],
    ['select', { channel: 'web' }, 'channel', 'web'],
    ['multiselect', { interests: ['senior', 'baby'] }, 'interests', ['senior', 'baby']],
    ['checkbox false is a value', { agreed: false }, 'agreed', false],
    ['yesno', { member: true }, 'member', true],
    ['mainland mobile with +86 and spaces', { mobile: '+86 138 0013 8000' }, 'mobile', '13800138000'],
    ['mainland mobile with 0086 and dashes', { mobile: '0086-138-0013-8000' }, 'mobile', '13800138000'],
    ['mainland mobile in full-width digits', { mobile: '１３８００１３８０００' }, 'mobile', '13800138000'],
    ['international E.164', { intl_phone: '+44 20 7946 0958' }, 'intl_phone', '+442079460958'],
    ['email domain lower-cased', { email: ' Ann@Example.COM ' }, 'email', 'Ann@example.com'],
    ['url', { site: 'https://shop.example.cn/a?b=1' }, 'site', 'https://shop.example.cn/a?b=1'],
    ['user id', { owner: 'u_9' }, 'owner', 'u_9'],
    ['org unit id', { store: 'sh01' }, 'store', 'sh01'],
    ['relation id', { referrer: 'rec_1' }, 'referrer', 'rec_1'],
    ['multiple relation ids', { products: ['p1', 'p2'] }, 'products', ['p1', 'p2']],
    ['file refs', { photos: [{ id: 'f1', name: 'a.png', size: 1000, mime: 'image/png' }] }, 'photos', [{ id: 'f1', name: 'a.png', size: 1000, mime: 'image/png' }]],
    ['rating', { satisfaction: 5 }, 'satisfaction', 5],
    ['region trimmed', { region: { province: ' 上海市', city: '上海市 ' } }, 'region', { province: '上海市', city: '上海市' }],
  ] as const)('%s', (_name, input, key, expected) => {
    expect(ok(input)[key]).toEqual(expected);
  });
});

describe('refused values, located', () => {
  test.each([
    ['unknown field', { nickname: 'A' }, [{ path: '/data/nickname', code: 'unknownField', params: { field: 'nickname' } }]],
    ['required missing', { name: '   ' }, [{ path: '/data/name', code: 'required' }]],
    ['required null', { name: null }, [{ path: '/data/name', code: 'required' }]],
    ['text type', { name: 42 }, [{ path: '/data/name', code: 'type', params: { expected: 'string' } }]],
    ['text too long in characters', { name: '顾客顾客顾客顾客顾客顾' }, [{ path: '/data/name', code: 'maxLength', params: { limit: 10 } }]],
    ['textarea too short', { notes: 'ab' }, [{ path: '/data/notes', code: 'minLength', params: { limit: 3 } }]],
    ['number not a number', { age: 'old' }, [{ path: '/data/age', code: 'invalidNumber' }]],
    ['number decimals', { age: 12.5 }, [{ path: '/data/age', code: 'tooManyDecimals', params: { decimals: 0 } }]],
    ['number max', { age: 151 }, [{ path: '/data/age', code: 'maximum', params: { limit: 150 } }]],
    ['money float artefact', { budget: 0.1 + 0.2 }, [{ path: '/data/budget', code: 'tooManyDecimals', params: { decimals: 2 } }]],
    ['money too many decimals', { budget: '1.005' }, [{ path: '/data/budget', code: 'tooManyDecimals', params: { decimals: 2 } }]],
    ['money exponent string', { budget: '1e3' }, [{ path: '/data/budget', code: 'invalidNumber' }]],
    ['money below min', { budget: '-1' }, [{ path: '/data/budget', code: 'minimum', params: { limit: '0' } }]],
    ['money boolean', { budget: true }, [{ path: '/data/budget', code: 'invalidNumber' }]],
    ['percent max', { discount: 100.5 }, [{ path: '/data/discount', code: 'maximum', params: { limit: 100 } }]],
    ['date not a calendar day', { birthday: '2023-02-29' }, [{ path: '/data/birthday', code: 'invalidDate' }]],
    ['date format that is not year first', { birthday: '01/02/2023' }, [{ path: '/data/birthday', code: 'invalidDate' }]],
    ['date before min', { birthday: '1899-12-31' }, [{ path: '/data/birthday', code: 'minimum', params: { limit: '1900-01-01' } }]],
    ['datetime without offset', { visited_at: '2025-03-02T09:30:00' }, [{ path: '/data/visited_at', code: 'invalidDatetime' }]],
    ['select not an option', { channel: 'tv' }, [{ path: '/data/channel', code: 'notAnOption', params: { value: 'tv' } }]],
    ['multiselect item', { interests: ['baby', 'cars'] }, [{ path: '/data/interests/1', code: 'notAnOption', params: { value: 'cars' } }]],
    ['multiselect too many', { interests: ['baby', 'senior', 'pregnancy'] }, [{ path: '/data/interests', code: 'maxItems', params: { limit: 2 } }]],
    ['multiselect duplicate', { interests: ['baby', 'baby'] }, [{ path: '/data/interests/1', code: 'duplicate', params: { value: 'baby' } }]],
    ['checkbox string', { agreed: 'true' }, [{ path: '/data/agreed', code: 'type', params: { expected: 'boolean' } }]],
    ['mainland mobile only', { mobile: '+44 20 7946 0958' }, [{ path: '/data/mobile', code: 'invalidPhone' }]],
    ['mobile too short', { mobile: '1380013800' }, [{ path: '/data/mobile', code: 'invalidPhone' }]],
    ['mobile bad prefix', { mobile: '12800138000' }, [{ path: '/data/mobile', code: 'invalidPhone' }]],
    ['international without country code', { intl_phone: '2079460958' }, [{ path: '/data/intl_phone', code: 'invalidPhone' }]],
    ['email', { email: 'ann@localhost' }, [{ path: '/data/email', code: 'invalidEmail' }]],
    ['url scheme', { site: 'javascript:alert(1)' }, [{ path: '/data/site', code: 'invalidUrl' }]],
    ['url not a url', { site: 'shop' }, [{ path: '/data/site', code: 'invalidUrl' }]],
    ['user id type', { owner: 7 }, [{ path: '/data/owner', code: 'type', params: { expected: 'string' } }]],
    ['relation multiple needs an array', { products: 'p1' }, [{ path: '/data/products', code: 'type', params: { expected: 'array' } }]],
    ['relation duplicate id', { products: ['p1', 'p1'] }, [{ path: '/data/products/1', code: 'duplicate', params: { value: 'p1' } }]],
    ['file ref shape', { photos: [{ id: 'f1', name: 'a.png', size: -1, mime: 'image/png' }] }, [{ path: '/data/photos/0', code: 'invalidFileRef' }]],
    ['file not an image', { photos: [{ id: 'f1', name: 'a.pdf', size: 10, mime: 'application/pdf' }] }, [{ path: '/data/photos/0', code: 'fileType', params: { accept: ['image/*'] } }]],
    ['file too large', { photos: [{ id: 'f1', name: 'a.png', size: 2 * 1024 * 1024, mime: 'image/png' }] }, [{ path: '/data/photos/0', code: 'fileTooLarge', params: { limit: 1 } }]],
    ['rating out of range', { satisfaction: 6 }, [{ path: '/data/satisfaction', code: 'invalidRating', params: { max: 5 } }]],
    ['rating zero', { satisfaction: 0 }, [{ path: '/data/satisfaction', code: 'invalidRating', params: { max: 5 } }]],
    ['region missing city', { region: { province: '上海市' } }, [{ path: '/data/region', code: 'invalidRegion', params: { depth: 2 } }]],
    ['region deeper than depth', { region: { province: 'a', city: 'b', district: 'c' } }, [{ path: '/data/region', code: 'invalidRegion', params: { depth: 2 } }]],
    ['subtable not an array', { items: { sku: 'a' } }, [{ path: '/data/items', code: 'type', params: { expected: 'array' } }]],
    ['subtable too many rows', { items: [{ sku: 'a' }, { sku: 'b' }, { sku: 'c' }, { sku: 'd' }] }, [{ path: '/data/items', code: 'maxRows', params: { limit: 3 } }]],
    ['subtable row paths', { items: [{ sku: 'a', qty: 1 }, { sku: 'b' }, { sku: '', qty: 0, extra: 1 }] }, [
      { path: '/data/items/2/extra', code: 'unknownField', params: { field: 'extra' } },
      { path: '/data/items/2/qty', code: 'minimum', params: { limit: 1 } },
      { path: '/data/items/2/sku', code: 'required' },
    ]],
    ['subtable row not an object', { items: ['a'] }, [{ path: '/data/items/0', code: 'type', params: { expected: 'object' } }]],
    ['every problem at once', { name: '', age: -1, email: 'x' }, [
      { path: '/data/age', code: 'minimum', params: { limit: 0 } },
      { path: '/data/email', code: 'invalidEmail' },
      { path: '/data/name', code: 'required' },
    ]],
  ] as const)('%s', (_name, input, expected) => {
    expect(problems(input)).toEqual(expected);
  });

  test('a non-object input is one problem', () => {
    expect(evaluateForm(customerForm, [] as unknown as Record<string, unknown>, createCtx)).toEqual({
      ok: false, problems: [{ path: '/data', code: 'type', params: { expected: 'object' } }], warnings: [],
    });
  });
});

describe('defaults, formulas and autonumbers', () => {
  test('defaults apply on create for fields not sent', () => {
    const data = ok({});
    expect(data).toMatchObject({ channel: 'store', member: false, owner: 'u_7', first_visit: '2025-03-02' });
  });

  test('a sent value, even empty, wins over the default', () => {
    const data = ok({ channel: 'web', owner: null });
    expect(data.channel).toBe('web');
    expect(data).not.toHaveProperty('owner');
  });

  test('date defaults use the context time zone', () => {
    expect(ok({}, { timeZone: 'UTC' }).first_visit).toBe('2025-03-01');
  });

  test('defaults do not apply on update', () => {
    const result = evaluateForm(customerForm, { age: 30 }, { ...createCtx, mode: 'update', previous: { name: 'Ann', code: 'KH-20250101-0001' } });
    expect(result).toEqual({ ok: true, data: { name: 'Ann', age: 30, is_adult: true, total: '0.00', code: 'KH-20250101-0001' }, warnings: [] });
  });

  test('formulas are computed and client-sent computed values are ignored', () => {
    const data = ok({
      total: '999999.00', code: 'HACKED', is_adult: false, age: 20,
      items: [{ sku: 'a', qty: 3, price: '19.99', line_total: '0.01' }, { sku: 'b', price: 0.1 }],
    });
    expect(data.items).toEqual([
      { sku: 'a', qty: 3, price: '19.99', line_total: '59.97' },
      { sku: 'b', qty: 1, price: '0.10', line_total: '0.10' },
    ]);
    expect(data.total).toBe('60.07');
    expect(data.is_adult).toBe(true);
    expect(data.code).toBe('KH-20250302-0007');
  });

  test('a number formula carries no binary-float artefact', () => {
    expect(ok({ discount: 0.1 }).score).toBe(0.3);
  });

  test('without an allocated sequence the autonumber is left for the server', () => {
    expect(ok({}, { autonumbers: undefined })).not.toHaveProperty('code');
  });

  test('a negative sequence is refused', () => {
    expect(problems({}, { autonumbers: { code: -1 } })).toEqual([{ path: '/data/code', code: 'autonumberMissing' }]);
  });
});

describe('visibleIf and readOnlyIf', () => {
  test('a hidden field is not required and its sent value is dropped', () => {
    expect(ok({ channel: 'web', expo_booth: 'B12' })).not.toHaveProperty('expo_booth');
  });

  test('a visible field with a condition is required', () => {
    expect(problems({ channel: 'expo' })).toEqual([{ path: '/data/expo_booth', code: 'required' }]);
    expect(ok({ channel: 'expo', expo_booth: 'B12' }).expo_booth).toBe('B12');
  });

  test('row conditions read the parent record', () => {
    const rows = (channel: string) => ok({ channel, items: [{ sku: 'a', gift_note: 'ribbon' }] }).items;
    expect(rows('store')).toEqual([{ sku: 'a', qty: 1, gift_note: 'ribbon' }]);
    expect(rows('web')).toEqual([{ sku: 'a', qty: 1 }]);
  });

  const won = { mode: 'update' as const, previous: { name: 'Ann', stage: 'won', deal_amount: '100.00' } };
  test('a read-only field cannot be changed on update', () => {
    expect(problems({ deal_amount: 200 }, won)).toEqual([{ path: '/data/deal_amount', code: 'readOnly' }]);
  });

  test('resending a read-only field unchanged is fine', () => {
    expect(ok({ deal_amount: '100' }, won).deal_amount).toBe('100.00');
  });

  test('read-only is judged on the stored record, so a patch cannot unlock it', () => {
    expect(problems({ stage: 'new', deal_amount: 1 }, won)).toEqual([{ path: '/data/deal_amount', code: 'readOnly' }]);
  });

  test('a read-only field that is also hidden drops the sent value instead of refusing it', () => {
    const result = evaluateForm({ ...customerForm, fields: customerForm.fields.map((f) => (f.key === 'deal_amount' ? { ...f, visibleIf: { '!=': [{ var: 'stage' }, 'won'] } } : f)) },
      { deal_amount: 9 }, { ...createCtx, ...won });
    expect(result).toMatchObject({ ok: true, data: { deal_amount: '100.00' } });
  });

  test('a read-only condition that does not hold leaves the field editable', () => {
    expect(ok({ deal_amount: 5 }, { mode: 'update', previous: { name: 'Ann', stage: 'new' } }).deal_amount).toBe('5.00');
  });
});

describe('checks', () => {
  const child = { age: 10, interests: ['pregnancy'] };
  const warning = {
    checkId: 'child_pregnancy', path: '/data/age', fields: ['age', 'interests'],
    message: { 'zh-CN': '年龄小于 12 岁却选择了孕期营养产品，请核对', en: 'Age under 12 with a pregnancy-nutrition product: please check' },
  };

  test('age under 12 with a pregnancy-nutrition product asks for confirmation', () => {
    const result = evaluateForm(customerForm, { name: 'Ann', ...child }, createCtx);
    expect(result).toEqual({
      ok: false,
      problems: [{ path: '/confirmedWarnings', code: 'warningNotConfirmed', params: { checks: ['child_pregnancy'] } }],
      warnings: [warning],
    });
  });

  test('once confirmed, the record is accepted and the warning is omitted', () => {
    const result = evaluateForm(customerForm, { name: 'Ann', ...child }, { ...createCtx, confirmedWarnings: ['child_pregnancy'] });
    expect(result).toMatchObject({ ok: true, warnings: [] });
  });

  test('warnings are shown alongside other problems', () => {
    const result = evaluateForm(customerForm, { name: '', ...child }, createCtx);
    expect(result.ok).toBe(false);
    expect(result.warnings).toEqual([warning]);
  });

  test('no warning when the condition does not hold', () => {
    expect(ok({ age: 30, interests: ['pregnancy'] })).toMatchObject({ age: 30 });
  });

  test('a block check refuses the record with its message', () => {
    expect(problems({ channel: 'web', budget: '600000' })).toEqual([
      { path: '/data/budget', code: 'check', params: { checkId: 'budget_cap', message: { en: 'Web leads cannot exceed 500000' }, fields: ['budget'] } },
    ]);
  });
});

describe('context', () => {
  test('an unknown time zone is a problem, not a crash', () => {
    expect(problems({}, { timeZone: 'Mars/Olympus' })).toEqual([{ path: '/context/timeZone', code: 'invalid', params: { value: 'Mars/Olympus' } }]);
  });

  test('a definition with an unknown operator reports it instead of throwing', () => {
    const form = { ...customerForm, fields: [{ id: 'x', key: 'x', kind: 'text', label: { en: 'X' }, visibleIf: { teleport: [1] } }] } as typeof customerForm;
    const result = evaluateForm(form, { x: 'a' }, createCtx);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]).toMatchObject({ path: '/form/fields/0/visibleIf/teleport', code: 'ERR_LOGIC_UNKNOWN_OPERATOR' });
  });

  test('the same definition object is compiled once and gives the same answers', () => {
    const a = evaluateForm(customerForm, { name: 'A', age: 3 }, createCtx);
    const b = evaluateForm(customerForm, { name: 'A', age: 3 }, createCtx);
    expect(a).toEqual(b);
  });
});
