/**
 * Localised titles for every API error code, and the message for each located problem.
 * Field-level problems (`required`, `pattern`, …) are worded by the schema package's catalogue so the
 * browser and the server say the same thing; the server only words its own codes.
 */
import { formatProblem, messages, type Locale, type Problem } from '@tangram/schema';
import type { ApiErrorCode } from '../errors';

// Titles the server words itself; every other code is worded by the shared catalogue in `@tangram/schema`.
type Titles = Readonly<Partial<Record<ApiErrorCode, string>>>;

const TITLES: Readonly<Record<Locale, Titles>> = {
  en: {
    ERR_BAD_REQUEST: 'The request is not valid',
    ERR_INVALID_LOGIC: 'The condition is not valid',
    ERR_NOT_ADMIN: 'Only an administrator can do this',
    ERR_ROUTE_NOT_FOUND: 'No such endpoint',
    ERR_EMAIL_TAKEN: 'This email is already registered',
    ERR_DEFINITION_INVALID: 'The definition has problems',
    ERR_RECORD_INVALID: 'The record has problems',
    ERR_INVALID_VALUE: 'A value is not valid for its field',
    ERR_INVALID_LIMIT: 'The page size is not valid',
    ERR_INVALID_AGGREGATE: 'The aggregation is not valid',
    // Titles stay general; the located `errors` name the field and the limit.
    ERR_UNIQUE_VIOLATION: 'A value is already used by another record',
    ERR_FIELD_NOT_FILTERABLE: 'A field cannot be used to filter or sort',
    ERR_BATCH_TOO_LARGE: 'Too many items at once',
    ERR_IDEMPOTENCY_KEY_REUSED: 'This Idempotency-Key was already used for a different request',
    ERR_PUBLIC_FORM_INVALID: 'The public form settings have problems',
  },
  'zh-CN': {
    ERR_BAD_REQUEST: '请求无效',
    ERR_INVALID_LOGIC: '条件无效',
    ERR_NOT_ADMIN: '只有管理员可以执行此操作',
    ERR_ROUTE_NOT_FOUND: '接口不存在',
    ERR_EMAIL_TAKEN: '该邮箱已被注册',
    ERR_DEFINITION_INVALID: '定义存在问题',
    ERR_RECORD_INVALID: '记录存在问题',
    ERR_INVALID_VALUE: '字段的取值无效',
    ERR_INVALID_LIMIT: '每页条数无效',
    ERR_INVALID_AGGREGATE: '汇总条件无效',
    ERR_UNIQUE_VIOLATION: '有值已被其他记录使用',
    ERR_FIELD_NOT_FILTERABLE: '有字段不能用于筛选或排序',
    ERR_BATCH_TOO_LARGE: '一次提交的条数过多',
    ERR_IDEMPOTENCY_KEY_REUSED: '该幂等键（Idempotency-Key）已用于另一个不同的请求',
    ERR_PUBLIC_FORM_INVALID: '公开表单设置存在问题',
  },
};

export function errorTitle(code: ApiErrorCode, locale: Locale, params: Readonly<Record<string, unknown>> = {}): string {
  const own = TITLES[locale][code];
  if (own) return own;
  const generic = TITLES[locale].ERR_BAD_REQUEST ?? code;
  if (!Object.hasOwn(messages, code)) return generic;
  const worded = formatProblem({ code, params }, locale);
  // A template whose params did not come with the error would show `{field}`: say less, not that.
  return /\{[A-Za-z_$][\w$]*\}/.test(worded) ? generic : worded;
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
    unsupportedFileType: (p) => `"${String(p.name)}" is not an .xlsx or .csv file`,
    unreadableFile: () => 'The file could not be read; save it again as .xlsx or .csv',
    noHeaderRow: () => 'No header row found: the first rows should name the columns',
    noDataRows: () => 'The sheet has a header but no rows to import',
    multipartRequired: () => 'Send the file as multipart/form-data in the field "file"',
    unknownColumn: (p) => `The sheet has no column ${String(p.column)}`,
    notImportable: (p) => `The field "${String(p.field)}" cannot be filled from a sheet`,
    mappedTwice: (p) => `The field "${String(p.field)}" is chosen for two columns`,
    matchFieldNotMapped: (p) => `"${String(p.field)}" is used to find existing records, so a column must fill it`,
    alreadyExists: (p) => `Another record already has this ${String(p.field ?? 'value')}`,
    notGroupable: (p) => `The field "${String(p.field)}" is not a single-choice field you can see, so a board can't group by it`,
    sharingNotAllowed: () => 'You may not share views with everyone (it needs the permission to share views)',
    notViewOwner: () => 'Only the person who saved this view can change it',
    unknownFileField: (p) => `"${String(p.field)}" is not a file field of this form`,
    emptyFile: (p) => `"${String(p.name)}" is empty`,
    unreadableImage: (p) => `"${String(p.name)}" looks like an image but cannot be read`,
    uploadFailed: () => 'The upload could not be read; try again',
    unknownFile: () => 'This file does not exist or cannot be attached here; upload it again',
    unknownUser: (p) => `No active user with id "${String(p.id)}"`,
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
    unsupportedFileType: (p) => `"${String(p.name)}" 不是 .xlsx 或 .csv 文件`,
    unreadableFile: () => '无法读取该文件，请另存为 .xlsx 或 .csv 后重试',
    noHeaderRow: () => '未找到表头：前几行应写明各列名称',
    noDataRows: () => '表格只有表头，没有可导入的行',
    multipartRequired: () => '请以 multipart/form-data 的 "file" 字段上传文件',
    unknownColumn: (p) => `表格中没有第 ${String(p.column)} 列`,
    notImportable: (p) => `字段 "${String(p.field)}" 不能从表格导入`,
    mappedTwice: (p) => `字段 "${String(p.field)}" 被选给了两列`,
    matchFieldNotMapped: (p) => `用 "${String(p.field)}" 查找已有记录，需要有一列对应该字段`,
    alreadyExists: (p) => `已有其他记录使用了该${String(p.field ?? '值')}`,
    notGroupable: (p) => `字段 "${String(p.field)}" 不是您可见的单选字段，看板不能按它分组`,
    sharingNotAllowed: () => '您不能把视图共享给所有人（需要“共享视图”权限）',
    notViewOwner: () => '只有保存此视图的人可以修改它',
    unknownFileField: (p) => `"${String(p.field)}" 不是此表单的附件字段`,
    emptyFile: (p) => `"${String(p.name)}" 是空文件`,
    unreadableImage: (p) => `"${String(p.name)}" 看起来是图片，但无法读取`,
    uploadFailed: () => '无法读取上传的文件，请重试',
    unknownFile: () => '该文件不存在或不能附加到这里，请重新上传',
    unknownUser: (p) => `没有 ID 为 "${String(p.id)}" 的有效用户`,
  },
};

/** Codes the server words itself: what only the HTTP layer can say (permissions on fields, body JSON). */
const SERVER_CODES = new Set(['malformedJson', 'hiddenField', 'readOnlyField', 'deniedValue', 'additionalProperties']);

/** The message for one located problem in the caller's language. */
export function problemMessage(problem: Problem, locale: Locale): string {
  if (problem.message) return problem.message;
  const own = DETAIL_MESSAGES[locale][problem.code];
  if (own && SERVER_CODES.has(problem.code)) return own(problem.params ?? {});
  if (Object.hasOwn(messages, problem.code)) return formatProblem(problem, locale);
  if (own) return own(problem.params ?? {});
  return formatProblem(problem, locale);
}
