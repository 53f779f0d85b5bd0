import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface TabItem {
  readonly id: string;
  readonly title: string;
  /** Problems on the tab's fields; a badge shows them so no error is hidden behind another tab. */
  readonly errors: number;
}

export interface FormTabsProps {
  readonly tabs: readonly TabItem[];
  readonly selected: string;
  readonly onSelect: (id: string) => void;
  /** The tab list's accessible name. */
  readonly label: string;
  /** `{count}` is filled: read after a tab's title when it has problems. */
  readonly errorsLabel: string;
  readonly panel: (id: string) => ReactNode;
}

/**
 * WAI-ARIA tabs: one tab stop, arrow keys (and Home/End) move and select, each tab controls its panel.
 * Every panel stays mounted (hidden when not selected), so what was typed on one tab survives a visit to
 * another and a submit can still find every invalid input in document order.
 */
export function FormTabs({ tabs, selected, onSelect, label, errorsLabel, panel }: FormTabsProps) {
  const base = useId();
  const listRef = useRef<HTMLDivElement>(null);
  const tabId = (id: string) => `${base}-tab-${id}`;
  const panelId = (id: string) => `${base}-panel-${id}`;

  // On a phone the list scrolls sideways, and a tab picked from the bottom of a long panel is far above:
  // bring the selected tab into sight whenever it changes (not on first draw).
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    listRef.current?.querySelector<HTMLElement>('[aria-selected="true"]')?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
  }, [selected]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = tabs.findIndex((t) => t.id === selected);
    const moves: Record<string, number> = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 };
    const to = moves[event.key];
    if (to === undefined) return;
    event.preventDefault();
    const next = tabs[(to + tabs.length) % tabs.length]!;
    onSelect(next.id);
    document.getElementById(tabId(next.id))?.focus();
  };

  return (
    <div className="tg-tabs">
      <div ref={listRef} className="tg-tabs__list" role="tablist" aria-label={label} onKeyDown={onKeyDown}>
        {tabs.map((tab) => {
          const on = tab.id === selected;
          return (
            <button
              key={tab.id}
              id={tabId(tab.id)}
              type="button"
              role="tab"
              aria-selected={on}
              aria-controls={panelId(tab.id)}
              tabIndex={on ? 0 : -1}
              className={`tg-tab${on ? ' tg-tab--on' : ''}${tab.errors > 0 ? ' tg-tab--invalid' : ''}`}
              data-tab={tab.id}
              onClick={() => onSelect(tab.id)}
            >
              <span className="tg-tab__title">{tab.title}</span>
              {tab.errors > 0 ? (
                <>
                  <span className="tg-tab__badge" aria-hidden="true">{tab.errors}</span>
                  {/* Read after the title as its own phrase: "Visit, Errors: 1". */}
                  <span className="tg-sr-only">, {errorsLabel.replace('{count}', String(tab.errors))}</span>
                </>
              ) : null}
            </button>
          );
        })}
      </div>
      {tabs.map((tab) => (
        <div key={tab.id} id={panelId(tab.id)} role="tabpanel" aria-labelledby={tabId(tab.id)} className="tg-tabs__panel" hidden={tab.id !== selected}>
          {panel(tab.id)}
        </div>
      ))}
    </div>
  );
}
