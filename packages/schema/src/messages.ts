import type { Locale } from './i18n';
import type { Problem } from './problem';

/**
 * The words for every problem and error code, in each UI language, shared by server and web so a
 * problem reads the same before and after a form is sent. `{name}` is filled from `problem.params`;
 * a param holding localised text (`{ "zh-CN": …, en: … }`) is shown in the reader's language, a list is
 * joined with commas.
 */
export type MessageTemplates = Readonly<Record<Locale, string>>;

export const messages = {
  // --- value and definition problems (schema validators and the form engine) ---
  required: { 'zh-CN': '必填', en: 'Required' },
  unknownProperty: { 'zh-CN': '不认识的属性“{property}”', en: 'Unknown property "{property}"' },
  unknownField: { 'zh-CN': '表单中没有字段“{field}”', en: 'The form has no field "{field}"' },
  type: { 'zh-CN': '类型错误，应为 {expected}', en: 'Wrong type, expected {expected}' },
  enum: { 'zh-CN': '取值无效，可选：{allowedValues}', en: 'Invalid value; allowed: {allowedValues}' },
  pattern: { 'zh-CN': '格式不正确', en: 'Invalid format' },
  format: { 'zh-CN': '格式不正确（{format}）', en: 'Invalid format ({format})' },
  minLength: { 'zh-CN': '至少 {limit} 个字符', en: 'At least {limit} characters' },
  maxLength: { 'zh-CN': '最多 {limit} 个字符', en: 'At most {limit} characters' },
  minItems: { 'zh-CN': '至少选择 {limit} 项', en: 'Choose at least {limit}' },
  maxItems: { 'zh-CN': '最多选择 {limit} 项', en: 'Choose at most {limit}' },
  minimum: { 'zh-CN': '不能小于 {limit}', en: 'Must be at least {limit}' },
  maximum: { 'zh-CN': '不能大于 {limit}', en: 'Must be at most {limit}' },
  minRows: { 'zh-CN': '至少 {limit} 行', en: 'At least {limit} rows' },
  maxRows: { 'zh-CN': '最多 {limit} 行', en: 'At most {limit} rows' },
  duplicate: { 'zh-CN': '重复的值“{value}”', en: 'Duplicate value "{value}"' },
  invalid: { 'zh-CN': '取值无效', en: 'Invalid value' },
  localizedTextEmpty: { 'zh-CN': '至少填写一种语言', en: 'Fill in at least one language' },
  duplicateId: { 'zh-CN': 'ID“{id}”重复', en: 'Duplicate id "{id}"' },
  duplicateKey: { 'zh-CN': '字段标识“{key}”重复', en: 'Duplicate field key "{key}"' },
  unknownFieldReference: { 'zh-CN': '引用了不存在的字段“{field}”', en: 'Refers to unknown field "{field}"' },
  unknownSectionReference: { 'zh-CN': '引用了不存在的分组“{section}”', en: 'Refers to unknown section "{section}"' },
  sectionInTwoTabs: { 'zh-CN': '分组“{section}”已在标签页“{tab}”中', en: 'Section "{section}" is already in tab "{tab}"' },
  sectionWithoutTab: { 'zh-CN': '分组“{section}”不在任何标签页中', en: 'Section "{section}" is in no tab' },
  defaultNotAllowed: { 'zh-CN': '{kind} 字段不能设置默认值', en: 'A {kind} field cannot have a default' },
  defaultNotAnOption: { 'zh-CN': '默认值“{value}”不在选项中', en: 'Default "{value}" is not one of the options' },
  duplicateOption: { 'zh-CN': '选项值“{value}”重复', en: 'Duplicate option value "{value}"' },
  minGreaterThanMax: { 'zh-CN': '最小值 {min} 大于最大值 {max}', en: 'Minimum {min} is greater than maximum {max}' },
  invalidRegex: { 'zh-CN': '正则表达式无效：{pattern}', en: 'Invalid regular expression: {pattern}' },
  notAllowedInSubtable: { 'zh-CN': '子表中不能使用 {kind} 字段', en: 'A {kind} field cannot be used in a sub-table' },
  autonumberToken: { 'zh-CN': '编号规则中有无法识别的占位符“{token}”', en: 'Unknown placeholder "{token}" in the numbering pattern' },
  autonumberWithoutSeq: { 'zh-CN': '编号规则必须包含流水号 {seq:N}', en: 'The numbering pattern needs a sequence {seq:N}' },
  formulaCycle: { 'zh-CN': '公式“{field}”循环引用', en: 'Formula "{field}" refers to itself in a loop' },
  duplicateGrant: { 'zh-CN': '表单“{form}”重复授权', en: 'Form "{form}" is granted twice' },
  orgUnitOwnParent: { 'zh-CN': '组织不能是自己的上级', en: 'An org unit cannot be its own parent' },
  orgUnitHqHasParent: { 'zh-CN': '总部不能有上级组织', en: 'Headquarters cannot have a parent' },
  orgUnitParentRequired: { 'zh-CN': '请选择上级组织', en: 'Choose a parent org unit' },
  // --- reports and dashboards ---
  bucketWithRollup: { 'zh-CN': '日期分组和组织汇总不能同时使用', en: 'A dimension cannot be both bucketed and rolled up' },
  funnelMeasures: { 'zh-CN': '漏斗报表的指标是固定的，不能另设', en: 'A funnel has fixed measures; remove these' },
  unknownOutput: { 'zh-CN': '报表中没有维度或指标“{key}”', en: 'The report has no dimension or measure "{key}"' },
  othersWithoutLimit: { 'zh-CN': '“其他”需要先设置前 N 项', en: '"Others" needs a top N limit' },
  fieldHidden: { 'zh-CN': '无权查看字段“{field}”', en: 'You may not see the field "{field}"' },
  measureFieldKind: { 'zh-CN': '“{fn}”不能用于{kind}字段', en: '"{fn}" cannot be used on a {kind} field' },
  bucketFieldKind: { 'zh-CN': '只有日期字段可以按日/周/月/季/年分组', en: 'Only date fields can be grouped by day, week, month, quarter or year' },
  dimensionFieldKind: { 'zh-CN': '字段“{field}”不能用于分组', en: 'The field "{field}" cannot be used to group by' },
  filterFieldKind: { 'zh-CN': '字段“{field}”不能用于此筛选', en: 'The field "{field}" cannot be used for this filter' },
  rollupFieldKind: { 'zh-CN': '只有组织字段可以汇总到大区或总部', en: 'Only org unit fields can be rolled up to region or HQ' },
  funnelFieldKind: { 'zh-CN': '漏斗需要一个单选字段', en: 'A funnel follows a single-choice field' },
  compareWithoutDateRange: { 'zh-CN': '与上期对比需要日期范围', en: 'Comparing with the previous period needs a date range' },
  reportOrKey: { 'zh-CN': '请选择一个已保存的报表，或直接定义报表（二选一）', en: 'Give either a report or the key of a saved report, not both' },
  unknownReport: { 'zh-CN': '没有报表“{key}”', en: 'There is no report "{key}"' },
  // --- form engine ---
  invalidNumber: { 'zh-CN': '请输入数字', en: 'Enter a number' },
  tooManyDecimals: { 'zh-CN': '最多 {decimals} 位小数', en: 'At most {decimals} decimal places' },
  notAnOption: { 'zh-CN': '“{value}”不是可选项', en: '"{value}" is not one of the options' },
  invalidDate: { 'zh-CN': '请输入日期（YYYY-MM-DD）', en: 'Enter a date (YYYY-MM-DD)' },
  invalidDatetime: { 'zh-CN': '请输入带时区的日期时间', en: 'Enter a date and time with a time zone' },
  invalidPhone: { 'zh-CN': '请输入有效的手机号码', en: 'Enter a valid phone number' },
  invalidEmail: { 'zh-CN': '请输入有效的邮箱地址', en: 'Enter a valid email address' },
  invalidUrl: { 'zh-CN': '请输入以 http:// 或 https:// 开头的网址', en: 'Enter a web address starting with http:// or https://' },
  invalidRating: { 'zh-CN': '评分应为 1 到 {max} 的整数', en: 'Rating must be a whole number from 1 to {max}' },
  invalidRegion: { 'zh-CN': '请选择省/市/区', en: 'Choose a province, city and district' },
  invalidFileRef: { 'zh-CN': '文件信息无效', en: 'Invalid file reference' },
  invalidId: { 'zh-CN': '请选择一项', en: 'Choose an item' },
  readOnly: { 'zh-CN': '该字段只读', en: 'This field is read-only' },
  check: { 'zh-CN': '{message}', en: '{message}' },
  warningNotConfirmed: { 'zh-CN': '请确认提示后再提交', en: 'Confirm the warnings before saving' },
  fileTooLarge: { 'zh-CN': '文件不能超过 {limit} MB', en: 'A file may be at most {limit} MB' },
  fileType: { 'zh-CN': '只能上传以下类型：{accept}', en: 'Only these file types: {accept}' },
  autonumberMissing: { 'zh-CN': '未分配编号', en: 'No number was allocated' },
  // --- server-side record and definition problems ---
  hiddenField: { 'zh-CN': '无权填写字段“{field}”', en: 'You may not write the field "{field}"' },
  readOnlyField: { 'zh-CN': '字段“{field}”对你只读', en: 'The field "{field}" is read-only for you' },
  deniedValue: { 'zh-CN': '无权将“{field}”设为该值', en: 'You may not set "{field}" to this value' },
  keyMismatch: { 'zh-CN': '标识应为“{expected}”', en: 'The key must be "{expected}"' },
  malformedJson: { 'zh-CN': '不是有效的 JSON', en: 'Not valid JSON' },
  emailTaken: { 'zh-CN': '邮箱 {email} 已被注册', en: 'The email {email} is already registered' },
  warning: { 'zh-CN': '{message}', en: '{message}' },
  // --- HTTP and server ---
  ERR_BAD_REQUEST: { 'zh-CN': '请求无效', en: 'The request is not valid' },
  ERR_ROUTE_NOT_FOUND: { 'zh-CN': '接口不存在', en: 'No such endpoint' },
  ERR_NOT_ADMIN: { 'zh-CN': '只有管理员可以执行此操作', en: 'Only an administrator can do this' },
  ERR_EMAIL_TAKEN: { 'zh-CN': '该邮箱已被注册', en: 'This email is already registered' },
  ERR_INVALID_LOGIC: { 'zh-CN': '条件无效', en: 'The condition is not valid' },
  ERR_DEFINITION_INVALID: { 'zh-CN': '定义存在问题', en: 'The definition has problems' },
  ERR_RECORD_INVALID: { 'zh-CN': '记录存在问题', en: 'The record has problems' },
  ERR_MALFORMED_JSON: { 'zh-CN': '请求内容不是有效的 JSON', en: 'The request body is not valid JSON' },
  ERR_UNAUTHENTICATED: { 'zh-CN': '请先登录', en: 'Please sign in' },
  ERR_SESSION_EXPIRED: { 'zh-CN': '登录已过期，请重新登录', en: 'Your session has expired; please sign in again' },
  ERR_USER_DISABLED: { 'zh-CN': '账号已停用', en: 'This account is disabled' },
  ERR_FORBIDDEN: { 'zh-CN': '没有权限执行此操作', en: 'You are not allowed to do this' },
  ERR_NOT_FOUND: { 'zh-CN': '找不到该内容', en: 'Not found' },
  ERR_METHOD_NOT_ALLOWED: { 'zh-CN': '不支持该请求方法', en: 'Method not allowed' },
  ERR_RECORD_STALE: { 'zh-CN': '记录已被他人修改，请刷新后重试', en: 'Someone else changed this record; reload and try again' },
  ERR_CONFLICT: { 'zh-CN': '与现有数据冲突', en: 'Conflicts with existing data' },
  ERR_UNIQUE_VIOLATION: { 'zh-CN': '“{field}”的值已存在', en: 'The value of "{field}" already exists' },
  ERR_VALIDATION: { 'zh-CN': '提交的内容有误', en: 'Some values are invalid' },
  ERR_RATE_LIMITED: { 'zh-CN': '请求过于频繁，请稍后再试', en: 'Too many requests; try again later' },
  ERR_PAYLOAD_TOO_LARGE: { 'zh-CN': '请求内容过大', en: 'The request is too large' },
  ERR_UNSUPPORTED_MEDIA_TYPE: { 'zh-CN': '不支持的内容类型', en: 'Unsupported content type' },
  ERR_BULK_WITHOUT_FILTER: { 'zh-CN': '批量修改或删除必须指定筛选条件', en: 'A bulk update or delete needs a filter' },
  ERR_BATCH_TOO_LARGE: { 'zh-CN': '一次最多 {limit} 条', en: 'At most {limit} items at once' },
  ERR_INVALID_FILTER: { 'zh-CN': '筛选条件无效', en: 'Invalid filter' },
  ERR_INVALID_SORT: { 'zh-CN': '排序条件无效', en: 'Invalid sort' },
  ERR_INVALID_CURSOR: { 'zh-CN': '分页游标无效', en: 'Invalid page cursor' },
  ERR_FIELD_NOT_FILTERABLE: { 'zh-CN': '字段“{field}”不能用于筛选或排序', en: 'Field "{field}" cannot be used to filter or sort' },
  ERR_NOT_PUBLISHED: { 'zh-CN': '表单尚未发布', en: 'The form is not published yet' },
  ERR_VALUE_DENIED: { 'zh-CN': '无权将“{field}”设为该值', en: 'You may not set "{field}" to this value' },
  ERR_LOGIC_UNKNOWN_OPERATOR: { 'zh-CN': '不支持的运算符“{operator}”', en: 'Unknown operator "{operator}"' },
  ERR_LOGIC_UNKNOWN_VARIABLE: { 'zh-CN': '条件中引用了未知变量“{name}”', en: 'Unknown variable "{name}" in the condition' },
  ERR_LOGIC_TOO_DEEP: { 'zh-CN': '条件嵌套过深', en: 'The condition is nested too deeply' },
  ERR_LOGIC_TOO_LARGE: { 'zh-CN': '条件过于复杂', en: 'The condition is too large' },
  ERR_LOGIC_ARITY: { 'zh-CN': '运算符“{operator}”的参数个数不对', en: 'Wrong number of arguments for "{operator}"' },
  ERR_LOGIC_INVALID: { 'zh-CN': '条件写法无效', en: 'The condition is not valid' },
  ERR_LOGIC_UNSUPPORTED_IN_SQL: { 'zh-CN': '该条件无法用于数据库筛选（{operator}）', en: 'This condition cannot be used as a database filter ({operator})' },
  ERR_SETUP_DONE: { 'zh-CN': '系统已完成初始化', en: 'Setup has already been completed' },
  ERR_SETUP_REQUIRED: { 'zh-CN': '请先完成初始化设置', en: 'Complete the first-run setup first' },
  ERR_INVALID_CREDENTIALS: { 'zh-CN': '邮箱或密码错误', en: 'Wrong email or password' },
  ERR_INTERNAL: { 'zh-CN': '服务器内部错误', en: 'Internal server error' },
} as const satisfies Record<string, MessageTemplates>;

export type MessageCode = keyof typeof messages;

/** Shown for a code the catalogue doesn't know: never a crash, never an empty string. */
export const GENERIC_MESSAGE: MessageTemplates = { 'zh-CN': '输入有误（{code}）', en: 'Invalid input ({code})' };

/**
 * `formatProblem({path: "/data/age", code: "minimum", params: {limit: 0}}, "zh-CN")` -> "不能小于 0"
 * An unknown locale falls back to English, an unknown code to a generic message naming the code.
 */
export function formatProblem(problem: Pick<Problem, 'code' | 'params'>, locale: Locale | string): string {
  const lang: Locale = locale === 'zh-CN' || locale.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
  const templates: MessageTemplates | undefined = Object.hasOwn(messages, problem.code) ? messages[problem.code as MessageCode] : undefined;
  const params: Readonly<Record<string, unknown>> = templates ? problem.params ?? {} : { ...problem.params, code: problem.code };
  return (templates ?? GENERIC_MESSAGE)[lang].replace(/\{([A-Za-z_$][\w$]*)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? formatParam(params[name], lang) : whole,
  );
}

function formatParam(value: unknown, lang: Locale): string {
  if (Array.isArray(value)) return value.map((v) => formatParam(v, lang)).join(', ');
  if (value !== null && typeof value === 'object') {
    const text = value as Record<string, unknown>;
    const localized = text[lang] ?? text.en ?? text['zh-CN'];
    return typeof localized === 'string' ? localized : JSON.stringify(value);
  }
  return String(value);
}
