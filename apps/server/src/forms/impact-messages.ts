import type { Locale, LocalizedText } from '@tangram/schema';
import type { FormChange } from '@tangram/schema';

/** What happens to existing records, per change, in both languages. `{count}` is filled per change. */
const TEMPLATES: Readonly<Record<Locale, Readonly<Record<FormChange['kind'] | 'fieldAddedOptional', string>>>> = {
  'zh-CN': {
    fieldAdded: '新增必填字段“{label}”：{count} 条已有记录没有值，仍可正常查看，下次编辑时需要填写。',
    fieldAddedOptional: '新增字段“{label}”：{count} 条已有记录在此字段显示为空。',
    fieldRemoved: '删除字段“{label}”：{count} 条记录有值，值仍保存在库中，但不再显示也不能编辑。',
    keyRenamed: '字段“{label}”的标识从 {from} 改为 {field}：{count} 条记录的值仍保存在 {from} 下，改名后的字段在这些记录上为空。',
    kindChanged: '字段“{label}”的类型从 {from} 改为 {to}：{count} 条记录保存着旧类型的值，仍可查看，编辑时不符合新类型的值需要重新填写。',
    becameRequired: '字段“{label}”改为必填：{count} 条记录没有值，仍可正常查看，下次编辑时需要填写。',
    optionRemoved: '字段“{label}”删除了选项 {values}：{count} 条记录选的是这些选项，值保持不变，下次编辑时需要改选其他选项。',
  },
  en: {
    fieldAdded: 'New required field "{label}": {count} existing records have no value; they stay readable and must fill it in when next edited.',
    fieldAddedOptional: 'New field "{label}": {count} existing records show it empty.',
    fieldRemoved: 'Field "{label}" removed: {count} records hold a value; it stays stored but is no longer shown or editable.',
    keyRenamed: 'Field "{label}" renamed from {from} to {field}: {count} records keep their value under {from}; the renamed field starts empty on them.',
    kindChanged: 'Field "{label}" changes from {from} to {to}: {count} records hold a value of the old kind; they stay readable, and a value that does not fit the new kind must be entered again when edited.',
    becameRequired: 'Field "{label}" becomes required: {count} records have no value; they stay readable and must fill it in when next edited.',
    optionRemoved: 'Options {values} removed from "{label}": {count} records hold them; they keep the value and must choose another option when next edited.',
  },
};

function pick(text: LocalizedText, locale: Locale): string {
  return text[locale] ?? text.en ?? text['zh-CN'] ?? '';
}

/**
 * impactMessage({ kind: 'becameRequired', field: 'phone', label: { en: 'Mobile' } }, 3, 'en')
 *   -> 'Field "Mobile" becomes required: 3 records have no value; …'
 */
export function impactMessage(change: FormChange, count: number, locale: Locale): string {
  const key = change.kind === 'fieldAdded' && !change.required ? 'fieldAddedOptional' : change.kind;
  const params: Record<string, string> = { label: pick(change.label, locale) || change.field, field: change.field, count: String(count) };
  if (change.kind === 'keyRenamed') params.from = change.from;
  if (change.kind === 'kindChanged') Object.assign(params, { from: change.from, to: change.to });
  if (change.kind === 'optionRemoved') params.values = change.values.join(locale === 'zh-CN' ? '、' : ', ');
  return TEMPLATES[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}
