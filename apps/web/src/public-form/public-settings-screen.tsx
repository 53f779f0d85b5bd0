import { useMemo, useState, type FormEvent } from 'react';
import type { Locale, LocalizedText } from '@tangram/schema';
import { fieldLabel } from '@tangram/ui';
import { isApiError } from '../api/api-error';
import { describeError } from '../api/describe-error';
import type { CurrentUser } from '../api/endpoints';
import { FormAlert } from '../components/form-alert';
import { ErrorState, LoadingState } from '../components/state-views';
import { useLoad } from '../components/use-load';
import { useI18n } from '../i18n/i18n-provider';
import { WorkspaceFrame, type WorkspaceContext } from '../workspace/workspace-frame';
import { canPrefill, canShow, canSpotDuplicates } from './public-field-kinds';
import { publicFormAdminApi, type PublicFormAdmin, type PublicFormSettings } from './public-form-api';
import { SharePanel } from './share-panel';
import './public-settings.css';

type Settings = PublicFormSettings & { enabled: boolean };

const LANGUAGES: readonly Locale[] = ['zh-CN', 'en'];

/** Sets one language of a localized text, dropping it when emptied. */
function withText(value: LocalizedText | undefined, locale: Locale, next: string): LocalizedText | undefined {
  const merged: Record<string, string> = { ...(value ?? {}) };
  if (next.trim() === '') delete merged[locale];
  else merged[locale] = next;
  return Object.keys(merged).length > 0 ? (merged as LocalizedText) : undefined;
}

function toggled(list: readonly string[], key: string, on: boolean, order: readonly string[]): string[] {
  const set = new Set(list);
  if (on) set.add(key);
  else set.delete(key);
  return order.filter((k) => set.has(k));
}

function SettingsEditor({ ws, initial }: { ws: WorkspaceContext; initial: PublicFormAdmin }) {
  const { t, text, locale } = useI18n();
  const api = useMemo(() => publicFormAdminApi(locale, ws.appKey, ws.formKey), [locale, ws.appKey, ws.formKey]);
  const choices = useLoad(async () => {
    const [people, units] = await Promise.all([api.people(), api.orgUnits()]);
    return { people: people.items, units: units.items };
  }, [api]);
  const [saved, setSaved] = useState(initial);
  const [draft, setDraft] = useState<Settings>({ enabled: initial.enabled, ...initial.settings });
  const [status, setStatus] = useState<'idle' | 'saving' | 'saved' | 'rotating'>('idle');
  const [failure, setFailure] = useState<unknown>(null);
  const fields = ws.form.fields;
  const order = fields.map((f) => f.key);
  const set = (patch: Partial<Settings>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setStatus('idle');
  };

  const onSave = async (event: FormEvent) => {
    event.preventDefault();
    setStatus('saving');
    setFailure(null);
    try {
      const next = await api.save(draft);
      setSaved(next);
      setDraft({ enabled: next.enabled, ...next.settings });
      setStatus('saved');
    } catch (error) {
      setFailure(error);
      setStatus('idle');
    }
  };
  const onRotate = async () => {
    setStatus('rotating');
    try {
      setSaved(await api.rotate());
    } catch (error) {
      setFailure(error);
    }
    setStatus('idle');
  };

  const thank = draft.thankYou;
  const duplicateFields = fields.filter(canSpotDuplicates);
  const prefillable = fields.filter((f) => canPrefill(f) && !draft.fields.includes(f.key));
  return (
    <div className="pfs">
      <header className="page__header">
        <div>
          <h1 className="page__title">{t('publicForm.settings.title', { form: ws.formName })}</h1>
          <p className="page__subtitle">{t('publicForm.settings.intro')}</p>
        </div>
      </header>
      {saved.token ? (
        <SharePanel saved={saved} qrPng={api.qrPng} qrSvg={api.qrSvg} onRotate={() => void onRotate()} rotating={status === 'rotating'} />
      ) : (
        <p className="ws-notice" role="status">{t('publicForm.settings.notSaved')}</p>
      )}
      <form className="pfs-form" onSubmit={(e) => void onSave(e)} noValidate>
        <label className="pfs-switch">
          <input type="checkbox" checked={draft.enabled} onChange={(e) => set({ enabled: e.target.checked })} aria-describedby="pfs-enabled-hint" />
          <span>{t('publicForm.settings.enabled')}</span>
        </label>
        <p className="field__hint" id="pfs-enabled-hint">{t('publicForm.settings.enabledHint')}</p>

        <fieldset className="pfs-section">
          <legend className="pfs-section__title">{t('publicForm.settings.fields')}</legend>
          <p className="field__hint">{t('publicForm.settings.fieldsHint')}</p>
          <div className="pfs-checks">
            {fields.filter(canShow).map((field) => (
              <label key={field.key} className="pfs-check">
                <input type="checkbox" checked={draft.fields.includes(field.key)} onChange={(e) => set({ fields: toggled(draft.fields, field.key, e.target.checked, order), prefill: draft.prefill.filter((k) => k !== field.key) })} />
                <span>{fieldLabel(field, locale)}{field.required ? ' *' : ''}</span>
              </label>
            ))}
          </div>
        </fieldset>

        <fieldset className="pfs-section">
          <legend className="pfs-section__title">{t('publicForm.settings.prefill')}</legend>
          <p className="field__hint">{t('publicForm.settings.prefillHint')}</p>
          {prefillable.length === 0 ? <p className="ws-muted">{t('publicForm.settings.noPrefill')}</p> : null}
          <div className="pfs-checks">
            {prefillable.map((field) => (
              <label key={field.key} className="pfs-check">
                <input type="checkbox" checked={draft.prefill.includes(field.key)} onChange={(e) => set({ prefill: toggled(draft.prefill, field.key, e.target.checked, order) })} />
                <span>{fieldLabel(field, locale)} <code>?{field.key}=</code></span>
              </label>
            ))}
          </div>
        </fieldset>

        <div className="pfs-grid">
          <div className="field">
            <label className="field__label" htmlFor="pfs-owner">{t('publicForm.settings.owner')}</label>
            <select id="pfs-owner" className="field__input field__select" value={draft.ownerId ?? ''} onChange={(e) => set({ ownerId: e.target.value || null })}>
              <option value="">{t('publicForm.settings.ownerNone')}</option>
              {choices.kind === 'ready' ? choices.value.people.map((p) => <option key={p.id} value={p.id}>{p.name} · {p.email}</option>) : null}
              {draft.ownerId && choices.kind === 'ready' && !choices.value.people.some((p) => p.id === draft.ownerId) ? <option value={draft.ownerId}>{draft.ownerId}</option> : null}
            </select>
          </div>
          <div className="field">
            <label className="field__label" htmlFor="pfs-org">{t('publicForm.settings.orgUnit')}</label>
            <select id="pfs-org" className="field__input field__select" value={draft.orgUnitId ?? ''} onChange={(e) => set({ orgUnitId: e.target.value || null })}>
              <option value="">{t('publicForm.settings.ownerNone')}</option>
              {choices.kind === 'ready' ? choices.value.units.map((u) => <option key={u.id} value={u.id}>{text(u.name) || u.id}</option>) : null}
            </select>
          </div>
        </div>

        <fieldset className="pfs-section">
          <legend className="pfs-section__title">{t('publicForm.thanks.title')}</legend>
          <div className="pfs-grid pfs-grid--pairs">
            {LANGUAGES.map((lang) => (
              <div key={`title-${lang}`} className="field">
                <label className="field__label" htmlFor={`pfs-thank-title-${lang}`}>{t('publicForm.settings.thankTitle')} · {t(`language.${lang}`)}</label>
                <input id={`pfs-thank-title-${lang}`} lang={lang} className="field__input" value={thank.title?.[lang] ?? ''} onChange={(e) => set({ thankYou: { ...thank, title: withText(thank.title, lang, e.target.value) } })} />
              </div>
            ))}
            {LANGUAGES.map((lang) => (
              <div key={`message-${lang}`} className="field">
                <label className="field__label" htmlFor={`pfs-thank-message-${lang}`}>{t('publicForm.settings.thankMessage')} · {t(`language.${lang}`)}</label>
                <textarea id={`pfs-thank-message-${lang}`} lang={lang} rows={2} className="field__input" value={thank.message?.[lang] ?? ''} onChange={(e) => set({ thankYou: { ...thank, message: withText(thank.message, lang, e.target.value) } })} />
              </div>
            ))}
          </div>
          <div className="field">
            <label className="field__label" htmlFor="pfs-redirect">{t('publicForm.settings.redirect')}</label>
            <input id="pfs-redirect" type="url" className="field__input" placeholder="https://" value={thank.redirectUrl ?? ''} aria-describedby="pfs-redirect-hint"
              onChange={(e) => {
                const { redirectUrl: _old, ...rest } = thank;
                set({ thankYou: e.target.value.trim() ? { ...rest, redirectUrl: e.target.value.trim() } : rest });
              }} />
            <p className="field__hint" id="pfs-redirect-hint">{t('publicForm.settings.redirectHint')}</p>
          </div>
        </fieldset>

        <fieldset className="pfs-section">
          <legend className="pfs-section__title">{t('publicForm.settings.duplicate')}</legend>
          <div className="pfs-grid">
            <div className="field">
              <label className="field__label" htmlFor="pfs-dup-field">{t('publicForm.settings.duplicateField')}</label>
              <select id="pfs-dup-field" className="field__input field__select" value={draft.duplicate?.field ?? ''} onChange={(e) => set({ duplicate: e.target.value ? { field: e.target.value, days: draft.duplicate?.days ?? 30 } : null })}>
                <option value="">{t('publicForm.settings.duplicateOff')}</option>
                {duplicateFields.map((f) => <option key={f.key} value={f.key}>{fieldLabel(f, locale)}</option>)}
              </select>
            </div>
            {draft.duplicate ? (
              <div className="field">
                <label className="field__label" htmlFor="pfs-dup-days">{t('publicForm.settings.duplicateDays')}</label>
                <input id="pfs-dup-days" type="number" min={1} max={3650} className="field__input" value={draft.duplicate.days} onChange={(e) => set({ duplicate: { field: draft.duplicate!.field, days: Math.max(1, Math.round(Number(e.target.value) || 1)) } })} />
              </div>
            ) : null}
            <div className="field">
              <label className="field__label" htmlFor="pfs-rate">{t('publicForm.settings.rate')}</label>
              <input id="pfs-rate" type="number" min={1} max={10000} className="field__input" value={draft.rateLimitPerHour} onChange={(e) => set({ rateLimitPerHour: Math.max(1, Math.round(Number(e.target.value) || 1)) })} />
            </div>
          </div>
        </fieldset>

        <FormAlert message={failure ? describeError(failure, t, locale) : undefined} />
        <div className="ws-actions">
          {status === 'saved' ? <span className="pfs-saved" role="status">{t('publicForm.settings.saved')}</span> : null}
          <button type="submit" className="button button--primary" disabled={status === 'saving'}>
            {status === 'saving' ? t('publicForm.settings.saving') : t('publicForm.settings.save')}
          </button>
        </div>
      </form>
    </div>
  );
}

function SettingsLoader({ ws }: { ws: WorkspaceContext }) {
  const { t, locale } = useI18n();
  const settings = useLoad(() => publicFormAdminApi(locale, ws.appKey, ws.formKey).get(), [ws.appKey, ws.formKey]);
  if (settings.kind === 'loading') return <LoadingState label={t('common.loading')} />;
  if (settings.kind === 'failed') {
    const forbidden = isApiError(settings.error) && settings.error.status === 403;
    return <ErrorState title={t('publicForm.settings.link')} message={forbidden ? t('publicForm.settings.forbidden') : describeError(settings.error, t, locale)} retryLabel={t('common.retry')} {...(forbidden ? {} : { onRetry: settings.reload })} />;
  }
  return <SettingsEditor ws={ws} initial={settings.value} />;
}

/** `/apps/:app/forms/:form/public`: publish the form to the public and share it. */
export function PublicSettingsScreen({ user, appKey, formKey }: { user: CurrentUser; appKey: string; formKey: string }) {
  const { t } = useI18n();
  return (
    <WorkspaceFrame user={user} appKey={appKey} formKey={formKey} title={(name) => t('publicForm.settings.title', { form: name })}>
      {(ws) => <SettingsLoader ws={ws} />}
    </WorkspaceFrame>
  );
}
