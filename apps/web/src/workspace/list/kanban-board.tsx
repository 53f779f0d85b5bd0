import { useRef, useState } from 'react';
import {
  DndContext, KeyboardSensor, PointerSensor, useDraggable, useDroppable, useSensor, useSensors,
  type DragEndEvent, type KeyboardCoordinateGetter,
} from '@dnd-kit/core';
import type { Field, FormDefinition, JsonLogic, RecordView, SelectField } from '@tangram/schema';
import { fieldLabel, localText } from '@tangram/ui';
import { describeError } from '../../api/describe-error';
import { ErrorState, LoadingState } from '../../components/state-views';
import { useI18n } from '../../i18n/i18n-provider';
import { Link } from '../../router/router';
import { RecordWriteError, type RecordsApi } from '../records-api';
import type { RowFormat } from './record-table';
import { refusalText } from './refusal-text';
import { allOf, useRecordPages } from './use-record-pages';

const COLUMN_PAGE = 20;
/** The column of records with no value: not an option, so it can't collide with one. */
const NONE = '\u0000none';

interface Column {
  readonly id: string;
  readonly label: string;
  readonly color: string | undefined;
  readonly filter: JsonLogic;
}

/** A card being moved: shown in its new column until the server answers. */
interface Move {
  readonly record: RecordView;
  readonly from: string;
  readonly to: string;
}

/**
 * Arrow keys move a lifted card one column left or right (dnd-kit's default moves it by pixels, which
 * would take a dozen key presses to cross a column).
 */
const columnJump: KeyboardCoordinateGetter = (event, { context: { droppableRects, droppableContainers, collisionRect } }) => {
  if (event.code !== 'ArrowRight' && event.code !== 'ArrowLeft') return undefined;
  event.preventDefault();
  if (!collisionRect) return undefined;
  const centre = collisionRect.left + collisionRect.width / 2;
  const rects = droppableContainers.getEnabled().flatMap((c) => {
    const rect = droppableRects.get(c.id);
    return rect ? [rect] : [];
  }).sort((a, b) => a.left - b.left);
  const target = event.code === 'ArrowRight' ? rects.find((r) => r.left > centre) : [...rects].reverse().find((r) => r.left + r.width < centre);
  return target ? { x: target.left + (target.width - collisionRect.width) / 2, y: target.top + 48 } : undefined;
};

/**
 * The records as a board: one column per option of a single-select field (in option order, in the option's
 * colour, with its count), each loading its own keyset pages. Dragging a card to another column (mouse,
 * touch or keyboard) saves the new value with the card's version; a refusal (a value rule, a stale
 * version) puts the card back and says why.
 */
export function KanbanBoard({ form, field, filter, sort, records, format, fields, recordPath, canMove, refresh, onChanged }: {
  form: FormDefinition;
  field: SelectField;
  filter: JsonLogic | undefined;
  sort: string | undefined;
  records: RecordsApi;
  format: RowFormat;
  fields: readonly Field[];
  recordPath: (id: string) => string;
  canMove: boolean;
  /** Changes when every column should load again (after a move, or the live-list bar's Refresh). */
  refresh: number;
  /** A card was saved in another column, or found stale: the page reloads (and `refresh` changes). */
  onChanged: () => void;
}) {
  const { t, locale } = useI18n();
  const [moves, setMoves] = useState<readonly Move[]>([]);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'refused'; text: string } | null>(null);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: columnJump }),
  );
  const columns: Column[] = [
    ...field.options.map((o) => ({ id: o.value, label: localText(o.label, locale) || o.value, color: o.color, filter: { '==': [{ var: field.key }, o.value] } as JsonLogic })),
    { id: NONE, label: t('list.kanban.none'), color: undefined, filter: { missing: [field.key] } },
  ];
  // The column already says the group value; the card spends its lines on other fields.
  const cardFields = [fields[0], ...fields.slice(1).filter((f) => f.key !== field.key)].filter((f): f is Field => f !== undefined);
  const labelOf = (id: string) => columns.find((c) => c.id === id)?.label ?? id;

  const drop = async (event: DragEndEvent) => {
    const record = event.active.data.current?.record as RecordView | undefined;
    const from = event.active.data.current?.column as string | undefined;
    const to = event.over?.id as string | undefined;
    if (!record || from === undefined || to === undefined || to === from) return;
    const move = { record, from, to };
    setMoves((current) => [...current, move]);
    setNotice(null);
    const title = format.title(record);
    try {
      await records.update(record.id, record.version, { data: { [field.key]: to === NONE ? null : to } });
      setNotice({ kind: 'ok', text: t('list.kanban.moved', { name: title, column: labelOf(to) }) });
      onChanged();
    } catch (error) {
      const reason = refusalText(error, form, t, locale);
      setNotice({ kind: 'refused', text: t('list.kanban.refused', { name: title, reason }) });
      // A stale card is stale in its column too: reload so the next try starts from the stored version.
      if (error instanceof RecordWriteError && error.status === 409) onChanged();
    } finally {
      setMoves((current) => current.filter((m) => m !== move));
    }
  };

  return (
    <DndContext sensors={sensors} onDragEnd={(e) => void drop(e)}>
      <p className={`ls-kanban__notice${notice?.kind === 'refused' ? ' ls-kanban__notice--refused' : ''}`} role={notice?.kind === 'refused' ? 'alert' : 'status'} aria-live="polite">
        {notice?.text ?? ''}
      </p>
      <div className="ls-kanban" aria-label={fieldLabel(field, locale)}>
        {columns.map((column) => (
          <KanbanColumn key={column.id} column={column} filter={allOf(filter, column.filter)} sort={sort} records={records} refresh={refresh}
            movedOut={moves.filter((m) => m.from === column.id).map((m) => m.record.id)} movedIn={moves.filter((m) => m.to === column.id).map((m) => m.record)}
            format={format} fields={cardFields} recordPath={recordPath} canMove={canMove} />
        ))}
      </div>
    </DndContext>
  );
}

function KanbanColumn({ column, filter, sort, records, refresh, movedOut, movedIn, format, fields, recordPath, canMove }: {
  column: Column;
  filter: JsonLogic | undefined;
  sort: string | undefined;
  records: RecordsApi;
  refresh: number;
  movedOut: readonly string[];
  movedIn: readonly RecordView[];
  format: RowFormat;
  fields: readonly Field[];
  recordPath: (id: string) => string;
  canMove: boolean;
}) {
  const { t, locale } = useI18n();
  const { state, loadMore, reload } = useRecordPages(records, filter, sort, COLUMN_PAGE, refresh);
  const { setNodeRef, isOver } = useDroppable({ id: column.id });
  // While a column reloads after a move, it keeps showing what it had: cards don't blink away under the
  // pointer or the keyboard focus.
  const shown = useRef<{ items: readonly RecordView[]; total: number } | null>(null);
  if (state.kind === 'ready') shown.current = { items: state.items, total: state.total };
  else if (state.kind === 'failed') shown.current = null;
  const current = shown.current;
  const items = current ? [...movedIn, ...current.items.filter((r) => !movedOut.includes(r.id))] : [];
  const count = current ? current.total + movedIn.length - movedOut.length : null;
  return (
    <section ref={setNodeRef} className={`ls-kanban__column${isOver ? ' ls-kanban__column--over' : ''}`} aria-label={column.label} data-column={column.id} aria-busy={state.kind === 'loading'}
      style={column.color ? { borderTopColor: column.color } : undefined}>
      <header className="ls-kanban__head">
        <span className="ls-kanban__dot" style={column.color ? { background: column.color } : undefined} aria-hidden="true" />
        <h2 className="ls-kanban__title">{column.label}</h2>
        <span className="ls-kanban__count">{count === null ? '' : t('list.kanban.count', { count })}</span>
      </header>
      {state.kind === 'loading' && !current ? <LoadingState label={t('common.loading')} /> : null}
      {state.kind === 'failed' ? <ErrorState title={t('workspace.list.error.title')} message={describeError(state.error, t, locale)} retryLabel={t('common.retry')} onRetry={reload} /> : null}
      {current && items.length === 0 ? <p className="ls-kanban__empty">{t('list.kanban.empty')}</p> : null}
      <ul className="ls-kanban__cards">
        {items.map((record) => (
          <KanbanCard key={record.id} record={record} column={column.id} format={format} fields={fields} recordPath={recordPath} canMove={canMove} />
        ))}
      </ul>
      {state.kind === 'ready' && state.nextCursor ? (
        <button type="button" className="button button--secondary ls-kanban__more" disabled={state.more === 'loading'} onClick={() => void loadMore()}>
          {state.more === 'loading' ? t('common.loading') : t('workspace.list.loadMore')}
        </button>
      ) : null}
    </section>
  );
}

function KanbanCard({ record, column, format, fields, recordPath, canMove }: {
  record: RecordView; column: string; format: RowFormat; fields: readonly Field[]; recordPath: (id: string) => string; canMove: boolean;
}) {
  const { t, locale } = useI18n();
  const title = format.title(record);
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({ id: record.id, data: { record, column }, disabled: !canMove });
  const style = transform ? { transform: `translate3d(${transform.x}px, ${transform.y}px, 0)` } : undefined;
  return (
    <li ref={setNodeRef} style={style} className={`ls-kanban__card${isDragging ? ' ls-kanban__card--dragging' : ''}`} data-record={record.id}
      {...attributes} {...listeners} aria-label={canMove ? t('list.kanban.card', { name: title }) : title}>
      <Link to={recordPath(record.id)} className="ls-kanban__link">{title}</Link>
      <dl className="ls-kanban__fields">
        {fields.slice(1, 4).map((f) => (
          <div key={f.key} className="ls-kanban__field">
            <dt>{fieldLabel(f, locale)}</dt>
            <dd>{format.value(f, record) || t('workspace.field.empty')}</dd>
          </div>
        ))}
      </dl>
    </li>
  );
}
