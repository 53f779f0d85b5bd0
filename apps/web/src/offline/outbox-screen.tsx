import { useEffect, useRef, useState } from 'react';
import { fieldLabel, formatValue } from '@tangram/ui';
import { describeProblem } from '../api/describe-error';
import type { CurrentUser } from '../api/endpoints';
import { EmptyState } from '../components/state-views';
import { useI18n } from '../i18n/i18n-provider';
import { Link } from '../router/router';
import { AppShell } from '../shell/app-shell';
import { workspacePaths } from '../workspace/paths';
import { deviceOutbox, useOutbox } from './device-outbox';
import { OfflineBanner } from './offline-banner';
import { OutboxEditor } from './outbox-editor';
import type { QueuedSubmission } from './outbox-types';
import './offline.css';

/** The first filled fields of an entry, to tell entries apart: "陈小姐 · 13800138000". */
function summary(entry: QueuedSubmission, locale: 'zh-CN' | 'en', yes: string, no: string): string {
  return entry.definition.fields
    .map((field) => formatValue(field, entry.body.data[field.key], { locale, yes, no }))
    .filter((text) => text !== '')
    .slice(0, 3)
    .join(' · ');
}

function ConfirmDiscard({ onConfirm, onCancel }: { onConfirm: () => void; onCancel: () => void }) {
  const { t } = useI18n();
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => confirm.current?.focus(), []);
  return (
    <div className="ws-overlay">
      <div className="ws-dialog" role="alertdialog" aria-modal="true" aria-labelledby="outbox-discard" onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
        <h2 id="outbox-discard" className="ws-dialog__title">{t('offline.discardConfirm')}</h2>
        <div className="ws-dialog__actions">
          <button type="button" className="button button--secondary" onClick={onCancel}>{t('offline.cancel')}</button>
          <button ref={confirm} type="button" className="button button--primary" onClick={onConfirm}>{t('offline.discard')}</button>
        </div>
      </div>
    </div>
  );
}

function Entry({ entry, user }: { entry: QueuedSubmission; user: CurrentUser }) {
  const { t, text, locale } = useI18n();
  const [editing, setEditing] = useState(false);
  const [discarding, setDiscarding] = useState(false);
  const when = (iso: string) => new Date(iso).toLocaleString(locale, { dateStyle: 'short', timeStyle: 'short' });
  const label = (path: string) => {
    const key = /^\/data\/([^/]+)/.exec(path)?.[1];
    const field = entry.definition.fields.find((f) => f.key === key);
    return field ? `${fieldLabel(field, locale)}: ` : '';
  };
  const title = summary(entry, locale, t('workspace.field.yes'), t('workspace.field.no')) || text(entry.definition.name);
  return (
    <li className={`outbox__item outbox__item--${entry.status}`} data-status={entry.status}>
      <div className="outbox__head">
        <p className="outbox__title">{title}</p>
        <span className={`outbox__status outbox__status--${entry.status}`}>{t(`offline.status.${entry.status}`)}</span>
      </div>
      <p className="outbox__meta">
        {text(entry.definition.name)} · {t('offline.queuedAt', { time: when(entry.queuedAt) })}
        {entry.status === 'waiting' && entry.userId !== user.id ? ` · ${t('offline.otherUser')}` : ''}
        {entry.status === 'waiting' && entry.retryAt ? ` · ${t('offline.retryAt', { attempts: entry.attempts, time: when(entry.retryAt) })}` : ''}
      </p>
      {entry.status === 'rejected' && entry.refusal ? (
        <div className="outbox__reason" role="note" aria-label={t('offline.reason')}>
          {entry.refusal.errors.length > 0 ? (
            <ul>
              {entry.refusal.errors.map((problem, i) => <li key={`${problem.path}-${i}`}>{label(problem.path)}{describeProblem(problem, locale)}</li>)}
            </ul>
          ) : (
            <span>{entry.refusal.detail ?? entry.refusal.code}</span>
          )}
        </div>
      ) : null}
      {editing ? (
        <OutboxEditor
          entry={entry}
          userId={user.id}
          onCancel={() => setEditing(false)}
          onSave={(body) => {
            setEditing(false);
            void deviceOutbox.resend(entry.id, body);
          }}
        />
      ) : (
        <div className="outbox__actions">
          {entry.status === 'waiting' ? (
            <button type="button" className="button button--secondary" onClick={() => void deviceOutbox.flush({ now: true })}>{t('offline.sendNow')}</button>
          ) : null}
          {entry.status === 'rejected' ? (
            <>
              <button type="button" className="button button--primary" onClick={() => setEditing(true)}>{t('offline.edit')}</button>
              <button type="button" className="button button--secondary" onClick={() => void deviceOutbox.resend(entry.id)}>{t('offline.resend')}</button>
              <button type="button" className="button button--secondary" onClick={() => setDiscarding(true)}>{t('offline.discard')}</button>
            </>
          ) : null}
          {entry.status === 'sent' && entry.recordId ? (
            <Link to={workspacePaths(entry.app, entry.form).record(entry.recordId)} className="button button--secondary">{t('offline.openRecord')}</Link>
          ) : null}
        </div>
      )}
      {discarding ? <ConfirmDiscard onCancel={() => setDiscarding(false)} onConfirm={() => void deviceOutbox.discard(entry.id)} /> : null}
    </li>
  );
}

/** `/outbox`: what this device still has to send, what was sent, what the server refused and why. */
export function OutboxScreen({ user }: { user: CurrentUser }) {
  const { t } = useI18n();
  const { entries } = useOutbox();
  const sent = entries.filter((e) => e.status === 'sent').length;
  // Back to the form the last entry came from: at an expo the next visitor is already waiting.
  const latest = entries.at(-1);
  return (
    <AppShell user={user} title={t('offline.title')}>
      <div className="page outbox">
        <header className="page__header">
          <div>
            <h1 className="page__title">{t('offline.title')}</h1>
            <p className="page__subtitle">{t('offline.intro')}</p>
          </div>
        </header>
        <OfflineBanner />
        {entries.length === 0 ? <EmptyState title={t('offline.empty.title')} hint={t('offline.empty.hint')} /> : null}
        {latest || sent > 0 ? (
          <div className="outbox__toolbar">
            {latest ? <Link to={workspacePaths(latest.app, latest.form).create} className="button button--primary">{t('workspace.new')}</Link> : null}
            {sent > 0 ? <button type="button" className="button button--secondary" onClick={() => void deviceOutbox.clearSent()}>{t('offline.clearSent')}</button> : null}
          </div>
        ) : null}
        <ol className="outbox__list">
          {[...entries].reverse().map((entry) => <Entry key={entry.id} entry={entry} user={user} />)}
        </ol>
      </div>
    </AppShell>
  );
}
