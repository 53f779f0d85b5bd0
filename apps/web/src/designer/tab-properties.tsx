import type { FormTab, Locale, LocalizedText, Problem } from '@tangram/schema';
import { localText } from '@tangram/ui';
import { describeProblem } from '../api/describe-error';
import type { I18n } from '../i18n/i18n-provider';
import { withText } from './field-properties';
import { TextProperty } from './property-inputs';

export interface TabPropertiesProps {
  readonly tab: FormTab;
  readonly index: number;
  readonly count: number;
  readonly problems: readonly Problem[];
  readonly onTitle: (title: LocalizedText) => void;
  readonly onShift: (by: -1 | 1) => void;
  readonly onRemove: () => void;
  readonly t: I18n['t'];
  readonly locale: Locale;
}

/** The property panel of a tab: its title in both languages, its place among the tabs, and delete. */
export function TabProperties({ tab, index, count, problems, onTitle, onShift, onRemove, t, locale }: TabPropertiesProps) {
  const name = localText(tab.title, locale) || t('designer.tab.new');
  return (
    <div className="dz-props" data-tab-props={tab.id}>
      <TextProperty label={t('designer.tab.title') + ' · 中文'} value={tab.title['zh-CN'] ?? ''} onChange={(v) => onTitle(withText(tab.title, 'zh-CN', v))}
        problems={problems.map((p) => describeProblem(p, locale))} />
      <TextProperty label={t('designer.tab.title') + ' · English'} value={tab.title.en ?? ''} onChange={(v) => onTitle(withText(tab.title, 'en', v))} />
      <div className="dz-props__actions">
        <button type="button" className="button button--secondary button--small" disabled={index === 0} aria-label={t('designer.tab.leftLabel', { name })} onClick={() => onShift(-1)}>← {t('designer.tab.left')}</button>
        <button type="button" className="button button--secondary button--small" disabled={index === count - 1} aria-label={t('designer.tab.rightLabel', { name })} onClick={() => onShift(1)}>{t('designer.tab.right')} →</button>
        <button type="button" className="button button--ghost button--small ws-danger dz-props__delete" onClick={onRemove}>{t('designer.tab.remove')}</button>
      </div>
      <p className="dz-props__note">{t('designer.tab.hint')}</p>
    </div>
  );
}
