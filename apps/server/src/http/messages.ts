/**
 * Localised titles for every API error code, and the message for each located problem.
 * Field-level problems (`required`, `pattern`, …) are worded by the schema package's catalogue so the
 * browser and the server say the same thing; the server only words its own codes.
 */
import * as schemaPackage from '@tangram/schema';
import type { Locale, Problem } from '@tangram/schema';
import type { ApiErrorCode } from '../errors';

type Titles = Readonly<Record<ApiErrorCode, string>>;

const TITLES: Readonly<Record<Locale, Titles>> = {
  en: {
    ERR_NOT_FOUND: 'Not found',
    ERR_FORBIDDEN: 'You are not allowed to do this',
    ERR_RECORD_STALE: 'The record was changed by someone else; reload it and try again',
    ERR_UNIQUE_VIOLATION: 'This value is already used by another record',
    ERR_CONFLICT: 'This conflicts with what is stored',
    ERR_BULK_WITHOUT_FILTER: 'A bulk change needs a filter',
    ERR_INVALID_FILTER: 'The filter is not valid',
    ERR_INVALID_SORT: 'The sort is not valid',
    ERR_INVALID_CURSOR: 'The page cursor is not valid',
    ERR_FIELD_NOT_FILTERABLE: 'This field cannot be used to filter or sort',
    ERR_NOT_PUBLISHED: 'This form has no published version yet',
    ERR_VALIDATION: 'The request is not valid',
    ERR_MALFORMED_JSON: 'The request body is not valid JSON',
    ERR_BAD_REQUEST: 'The request is not valid',
    ERR_INVALID_LOGIC: 'The condition is not valid',
    ERR_UNAUTHENTICATED: 'Please sign in',
    ERR_INVALID_CREDENTIALS: 'Wrong email or password',
    ERR_NOT_ADMIN: 'Only an administrator can do this',
    ERR_ROUTE_NOT_FOUND: 'No such endpoint',
    ERR_SETUP_DONE: 'Tangram is already set up',
    ERR_EMAIL_TAKEN: 'This email is already registered',
    ERR_PAYLOAD_TOO_LARGE: 'The request body is too large',
    ERR_UNSUPPORTED_MEDIA_TYPE: 'This content type is not supported; send application/json',
    ERR_DEFINITION_INVALID: 'The definition has problems',
    ERR_RECORD_INVALID: 'The record has problems',
    ERR_RATE_LIMITED: 'Too many attempts; wait a minute and try again',
    ERR_INTERNAL: 'Something went wrong on the server',
  },
  'zh-CN': {
    ERR_NOT_FOUND: '未找到',
    ERR_FORBIDDEN: '您没有执行此操作的权限',
    ERR_RECORD_STALE: '该记录已被他人修改，请刷新后重试',
    ERR_UNIQUE_VIOLATION: '该值已被其他记录使用',
    ERR_CONFLICT: '与已保存的数据冲突',
    ERR_BULK_WITHOUT_FILTER: '批量操作必须指定筛选条件',
    ERR_INVALID_FILTER: '筛选条件无效',
    ERR_INVALID_SORT: '排序无效',
    ERR_INVALID_CURSOR: '分页游标无效',
    ERR_FIELD_NOT_FILTERABLE: '该字段不能用于筛选或排序',
    ERR_NOT_PUBLISHED: '该表单尚未发布',
    ERR_VALIDATION: '请求无效',
    ERR_MALFORMED_JSON: '请求体不是有效的 JSON',
    ERR_BAD_REQUEST: '请求无效',
    ERR_INVALID_LOGIC: '条件无效',
    ERR_UNAUTHENTICATED: '请先登录',
    ERR_INVALID_CREDENTIALS: '邮箱或密码错误',
    ERR_NOT_ADMIN: '只有管理员可以执行此操作',
    ERR_ROUTE_NOT_FOUND: '接口不存在',
    ERR_SETUP_DONE: 'Tangram 已完成初始化',
    ERR_EMAIL_TAKEN: '该邮箱已被注册',
    ERR_PAYLOAD_TOO_LARGE: '请求体过大',
    ERR_UNSUPPORTED_MEDIA_TYPE: '不支持该内容类型，请发送 application/json',
    ERR_DEFINITION_INVALID: '定义存在问题',
    ERR_RECORD_INVALID: '记录存在问题',
    ERR_RATE_LIMITED: '尝试次数过多，请一分钟后再试',
    ERR_INTERNAL: '服务器出错了',
  },
};

export function errorTitle(code: ApiErrorCode, locale: Locale): string {
  return TITLES[locale][code];
}

// Request-shape problems raised by the server itself (ajv keywords and our own checks).
const DETAIL_MESSAGES: Readonly<Record<Locale, Readonly<Record<string, (p: Readonly<Record<string, unknown>>) => string>>>> = {
  en: {
    required: (p) => `${String(p.missingProperty ?? 'This value')} is required`,
    additionalProperties: (p) => `Unknown field "${String(p.additionalProperty)}"`,
    type: (p) => `Must be of type ${String(p.type)}`,
    minLength: (p) => `Must be at least ${String(p.limit)} characters`,
    maxLength: (p) => `Must be at most ${String(p.limit)} characters`,
    minimum: (p) => `Must be at least ${String(p.limit)}`,
    maximum: (p) => `Must be at most ${String(p.limit)}`,
    maxItems: (p) => `At most ${String(p.limit)} items`,
    minItems: (p) => `At least ${String(p.limit)} items`,
    format: (p) => `Must be a valid ${String(p.format)}`,
    pattern: () => 'Has the wrong format',
    enum: (p) => `Must be one of: ${Array.isArray(p.allowedValues) ? p.allowedValues.join(', ') : ''}`,
    malformedJson: () => 'Not valid JSON',
    hiddenField: (p) => `You may not write the field "${String(p.field)}"`,
    readOnlyField: (p) => `The field "${String(p.field)}" is read-only for you`,
    deniedValue: (p) => `You may not set "${String(p.field)}" to ${JSON.stringify(p.value)}`,
    unknownField: (p) => `Unknown field "${String(p.field ?? p.name ?? '')}"`,
  },
  'zh-CN': {
    required: (p) => `${String(p.missingProperty ?? '该值')} 为必填项`,
    additionalProperties: (p) => `未知字段 "${String(p.additionalProperty)}"`,
    type: (p) => `类型必须是 ${String(p.type)}`,
    minLength: (p) => `至少 ${String(p.limit)} 个字符`,
    maxLength: (p) => `最多 ${String(p.limit)} 个字符`,
    minimum: (p) => `不能小于 ${String(p.limit)}`,
    maximum: (p) => `不能大于 ${String(p.limit)}`,
    maxItems: (p) => `最多 ${String(p.limit)} 项`,
    minItems: (p) => `至少 ${String(p.limit)} 项`,
    format: (p) => `必须是有效的 ${String(p.format)}`,
    pattern: () => '格式不正确',
    enum: (p) => `必须是以下之一：${Array.isArray(p.allowedValues) ? p.allowedValues.join(', ') : ''}`,
    malformedJson: () => '不是有效的 JSON',
    hiddenField: (p) => `您不能写入字段 "${String(p.field)}"`,
    readOnlyField: (p) => `字段 "${String(p.field)}" 对您是只读的`,
    deniedValue: (p) => `您不能将 "${String(p.field)}" 设为 ${JSON.stringify(p.value)}`,
    unknownField: (p) => `未知字段 "${String(p.field ?? p.name ?? '')}"`,
  },
};

type FormatProblem = (problem: Pick<Problem, 'code' | 'params'>, locale: Locale) => string;
// The schema package's catalogue words value and definition problems; looked up by name so the server
// keeps working with a schema package that predates it.
const schemaExports = schemaPackage as Record<string, unknown>;
const schemaFormatProblem = schemaExports.formatProblem as FormatProblem | undefined;
const schemaMessages = (schemaExports.messages ?? {}) as Readonly<Record<string, unknown>>;

/** Codes the server words itself: what only the HTTP layer can say (permissions on fields, body JSON). */
const SERVER_CODES = new Set(['malformedJson', 'hiddenField', 'readOnlyField', 'deniedValue', 'additionalProperties']);

/** The message for one located problem in the caller's language. */
export function problemMessage(problem: Problem, locale: Locale): string {
  if (problem.message) return problem.message;
  const own = DETAIL_MESSAGES[locale][problem.code];
  if (own && SERVER_CODES.has(problem.code)) return own(problem.params ?? {});
  if (schemaFormatProblem && Object.hasOwn(schemaMessages, problem.code)) return schemaFormatProblem(problem, locale);
  if (own) return own(problem.params ?? {});
  return schemaFormatProblem ? schemaFormatProblem(problem, locale) : problem.code;
}
