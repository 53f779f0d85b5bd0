import { useEffect, useMemo, useState } from 'react';
import type { DefinitionVersion, FormDefinition, OrgUnit, ReportCell, ReportColumn, ReportDefinition } from '@tangram/schema';
import { fieldLabel, localText } from '@tangram/ui';
import { useI18n } from '../i18n/i18n-provider';
import { createRecordsApi } from '../workspace/records-api';
import { useDashboardsApi } from './dashboards-api';

export interface FormCatalog {
  /** Published forms loaded so far, by key (a form the viewer cannot read stays missing). */
  readonly forms: ReadonlyMap<string, FormDefinition>;
  readonly orgUnits: readonly OrgUnit[];
  /** How a report's dimension value reads: option labels, store names, "(empty)". */
  readonly dimensionLabel: (report: ReportDefinition) => (column: string, value: ReportCell) => string;
  /** A result column's heading: the field's label, the measure's label or what it computes. */
  readonly columnLabel: (report: ReportDefinition) => (column: ReportColumn) => string;
}

/**
 * The published forms the dashboard's charts read, and the org units: what turns stored values into the
 * words people know. Loaded once per set of forms; a failure only costs the labels, not the charts.
 */
export function useFormCatalog(appKey: string, formKeys: readonly string[]): FormCatalog {
  const { t, locale } = useI18n();
  const api = useDashboardsApi(appKey);
  const [forms, setForms] = useState<ReadonlyMap<string, FormDefinition>>(new Map());
  const [orgUnits, setOrgUnits] = useState<readonly OrgUnit[]>([]);
  const wanted = [...new Set(formKeys)].sort().join(',');

  useEffect(() => {
    let live = true;
    const keys = wanted ? wanted.split(',') : [];
    void Promise.all(
      keys.map((key) =>
        createRecordsApi(() => locale, appKey, key)
          .latestForm()
          .then((v: DefinitionVersion<FormDefinition>) => [key, v.body] as const)
          .catch(() => null),
      ),
    ).then((loaded) => {
      if (live) setForms(new Map(loaded.filter((e): e is readonly [string, FormDefinition] => e !== null)));
    });
    return () => {
      live = false;
    };
    // The language only matters for error messages, which are dropped here.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [appKey, wanted]);

  useEffect(() => {
    let live = true;
    api.orgUnits().then((units) => live && setOrgUnits(units), () => undefined);
    return () => {
      live = false;
    };
  }, [api]);

  const dimensionLabel = useMemo(() => {
    const units = new Map(orgUnits.map((u) => [u.id, u.name]));
    return (report: ReportDefinition) => {
      const form = forms.get(report.source.form);
      const fieldOf = new Map(report.dimensions.map((d) => [d.key ?? d.field, d.field]));
      if (report.source.funnel) fieldOf.set('stage', report.source.funnel.field);
      return (column: string, value: ReportCell): string => {
        if (value === null || value === '') return t('dash.chart.empty.value');
        const fieldKey = fieldOf.get(column) ?? column;
        const field = form?.fields.find((f) => f.key === fieldKey);
        if (field && (field.kind === 'select' || field.kind === 'multiselect')) {
          const option = field.options.find((o) => o.value === value);
          if (option) return localText(option.label, locale) || option.value;
        }
        if (fieldKey === 'orgUnitId' || field?.kind === 'orgunit') {
          const name = units.get(String(value));
          if (name) return localText(name, locale) || String(value);
        }
        if (typeof value === 'boolean') return value ? t('workspace.field.yes') : t('workspace.field.no');
        return String(value);
      };
    };
  }, [forms, orgUnits, locale, t]);

  const columnLabel = useMemo(() => {
    const system: Readonly<Record<string, string>> = { createdAt: t('dash.field.createdAt'), ownerId: t('dash.field.ownerId'), orgUnitId: t('dash.field.orgUnitId') };
    const funnel: Readonly<Record<string, string>> = { reached: t('dash.col.reached'), conversion: t('dash.chart.conversion'), overall: t('dash.chart.overall'), medianSeconds: t('dash.chart.median') };
    return (report: ReportDefinition) => {
      const form = forms.get(report.source.form);
      const named = (key: string) => {
        const field = form?.fields.find((f) => f.key === key);
        return field ? fieldLabel(field, locale) : (system[key] ?? key);
      };
      const measure = (key: string): string | null => {
        const m = report.measures.find((x) => x.key === key);
        if (!m) return null;
        if (m.label) return localText(m.label, locale) || key;
        if (!m.field) return t('dash.field.count');
        return `${t(`dash.fn.${m.fn}` as const)} · ${named(m.field)}`;
      };
      return (column: ReportColumn): string => {
        if (column.label) return localText(column.label, locale) || column.key;
        if (column.role === 'dimension') {
          if (column.key === 'stage' && report.source.funnel) return named(report.source.funnel.field);
          return named(report.dimensions.find((d) => (d.key ?? d.field) === column.key)?.field ?? column.key);
        }
        const companion = /^(.*)_(previous|delta)$/.exec(column.key);
        if (companion && measure(companion[1]!)) return `${measure(companion[1]!)} (${t(companion[2] === 'previous' ? 'dash.chart.previous' : 'dash.col.delta')})`;
        return measure(column.key) ?? funnel[column.key] ?? column.key;
      };
    };
  }, [forms, locale, t]);

  return { forms, orgUnits, dimensionLabel, columnLabel };
}
