import { useEffect, useMemo, useState } from 'react';
import { CHART_KINDS, type DashboardDefinition, type FormDefinition, type LocalizedText, type ReportDefinition } from '@tangram/schema';
import { Chart, fieldLabel, localText } from '@tangram/ui';
import { useApi } from '../api/api-provider';
import { describeError } from '../api/describe-error';
import type { CurrentUser } from '../api/endpoints';
import { ErrorState, LoadingState } from '../components/state-views';
import { useLoad } from '../components/use-load';
import { useI18n } from '../i18n/i18n-provider';
import { Link, useRouter } from '../router/router';
import { latestForms } from '../screens/latest-forms';
import { inlineReport } from './chart-tile';
import { DashboardFrame } from './dashboard-frame';
import { useDashboardsApi, type DashboardsApi } from './dashboards-api';
import { designerGaps, dimensionFields, dimensionFor, fromReport, measureFields, measureFor, stageFields, SYSTEM_DIMENSIONS, toReport, type DesignerState } from './designer-model';
import { DesignerWells, type PaletteField, type Well } from './designer-wells';
import { presetRange, shanghaiToday } from './filter-values';
import { nextSlot } from './grid-layout';
import { dashboardPaths } from './paths';
import { useChartLabels } from './use-chart-labels';
import { useFormCatalog } from './use-form-catalog';
import { useReportResult } from './use-report-result';

/** A form a chart can read, with its name for the source list. */
interface Source {
  readonly key: string;
  readonly name: LocalizedText | undefined;
}

const EMPTY: DesignerState = { form: '', title: '', kind: 'column', dimensions: [], measures: [], funnelField: null, stages: [], compare: false };

/** Waits until the wells have been still for a moment before asking the server for a preview. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

function Designer({ appKey, dashboard, itemId, api, sources }: { appKey: string; dashboard: DashboardDefinition; itemId: string | null; api: DashboardsApi; sources: readonly Source[] }) {
  const { t, locale } = useI18n();
  const { navigate } = useRouter();
  const labels = useChartLabels();
  const editing = itemId ? dashboard.layout.find((i) => i.id === itemId) : undefined;
  const editingReport = editing ? inlineReport(editing) : null;
  const [state, setState] = useState<DesignerState>(() => (editingReport ? fromReport(editingReport) : { ...EMPTY, form: sources[0]?.key ?? '' }));
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const catalog = useFormCatalog(appKey, state.form ? [state.form] : []);
  const form: FormDefinition | undefined = catalog.forms.get(state.form);
  const fresh = useMemo(() => `c_${Date.now().toString(36)}`, []);
  const key = editing?.id ?? fresh;
  const report = toReport(state, key);
  const preview = useSettled(report, 400);
  // Comparing periods needs a date range: the preview uses the last 30 days, as new dashboards do.
  const previewFilters = useMemo(() => (state.compare ? { dateRange: { field: 'createdAt', ...presetRange('last30Days', shanghaiToday(new Date())) } } : {}), [state.compare]);
  const run = useReportResult(api, preview, previewFilters, 0);
  const gaps = designerGaps(state);

  const system: Record<(typeof SYSTEM_DIMENSIONS)[number], string> = { createdAt: t('dash.field.createdAt'), ownerId: t('dash.field.ownerId'), orgUnitId: t('dash.field.orgUnitId') };
  const labelOf = (k: string | null) => (k === null ? t('dash.field.count') : k in system ? system[k as keyof typeof system] : form ? fieldLabel(form.fields.find((f) => f.key === k) ?? { key: k, label: undefined as never }, locale) : k);
  const isDate = (k: string) => k === 'createdAt' || ['date', 'datetime'].includes(form?.fields.find((f) => f.key === k)?.kind ?? '');
  const palette: PaletteField[] = form
    ? [
        { key: null, label: t('dash.field.count'), asDimension: false, asMeasure: true, isDate: false },
        ...form.fields
          .filter((f) => dimensionFields(form).includes(f) || measureFields(form).includes(f))
          .map((f) => ({ key: f.key, label: fieldLabel(f, locale), asDimension: dimensionFields(form).includes(f), asMeasure: measureFields(form).includes(f), isDate: isDate(f.key) })),
        ...SYSTEM_DIMENSIONS.map((k) => ({ key: k, label: system[k], asDimension: true, asMeasure: false, isDate: k === 'createdAt' })),
      ]
    : [];

  const add = (field: PaletteField, well: Well) => {
    const formField = form?.fields.find((f) => f.key === field.key) ?? null;
    if (well === 'measures') setState((s) => ({ ...s, measures: [...s.measures, measureFor(formField)] }));
    else if (field.key !== null) {
      const key = field.key;
      const dim = formField ? dimensionFor(formField) : dimensionFor({ key, kind: key === 'createdAt' ? 'datetime' : key === 'ownerId' ? 'user' : 'orgunit' });
      setState((s) => (s.dimensions.length >= 3 ? s : { ...s, dimensions: [...s.dimensions, dim] }));
    }
  };

  const save = async () => {
    if (!report) return;
    setSaving(true);
    setSaveError(null);
    try {
      // Read the dashboard again: someone may have arranged it since this page opened.
      const current = (await api.get(dashboard.key)).dashboard;
      const exists = current.layout.some((i) => i.id === key);
      const layout = exists
        ? current.layout.map((i) => (i.id === key ? { ...i, report } : i))
        : [...current.layout, { id: key, report, ...nextSlot(current.layout, state.kind === 'kpi' || state.kind === 'gauge' ? 3 : 6, state.kind === 'kpi' ? 2 : 4) }];
      await api.save({ ...current, layout });
      navigate(dashboardPaths(appKey).dashboard(dashboard.key));
    } catch (error) {
      setSaveError(describeError(error, t, locale));
      setSaving(false);
    }
  };

  const stageField = form?.fields.find((f) => f.key === state.funnelField);
  const stageOptions = stageField && stageField.kind === 'select' ? stageField.options : [];
  const funnel = state.kind === 'funnel';

  return (
    <div className="dash-designer">
      <div className="dash-designer__setup">
        <div className="dash-designer__row">
          <label className="field__label" htmlFor="dash-source">
            {t('dash.designer.source')}
          </label>
          <select id="dash-source" className="field__input field__select" value={state.form} onChange={(e) => setState({ ...EMPTY, title: state.title, kind: state.kind, form: e.target.value })}>
            <option value="">{t('dash.designer.chooseForm')}</option>
            {sources.map((source) => (
              <option key={source.key} value={source.key}>
                {localText(source.name, locale) || source.key}
              </option>
            ))}
          </select>
        </div>
        <div className="dash-designer__row">
          <label className="field__label" htmlFor="dash-chart-title">
            {t('dash.designer.chartTitle')}
          </label>
          <input id="dash-chart-title" className="field__input" value={state.title} onChange={(e) => setState({ ...state, title: e.target.value })} />
        </div>
        {state.kind !== 'funnel' ? (
          <label className="dash-designer__check">
            <input type="checkbox" checked={state.compare} onChange={(e) => setState({ ...state, compare: e.target.checked })} />
            {t('dash.designer.compare')}
          </label>
        ) : null}
        <fieldset className="dash-kinds">
          <legend className="field__label">{t('dash.designer.kind')}</legend>
          {CHART_KINDS.map((kind) => (
            <label key={kind} className={`dash-kind${state.kind === kind ? ' dash-kind--on' : ''}`}>
              <input type="radio" name="dash-kind" value={kind} checked={state.kind === kind} onChange={() => setState({ ...state, kind })} />
              {t(`dash.kind.${kind}` as const)}
            </label>
          ))}
        </fieldset>
      </div>

      {form && funnel ? (
        <div className="dash-designer__funnel">
          <div className="dash-designer__row">
            <label className="field__label" htmlFor="dash-stage-field">
              {t('dash.designer.stageField')}
            </label>
            <select
              id="dash-stage-field"
              className="field__input field__select"
              value={state.funnelField ?? ''}
              onChange={(e) => {
                const f = form.fields.find((x) => x.key === e.target.value);
                setState({ ...state, funnelField: e.target.value || null, stages: f && f.kind === 'select' ? f.options.map((o) => o.value) : [] });
              }}
            >
              <option value="">{t('dash.designer.chooseForm')}</option>
              {stageFields(form).map((f) => (
                <option key={f.key} value={f.key}>
                  {fieldLabel(f, locale)}
                </option>
              ))}
            </select>
          </div>
          {stageOptions.length > 0 ? (
            <fieldset className="dash-stages">
              <legend className="field__label">{t('dash.designer.stages')}</legend>
              {stageOptions.map((o) => (
                <label key={o.value} className="dash-stage">
                  <input
                    type="checkbox"
                    checked={state.stages.includes(o.value)}
                    onChange={(e) =>
                      setState({ ...state, stages: stageOptions.map((x) => x.value).filter((v) => (v === o.value ? e.target.checked : state.stages.includes(v))) })
                    }
                  />
                  {localText(o.label, locale) || o.value}
                </label>
              ))}
            </fieldset>
          ) : null}
          <div className="dash-designer__row">
            <label className="field__label" htmlFor="dash-split">
              {t('dash.designer.split')}
            </label>
            <select id="dash-split" className="field__input field__select" value={state.dimensions[0]?.field ?? ''} onChange={(e) => setState({ ...state, dimensions: e.target.value ? [{ field: e.target.value }] : [] })}>
              <option value="">{t('dash.designer.noSplit')}</option>
              {[...dimensionFields(form).filter((f) => f.kind === 'select' || f.kind === 'user' || f.kind === 'orgunit').map((f) => f.key), 'ownerId', 'orgUnitId'].map((k) => (
                <option key={k} value={k}>
                  {labelOf(k)}
                </option>
              ))}
            </select>
          </div>
        </div>
      ) : null}

      {form && !funnel ? (
        <DesignerWells
          fields={palette}
          dimensions={state.dimensions}
          measures={state.measures}
          showDimensions
          labelOf={labelOf}
          isDate={isDate}
          onAdd={add}
          onDimensions={(dimensions) => setState((s) => ({ ...s, dimensions }))}
          onMeasures={(measures) => setState((s) => ({ ...s, measures }))}
        />
      ) : null}

      <section className="dash-preview" aria-labelledby="dash-preview-title">
        <h2 className="section-title" id="dash-preview-title">
          {t('dash.designer.preview')}
        </h2>
        {gaps.length > 0 ? (
          <p className="dash-well__empty">{gaps.map((g) => t(`dash.designer.${g}` as const)).join(' · ')}</p>
        ) : preview ? (
          <Chart kind={preview.chart.kind} options={preview.chart.options} status={run.status} locale={locale} labels={labels} dimensionLabel={catalog.dimensionLabel(preview)} columnLabel={catalog.columnLabel(preview)} title={state.title || t('dash.tile.untitled')} height={300} />
        ) : null}
      </section>

      {saveError ? (
        <p className="dash-alert" role="alert">
          {saveError}
        </p>
      ) : null}
      <div className="dash-designer__actions">
        <Link to={dashboardPaths(appKey).dashboard(dashboard.key)} className="button button--secondary">
          {t('dash.designer.back')}
        </Link>
        <button type="button" className="button button--primary" disabled={!report || saving} onClick={() => void save()}>
          {saving ? t('dash.saving') : t('dash.designer.save')}
        </button>
      </div>
    </div>
  );
}

/** `/apps/:app/dashboards/:key/design[?item=id]`: build a chart (or change one) and save it to the dashboard. */
export function ReportDesignerScreen({ user, appKey, dashKey, itemId }: { user: CurrentUser; appKey: string; dashKey: string; itemId: string | null }) {
  const { t, text, locale } = useI18n();
  const shell = useApi();
  const api = useDashboardsApi(appKey);
  const data = useLoad(async () => {
    const [saved, forms] = await Promise.all([api.get(dashKey), shell.listForms(appKey).catch(() => [])]);
    const published: Source[] = latestForms(forms).filter((f) => f.status === 'published').map((f) => ({ key: f.key, name: f.body?.name }));
    // Forms the viewer can list; a chart already on the dashboard keeps its form even when it is not listed.
    const used = saved.dashboard.layout.map(inlineReport).filter((r): r is ReportDefinition => r !== null).map((r) => r.source.form);
    const sources = [...published, ...[...new Set(used)].filter((k) => !published.some((p) => p.key === k)).map((key) => ({ key, name: undefined }))];
    return { dashboard: saved.dashboard, sources };
  }, [api, shell, appKey, dashKey]);
  const title = data.kind === 'ready' ? text(data.value.dashboard.title) || dashKey : dashKey;
  return (
    <DashboardFrame user={user} appKey={appKey} title={t('dash.designer.title')} current={{ label: title, to: dashboardPaths(appKey).dashboard(dashKey) }}>
      <header className="page__header">
        <h1 className="page__title">{t('dash.designer.title')}</h1>
      </header>
      {data.kind === 'loading' ? <LoadingState label={t('common.loading')} /> : null}
      {data.kind === 'failed' ? <ErrorState title={t('dash.error.title')} message={describeError(data.error, t, locale)} retryLabel={t('common.retry')} onRetry={data.reload} /> : null}
      {data.kind === 'ready' && data.value.sources.length === 0 ? <p className="dash-well__empty">{t('dash.designer.noForms')}</p> : null}
      {data.kind === 'ready' && data.value.sources.length > 0 ? <Designer appKey={appKey} dashboard={data.value.dashboard} itemId={itemId} api={api} sources={data.value.sources} /> : null}
    </DashboardFrame>
  );
}

