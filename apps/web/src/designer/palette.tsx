import { useDraggable } from '@dnd-kit/core';
import { FIELD_KINDS, type FieldKind } from '@tangram/schema';
import type { I18n } from '../i18n/i18n-provider';
import { kindLabel } from './designer-labels';

/** Drag ids say what is dragged: a new field of a kind, or a field already on the canvas. */
export const paletteId = (kind: FieldKind) => `palette:${kind}`;

/** Short glyphs so the palette scans at a glance; the words beside them carry the meaning. */
const GLYPH: Readonly<Record<FieldKind, string>> = {
  text: 'Aa', textarea: '¶', number: '12', money: '¥', percent: '%', date: '31', datetime: '31:', select: '◉', multiselect: '☑',
  checkbox: '✓', yesno: '⇆', phone: '☎', email: '@', url: '↗', user: '☺', orgunit: '⌂', relation: '⇄', subtable: '▦',
  formula: 'ƒ', autonumber: '#', file: '▣', rating: '★', region: '◎',
};

function PaletteItem({ kind, t, onAdd }: { kind: FieldKind; t: I18n['t']; onAdd: (kind: FieldKind) => void }) {
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({ id: paletteId(kind), data: { kind: 'palette', fieldKind: kind } });
  return (
    <li>
      <div
        ref={setNodeRef}
        {...attributes}
        {...listeners}
        className={`dz-palette__item${isDragging ? ' dz-palette__item--dragging' : ''}`}
        data-kind={kind}
        // A click (no drag) adds the field to the selected section: the quickest way on a touch screen.
        onClick={() => onAdd(kind)}
      >
        <span className="dz-palette__glyph" aria-hidden="true">{GLYPH[kind]}</span>
        <span>{kindLabel(t, kind)}</span>
      </div>
    </li>
  );
}

/** Every field kind, draggable onto the canvas with a pointer or the keyboard. */
export function Palette({ t, onAdd }: { t: I18n['t']; onAdd: (kind: FieldKind) => void }) {
  return (
    <nav className="dz-palette" aria-labelledby="dz-palette-title">
      <h2 className="dz-panel__title" id="dz-palette-title">{t('designer.palette')}</h2>
      <p className="dz-prop__hint">{t('designer.palette.hint')}</p>
      <ul className="dz-palette__list">
        {FIELD_KINDS.map((kind) => (
          <PaletteItem key={kind} kind={kind} t={t} onAdd={onAdd} />
        ))}
      </ul>
    </nav>
  );
}
