import { useEffect, useRef } from 'react';
import { useFocusTrap } from '../shell/use-focus-trap';

/** Asks before something is deleted; Escape or Cancel keeps it. Focus starts on Cancel, the safe choice. */
export function ConfirmDialog({ title, hint, confirmLabel, cancelLabel, onConfirm, onCancel }: {
  title: string; hint?: string; confirmLabel: string; cancelLabel: string; onConfirm: () => void; onCancel: () => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  useFocusTrap(true, box);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    cancel.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onCancel();
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      previous?.focus?.();
    };
  }, [onCancel]);
  return (
    <div className="ws-overlay">
      <div ref={box} className="ws-dialog" role="alertdialog" aria-modal="true" aria-labelledby="dz-confirm-title" aria-describedby={hint ? 'dz-confirm-hint' : undefined}>
        <h2 id="dz-confirm-title" className="ws-dialog__title">{title}</h2>
        {hint ? <p id="dz-confirm-hint" className="ws-dialog__hint">{hint}</p> : null}
        <div className="ws-dialog__actions">
          <button ref={cancel} type="button" className="button button--secondary" onClick={onCancel}>{cancelLabel}</button>
          <button type="button" className="button button--primary ws-danger-solid" onClick={onConfirm}>{confirmLabel}</button>
        </div>
      </div>
    </div>
  );
}
