import type { FormDefinition, Locale } from '@tangram/schema';
import type { PublicFormSettings } from '@tangram/store';
import type { ApiProblemDetail } from '../errors';
import { isPrefillField, isPublicField } from './public-fields';

type Wording = (p: Readonly<Record<string, string>>) => string;

// Problems only public-form settings can have, in both languages (the located `message` of each).
const WORDING: Readonly<Record<Locale, Readonly<Record<string, Wording>>>> = {
  en: {
    unknownField: (p) => `The form has no field "${p.field}"`,
    notPublicField: (p) => `The field "${p.field}" cannot be shown on a public form`,
    notPrefillField: (p) => `The field "${p.field}" cannot be filled from a link parameter`,
    requiredNotShown: (p) => `The field "${p.field}" is required, so the public form must show it`,
    duplicateField: (p) => `The field "${p.field}" cannot be used to spot repeated submissions`,
    unknownUser: (p) => `No user "${p.id}"`,
    unknownOrgUnit: (p) => `No org unit "${p.id}"`,
    noFields: () => 'Show at least one field',
  },
  'zh-CN': {
    unknownField: (p) => `表单中没有字段 "${p.field}"`,
    notPublicField: (p) => `字段 "${p.field}" 不能在公开表单中显示`,
    notPrefillField: (p) => `字段 "${p.field}" 不能通过链接参数预填`,
    requiredNotShown: (p) => `字段 "${p.field}" 为必填项，公开表单必须显示它`,
    duplicateField: (p) => `字段 "${p.field}" 不能用于识别重复提交`,
    unknownUser: (p) => `用户 "${p.id}" 不存在`,
    unknownOrgUnit: (p) => `组织单元 "${p.id}" 不存在`,
    noFields: () => '请至少显示一个字段',
  },
};

/** Kinds whose value identifies a person well enough to say "the same visitor again". */
const DUPLICATE_KINDS = new Set(['phone', 'email', 'text']);

/**
 * Every problem of public-form settings against the form's latest published version, located by JSON path
 * into the request body (`/prefill/1`, `/duplicate/field`). Owner and org unit are looked up by the caller.
 */
export function settingsProblems(
  form: FormDefinition,
  settings: PublicFormSettings,
  known: { readonly ownerExists: boolean; readonly orgUnitExists: boolean },
  locale: Locale,
): ApiProblemDetail[] {
  const problems: ApiProblemDetail[] = [];
  const add = (path: string, code: string, params: Record<string, string>) => problems.push({ path, code, params, message: WORDING[locale][code]!(params) });
  const byKey = new Map(form.fields.map((f) => [f.key, f]));
  if (settings.fields.length === 0) add('/fields', 'noFields', {});
  settings.fields.forEach((key, i) => {
    const field = byKey.get(key);
    if (!field) add(`/fields/${i}`, 'unknownField', { field: key });
    else if (!isPublicField(field)) add(`/fields/${i}`, 'notPublicField', { field: key });
  });
  settings.prefill.forEach((key, i) => {
    const field = byKey.get(key);
    if (!field) add(`/prefill/${i}`, 'unknownField', { field: key });
    else if (!isPrefillField(field)) add(`/prefill/${i}`, 'notPrefillField', { field: key });
  });
  for (const field of form.fields) {
    const computed = field.kind === 'formula' || field.kind === 'autonumber';
    if (field.required && !computed && field.default === undefined && field.visibleIf === undefined && !settings.fields.includes(field.key)) {
      add('/fields', 'requiredNotShown', { field: field.key });
    }
  }
  if (settings.duplicate) {
    const field = byKey.get(settings.duplicate.field);
    if (!field) add('/duplicate/field', 'unknownField', { field: settings.duplicate.field });
    else if (!DUPLICATE_KINDS.has(field.kind)) add('/duplicate/field', 'duplicateField', { field: field.key });
  }
  if (settings.ownerId !== null && !known.ownerExists) add('/ownerId', 'unknownUser', { id: settings.ownerId });
  if (settings.orgUnitId !== null && !known.orgUnitExists) add('/orgUnitId', 'unknownOrgUnit', { id: settings.orgUnitId });
  return problems;
}
