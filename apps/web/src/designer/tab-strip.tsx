import { useDroppable } from '@dnd-kit/core';
import type { FormDefinition, FormTab, Locale } from '@tangram/schema';
import { localText } from '@tangram/ui';
import type { I18n } from '../i18n/i18n-provider';
import type { Selection } from './canvas';

export const tabDropId = (id: string) => `tab:${id}`;

interface TabStripProps {
  readonly form: FormDefinition;
  /** The tab whose sections the canvas shows. */
  readonly openTab: string | undefined;
  readonly selection: Selection;
  readonly invalidTabs: ReadonlyMap<string, unknown>;
  readonly onOpen: (id: string) => void;
  readonly onAdd: () => void;
  readonly t: I18n['t'];
  readonly locale: Locale;
}

/** One tab header: opens the tab on the canvas, and takes dropped fields and sections. */
function TabHeader({ tab, open, selected, invalid, onOpen, t, locale }: { tab: FormTab; open: boolean; selected: boolean; invalid: boolean; onOpen: () => void; t: I18n['t']; locale: Locale }) {
  const { setNodeRef, isOver } = useDroppable({ id: tabDropId(tab.id), data: { kind: 'tab', id: tab.id } });
  const title = localText(tab.title, locale) || t('designer.tab.new');
  return (
    <button
      ref={setNodeRef}
      type="button"
      className={`dz-tab${open ? ' dz-tab--open' : ''}${selected ? ' dz-tab--selected' : ''}${isOver ? ' dz-tab--over' : ''}${invalid ? ' dz-tab--invalid' : ''}`}
      aria-current={open || undefined}
      aria-pressed={selected}
      data-tab={tab.id}
      onClick={onOpen}
    >
      {title}
    </button>
  );
}

/**
 * The form's tabs above the canvas: click one to show its sections and edit it, drop a field or a
 * section on one to move it there. A form without tabs shows only the button that adds the first.
 */
export function TabStrip({ form, openTab, selection, invalidTabs, onOpen, onAdd, t, locale }: TabStripProps) {
  const tabs = form.tabs ?? [];
  return (
    <div className={`dz-tabs${tabs.length === 0 ? ' dz-tabs--none' : ''}`}>
      {tabs.length > 0 ? (
        <div className="dz-tabs__list" role="group" aria-label={t('designer.tab.strip')}>
          {tabs.map((tab) => (
            <TabHeader
              key={tab.id}
              tab={tab}
              open={tab.id === openTab}
              selected={selection?.kind === 'tab' && selection.id === tab.id}
              invalid={invalidTabs.has(tab.id)}
              onOpen={() => onOpen(tab.id)}
              t={t}
              locale={locale}
            />
          ))}
        </div>
      ) : null}
      <button type="button" className="button button--ghost button--small dz-tabs__add" onClick={onAdd}>+ {t('designer.tab.add')}</button>
    </div>
  );
}
