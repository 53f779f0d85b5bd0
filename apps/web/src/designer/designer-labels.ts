import type { FieldKind } from '@tangram/schema';
import { CONDITION_OPERATORS, type ConditionOperator, type LogicBuilderLabels } from '@tangram/ui';
import type { I18n } from '../i18n/i18n-provider';

/** The condition builder's words from the app's dictionaries. */
export function logicLabels(t: I18n['t']): LogicBuilderLabels {
  return {
    and: t('designer.logic.and'),
    or: t('designer.logic.or'),
    combinator: t('designer.logic.combinator'),
    addCondition: t('designer.logic.addCondition'),
    addGroup: t('designer.logic.addGroup'),
    removeCondition: t('designer.logic.removeCondition'),
    removeGroup: t('designer.logic.removeGroup'),
    field: t('designer.logic.field'),
    operator: t('designer.logic.operator'),
    value: t('designer.logic.value'),
    choose: t('designer.logic.choose'),
    noFields: t('designer.logic.noFields'),
    notEditable: t('designer.logic.notEditable'),
    clear: t('designer.logic.clear'),
    operators: Object.fromEntries(CONDITION_OPERATORS.map((o) => [o, t(`designer.logic.op.${o}`)])) as Record<ConditionOperator, string>,
  };
}

export function kindLabel(t: I18n['t'], kind: FieldKind): string {
  return t(`designer.kind.${kind}`);
}
