import type { CurrentUser } from '../api/endpoints';
import { EmptyState } from '../components/state-views';
import { useI18n } from '../i18n/i18n-provider';
import { Link } from '../router/router';
import { AppShell } from '../shell/app-shell';

export function NotFoundScreen({ user }: { user: CurrentUser }) {
  const { t } = useI18n();
  return (
    <AppShell user={user} title={t('notFound.title')}>
      <div className="page">
        <EmptyState
          title={t('notFound.title')}
          hint={t('notFound.hint')}
          action={
            <Link to="/apps" className="button button--secondary">
              {t('common.backToApps')}
            </Link>
          }
        />
      </div>
    </AppShell>
  );
}
