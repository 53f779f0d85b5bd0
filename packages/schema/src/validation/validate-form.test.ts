import { describe, expect, test } from 'vitest';
import { FIELD_KINDS, type FieldKind } from '../field';
import { validateForm } from './validate';
import { formWith, validFields } from './fixtures';

const all = Object.values(validFields);
const at = (kind: FieldKind) => all.findIndex((f) => f.kind === kind);
const withField = (kind: FieldKind, patch: Record<string, unknown>) =>
  formWith(all.map((f) => (f.kind === kind ? { ...f, ...patch } : f)));

describe('validateForm: valid definitions', () => {
  test('a form holding one field of every kind is accepted and frozen', () => {
    const input = formWith(all);
    const result = validateForm(input);
    expect(result).toMatchObject({ ok: true });
    if (!result.ok) return;
    expect(result.value.fields.map((f) => f.kind).sort()).toEqual([...FIELD_KINDS].sort());
    expect(Object.isFrozen(result.value.fields[0])).toBe(true);
    expect(Object.isFrozen(input)).toBe(false);
  });

  test.each(FIELD_KINDS)('a form with only a %s field is accepted', (kind) => {
    const needs = kind === 'formula' ? [validFields.number] : kind === 'region' ? [validFields.phone] : [];
    expect(validateForm(formWith([validFields[kind], ...needs]))).toMatchObject({ ok: true });
  });

  test('a relation to its own form is allowed', () => {
    expect(validateForm(formWith([validFields.text, { ...validFields.relation, form: 'customer', displayField: 'name' }]))).toMatchObject({ ok: true });
  });

  test('layout and checks over known fields are accepted', () => {
    const form = formWith(all, {
      layout: [{ id: 's1', title: { en: 'Basics' }, columns: 2, fields: ['name', 'age'] }],
      checks: [{ id: 'c1', when: { '<': [{ var: 'age' }, 12] }, severity: 'warn', message: { en: 'Check age' }, fields: ['age'] }],
    });
    expect(validateForm(form)).toMatchObject({ ok: true });
  });
});

type Case = readonly [name: string, form: Record<string, unknown>, problems: readonly { path: string; code: string; params?: object }[]];

const schemaCases: Case[] = [
  ['unknown kind', withField('text', { kind: 'blob' }), [{ path: `/fields/${at('text')}/kind`, code: 'enum' }]],
  ['unknown property refused, not stripped', withField('money', { colour: 'red' }), [{ path: `/fields/${at('money')}/colour`, code: 'unknownProperty', params: { property: 'colour' } }]],
  ['option of another kind refused', withField('text', { options: [] }), [{ path: `/fields/${at('text')}/options`, code: 'unknownProperty' }]],
  ['missing label', withField('number', { label: undefined }), [{ path: `/fields/${at('number')}/label`, code: 'required' }]],
  ['label with no language', withField('number', { label: {} }), [{ path: `/fields/${at('number')}/label`, code: 'localizedTextEmpty' }]],
  ['label in an unsupported language', withField('number', { label: { fr: 'Âge' } }), [{ path: `/fields/${at('number')}/label/fr`, code: 'unknownProperty' }]],
  ['bad key', withField('email', { key: 'Email Address' }), [{ path: `/fields/${at('email')}/key`, code: 'pattern' }]],
  ['number min as string', withField('number', { min: '0' }), [{ path: `/fields/${at('number')}/min`, code: 'type', params: { expected: 'number' } }]],
  ['money min as float', withField('money', { min: 0.1 }), [{ path: `/fields/${at('money')}/min`, code: 'type' }]],
  ['money max not a decimal', withField('money', { max: '1e6' }), [{ path: `/fields/${at('money')}/max`, code: 'pattern' }]],
  ['money currency', withField('money', { currency: 'rmb' }), [{ path: `/fields/${at('money')}/currency`, code: 'pattern' }]],
  ['percent decimals', withField('percent', { decimals: 11 }), [{ path: `/fields/${at('percent')}/decimals`, code: 'maximum', params: { limit: 10 } }]],
  ['date min format', withField('date', { min: '2024-13-01' }), [{ path: `/fields/${at('date')}/min`, code: 'format', params: { format: 'date' } }]],
  ['datetime max format', withField('datetime', { max: '2024-01-01' }), [{ path: `/fields/${at('datetime')}/max`, code: 'format' }]],
  ['select without options', withField('select', { options: [], default: undefined }), [{ path: `/fields/${at('select')}/options`, code: 'minItems' }]],
  ['option colour', withField('select', { options: [{ value: 'web', label: { en: 'W' }, color: 'blue' }] }), [{ path: `/fields/${at('select')}/options/0/color`, code: 'pattern' }]],
  ['option value empty', withField('multiselect', { options: [{ value: '', label: { en: 'W' } }], default: undefined }), [{ path: `/fields/${at('multiselect')}/options/0/value`, code: 'minLength' }]],
  ['checkbox with extra', withField('checkbox', { min: 1 }), [{ path: `/fields/${at('checkbox')}/min`, code: 'unknownProperty' }]],
  ['yesno required not boolean', withField('yesno', { required: 'yes' }), [{ path: `/fields/${at('yesno')}/required`, code: 'type' }]],
  ['phone region', withField('phone', { region: 'us' }), [{ path: `/fields/${at('phone')}/region`, code: 'enum' }]],
  ['email with pattern', withField('email', { pattern: '.*' }), [{ path: `/fields/${at('email')}/pattern`, code: 'unknownProperty' }]],
  ['url with unique as number', withField('url', { unique: 1 }), [{ path: `/fields/${at('url')}/unique`, code: 'type' }]],
  ['user multiple', withField('user', { multiple: 'no' }), [{ path: `/fields/${at('user')}/multiple`, code: 'type' }]],
  ['orgunit id', withField('orgunit', { id: 'a b' }), [{ path: `/fields/${at('orgunit')}/id`, code: 'pattern' }]],
  ['relation without target', withField('relation', { form: undefined }), [{ path: `/fields/${at('relation')}/form`, code: 'required' }]],
  ['subtable nested field error path', withField('subtable', { fields: [{ id: 'x', key: 'qty', kind: 'number', label: { en: 'Q' }, max: 'ten' }] }), [{ path: `/fields/${at('subtable')}/fields/0/max`, code: 'type' }]],
  ['subtable with no fields', withField('subtable', { fields: [] }), [{ path: `/fields/${at('subtable')}/fields`, code: 'minItems' }]],
  ['formula without expr', withField('formula', { expr: undefined }), [{ path: `/fields/${at('formula')}/expr`, code: 'required' }]],
  ['formula result kind', withField('formula', { resultKind: 'float' }), [{ path: `/fields/${at('formula')}/resultKind`, code: 'enum' }]],
  ['autonumber without pattern', withField('autonumber', { pattern: undefined }), [{ path: `/fields/${at('autonumber')}/pattern`, code: 'required' }]],
  ['file max files', withField('file', { maxFiles: 0 }), [{ path: `/fields/${at('file')}/maxFiles`, code: 'minimum' }]],
  ['file size', withField('file', { maxSizeMb: 0 }), [{ path: `/fields/${at('file')}/maxSizeMb`, code: 'minimum', params: { limit: 0, exclusive: true } }]],
  ['rating max', withField('rating', { max: 11 }), [{ path: `/fields/${at('rating')}/max`, code: 'maximum' }]],
  ['region depth', withField('region', { depth: 4 }), [{ path: `/fields/${at('region')}/depth`, code: 'enum', params: { allowedValues: [1, 2, 3] } }]],
  ['schemaVersion', { ...formWith(all), schemaVersion: 2 }, [{ path: '/schemaVersion', code: 'enum' }]],
  ['form-level unknown property', { ...formWith(all), owner: 'x' }, [{ path: '/owner', code: 'unknownProperty' }]],
  ['field not an object', formWith([42]), [{ path: '/fields/0', code: 'type' }]],
  ['kind not a string', formWith([{ ...validFields.text, kind: 3 }]), [{ path: '/fields/0/kind', code: 'type' }]],
  ['check severity', formWith(all, { checks: [{ id: 'c', when: true, severity: 'info', message: { en: 'x' } }] }), [{ path: '/checks/0/severity', code: 'enum' }]],
  ['layout columns', formWith(all, { layout: [{ id: 's', fields: [], columns: 5 }] }), [{ path: '/layout/0/columns', code: 'enum' }]],
];

const semanticCases: Case[] = [
  ['duplicate key', formWith([validFields.text, { ...validFields.email, key: 'name' }]), [{ path: '/fields/1/key', code: 'duplicateKey', params: { key: 'name' } }]],
  ['duplicate id across a subtable', formWith([validFields.text, { ...validFields.subtable, fields: [{ ...validFields.number, id: 'f1' }] }]), [{ path: '/fields/1/fields/0/id', code: 'duplicateId' }]],
  ['same key in a subtable row and the record is fine', formWith([validFields.number, { ...validFields.subtable, fields: [{ ...validFields.number, id: 'sub' }] }]), []],
  ['layout refers to unknown field', formWith(all, { layout: [{ id: 's', fields: ['name', 'nickname'] }] }), [{ path: '/layout/0/fields/1', code: 'unknownFieldReference', params: { field: 'nickname' } }]],
  ['layout places a field twice', formWith(all, { layout: [{ id: 's', fields: ['name'] }, { id: 't', fields: ['name'] }] }), [{ path: '/layout/1/fields/0', code: 'duplicate' }]],
  ['select default not an option', withField('select', { default: 'tv' }), [{ path: `/fields/${at('select')}/default`, code: 'defaultNotAnOption', params: { value: 'tv' } }]],
  ['multiselect default not an option', withField('multiselect', { default: ['a', 'z'] }), [{ path: `/fields/${at('multiselect')}/default/1`, code: 'defaultNotAnOption' }]],
  ['duplicate option', withField('select', { options: [{ value: 'web', label: { en: 'W' } }, { value: 'web', label: { en: 'W2' } }] }), [{ path: `/fields/${at('select')}/options/1/value`, code: 'duplicateOption' }]],
  ['number min > max', withField('number', { min: 10, max: 1 }), [{ path: `/fields/${at('number')}/min`, code: 'minGreaterThanMax', params: { min: 10, max: 1 } }]],
  ['money min > max compared exactly', withField('money', { min: '100.01', max: '100.001' }), [{ path: `/fields/${at('money')}/min`, code: 'minGreaterThanMax' }]],
  ['text minLength > maxLength', withField('text', { minLength: 5, maxLength: 2 }), [{ path: `/fields/${at('text')}/minLength`, code: 'minGreaterThanMax' }]],
  ['date min > max', withField('date', { min: '2025-01-02', max: '2025-01-01' }), [{ path: `/fields/${at('date')}/min`, code: 'minGreaterThanMax' }]],
  ['datetime min > max across offsets', withField('datetime', { min: '2025-01-01T09:00:00+08:00', max: '2025-01-01T00:30:00Z' }), [{ path: `/fields/${at('datetime')}/min`, code: 'minGreaterThanMax' }]],
  ['multiselect minItems > maxItems', withField('multiselect', { minItems: 3, maxItems: 2 }), [{ path: `/fields/${at('multiselect')}/minItems`, code: 'minGreaterThanMax' }]],
  ['subtable minRows > maxRows', withField('subtable', { minRows: 3, maxRows: 2 }), [{ path: `/fields/${at('subtable')}/minRows`, code: 'minGreaterThanMax' }]],
  ['invalid regex', withField('text', { pattern: '([a-z]' }), [{ path: `/fields/${at('text')}/pattern`, code: 'invalidRegex' }]],
  ['formula reads an unknown field', withField('formula', { expr: { '+': [{ var: 'age' }, { var: 'weight' }] } }), [{ path: `/fields/${at('formula')}/expr/+/1/var`, code: 'unknownFieldReference', params: { field: 'weight' } }]],
  ['visibleIf reads an unknown field', withField('region', { visibleIf: { '==': [{ var: ['city', 'x'] }, 'sh'] } }), [{ path: `/fields/${at('region')}/visibleIf/==/0/var`, code: 'unknownFieldReference' }]],
  ['readOnlyIf reads context and a dotted known field', withField('region', { readOnlyIf: { and: [{ var: '$user.id' }, { var: 'items.qty' }] } }), []],
  ['default expr reads an unknown field', withField('text', { default: { expr: { var: 'nick' } } }), [{ path: `/fields/${at('text')}/default/expr/var`, code: 'unknownFieldReference' }]],
  ['vars inside map/reduce name the element', withField('formula', { expr: { reduce: [{ var: 'items' }, { '+': [{ var: 'current.qty' }, { var: 'accumulator' }] }, 0] } }), []],
  ['subtable row condition reads parent and row fields', withField('subtable', { fields: [{ ...validFields.number, id: 'q', key: 'qty', visibleIf: { '>': [{ var: 'age' }, { var: 'qty' }] } }] }), []],
  ['check reads an unknown field', formWith(all, { checks: [{ id: 'c', when: { var: 'pregnant' }, severity: 'warn', message: { en: 'x' } }] }), [{ path: '/checks/0/when/var', code: 'unknownFieldReference' }]],
  ['check attaches to an unknown field', formWith(all, { checks: [{ id: 'c', when: true, severity: 'block', message: { en: 'x' }, fields: ['zzz'] }] }), [{ path: '/checks/0/fields/0', code: 'unknownFieldReference' }]],
  ['duplicate check id', formWith(all, { checks: [{ id: 'c', when: true, severity: 'block', message: { en: 'x' } }, { id: 'c', when: true, severity: 'warn', message: { en: 'y' } }] }), [{ path: '/checks/1/id', code: 'duplicateId' }]],
  ['autonumber unknown token', withField('autonumber', { pattern: 'KH-{HH}-{seq:4}' }), [{ path: `/fields/${at('autonumber')}/pattern`, code: 'autonumberToken', params: { token: 'HH' } }]],
  ['autonumber without seq', withField('autonumber', { pattern: 'KH-{YYYY}' }), [{ path: `/fields/${at('autonumber')}/pattern`, code: 'autonumberWithoutSeq' }]],
  ['autonumber in a subtable', withField('subtable', { fields: [{ ...validFields.autonumber, id: 'an' }] }), [{ path: `/fields/${at('subtable')}/fields/0/kind`, code: 'notAllowedInSubtable' }]],
  ['number default of the wrong type', withField('number', { default: '3' }), [{ path: `/fields/${at('number')}/default`, code: 'type', params: { expected: 'number' } }]],
  ['money default must be a decimal string', withField('money', { default: 3.5 }), [{ path: `/fields/${at('money')}/default`, code: 'type', params: { expected: 'decimal string' } }]],
  ['date default must be a date', withField('date', { default: 'today' }), [{ path: `/fields/${at('date')}/default`, code: 'type' }]],
  ['checkbox default must be boolean', withField('checkbox', { default: 'yes' }), [{ path: `/fields/${at('checkbox')}/default`, code: 'type' }]],
  ['default on a formula', withField('formula', { default: true }), [{ path: `/fields/${at('formula')}/default`, code: 'defaultNotAllowed' }]],
  ['formula cycle', formWith([{ ...validFields.formula, key: 'a', id: 'a', expr: { var: 'b' } }, { ...validFields.formula, key: 'b', id: 'b', expr: { '+': [{ var: 'a' }, 1] } }]), [{ path: '/fields/0/expr', code: 'formulaCycle' }, { path: '/fields/1/expr', code: 'formulaCycle' }]],
  ['self-relation displayField unknown', formWith([validFields.text, { ...validFields.relation, form: 'customer', displayField: 'title' }]), [{ path: '/fields/1/displayField', code: 'unknownFieldReference' }]],
];

describe('validateForm: every problem, located', () => {
  test.each([...schemaCases, ...semanticCases])('%s', (_name, form, expected) => {
    const result = validateForm(form);
    if (expected.length === 0) {
      expect(result).toMatchObject({ ok: true });
      return;
    }
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual(expected.map((p) => expect.objectContaining(p)));
  });

  test('reports every problem of a bad form at once', () => {
    const result = validateForm(formWith([
      { ...validFields.text, key: 'Bad' },
      { ...validFields.number, label: {} },
      { ...validFields.select, options: [{ value: 'x', label: { en: 'X' }, extra: 1 }] },
    ]));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => `${p.path} ${p.code}`)).toEqual([
      '/fields/0/key pattern',
      '/fields/1/label localizedTextEmpty',
      '/fields/2/options/0/extra unknownProperty',
    ]);
  });

  test.each([null, 'form', [], 42])('a non-object (%j) is a type problem at the root', (input) => {
    expect(validateForm(input)).toEqual({ ok: false, problems: [{ path: '', code: 'type', params: { expected: 'object' } }] });
  });
});
