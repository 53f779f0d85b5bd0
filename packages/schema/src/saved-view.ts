import type { JsonLogic } from './json-logic';

/** How a list shows its records. */
export const VIEW_LAYOUTS = ['table', 'kanban', 'cards'] as const;
export type ViewLayout = (typeof VIEW_LAYOUTS)[number];

/**
 * What a saved list view reproduces (docs/api.md, "Saved views"): the list's filter, sort (`-stage,name`),
 * columns and layout, as the store keeps it and the views routes carry it.
 */
export interface ViewSettings {
  readonly filter: JsonLogic | null;
  readonly sort: string | null;
  readonly columns: readonly string[];
  readonly layout: ViewLayout;
  /** The single-select field a kanban groups by. */
  readonly groupBy: string | null;
}
