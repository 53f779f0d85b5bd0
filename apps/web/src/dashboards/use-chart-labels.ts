import { useMemo } from 'react';
import type { ChartLabels } from '@tangram/ui';
import { useI18n } from '../i18n/i18n-provider';

/** The charts' own words in the current language; a new object only when the language changes. */
export function useChartLabels(): ChartLabels {
  const { t, locale } = useI18n();
  return useMemo(
    () => ({
      loading: t('dash.chart.loading'),
      empty: t('dash.chart.empty'),
      emptyHint: t('dash.chart.emptyHint'),
      errorTitle: t('dash.chart.error'),
      retry: t('common.retry'),
      total: t('dash.chart.total'),
      others: t('dash.chart.others'),
      noValue: t('dash.chart.noValue'),
      rank: t('dash.chart.rank'),
      conversion: t('dash.chart.conversion'),
      overall: t('dash.chart.overall'),
      median: t('dash.chart.median'),
      previous: t('dash.chart.previous'),
      goal: t('dash.chart.goal'),
    }),
    // t changes with the locale.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [locale],
  );
}
