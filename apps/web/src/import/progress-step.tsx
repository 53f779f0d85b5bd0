/**
 * Step 3: a progress bar while the job runs, then what happened — created, updated, skipped, not
 * imported — with the rows not imported to download (their reasons in an extra column).
 */
import { useI18n } from '../i18n/i18n-provider';
import { Link } from '../router/router';
import type { ImportJob } from './import-api';

export function ProgressStep({ job, rejectsUrl, listPath, onRestart }: { job: ImportJob; rejectsUrl: string; listPath: string; onRestart: () => void }) {
  const { t, locale } = useI18n();
  const { progress } = job;
  const percent = progress.total === 0 ? 100 : Math.min(100, Math.round((progress.processed / progress.total) * 100));
  const finished = job.status === 'done' || job.status === 'failed';
  const number = (n: number) => n.toLocaleString(locale);
  return (
    <section className="io-card" aria-labelledby="io-run-title">
      <h2 id="io-run-title" className="io-card__title">
        {job.status === 'done' ? t('import.summary.title') : job.status === 'failed' ? t('import.summary.failed') : t('import.step.run')}
      </h2>
      <div className="io-progress" role="progressbar" aria-label={t('import.progress.label')} aria-valuemin={0} aria-valuemax={progress.total} aria-valuenow={progress.processed}>
        <div className="io-progress__bar" style={{ width: `${percent}%` }} />
      </div>
      <p className="ws-muted" aria-live="polite">
        {job.status === 'queued' ? t('import.progress.queued') : t('import.progress.text', { processed: number(progress.processed), total: number(progress.total) })}
      </p>
      {job.status === 'failed' && job.error ? <p className="form-alert" role="alert">{job.error}</p> : null}
      <dl className="io-summary" aria-live="polite">
        {(['created', 'updated', 'skipped', 'rejected'] as const).map((key) => (
          <div key={key} className={`io-summary__item io-summary__item--${key}`}>
            <dt>{t(`import.summary.${key}`)}</dt>
            <dd data-count={key}>{number(progress[key])}</dd>
          </div>
        ))}
      </dl>
      {finished ? (
        <div className="io-buttons">
          {progress.rejected > 0 ? <a className="button button--primary" href={rejectsUrl} download>{t('import.summary.download')}</a> : null}
          <Link to={listPath} className="button button--secondary">{t('import.summary.back')}</Link>
          <button type="button" className="button button--secondary" onClick={onRestart}>{t('import.summary.again')}</button>
        </div>
      ) : null}
    </section>
  );
}
