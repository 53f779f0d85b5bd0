import { useState } from 'react';
import type { LocalizedText } from '@tangram/schema';
import { localText } from '@tangram/ui';
import { describeError } from '../../api/describe-error';
import { ConfirmDialog } from '../../designer/confirm-dialog';
import { useI18n } from '../../i18n/i18n-provider';
import type { ViewSettings } from '@tangram/schema';
import type { RecordsApi, SavedView } from '../records-api';
import { ListDialog } from './list-dialog';

type Open = { kind: 'saveAs' } | { kind: 'rename'; view: SavedView } | { kind: 'delete'; view: SavedView } | null;

/** A view's name in the reader's language, or in the other one when it was only typed in that. */
export function viewName(name: LocalizedText, locale: 'zh-CN' | 'en'): string {
  return localText(name, locale) || name.en || name['zh-CN'] || '';
}

/**
 * The saved views of the list as tabs ("All records" first), and what can be done with them: save the
 * current list as a new view, update the open view with the current list, rename or delete it. Shared
 * views are read-only to everyone but their creator.
 */
export function ViewBar({ views, canShare, active, current, changed, records, onOpen, onSaved, onDeleted, onMessage }: {
  views: readonly SavedView[];
  canShare: boolean;
  active: SavedView | undefined;
  current: ViewSettings;
  changed: boolean;
  records: RecordsApi;
  onOpen: (view: SavedView | null) => void;
  onSaved: (view: SavedView) => void;
  onDeleted: (view: SavedView) => void;
  onMessage: (message: string) => void;
}) {
  const { t, locale } = useI18n();
  const [open, setOpen] = useState<Open>(null);
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const close = () => {
    setOpen(null);
    setBusy(false);
    setError(undefined);
  };
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
      close();
    } catch (failure) {
      setBusy(false);
      setError(describeError(failure, t, locale));
      // A refused delete is said below the tabs, not in a confirmation that no longer applies.
      setOpen((current) => (current?.kind === 'delete' ? null : current));
    }
  };
  // A typed name is kept in the language it was typed in; the other language falls back to it.
  const named = (text: string): LocalizedText => ({ [locale]: text.trim() });

  return (
    <div className="ls-views">
      <div className="ls-views__tabs" role="tablist" aria-label={t('list.views.label')}>
        <button type="button" role="tab" aria-selected={!active} className="ls-views__tab" onClick={() => onOpen(null)}>{t('list.views.all')}</button>
        {views.map((view) => (
          <button key={view.id} type="button" role="tab" aria-selected={active?.id === view.id} className="ls-views__tab" onClick={() => onOpen(view)}>
            {viewName(view.name, locale)}
            {view.shared ? <span className="ls-views__badge">{t('list.views.shared')}</span> : null}
          </button>
        ))}
      </div>
      <div className="ls-views__actions">
        <button type="button" className="button button--secondary" onClick={() => { setName(''); setShared(false); setOpen({ kind: 'saveAs' }); }}>{t('list.views.saveAs')}</button>
        {active?.mine && changed ? (
          <button type="button" className="button button--primary" disabled={busy}
            onClick={() => void run(async () => {
              const saved = await records.changeView(active.id, current);
              onSaved(saved);
              onMessage(t('list.views.updated', { name: viewName(saved.name, locale) }));
            })}>
            {t('list.views.update')}
          </button>
        ) : null}
        {active?.mine ? (
          <>
            <button type="button" className="button button--secondary" onClick={() => { setName(viewName(active.name, locale)); setShared(active.shared); setOpen({ kind: 'rename', view: active }); }}>{t('list.views.rename')}</button>
            <button type="button" className="button button--secondary ws-danger" onClick={() => setOpen({ kind: 'delete', view: active })}>{t('list.views.delete')}</button>
          </>
        ) : active ? <span className="ls-views__note">{t('list.views.readOnly')}</span> : null}
      </div>
      {error && open === null ? <p className="ls-message ls-message--error ls-views__error" role="alert">{error}</p> : null}
      {open?.kind === 'saveAs' || open?.kind === 'rename' ? (
        <ListDialog title={open.kind === 'saveAs' ? t('list.views.saveAs') : t('list.views.rename')} submitLabel={t('list.views.save')} busy={busy || name.trim() === ''} error={error} onCancel={close}
          onSubmit={() => void run(async () => {
            const saved = open.kind === 'saveAs'
              ? await records.saveView({ ...current, name: named(name), shared })
              : await records.changeView(open.view.id, { name: { ...open.view.name, ...named(name) }, shared });
            onSaved(saved);
            onMessage(t('list.views.saved', { name: viewName(saved.name, locale) }));
          })}>
          <label className="field">
            <span className="field__label">{t('list.views.name')}</span>
            <input className="field__input" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
          </label>
          {canShare ? (
            <label className="ls-dialog__check">
              <input type="checkbox" checked={shared} onChange={(e) => setShared(e.target.checked)} />
              <span>{t('list.views.shareWithAll')}</span>
            </label>
          ) : null}
        </ListDialog>
      ) : null}
      {open?.kind === 'delete' ? (
        <ConfirmDialog title={t('list.views.deleteConfirm', { name: viewName(open.view.name, locale) })} hint={t('list.views.deleteHint')}
          confirmLabel={t('list.views.delete')} cancelLabel={t('list.dialog.cancel')} onCancel={close}
          onConfirm={() => void run(async () => {
            await records.deleteView(open.view.id);
            onDeleted(open.view);
            onMessage(t('list.views.deleted', { name: viewName(open.view.name, locale) }));
          })} />
      ) : null}
    </div>
  );
}
