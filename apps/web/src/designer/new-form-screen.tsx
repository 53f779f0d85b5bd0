import { useState, type FormEvent } from 'react';
import type { FormDefinition } from '@tangram/schema';
import { isApiError } from '../api/api-error';
import { describeError, describeProblem } from '../api/describe-error';
import type { CurrentUser } from '../api/endpoints';
import { useI18n } from '../i18n/i18n-provider';
import { Link, useRouter } from '../router/router';
import { AppShell } from '../shell/app-shell';
import { designerPaths } from './designer-paths';
import { designerMessages } from './designer-messages';
import { TextProperty } from './property-inputs';
import { useDesignerApi } from './use-designer-api';
import './designer.css';

/** `/apps/:app/design/new-form`: a name and a key, then straight into the designer. */
export function NewFormScreen({ user, appKey }: { user: CurrentUser; appKey: string }) {
  const { t, locale } = useI18n();
  const api = useDesignerApi(appKey);
  const { navigate } = useRouter();
  const [name, setName] = useState('');
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ name?: string[]; key?: string[]; other?: string }>({});

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError({});
    const section = { 'zh-CN': designerMessages['zh-CN']['designer.section.default'], en: designerMessages.en['designer.section.default'] };
    const body: FormDefinition = { schemaVersion: 1, key: key.trim(), name: name.trim() ? { [locale]: name.trim() } : {}, fields: [], layout: [{ id: 's1', title: section, columns: 1, fields: [] }] };
    try {
      await api.create(body);
      navigate(designerPaths(appKey).form(body.key));
    } catch (e) {
      const problems = isApiError(e) ? e.errors : [];
      const on = (prefix: string) => problems.filter((p) => p.path === prefix || p.path.startsWith(`${prefix}/`)).map((p) => describeProblem(p, locale));
      if (problems.length > 0) setError({ name: on('/name'), key: on('/key') });
      else setError({ other: describeError(e, t, locale) });
      setBusy(false);
    }
  };

  return (
    <AppShell user={user} crumb={<Link to={`/apps/${encodeURIComponent(appKey)}`} className="crumb"><span className="crumb__label">{appKey}</span></Link>} title={t('designer.newTitle')}>
      <div className="page">
        <form className="dz-new" onSubmit={(e) => void submit(e)} noValidate>
          <h1 className="page__title">{t('designer.newTitle')}</h1>
          <TextProperty label={t('designer.new.name')} value={name} onChange={setName} {...(error.name ? { problems: error.name } : {})} />
          <TextProperty label={t('designer.new.key')} value={key} onChange={(v) => setKey(v.toLowerCase())} hint={t('designer.new.hint')} {...(error.key ? { problems: error.key } : {})} />
          {error.other ? <p className="field__error" role="alert">{error.other}</p> : null}
          <button type="submit" className="button button--primary" disabled={busy}>{t('designer.new.create')}</button>
        </form>
      </div>
    </AppShell>
  );
}
