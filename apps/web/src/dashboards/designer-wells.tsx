import { DndContext, KeyboardSensor, PointerSensor, useDraggable, useDroppable, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core';
import type { ReactNode } from 'react';
import { REPORT_BUCKETS, REPORT_MEASURE_FNS, type ReportBucket, type ReportMeasureFn } from '@tangram/schema';
import { useI18n } from '../i18n/i18n-provider';
import type { WellDimension, WellMeasure } from './designer-model';

/** A field as the designer offers it: its key (null for the record count), its label, where it may go. */
export interface PaletteField {
  readonly key: string | null;
  readonly label: string;
  readonly asDimension: boolean;
  readonly asMeasure: boolean;
  readonly isDate: boolean;
}

export type Well = 'dimensions' | 'measures';

const dragId = (field: PaletteField) => `field:${field.key ?? ''}`;

function FieldChip({ field, onAdd }: { field: PaletteField; onAdd: (well: Well) => void }) {
  const { t } = useI18n();
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({ id: dragId(field), data: field });
  const style = transform ? { transform: `translate(${transform.x}px, ${transform.y}px)`, zIndex: 10 } : undefined;
  return (
    <li className={`dash-chip${isDragging ? ' dash-chip--dragging' : ''}`} style={style}>
      <span ref={setNodeRef} className="dash-chip__grip" {...attributes} {...listeners} aria-roledescription="draggable" aria-label={field.label}>
        <span aria-hidden="true">⠿</span> {field.label}
      </span>
      {field.asDimension ? (
        <button type="button" className="dash-chip__add" aria-label={t('dash.designer.toDimension', { field: field.label })} onClick={() => onAdd('dimensions')}>
          +{t('dash.designer.dimensions')}
        </button>
      ) : null}
      {field.asMeasure ? (
        <button type="button" className="dash-chip__add" aria-label={t('dash.designer.toMeasure', { field: field.label })} onClick={() => onAdd('measures')}>
          +{t('dash.designer.measures')}
        </button>
      ) : null}
    </li>
  );
}

function WellBox({ id, title, children, empty }: { id: Well; title: string; children: ReactNode; empty: boolean }) {
  const { t } = useI18n();
  const { setNodeRef, isOver } = useDroppable({ id });
  return (
    <section ref={setNodeRef} className={`dash-well${isOver ? ' dash-well--over' : ''}`} aria-label={title} data-well={id}>
      <h3 className="dash-well__title">{title}</h3>
      {empty ? <p className="dash-well__empty">{t('dash.designer.dropHere')}</p> : <ul className="dash-well__items">{children}</ul>}
    </section>
  );
}

export interface DesignerWellsProps {
  readonly fields: readonly PaletteField[];
  readonly dimensions: readonly WellDimension[];
  readonly measures: readonly WellMeasure[];
  readonly showDimensions: boolean;
  readonly labelOf: (key: string | null) => string;
  readonly isDate: (key: string) => boolean;
  readonly onAdd: (field: PaletteField, well: Well) => void;
  readonly onDimensions: (next: readonly WellDimension[]) => void;
  readonly onMeasures: (next: readonly WellMeasure[]) => void;
}

/**
 * The field palette and the dimension and measure wells. A field goes into a well by dragging it (mouse,
 * touch, or the keyboard: Space, arrows, Space) or by the buttons beside it.
 */
export function DesignerWells({ fields, dimensions, measures, showDimensions, labelOf, isDate, onAdd, onDimensions, onMeasures }: DesignerWellsProps) {
  const { t } = useI18n();
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }), useSensor(KeyboardSensor));
  const onDragEnd = (event: DragEndEvent) => {
    const field = event.active.data.current as PaletteField | undefined;
    const well = event.over?.id as Well | undefined;
    if (!field || !well) return;
    if ((well === 'dimensions' && field.asDimension) || (well === 'measures' && field.asMeasure)) onAdd(field, well);
  };
  return (
    <DndContext sensors={sensors} onDragEnd={onDragEnd}>
      <div className="dash-designer__wells">
        <section className="dash-palette" aria-labelledby="dash-palette-title">
          <h3 className="dash-well__title" id="dash-palette-title">
            {t('dash.designer.fields')}
          </h3>
          <p className="dash-well__empty">{t('dash.designer.fieldsHint')}</p>
          <ul className="dash-palette__list">
            {fields.map((f) => (
              <FieldChip key={dragId(f)} field={f} onAdd={(well) => onAdd(f, well)} />
            ))}
          </ul>
        </section>
        {showDimensions ? (
          <WellBox id="dimensions" title={t('dash.designer.dimensions')} empty={dimensions.length === 0}>
            {dimensions.map((d, i) => (
              <li key={`${d.field}-${i}`} className="dash-well__item">
                <span>{labelOf(d.field)}</span>
                {isDate(d.field) ? (
                  <select className="field__input field__select" aria-label={t('dash.designer.bucket', { field: labelOf(d.field) })} value={d.bucket ?? 'month'} onChange={(e) => onDimensions(dimensions.map((x, j) => (j === i ? { ...x, bucket: e.target.value as ReportBucket } : x)))}>
                    {REPORT_BUCKETS.map((b) => (
                      <option key={b} value={b}>
                        {t(`dash.bucket.${b}` as const)}
                      </option>
                    ))}
                  </select>
                ) : null}
                <button type="button" className="icon-button" aria-label={t('dash.designer.removeItem', { field: labelOf(d.field) })} onClick={() => onDimensions(dimensions.filter((_, j) => j !== i))}>
                  ×
                </button>
              </li>
            ))}
          </WellBox>
        ) : null}
        {showDimensions ? (
          <WellBox id="measures" title={t('dash.designer.measures')} empty={measures.length === 0}>
            {measures.map((m, i) => (
              <li key={`${m.field}-${i}`} className="dash-well__item">
                <span>{labelOf(m.field)}</span>
                {m.field !== null ? (
                  <select className="field__input field__select" aria-label={t('dash.designer.fn', { field: labelOf(m.field) })} value={m.fn} onChange={(e) => onMeasures(measures.map((x, j) => (j === i ? { ...x, fn: e.target.value as ReportMeasureFn } : x)))}>
                    {REPORT_MEASURE_FNS.filter((fn) => fn !== 'count').map((fn) => (
                      <option key={fn} value={fn}>
                        {t(`dash.fn.${fn}` as const)}
                      </option>
                    ))}
                  </select>
                ) : null}
                <button type="button" className="icon-button" aria-label={t('dash.designer.removeItem', { field: labelOf(m.field) })} onClick={() => onMeasures(measures.filter((_, j) => j !== i))}>
                  ×
                </button>
              </li>
            ))}
          </WellBox>
        ) : null}
      </div>
    </DndContext>
  );
}
