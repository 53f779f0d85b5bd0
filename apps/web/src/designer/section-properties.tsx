import type { FormDefinition, FormSection, Locale, LocalizedText, Problem } from '@tangram/schema';
import { localText } from '@tangram/ui';
import { describeProblem } from '../api/describe-error';
import type { I18n } from '../i18n/i18n-provider';
import { tabOf } from './designer-model';
import { withText } from './field-properties';
import { PropertyRow, TextProperty } from './property-inputs';

export interface SectionPropertiesProps {
  readonly section: FormSection;
  readonly form: FormDefinition;
  readonly problems: readonly Problem[];
  readonly onTitle: (title: LocalizedText) => void;
  /** The keyboard's way to move a section to another tab (the mouse can drag it onto the tab). */
  readonly onMoveToTab: (tabId: string) => void;
  readonly t: I18n['t'];
  readonly locale: Locale;
}

/** The property panel of a section: its title in both languages and, in a form with tabs, its tab. */
export function SectionProperties({ section, form, problems, onTitle, onMoveToTab, t, locale }: SectionPropertiesProps) {
  const tab = tabOf(form, section.id);
  return (
    <div className="dz-props">
      <TextProperty label={t('designer.section.title') + ' · 中文'} value={section.title?.['zh-CN'] ?? ''} onChange={(v) => onTitle(withText(section.title, 'zh-CN', v))}
        problems={problems.map((p) => describeProblem(p, locale))} />
      <TextProperty label={t('designer.section.title') + ' · English'} value={section.title?.en ?? ''} onChange={(v) => onTitle(withText(section.title, 'en', v))} />
      {tab ? (
        <PropertyRow label={t('designer.section.tab')} hint={t('designer.section.tabHint')}>
          {(id, describedBy) => (
            <select id={id} className="field__input field__input--small" value={tab.id} aria-describedby={describedBy} onChange={(e) => onMoveToTab(e.target.value)}>
              {form.tabs!.map((option) => (
                <option key={option.id} value={option.id}>{localText(option.title, locale) || t('designer.tab.new')}</option>
              ))}
            </select>
          )}
        </PropertyRow>
      ) : null}
    </div>
  );
}
