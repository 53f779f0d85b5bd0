/**
 * The import and export buttons of a form's list. Export downloads the view on screen (its filter, sort
 * and columns) through the server, which applies the caller's row scope and hidden fields again.
 */
import type { JsonLogic } from '@tangram/schema';
import { useMemo } from 'react';
import { useLoad } from '../components/use-load';
import { useI18n } from '../i18n/i18n-provider';
import { Link } from '../router/router';
import { createImportApi, exportUrl } from './import-api';
import { importPath } from './import-routes';
import './import.css';

export function ImportExportActions({ appKey, formKey, filter, sort, columns }: {
  appKey: string;
  formKey: string;
  filter: JsonLogic | undefined;
  sort: string | undefined;
  columns: readonly string[];
}) {
  const { t, locale } = useI18n();
  const api = useMemo(() => createImportApi(() => locale, appKey, formKey), [appKey, formKey, locale]);
  const access = useLoad(() => api.access(), [api]);
  if (access.kind !== 'ready') return null;
  const can = (action: string) => access.value.actions.includes(action);
  return (
    <div className="io-actions">
      {can('export') ? (
        <>
          <a className="button button--secondary ws-header__action" href={exportUrl(appKey, formKey, 'xlsx', { filter, sort, columns })} download title={t('import.export.hint')}>
            {t('import.export.xlsx')}
          </a>
          <a className="button button--secondary ws-header__action io-actions__csv" href={exportUrl(appKey, formKey, 'csv', { filter, sort, columns })} download title={t('import.export.hint')}>
            {t('import.export.csv')}
          </a>
        </>
      ) : null}
      {can('import') ? (
        <Link to={importPath(appKey, formKey)} className="button button--secondary ws-header__action">
          {t('import.open')}
        </Link>
      ) : null}
    </div>
  );
}
