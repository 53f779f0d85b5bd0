/**
 * Step 2: which sheet column fills which field (as the server auto-matched it, changeable), which field
 * tells a record exists and what to do then, and the first rows as they would be imported — each problem
 * shown on its cell. The preview is asked again whenever the mapping changes.
 */
import type { Field } from '@tangram/schema';
import { useEffect, useRef, useState } from 'react';
import { describeError } from '../api/describe-error';
import { useI18n } from '../i18n/i18n-provider';
import type { ImportApi, ImportJob, Mapping, OnDuplicate, PreviewRow } from './import-api';

export function MappingStep({ api, job, initialPreview, fields, busy, onStart, onRestart }: {
  api: ImportApi;
  job: ImportJob;
  initialPreview: readonly PreviewRow[];
  fields: readonly Field[];
  busy: boolean;
  onStart: (mapping: Mapping, onDuplicate: OnDuplicate, matchField: string | null) => void;
  onRestart: () => void;
}) {
  const { t, text, locale } = useI18n();
  const [mapping, setMapping] = useState<Mapping>(job.mapping);
  const [matchField, setMatchField] = useState<string | null>(job.matchField);
  const [onDuplicate, setOnDuplicate] = useState<OnDuplicate>('skip');
  const [preview, setPreview] = useState(initialPreview);
  const [previewError, setPreviewError] = useState<string | undefined>(undefined);
  const [refreshing, setRefreshing] = useState(false);
  const first = useRef(true);

  useEffect(() => {
    // The upload already answered for the suggested mapping.
    if (first.current) {
      first.current = false;
      return;
    }
    let current = true;
    setRefreshing(true);
    api.preview(job.id, mapping).then(
      (res) => { if (current) { setPreview(res.preview); setPreviewError(undefined); } },
      (e: unknown) => { if (current) setPreviewError(describeError(e, t, locale)); },
    ).finally(() => { if (current) setRefreshing(false); });
    return () => { current = false; };
  }, [api, job.id, mapping, t, locale]);

  const mapped = new Set(Object.values(mapping).filter((k): k is string => k !== null));
  const matchable = fields.filter((f) => mapped.has(f.key));
  const match = matchField !== null && mapped.has(matchField) ? matchField : null;
  const autoCount = Object.values(job.mapping).filter((k) => k !== null).length;
  const width = Math.max(0, ...job.columns.map((c) => c.index + 1));
  const shownColumns = job.columns;

  const choose = (column: number, key: string) => {
    setMapping((m) => {
      const next: Record<string, string | null> = { ...m };
      // A field fills one column: choosing it here frees it elsewhere.
      for (const [c, k] of Object.entries(next)) if (k === key && key !== '') next[c] = null;
      next[String(column)] = key === '' ? null : key;
      return next;
    });
  };

  return (
    <>
      <section className="io-card" aria-labelledby="io-mapping-title">
        <h2 id="io-mapping-title" className="io-card__title">{t('import.step.mapping')}</h2>
        <p className="ws-muted">{t('import.found', { file: job.fileName, count: job.totalRows })} · {t('import.mapping.auto', { count: autoCount })}</p>
        <table className="io-mapping">
          <thead>
            <tr>
              <th scope="col">{t('import.mapping.column')}</th>
              <th scope="col">{t('import.mapping.field')}</th>
            </tr>
          </thead>
          <tbody>
            {job.columns.map((column) => {
              const id = `io-map-${column.index}`;
              return (
                <tr key={column.index}>
                  <th scope="row"><label htmlFor={id}>{column.group ? `${column.group} / ${column.label}` : column.label}</label></th>
                  <td>
                    <select id={id} className="field__input field__select" value={mapping[String(column.index)] ?? ''} onChange={(e) => choose(column.index, e.currentTarget.value)}>
                      <option value="">{t('import.mapping.skip')}</option>
                      {fields.map((f) => <option key={f.key} value={f.key}>{text(f.label) || f.key}</option>)}
                    </select>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>

      <section className="io-card" aria-labelledby="io-duplicates-title">
        <h2 id="io-duplicates-title" className="io-card__title">{t('import.duplicates.title')}</h2>
        <div className="field">
          <label className="field__label" htmlFor="io-match">{t('import.duplicates.match')}</label>
          <select id="io-match" className="field__input field__select" value={match ?? ''} onChange={(e) => setMatchField(e.currentTarget.value || null)}>
            <option value="">{t('import.duplicates.none')}</option>
            {matchable.map((f) => <option key={f.key} value={f.key}>{text(f.label) || f.key}</option>)}
          </select>
        </div>
        <fieldset className="io-choice" disabled={match === null}>
          <legend className="field__label">{t('import.duplicates.title')}</legend>
          {(['skip', 'update', 'create'] as const).map((choice) => (
            <label key={choice} className="io-choice__option">
              <input type="radio" name="io-duplicates" value={choice} checked={onDuplicate === choice} onChange={() => setOnDuplicate(choice)} />
              {t(`import.duplicates.${choice}`)}
            </label>
          ))}
        </fieldset>
      </section>

      <section className="io-card" aria-labelledby="io-preview-title">
        <h2 id="io-preview-title" className="io-card__title">{t('import.preview.title', { count: preview.length })}</h2>
        <p className="ws-muted" aria-live="polite">{refreshing ? t('import.preview.loading') : previewError ?? '\u00a0'}</p>
        <div className="ws-table-wrap">
          <table className="ws-table io-preview">
            <thead>
              <tr>
                <th scope="col">{t('import.preview.row')}</th>
                {shownColumns.map((c) => <th key={c.index} scope="col">{c.label}</th>)}
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {preview.map((row) => (
                <tr key={row.row} className={row.problems.length > 0 ? 'io-preview__bad' : undefined}>
                  <td className="ws-table__muted">{row.row}</td>
                  {shownColumns.map((c) => {
                    const problems = row.problems.filter((p) => p.column === c.index);
                    const value = c.index < width ? row.cells[c.index] : null;
                    return (
                      <td key={c.index} className={problems.length > 0 ? 'io-cell--bad' : undefined} title={problems.map((p) => p.message).join('; ') || undefined}>
                        {cellText(value)}
                        {problems.map((p) => <span key={p.code} className="io-cell__problem">{p.message}</span>)}
                      </td>
                    );
                  })}
                  <td className="io-preview__status">
                    {row.problems.length === 0 ? t('import.preview.ok') : t('import.preview.problems', { count: row.problems.length })}
                    {row.problems.filter((p) => p.column === null).map((p) => <span key={p.code} className="io-cell__problem">{p.message}</span>)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <div className="io-buttons">
        <button type="button" className="button button--secondary" onClick={onRestart} disabled={busy}>{t('import.restart')}</button>
        <button type="button" className="button button--primary" disabled={busy || mapped.size === 0} onClick={() => onStart(mapping, onDuplicate, match)}>
          {busy ? t('import.starting') : t('import.start')}
        </button>
      </div>
    </>
  );
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T00:00:00\.000Z$/.test(value)) return value.slice(0, 10);
  return String(value);
}
