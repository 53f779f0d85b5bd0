import { DndContext, PointerSensor, useDraggable, useSensor, useSensors, type DragEndEvent, type DragMoveEvent } from '@dnd-kit/core';
import { useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { DashboardItem } from '@tangram/schema';
import { useI18n } from '../i18n/i18n-provider';
import { GRID_COLUMNS, moveItem, readingOrder, resizeItem } from './grid-layout';

/** Row height and gap of the grid, in pixels; the stylesheet uses the same numbers. */
export const ROW_PX = 72;
export const GAP_PX = 12;
/** Room the tile's title bar takes from the chart. */
const HEADER_PX = 52;
/** A chart's height on a phone, where charts stack and rows mean nothing. */
const PHONE_CHART_PX = 260;

export interface TileSlots {
  readonly height: number;
  readonly moveHandle: ReactNode;
  readonly handles: ReactNode;
}

interface Drag {
  readonly id: string;
  readonly mode: 'move' | 'resize';
  readonly dx: number;
  readonly dy: number;
}

/** Arrow keys on the move handle: move one cell; with Shift: grow or shrink one cell. */
const ARROWS: Readonly<Record<string, readonly [number, number]>> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

function GridCell({ item, editing, phone, drag, title, onKey, children }: { item: DashboardItem; editing: boolean; phone: boolean; drag: Drag | null; title: string; onKey: (e: KeyboardEvent) => void; children: (slots: TileSlots) => ReactNode }) {
  const { t } = useI18n();
  const move = useDraggable({ id: `move:${item.id}`, disabled: !editing });
  const resize = useDraggable({ id: `resize:${item.id}`, disabled: !editing });
  const mine = drag?.id === item.id ? drag : null;
  const style = phone
    ? undefined
    : {
        gridColumn: `${item.x + 1} / span ${item.w}`,
        gridRow: `${item.y + 1} / span ${item.h}`,
        ...(mine?.mode === 'move' ? { transform: `translate(${mine.dx}px, ${mine.dy}px)`, zIndex: 5 } : {}),
        ...(mine?.mode === 'resize' ? { width: `calc(100% + ${mine.dx}px)`, height: `calc(100% + ${mine.dy}px)`, zIndex: 5 } : {}),
      };
  const height = phone ? PHONE_CHART_PX : item.h * ROW_PX + (item.h - 1) * GAP_PX - HEADER_PX;
  const moveHandle = editing ? (
    <button
      type="button"
      ref={move.setNodeRef}
      className="dash-handle dash-handle--move"
      {...move.attributes}
      {...move.listeners}
      aria-label={t('dash.tile.move', { title })}
      aria-describedby="dash-edit-hint"
      onKeyDown={onKey}
    >
      <svg viewBox="0 0 16 16" aria-hidden="true">
        <path d="M5 3h2v2H5zM9 3h2v2H9zM5 7h2v2H5zM9 7h2v2H9zM5 11h2v2H5zM9 11h2v2H9z" fill="currentColor" />
      </svg>
    </button>
  ) : null;
  const handles = editing ? (
    // The keyboard resizes with Shift+arrows on the move handle; this corner is for the pointer only.
    <span ref={resize.setNodeRef} className="dash-handle dash-handle--resize" aria-hidden="true" title={t('dash.tile.resize', { title })} {...resize.listeners} />
  ) : null;
  return (
    <div className={`dash-cell${mine ? ' dash-cell--dragging' : ''}`} style={style} data-item={item.id}>
      {children({ height, moveHandle, handles })}
    </div>
  );
}

/**
 * The 12-column dashboard grid. While arranging, a chart moves by its title bar's handle and resizes by its
 * bottom-right corner (pointer, through dnd-kit) or by arrow keys; the drop snaps to whole cells and the
 * other charts settle around it. On a phone the charts stack in reading order and cannot be arranged.
 */
export function DashboardGrid({ items, editing, phone, titleOf, onChange, children }: { items: readonly DashboardItem[]; editing: boolean; phone: boolean; titleOf: (item: DashboardItem) => string; onChange: (items: readonly DashboardItem[]) => void; children: (item: DashboardItem, slots: TileSlots) => ReactNode }) {
  const grid = useRef<HTMLDivElement>(null);
  const [drag, setDrag] = useState<Drag | null>(null);
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }));

  const parse = (id: string | number): { mode: 'move' | 'resize'; id: string } => {
    const [mode, ...rest] = String(id).split(':');
    return { mode: mode === 'resize' ? 'resize' : 'move', id: rest.join(':') };
  };
  const onDragMove = (event: DragMoveEvent) => {
    const { mode, id } = parse(event.active.id);
    setDrag({ id, mode, dx: event.delta.x, dy: event.delta.y });
  };
  const onDragEnd = (event: DragEndEvent) => {
    setDrag(null);
    const { mode, id } = parse(event.active.id);
    const width = grid.current?.clientWidth ?? 1200;
    const cellX = (width + GAP_PX) / GRID_COLUMNS;
    const cellY = ROW_PX + GAP_PX;
    const dx = Math.round(event.delta.x / cellX);
    const dy = Math.round(event.delta.y / cellY);
    if (dx === 0 && dy === 0) return;
    onChange(mode === 'move' ? moveItem(items, id, dx, dy) : resizeItem(items, id, dx, dy));
  };
  const onKey = (id: string) => (event: KeyboardEvent) => {
    const step = ARROWS[event.key];
    if (!step) return;
    event.preventDefault();
    onChange(event.shiftKey ? resizeItem(items, id, step[0], step[1]) : moveItem(items, id, step[0], step[1]));
  };

  const shown = phone ? readingOrder(items) : items;
  return (
    <DndContext sensors={sensors} onDragMove={onDragMove} onDragEnd={onDragEnd} onDragCancel={() => setDrag(null)}>
      <div ref={grid} className={`dash-grid${editing ? ' dash-grid--editing' : ''}${phone ? ' dash-grid--phone' : ''}`} style={phone ? undefined : { gridAutoRows: `${ROW_PX}px`, gap: `${GAP_PX}px` }}>
        {shown.map((item) => (
          <GridCell key={item.id} item={item} editing={editing && !phone} phone={phone} drag={drag} title={titleOf(item)} onKey={onKey(item.id)}>
            {(slots) => children(item, slots)}
          </GridCell>
        ))}
      </div>
    </DndContext>
  );
}
