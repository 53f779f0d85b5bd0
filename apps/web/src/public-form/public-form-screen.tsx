import { useMemo, useRef, useState, type FormEvent } from 'react';
import type { Problem } from '@tangram/schema';
import { checkDraft, draftFromRecord, fieldStates, FormRenderer, placeProblems, toRecordInput, type Draft } from '@tangram/ui';
import { isApiError } from '../api/api-error';
import { describeError, describeProblem } from '../api/describe-error';
import { FormAlert } from '../components/form-alert';
import { ErrorState, LoadingState } from '../components/state-views';
import { useLoad } from '../components/use-load';
import { useI18n } from '../i18n/i18n-provider';
import { useRouter } from '../router/router';
import { useDocumentTitle } from '../shell/use-document-title';
import { LanguageSwitch } from '../shell/language-switch';
import { formLabels } from '../workspace/form-labels';
import { publicFormApi, type PublicFormView, type ThankYou } from './public-form-api';
import './public-form.css';

/** Link parameters (`?channel=expo&store=sh01`); the server reads only those the form allows. */
function linkParams(search: string): Record<string, string> {
  return Object.fromEntries([...new URLSearchParams(search)].slice(0, 30));
}

function PublicFormBody({ token, view }: { token: string; view: PublicFormView }) {
  const { t, text, locale } = useI18n();
  const { location } = useRouter();
  const { form } = view;
  const params = useMemo(() => linkParams(location.search), [location.search]);
  const initial = useMemo(() => draftFromRecord(form, Object.fromEntries(form.fields.filter((f) => f.key in params).map((f) => [f.key, params[f.key]]))), [form, params]);
  const [draft, setDraft] = useState<Draft>(initial);
  const [honeypot, setHoneypot] = useState('');
  const [showErrors, setShowErrors] = useState(false);
  const [serverProblems, setServerProblems] = useState<readonly Problem[]>([]);
  const [failure, setFailure] = useState<unknown>(null);
  const [sending, setSending] = useState(false);
  const [thanks, setThanks] = useState<ThankYou | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  const ctx = { now: new Date().toISOString(), user: { id: '', orgUnitIds: [] as string[] } };
  const input = toRecordInput(form, draft, 'create', undefined);
  const states = fieldStates(form, input, ctx);
  const keys = useMemo(() => form.fields.map((f) => f.key), [form]);
  const local = showErrors ? checkDraft(form, input, { ...ctx, mode: 'create' }) : undefined;
  const placed = placeProblems([...(local?.problems ?? []), ...serverProblems], keys);
  const errors = Object.fromEntries(Object.entries(placed.byPath).map(([path, problem]) => [path, describeProblem(problem, locale)]));
  const errorCount = Object.keys(errors).length;

  const focusFirstError = () =>
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], .field--invalid input')?.focus());

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setShowErrors(true);
    setServerProblems([]);
    setFailure(null);
    // The same engine the server runs: most mistakes are shown before anything is sent.
    if (checkDraft(form, input, { ...ctx, mode: 'create' }).problems.length > 0) return focusFirstError();
    setSending(true);
    try {
      const answer = await publicFormApi.submit(locale, token, { data: input, params, website: honeypot });
      const redirect = answer.thankYou.redirectUrl;
      if (redirect && /^https?:\/\//.test(redirect)) {
        window.location.assign(redirect);
        return;
      }
      setThanks(answer.thankYou);
    } catch (error) {
      if (isApiError(error) && error.status === 422 && error.errors.length > 0) {
        setServerProblems(error.errors);
        if (placeProblems(error.errors, keys).general.length > 0) setFailure(error);
        focusFirstError();
      } else setFailure(error);
    } finally {
      setSending(false);
    }
  };

  if (thanks) {
    return (
      <section className="pf-thanks" aria-live="polite">
        <div className="pf-thanks__icon" aria-hidden="true">
          <svg viewBox="0 0 48 48"><circle cx="24" cy="24" r="22" fill="var(--c-success)" opacity="0.15" /><path d="M14 25l7 7 13-15" fill="none" stroke="var(--c-success)" strokeWidth="4" strokeLinecap="round" strokeLinejoin="round" /></svg>
        </div>
        <h1 className="pf-thanks__title">{text(thanks.title) || t('publicForm.thanks.title')}</h1>
        <p className="pf-thanks__message">{text(thanks.message) || t('publicForm.thanks.message')}</p>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            setDraft(initial);
            setShowErrors(false);
            setThanks(null);
          }}
        >
          {t('publicForm.thanks.again')}
        </button>
      </section>
    );
  }

  const tooMany = isApiError(failure) && failure.status === 429;
  const message = failure ? (tooMany ? t('publicForm.tooMany') : describeError(failure, t, locale)) : showErrors && errorCount > 0 ? t('publicForm.fixErrors', { count: errorCount }) : undefined;
  return (
    <form ref={formRef} className="pf-form" onSubmit={(e) => void onSubmit(e)} noValidate>
      <h1 className="pf-form__title">{text(form.name)}</h1>
      {form.description ? <p className="pf-form__intro">{text(form.description)}</p> : null}
      <FormAlert message={message} />
      <FormRenderer
        form={form}
        draft={draft}
        states={states}
        errors={errors}
        locale={locale}
        labels={formLabels(t)}
        onChange={(key, value) => {
          setDraft((d) => Object.freeze({ ...d, [key]: value }));
          setServerProblems((problems) => problems.filter((p) => !p.path.startsWith(`/data/${key}`)));
        }}
      />
      {/* Off-screen for people, tempting for robots: a filled one is answered like a success and dropped. */}
      <div className="pf-honeypot" aria-hidden="true">
        <label>
          {t('publicForm.honeypot')}
          <input type="text" name="website" tabIndex={-1} autoComplete="off" value={honeypot} onChange={(e) => setHoneypot(e.target.value)} />
        </label>
      </div>
      <button type="submit" className="button button--primary pf-form__submit" disabled={sending}>
        {sending ? t('publicForm.submitting') : t('publicForm.submit')}
      </button>
    </form>
  );
}

/** `/f/:token`: the public page, no sign-in and no app shell, made for a phone first. */
export function PublicFormScreen({ token }: { token: string }) {
  const { t, text, locale } = useI18n();
  const view = useLoad(() => publicFormApi.open(locale, token), [token]);
  useDocumentTitle(view.kind === 'ready' ? text(view.value.form.name) : undefined, t('app.name'));
  return (
    <div className="pf-page">
      <header className="pf-page__bar">
        <LanguageSwitch />
      </header>
      <main className="pf-card">
        {view.kind === 'loading' ? <LoadingState label={t('publicForm.loading')} /> : null}
        {view.kind === 'failed' ? (
          isApiError(view.error) && view.error.status === 404 ? (
            <ErrorState title={t('publicForm.unavailable.title')} message={t('publicForm.unavailable.hint')} retryLabel={t('common.retry')} />
          ) : (
            <ErrorState title={t('publicForm.unavailable.title')} message={describeError(view.error, t, locale)} retryLabel={t('common.retry')} onRetry={view.reload} />
          )
        ) : null}
        {view.kind === 'ready' ? <PublicFormBody token={token} view={view.value} /> : null}
      </main>
      <footer className="pf-page__foot">{t('publicForm.poweredBy')}</footer>
    </div>
  );
}
