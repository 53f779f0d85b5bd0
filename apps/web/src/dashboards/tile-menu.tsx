import { useCallback, useId, useRef, useState } from 'react';
import { useDismiss } from '../shell/use-dismiss';

export interface TileAction {
  readonly key: string;
  readonly label: string;
  readonly run: () => void;
  readonly danger?: boolean;
}

/** A chart's "⋯" menu: a button that opens a list of actions, closed by Escape or a click elsewhere. */
export function TileMenu({ label, actions }: { label: string; actions: readonly TileAction[] }) {
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const id = useId();
  const close = useCallback(() => setOpen(false), []);
  useDismiss(open, close, box, trigger);
  return (
    <div className="dash-menu" ref={box}>
      <button ref={trigger} type="button" className="icon-button dash-menu__button" aria-label={label} aria-haspopup="menu" aria-expanded={open} aria-controls={id} onClick={() => setOpen((o) => !o)}>
        ⋯
      </button>
      {open ? (
        <ul className="dash-menu__list" role="menu" id={id}>
          {actions.map((a) => (
            <li key={a.key} role="none">
              <button
                type="button"
                role="menuitem"
                className={`dash-menu__item${a.danger ? ' dash-danger-text' : ''}`}
                onClick={() => {
                  setOpen(false);
                  a.run();
                }}
              >
                {a.label}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
