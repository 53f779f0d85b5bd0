import type { CSSProperties } from 'react';
import { useDraggable, useDroppable } from '@dnd-kit/core';
import { rectSortingStrategy, SortableContext, useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import type { Field, FormDefinition, FormSection, Locale } from '@tangram/schema';
import { localText } from '@tangram/ui';
import type { I18n } from '../i18n/i18n-provider';
import { kindLabel } from './designer-labels';
import { tabSections } from './designer-model';
import type { PlacedDesignProblems } from './place-problems';
import { TabStrip } from './tab-strip';

export const fieldDragId = (key: string) => `field:${key}`;
export const sectionDropId = (id: string) => `section:${id}`;
/** A section is dragged (by its handle) only onto a tab header. */
export const sectionDragId = (id: string) => `sectionDrag:${id}`;

/** What is selected on the canvas: its properties fill the side panel. */
export type Selection =
  | { readonly kind: 'field'; readonly key: string }
  | { readonly kind: 'section'; readonly id: string }
  | { readonly kind: 'tab'; readonly id: string }
  | null;

export interface CanvasProps {
  readonly form: FormDefinition;
  readonly selection: Selection;
  readonly problems: PlacedDesignProblems;
  readonly onSelect: (selection: Selection) => void;
  readonly onRemoveField: (key: string) => void;
  readonly onRemoveSection: (id: string) => void;
  readonly onShiftSection: (id: string, by: -1 | 1) => void;
  readonly onColumns: (id: string, columns: 1 | 2 | 3 | 4) => void;
  readonly onAddSection: () => void;
  /** The tab whose sections are shown, when the form has tabs. */
  readonly openTab: string | undefined;
  readonly onOpenTab: (id: string) => void;
  readonly onAddTab: () => void;
  readonly t: I18n['t'];
  readonly locale: Locale;
}

function FieldCard({ field, selected, invalid, onSelect, onRemove, t, locale }: {
  field: Field; selected: boolean; invalid: boolean; onSelect: () => void; onRemove: () => void; t: I18n['t']; locale: Locale;
}) {
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({ id: fieldDragId(field.key), data: { kind: 'field', key: field.key } });
  const name = localText(field.label, locale) || field.key;
  const style: CSSProperties = { transform: CSS.Translate.toString(transform), transition };
  return (
    <li
      ref={setNodeRef}
      style={style}
      className={`dz-card${selected ? ' dz-card--selected' : ''}${invalid ? ' dz-card--invalid' : ''}${isDragging ? ' dz-card--dragging' : ''}`}
      data-field={field.key}
    >
      <span className="dz-card__handle" {...attributes} {...listeners} aria-label={t('designer.field.drag', { name })} title={t('designer.field.drag', { name })}>
        ⋮⋮
      </span>
      <button type="button" className="dz-card__body" aria-pressed={selected} aria-label={t('designer.field.select', { name })} onClick={onSelect}>
        <span className="dz-card__label">
          {name}
          {field.required ? <span className="dz-card__required" aria-label={t('designer.field.required')}> *</span> : null}
        </span>
        <span className="dz-card__meta">{kindLabel(t, field.kind)} · {field.key}</span>
      </button>
      <button type="button" className="dz-card__remove button button--ghost button--small" aria-label={`${t('designer.field.remove')} ${name}`} title={t('designer.field.remove')} onClick={onRemove}>
        ×
      </button>
    </li>
  );
}

function SectionBox({ section, index, count, removable, props }: { section: FormSection; index: number; count: number; removable: boolean; props: CanvasProps }) {
  const { form, selection, problems, t, locale } = props;
  const { setNodeRef, isOver } = useDroppable({ id: sectionDropId(section.id), data: { kind: 'section', id: section.id } });
  const hasTabs = (form.tabs?.length ?? 0) > 0;
  const drag = useDraggable({ id: sectionDragId(section.id), data: { kind: 'sectionMove', id: section.id }, disabled: !hasTabs });
  const fields = section.fields.map((k) => form.fields.find((f) => f.key === k)).filter((f): f is Field => f !== undefined);
  const title = localText(section.title, locale) || t('designer.section.new');
  const selected = selection?.kind === 'section' && selection.id === section.id;
  const columns = section.columns ?? 1;
  return (
    <section
      ref={setNodeRef}
      className={`dz-section${isOver ? ' dz-section--over' : ''}${selected ? ' dz-section--selected' : ''}${problems.sections.has(section.id) ? ' dz-section--invalid' : ''}`}
      aria-label={title}
      data-section={section.id}
    >
      <header className="dz-section__head">
        {hasTabs ? (
          <span ref={drag.setNodeRef} className={`dz-card__handle dz-section__handle${drag.isDragging ? ' dz-section__handle--dragging' : ''}`} {...drag.attributes} {...drag.listeners}
            aria-label={t('designer.section.drag', { name: title })} title={t('designer.section.drag', { name: title })}>
            ⋮⋮
          </span>
        ) : null}
        <button type="button" className="dz-section__title" aria-pressed={selected} onClick={() => props.onSelect({ kind: 'section', id: section.id })}>
          {title}
        </button>
        <label className="dz-section__columns">
          <span className="dz-sr-only">{t('designer.section.columns')}</span>
          <select className="field__input field__input--small" aria-label={`${t('designer.section.columns')} · ${title}`} value={columns} onChange={(e) => props.onColumns(section.id, Number(e.target.value) as 1 | 2 | 3 | 4)}>
            {[1, 2, 3, 4].map((n) => (
              <option key={n} value={n}>{t('designer.section.columnsN', { n })}</option>
            ))}
          </select>
        </label>
        <button type="button" className="button button--ghost button--small" disabled={index === 0} aria-label={`${t('designer.section.up')} · ${title}`} title={t('designer.section.up')} onClick={() => props.onShiftSection(section.id, -1)}>↑</button>
        <button type="button" className="button button--ghost button--small" disabled={index === count - 1} aria-label={`${t('designer.section.down')} · ${title}`} title={t('designer.section.down')} onClick={() => props.onShiftSection(section.id, 1)}>↓</button>
        {removable ? (
          <button type="button" className="button button--ghost button--small ws-danger" aria-label={`${t('designer.section.remove')} · ${title}`} title={t('designer.section.remove')} onClick={() => props.onRemoveSection(section.id)}>×</button>
        ) : null}
      </header>
      <SortableContext id={section.id} items={fields.map((f) => fieldDragId(f.key))} strategy={rectSortingStrategy}>
        <ul className="dz-section__grid" style={{ '--dz-columns': columns } as CSSProperties}>
          {fields.map((field) => (
            <FieldCard
              key={field.key}
              field={field}
              selected={selection?.kind === 'field' && selection.key === field.key}
              invalid={problems.fields.has(field.key)}
              onSelect={() => props.onSelect({ kind: 'field', key: field.key })}
              onRemove={() => props.onRemoveField(field.key)}
              t={t}
              locale={locale}
            />
          ))}
        </ul>
      </SortableContext>
      {fields.length === 0 ? <p className="dz-section__empty">{t('designer.section.empty')}</p> : null}
    </section>
  );
}

/**
 * The form as sections of field cards: drop targets for the palette, sortable within and across sections.
 * With tabs, the open tab's sections; the tab headers above take fields and sections dropped on them.
 */
export function Canvas(props: CanvasProps) {
  const { form, openTab, t } = props;
  const shown = openTab ? tabSections(form, openTab) : form.layout ?? [];
  // The last section of the form stays: removing it would leave fields nowhere.
  const removable = (form.layout?.length ?? 0) > 1;
  return (
    <div className="dz-canvas" aria-label={t('designer.canvas')} role="region">
      <TabStrip form={form} openTab={openTab} selection={props.selection} invalidTabs={props.problems.tabs} onOpen={props.onOpenTab} onAdd={props.onAddTab} t={t} locale={props.locale} />
      {shown.map((section, index) => (
        <SectionBox key={section.id} section={section} index={index} count={shown.length} removable={removable} props={props} />
      ))}
      {openTab && shown.length === 0 ? <p className="dz-section__empty">{t('designer.tab.empty')}</p> : null}
      <button type="button" className="button button--secondary dz-canvas__add" onClick={props.onAddSection}>{t('designer.section.add')}</button>
    </div>
  );
}
