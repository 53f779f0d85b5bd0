import { useState } from 'react';
import type { DashboardDefinition, ReportResult } from '@tangram/schema';
import { textPng } from '@tangram/ui';
import { useI18n } from '../i18n/i18n-provider';
import { inlineReport } from './chart-tile';
import { DashDialog } from './dash-dialog';
import { download } from './export-data';
import { shanghaiToday } from './filter-values';
import { summaryText, type SummaryChart } from './summary';
import type { FormCatalog } from './use-form-catalog';

/** The dashboard as a short message (title, key numbers with deltas, a link) to copy, or as a PNG. */
export function SummaryDialog({ dashboard, results, catalog, link, onClose }: { dashboard: DashboardDefinition; results: ReadonlyMap<string, ReportResult>; catalog: FormCatalog; link: string; onClose: () => void }) {
  const { t, text, locale } = useI18n();
  const [copied, setCopied] = useState(false);
  const title = text(dashboard.title) || dashboard.key;
  const charts: SummaryChart[] = dashboard.layout.flatMap((item) => {
    const report = inlineReport(item);
    if (!report) return [];
    return [{ title: text(report.title) || t('dash.tile.untitled'), kind: report.chart.kind, result: results.get(item.id), dimensionLabel: catalog.dimensionLabel(report) }];
  });
  const words = { total: t('dash.summary.total'), top: t('dash.summary.top'), overall: t('dash.summary.overall'), open: t('dash.summary.open'), separator: t('dash.summary.separator') };
  const message = summaryText(title, shanghaiToday(new Date()), charts, link, locale, words);
  const lines = message.split('\n');

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(message);
      setCopied(true);
    } catch {
      // Without clipboard access (plain http, a refused permission) the text stays selectable in the box.
      setCopied(false);
    }
  };
  const png = () => {
    const image = textPng(lines[0] ?? title, lines.slice(1).map((l) => [l]));
    if (image) download(`${title}.png`, image);
  };

  return (
    <DashDialog title={t('dash.summary.title')} onClose={onClose}>
      <p className="dash-dialog__hint">{t('dash.summary.hint')}</p>
      <textarea className="field__input dash-summary" readOnly value={message} rows={Math.min(12, lines.length + 1)} aria-label={t('dash.summary.title')} onFocus={(e) => e.currentTarget.select()} />
      <div className="dash-dialog__actions">
        <button type="button" className="button button--secondary" onClick={onClose}>
          {t('common.close')}
        </button>
        <button type="button" className="button button--secondary" onClick={png}>
          {t('dash.summary.png')}
        </button>
        <button type="button" className="button button--primary" data-autofocus onClick={() => void copy()}>
          {copied ? t('dash.summary.copied') : t('dash.summary.copy')}
        </button>
      </div>
    </DashDialog>
  );
}
