import { useState, type FormEvent } from 'react';
import type { DashboardDefinition, DashboardFilters, FormDefinition } from '@tangram/schema';
import { fieldLabel } from '@tangram/ui';
import { useI18n } from '../i18n/i18n-provider';
import { DashDialog } from './dash-dialog';

/** Role keys typed as "hq, store_manager clerk" -> ["hq", "store_manager", "clerk"]. */
export function parseRoles(text: string): readonly string[] {
  return [...new Set(text.split(/[\s,，、]+/).map((r) => r.trim()).filter(Boolean))];
}

/**
 * A dashboard's name, the roles it is the default for (HQ, store manager, clerk…) and which fields its
 * global filters constrain. Fields are offered from the forms its charts read.
 */
export function DashboardSettingsDialog({ dashboard, forms, onSave, onClose }: { dashboard: DashboardDefinition; forms: ReadonlyMap<string, FormDefinition>; onSave: (next: DashboardDefinition) => void; onClose: () => void }) {
  const { t, text, locale } = useI18n();
  const [title, setTitle] = useState(text(dashboard.title));
  const [roles, setRoles] = useState((dashboard.roles ?? []).join(', '));
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
    const parsed = parseRoles(roles);
    const { roles: _old, ...rest } = dashboard;
    onSave({ ...rest, title: { ...dashboard.title, [locale]: title.trim() }, filters, ...(parsed.length > 0 ? { roles: parsed } : {}) });
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
        <div className="dash-designer__row">
          <label className="field__label" htmlFor="dash-settings-roles">
            {t('dash.settings.roles')}
          </label>
          <input id="dash-settings-roles" className="field__input" value={roles} placeholder="hq, store_manager, clerk" aria-describedby="dash-settings-roles-hint" onChange={(e) => setRoles(e.target.value)} />
          <p className="dash-well__empty" id="dash-settings-roles-hint">
            {t('dash.settings.rolesHint')}
          </p>
        </div>
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
