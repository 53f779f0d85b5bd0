import { useEffect, useRef, useState } from 'react';
import type { Locale } from '@tangram/schema';
import { describeError } from '../api/describe-error';
import { LoadingState } from '../components/state-views';
import type { I18n } from '../i18n/i18n-provider';
import { Link } from '../router/router';
import { useFocusTrap } from '../shell/use-focus-trap';
import { workspacePaths } from '../workspace/paths';
import type { PublishImpact } from '@tangram/schema';
import type { DesignerApi } from './designer-api';

type Step =
  | { readonly kind: 'loading' }
  | { readonly kind: 'failed'; readonly error: unknown }
  | { readonly kind: 'ready'; readonly impact: PublishImpact }
  | { readonly kind: 'publishing'; readonly impact: PublishImpact }
  | { readonly kind: 'done'; readonly version: number };

/**
 * Publishing, in two steps: first what the draft does to existing records (from the server's impact
 * preview), then a version note and the publish itself. `saveFirst` makes sure the server holds the
 * draft on screen before either step.
 */
export function PublishDialog({ api, appKey, formKey, saveFirst, onClose, onPublished, t, locale }: {
  api: DesignerApi; appKey: string; formKey: string; saveFirst: () => Promise<boolean>; onClose: () => void; onPublished: (version: number) => void; t: I18n['t']; locale: Locale;
}) {
  const [step, setStep] = useState<Step>({ kind: 'loading' });
  const [note, setNote] = useState('');
  const box = useRef<HTMLDivElement>(null);
  useFocusTrap(true, box);

  useEffect(() => {
    let live = true;
    void (async () => {
      if (!(await saveFirst())) {
        if (live) setStep({ kind: 'failed', error: new Error(t('designer.publish.blocked')) });
        return;
      }
      try {
        const impact = await api.preview(formKey);
        if (live) setStep({ kind: 'ready', impact });
      } catch (error) {
        if (live) setStep({ kind: 'failed', error });
      }
    })();
    return () => {
      live = false;
    };
  }, [api, formKey, saveFirst, t]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && step.kind !== 'publishing' && onClose();
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose, step.kind]);

  const publish = async (impact: PublishImpact) => {
    setStep({ kind: 'publishing', impact });
    try {
      const published = await api.publish(formKey, note.trim());
      setStep({ kind: 'done', version: published.version });
      onPublished(published.version);
    } catch (error) {
      setStep({ kind: 'failed', error });
    }
  };

  const impact = step.kind === 'ready' || step.kind === 'publishing' ? step.impact : null;
  return (
    <div className="ws-overlay">
      <div ref={box} className="ws-dialog dz-publish" role="dialog" aria-modal="true" aria-labelledby="dz-publish-title">
        <h2 id="dz-publish-title" className="ws-dialog__title">{t('designer.publish.title')}</h2>
        {step.kind === 'loading' ? <LoadingState label={t('designer.publish.loading')} /> : null}
        {step.kind === 'failed' ? (
          <p className="field__error" role="alert">{step.error instanceof Error && !('status' in step.error) ? step.error.message : describeError(step.error, t, locale)}</p>
        ) : null}
        {impact ? (
          <div className="dz-impact" aria-live="polite">
            {impact.fromVersion === null ? <p>{t('designer.publish.first')}</p> : null}
            {impact.fromVersion !== null && impact.changes.length === 0 ? <p>{t('designer.publish.none', { version: impact.fromVersion, total: impact.total })}</p> : null}
            {impact.fromVersion !== null && impact.changes.length > 0 ? (
              <>
                <p>{t('designer.publish.impact', { version: impact.fromVersion, total: impact.total })}</p>
                <ul className="dz-impact__list">
                  {impact.changes.map((change, i) => (
                    <li key={i} className={`dz-impact__item${change.affected > 0 ? ' dz-impact__item--hit' : ''}`} data-change={change.kind} data-field={change.field}>
                      <span className="badge">{t('designer.publish.affected', { count: change.affected })}</span>
                      <p className="dz-impact__message">{change.message}</p>
                      {change.samples.length > 0 ? (
                        <p className="dz-impact__samples">
                          {t('designer.publish.samples')}{' '}
                          {change.samples.map((s) => (
                            <Link key={s.id} to={workspacePaths(appKey, formKey).record(s.id)} className="dz-impact__sample">
                              #{s.id}{s.value !== undefined ? ` (${Array.isArray(s.value) ? s.value.join(', ') : String(s.value)})` : ''}
                            </Link>
                          ))}
                        </p>
                      ) : null}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            <p className="dz-prop__hint">{t('designer.publish.readable')}</p>
            <label className="dz-prop__label" htmlFor="dz-publish-note">{t('designer.publish.note')}</label>
            <textarea id="dz-publish-note" className="field__input" rows={3} maxLength={500} value={note} placeholder={t('designer.publish.notePlaceholder')} onChange={(e) => setNote(e.target.value)} />
          </div>
        ) : null}
        {step.kind === 'done' ? (
          <p role="status" className="dz-publish__done">{t('designer.publish.done', { version: step.version })}</p>
        ) : null}
        <div className="ws-dialog__actions">
          <button type="button" className="button button--secondary" onClick={onClose} disabled={step.kind === 'publishing'}>
            {step.kind === 'done' ? t('designer.publish.close') : t('designer.confirm.cancel')}
          </button>
          {step.kind === 'done' ? (
            <Link to={workspacePaths(appKey, formKey).list} className="button button--primary">{t('designer.openWorkspace')}</Link>
          ) : (
            <button type="button" className="button button--primary" disabled={!impact || step.kind === 'publishing'} onClick={() => impact && void publish(impact)}>
              {step.kind === 'publishing' ? t('designer.publish.publishing') : t('designer.publish.confirm')}
            </button>
          )}
        </div>
      </div>
    </div>
  );
}
