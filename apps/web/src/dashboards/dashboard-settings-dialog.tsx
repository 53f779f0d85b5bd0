import { useState, type FormEvent } from 'react';
import type { DashboardDefinition, DashboardFilters, FormDefinition } from '@tangram/schema';
import { fieldLabel } from '@tangram/ui';
import { describeError } from '../api/describe-error';
import { useLoad } from '../components/use-load';
import { useI18n } from '../i18n/i18n-provider';
import { DashDialog } from './dash-dialog';
import type { DashboardsApi } from './dashboards-api';

/** The app's roles as checkboxes; a key the dashboard names that is no longer a role stays, marked, to be unticked. */
function RolePicker({ api, chosen, onChange }: { api: Pick<DashboardsApi, 'roles'>; chosen: readonly string[]; onChange: (next: readonly string[]) => void }) {
  const { t, text, locale } = useI18n();
  const roles = useLoad(() => api.roles(), [api]);
  const toggle = (key: string, on: boolean) => onChange(on ? [...chosen, key] : chosen.filter((k) => k !== key));
  if (roles.kind === 'loading') return <p className="dash-well__empty">{t('dash.settings.rolesLoading')}</p>;
  if (roles.kind === 'failed') {
    return (
      <p className="field__error" role="alert">
        {t('dash.settings.rolesFailed', { reason: describeError(roles.error, t, locale) })}{' '}
        <button type="button" className="button button--secondary" onClick={roles.reload}>
          {t('common.retry')}
        </button>
      </p>
    );
  }
  const known = new Set(roles.value.map((r) => r.key));
  const entries = [
    ...roles.value.map((r) => ({ key: r.key, label: text(r.name) })),
    ...chosen.filter((k) => !known.has(k)).map((k) => ({ key: k, label: t('dash.settings.roleGone', { key: k }) })),
  ];
  if (entries.length === 0) return <p className="dash-well__empty">{t('dash.settings.rolesEmpty')}</p>;
  return (
    <div className="dash-settings__roles">
      {entries.map((r) => (
        <label key={r.key} className="dash-settings__role">
          <input type="checkbox" checked={chosen.includes(r.key)} onChange={(e) => toggle(r.key, e.target.checked)} />
          <span>{r.label}</span>
          <code className="dash-settings__role-key">{r.key}</code>
        </label>
      ))}
    </div>
  );
}

/**
 * A dashboard's name, the roles it is the default for (HQ, store manager, clerk…) and which fields its
 * global filters constrain. Fields are offered from the forms its charts read.
 */
export function DashboardSettingsDialog({ dashboard, forms, api, onSave, onClose }: { dashboard: DashboardDefinition; forms: ReadonlyMap<string, FormDefinition>; api: Pick<DashboardsApi, 'roles'>; onSave: (next: DashboardDefinition) => void; onClose: () => void }) {
  const { t, text, locale } = useI18n();
  const [title, setTitle] = useState(text(dashboard.title));
  const [roles, setRoles] = useState<readonly string[]>(dashboard.roles ?? []);
  const [filters, setFilters] = useState<DashboardFilters>(dashboard.filters ?? {});
  const [error, setError] = useState<string | null>(null);
  const all = [...forms.values()].flatMap((f) => f.fields);
  const unique = <T extends { key: string }>(fields: readonly T[]) => fields.filter((f, i) => fields.findIndex((g) => g.key === f.key) === i);
  const dates = [{ key: 'createdAt', label: t('dash.field.createdAt') }, ...unique(all.filter((f) => f.kind === 'date' || f.kind === 'datetime')).map((f) => ({ key: f.key, label: fieldLabel(f, locale) }))];
  const selects = unique(all.filter((f) => f.kind === 'select')).map((f) => ({ key: f.key, label: fieldLabel(f, locale) }));

  const set = (name: keyof DashboardFilters, field: string) => {
    const { [name]: _dropped, ...rest } = filters;
    setFilters(field ? { ...rest, [name]: name === 'dateRange' ? { field, ...(filters.dateRange?.default ? { default: filters.dateRange.default } : {}) } : { field } } : rest);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!title.trim()) {
      setError(t('dash.new.nameRequired'));
      return;
    }
    const { roles: _old, ...rest } = dashboard;
    onSave({ ...rest, title: { ...dashboard.title, [locale]: title.trim() }, filters, ...(roles.length > 0 ? { roles } : {}) });
  };
  const select = (id: string, label: string, name: keyof DashboardFilters, options: readonly { key: string; label: string }[]) => (
    <div className="dash-designer__row">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <select id={id} className="field__input field__select" value={filters[name]?.field ?? ''} onChange={(e) => set(name, e.target.value)}>
        <option value="">{t('dash.filters.none')}</option>
        {options.map((o) => (
          <option key={o.key} value={o.key}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <DashDialog title={t('dash.settings')} onClose={onClose}>
      <form onSubmit={submit} noValidate className="dash-settings">
        <div className="dash-designer__row">
          <label className="field__label" htmlFor="dash-settings-title">
            {t('dash.new.name')}
          </label>
          <input id="dash-settings-title" className="field__input" value={title} onChange={(e) => setTitle(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? 'dash-settings-error' : undefined} />
          {error ? (
            <p id="dash-settings-error" className="field__error" role="alert">
              {error}
            </p>
          ) : null}
        </div>
        <fieldset className="dash-designer__row dash-settings__fieldset" aria-describedby="dash-settings-roles-hint">
          <legend className="field__label">{t('dash.settings.roles')}</legend>
          <p className="dash-well__empty" id="dash-settings-roles-hint">
            {t('dash.settings.rolesHint')}
          </p>
          <RolePicker api={api} chosen={roles} onChange={setRoles} />
        </fieldset>
        {select('dash-settings-date', t('dash.filters.date'), 'dateRange', dates)}
        {select('dash-settings-store', t('dash.filters.store'), 'orgUnit', [{ key: 'orgUnitId', label: t('dash.field.orgUnitId') }])}
        {select('dash-settings-channel', t('dash.filters.channel'), 'channel', selects)}
        {select('dash-settings-owner', t('dash.filters.owner'), 'owner', [{ key: 'ownerId', label: t('dash.field.ownerId') }])}
        <div className="dash-dialog__actions">
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t('dash.cancel')}
          </button>
          <button type="submit" className="button button--primary">
            {t('dash.save')}
          </button>
        </div>
      </form>
    </DashDialog>
  );
}
