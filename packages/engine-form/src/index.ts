export { evaluateForm } from './evaluate-form';
export { compileForm } from './compile-form';
export { fieldValueKind, type FieldValueKind } from './field-value-kind';
export { autonumberFieldKeys, isComputedField } from './field-helpers';
export type { FormContext, FormResult, Warning } from './types';
