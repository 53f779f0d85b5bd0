import { useEffect, useId, useRef, type FormEvent, type ReactNode } from 'react';
import { FormAlert } from '../../components/form-alert';
import { useI18n } from '../../i18n/i18n-provider';
import { useFocusTrap } from '../../shell/use-focus-trap';

/** A small modal form (name a view, pick a value, pick an owner): Escape or Cancel closes it unchanged. */
export function ListDialog({ title, submitLabel, busy, error, onSubmit, onCancel, children }: {
  title: string;
  submitLabel: string;
  busy: boolean;
  error: string | undefined;
  onSubmit: () => void;
  onCancel: () => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const id = useId();
  const box = useRef<HTMLFormElement>(null);
  useFocusTrap(true, box);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    box.current?.querySelector<HTMLElement>('input, select')?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onCancel();
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      previous?.focus?.();
    };
  }, [onCancel]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!busy) onSubmit();
  };
  return (
    <div className="ws-overlay">
      <form ref={box} className="ws-dialog ls-dialog" role="dialog" aria-modal="true" aria-labelledby={`${id}-title`} onSubmit={submit}>
        <h2 id={`${id}-title`} className="ws-dialog__title">{title}</h2>
        <FormAlert message={error} />
        <div className="ls-dialog__body">{children}</div>
        <div className="ws-dialog__actions">
          <button type="button" className="button button--secondary" onClick={onCancel}>{t('list.dialog.cancel')}</button>
          <button type="submit" className="button button--primary" disabled={busy}>{busy ? t('common.loading') : submitLabel}</button>
        </div>
      </form>
    </div>
  );
}
