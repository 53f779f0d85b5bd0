import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useFocusTrap } from '../shell/use-focus-trap';

/**
 * A modal for confirmations and small forms: focus moves in and stays in, Escape closes, focus returns
 * to what opened it.
 */
export function DashDialog({ title, children, onClose, role = 'dialog' }: { title: string; children: ReactNode; onClose: () => void; role?: 'dialog' | 'alertdialog' }) {
  const box = useRef<HTMLDivElement>(null);
  const id = useId();
  useFocusTrap(true, box);
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    box.current?.querySelector<HTMLElement>('[data-autofocus], input, button')?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      opener?.focus?.();
    };
    // Opened once; onClose identity changes must not refocus.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return (
    <div className="dash-overlay" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div ref={box} className="dash-dialog" role={role} aria-modal="true" aria-labelledby={id}>
        <h2 id={id} className="dash-dialog__title">
          {title}
        </h2>
        {children}
      </div>
    </div>
  );
}

/** "Are you sure?" before anything is deleted or removed. */
export function ConfirmDialog({ title, hint, confirm, cancel, busy, onConfirm, onClose }: { title: string; hint: string; confirm: string; cancel: string; busy?: boolean; onConfirm: () => void; onClose: () => void }) {
  return (
    <DashDialog title={title} onClose={onClose} role="alertdialog">
      <p className="dash-dialog__hint">{hint}</p>
      <div className="dash-dialog__actions">
        <button type="button" className="button button--secondary" data-autofocus onClick={onClose}>
          {cancel}
        </button>
        <button type="button" className="button button--primary dash-danger" disabled={busy} onClick={onConfirm}>
          {confirm}
        </button>
      </div>
    </DashDialog>
  );
}
