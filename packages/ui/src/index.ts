/**
 * Staff-facing React components over the form metadata, with their framework-free logic beside them:
 * the renderer draws a published form, the pure helpers turn drafts into record input, place problems
 * on fields, decide visibility, format values and build list filters.
 */
export { formSections, formTabs, type LaidOutSection, type LaidOutTab } from './form-layout';
export { draftFromRecord, setDraftValue, toRecordInput, type Draft } from './draft';
export { fieldStates, type ConditionContext, type FieldState } from './field-states';
export { placeProblems, type PlacedProblems } from './problems-by-field';
export { checkDraft, type DraftCheck } from './check-draft';
export { currencySymbol, fieldLabel, formatValue, localText, type FormatOptions } from './format-value';
export { columnFields, defaultColumns, nextSort } from './list-columns';
export { buildFilter, filterableFields, filterOperators, operatorNeedsValue, FILTER_OPERATORS, type FilterCondition, type FilterOperator } from './filter-logic';
export type { FormLabels } from './labels';
export { FieldControl, type FieldControlProps } from './field-control';
export { FileTransferContext, formatBytes, hasPreview, type FileLabels, type FileTransfer } from './file-transfer';
export { FormRenderer, type FormRendererProps } from './form-renderer';
export { RecordFieldsView, type RecordFieldsViewProps } from './record-fields-view';
export { Chart } from './charts/chart';
export type { ChartHandle, ChartLabels, ChartProps, ChartStatus, ColumnLabel, DimensionLabel } from './charts/chart-types';
export { formatCell, formatDelta } from './charts/chart-format';
export { chartColumns } from './charts/chart-model';
export { textPng } from './charts/text-png';
export { LogicBuilder, type LogicBuilderLabels, type LogicBuilderProps } from './logic-builder/logic-builder';
export { conditionOperators, fromLogic, toLogic, CONDITION_OPERATORS, type ConditionGroup, type ConditionOperator, type ConditionRow } from './logic-builder/condition-model';
