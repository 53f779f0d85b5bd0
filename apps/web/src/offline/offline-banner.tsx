import { useI18n } from '../i18n/i18n-provider';
import { Link } from '../router/router';
import { useOutbox } from './device-outbox';
import { OUTBOX_PATH } from './queue-if-offline';
import './offline.css';

/** Says when the device is offline and how many records wait on it; links to the waiting list. */
export function OfflineBanner() {
  const { t } = useI18n();
  const { entries, online } = useOutbox();
  const pending = entries.filter((e) => e.status === 'waiting' || e.status === 'sending').length;
  const rejected = entries.filter((e) => e.status === 'rejected').length;
  if (online && pending === 0 && rejected === 0) return null;
  return (
    <div className={`offline-banner${online ? '' : ' offline-banner--offline'}${rejected > 0 ? ' offline-banner--rejected' : ''}`} role="status" aria-live="polite">
      <p>
        {online ? null : <span>{t('offline.banner.offline')} </span>}
        {pending > 0 ? <span>{t('offline.banner.pending', { count: pending })} </span> : null}
        {rejected > 0 ? <span>{t('offline.banner.rejected', { count: rejected })}</span> : null}
      </p>
      {pending > 0 || rejected > 0 ? (
        <Link to={OUTBOX_PATH} className="button button--secondary">{t('offline.banner.view')}</Link>
      ) : null}
    </div>
  );
}
