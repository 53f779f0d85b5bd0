import { useId } from 'react';
import { DASHBOARD_DATE_PRESETS, type DashboardDatePreset, type DashboardFilters, type FormDefinition, type OrgUnit } from '@tangram/schema';
import { localText } from '@tangram/ui';
import { useI18n } from '../i18n/i18n-provider';
import type { FilterChoice } from './filter-values';

/** The options of the channel field, taken from the first of the dashboard's forms that has it as a select. */
function channelOptions(field: string, forms: ReadonlyMap<string, FormDefinition>) {
  for (const form of forms.values()) {
    const f = form.fields.find((x) => x.key === field);
    if (f && (f.kind === 'select' || f.kind === 'multiselect')) return f.options;
  }
  return [];
}

/**
 * The dashboard's global filters: date (a preset or two days), store, channel and owner, each shown only
 * when the dashboard declares it. Every change reruns every chart.
 */
export function DashboardFilterBar({ filters, choice, initial, onChange, forms, orgUnits, userId }: { filters: DashboardFilters | undefined; choice: FilterChoice; initial: FilterChoice; onChange: (choice: FilterChoice) => void; forms: ReadonlyMap<string, FormDefinition>; orgUnits: readonly OrgUnit[]; userId: string }) {
  const { t, locale } = useI18n();
  const id = useId();
  if (!filters || Object.keys(filters).length === 0) return null;
  const date = choice.date;
  const dateValue = date === null ? '' : 'preset' in date ? date.preset : 'custom';
  const channels = filters.channel ? channelOptions(filters.channel.field, forms) : [];
  const stores = orgUnits.filter((u) => u.kind !== 'hq');

  return (
    <form className="dash-filters" role="search" aria-label={t('dash.filters.title')} onSubmit={(e) => e.preventDefault()}>
      {filters.dateRange ? (
        <div className="dash-filters__group">
          <label className="dash-filters__label" htmlFor={`${id}-date`}>
            {t('dash.filters.date')}
          </label>
          <select
            id={`${id}-date`}
            className="field__input field__select"
            value={dateValue}
            onChange={(e) => {
              const v = e.target.value;
              if (v === '') onChange({ ...choice, date: null });
              else if (v === 'custom') onChange({ ...choice, date: { from: '', to: '' } });
              else onChange({ ...choice, date: { preset: v as DashboardDatePreset } });
            }}
          >
            <option value="">{t('dash.filters.date.all')}</option>
            {DASHBOARD_DATE_PRESETS.map((p) => (
              <option key={p} value={p}>
                {t(`dash.preset.${p}` as const)}
              </option>
            ))}
            <option value="custom">{t('dash.filters.date.custom')}</option>
          </select>
          {date !== null && !('preset' in date) ? (
            <>
              <input type="date" className="field__input" aria-label={t('dash.filters.from')} value={date.from} max={date.to || undefined} onChange={(e) => onChange({ ...choice, date: { from: e.target.value, to: date.to } })} />
              <input type="date" className="field__input" aria-label={t('dash.filters.to')} value={date.to} min={date.from || undefined} onChange={(e) => onChange({ ...choice, date: { from: date.from, to: e.target.value } })} />
            </>
          ) : null}
        </div>
      ) : null}
      {filters.orgUnit ? (
        <div className="dash-filters__group">
          <label className="dash-filters__label" htmlFor={`${id}-store`}>
            {t('dash.filters.store')}
          </label>
          <select id={`${id}-store`} className="field__input field__select" value={choice.orgUnit ?? ''} onChange={(e) => onChange({ ...choice, orgUnit: e.target.value || null })}>
            <option value="">{t('dash.filters.store.all')}</option>
            {stores.map((u) => (
              <option key={u.id} value={u.id}>
                {localText(u.name, locale) || u.id}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {filters.channel ? (
        <div className="dash-filters__group">
          <label className="dash-filters__label" htmlFor={`${id}-channel`}>
            {t('dash.filters.channel')}
          </label>
          <select id={`${id}-channel`} className="field__input field__select" value={choice.channels[0] ?? ''} onChange={(e) => onChange({ ...choice, channels: e.target.value ? [e.target.value] : [] })}>
            <option value="">{t('dash.filters.channel.all')}</option>
            {channels.map((o) => (
              <option key={o.value} value={o.value}>
                {localText(o.label, locale) || o.value}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {filters.owner ? (
        <div className="dash-filters__group">
          <label className="dash-filters__label" htmlFor={`${id}-owner`}>
            {t('dash.filters.owner')}
          </label>
          <select id={`${id}-owner`} className="field__input field__select" value={choice.owners[0] ?? ''} onChange={(e) => onChange({ ...choice, owners: e.target.value ? [e.target.value] : [] })}>
            <option value="">{t('dash.filters.owner.all')}</option>
            <option value={userId}>{t('dash.filters.owner.me')}</option>
          </select>
        </div>
      ) : null}
      {JSON.stringify(choice) !== JSON.stringify(initial) ? (
        <button type="button" className="button button--secondary dash-filters__reset" onClick={() => onChange(initial)}>
          {t('dash.filters.reset')}
        </button>
      ) : null}
    </form>
  );
}
