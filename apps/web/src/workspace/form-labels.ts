import type { FormLabels } from '@tangram/ui';
import type { I18n } from '../i18n/i18n-provider';

/** The renderer's own words from the app's typed dictionaries (`{n}`, `{value}`, `{count}` and `{title}` are filled by the renderer). */
export function formLabels(t: I18n['t']): FormLabels {
  return {
    required: t('workspace.field.required'),
    yes: t('workspace.field.yes'),
    no: t('workspace.field.no'),
    choose: t('workspace.field.choose'),
    addRow: t('workspace.field.addRow'),
    removeRow: t('workspace.field.removeRow'),
    row: t('workspace.field.row'),
    province: t('workspace.field.province'),
    city: t('workspace.field.city'),
    district: t('workspace.field.district'),
    computed: t('workspace.field.computed'),
    fileLater: t('workspace.field.fileLater'),
    idHint: t('workspace.field.idHint'),
    ratingValue: t('workspace.field.ratingValue'),
    empty: t('workspace.field.empty'),
    tabs: t('formTabs.list'),
    tabErrors: t('formTabs.errors'),
    nextTab: t('formTabs.next'),
  };
}
