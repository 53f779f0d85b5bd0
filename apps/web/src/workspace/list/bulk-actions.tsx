import { useState } from 'react';
import type { Field, FormDefinition, JsonLogic } from '@tangram/schema';
import { fieldLabel, localText } from '@tangram/ui';
import { ConfirmDialog } from '../../designer/confirm-dialog';
import { useI18n } from '../../i18n/i18n-provider';
import type { Person, RecordsApi } from '../records-api';
import { refusalText } from './refusal-text';
import { ListDialog } from './list-dialog';

/** Kinds a bulk edit sets to one typed value; the rest (files, sub-tables, computed fields) are per record. */
const EDITABLE = new Set<Field['kind']>(['text', 'textarea', 'phone', 'email', 'url', 'number', 'percent', 'money', 'rating', 'date', 'datetime', 'select', 'checkbox', 'yesno']);

/** The value as the API takes it for the field: numbers as numbers, money as exact text, yes/no as booleans. */
function typed(field: Field, raw: string): unknown {
  if (raw === '') return null;
  if (field.kind === 'number' || field.kind === 'percent' || field.kind === 'rating') return Number(raw);
  if (field.kind === 'checkbox' || field.kind === 'yesno') return raw === 'true';
  return raw;
}

function ValueInput({ field, value, denied, onChange }: { field: Field; value: string; denied: readonly unknown[]; onChange: (value: string) => void }) {
  const { t, locale } = useI18n();
  const label = t('list.bulk.value');
  if (field.kind === 'select') {
    return (
      <select className="field__input field__select" aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('workspace.field.choose')}</option>
        {field.options.filter((o) => !denied.includes(o.value)).map((o) => <option key={o.value} value={o.value}>{localText(o.label, locale) || o.value}</option>)}
      </select>
    );
  }
  if (field.kind === 'checkbox' || field.kind === 'yesno') {
    return (
      <select className="field__input field__select" aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('workspace.field.choose')}</option>
        <option value="true">{t('workspace.field.yes')}</option>
        <option value="false">{t('workspace.field.no')}</option>
      </select>
    );
  }
  const type = field.kind === 'date' ? 'date' : field.kind === 'datetime' ? 'datetime-local' : 'text';
  const numeric = ['number', 'percent', 'money', 'rating'].includes(field.kind);
  return <input className="field__input" aria-label={label} type={type} inputMode={numeric ? 'decimal' : undefined} value={value} onChange={(e) => onChange(e.target.value)} />;
}

type Open = 'edit' | 'assign' | 'delete' | null;

/**
 * What can be done to the selected rows: set one field, hand them to an owner, delete them. The rows go
 * to the server as one filter (the ids, or the list's own filter for "all matching"); the server applies
 * the caller's scope, field and value rules and says how many rows changed.
 */
export function BulkActions({ form, count, filter, records, canUpdate, canAssign, canDelete, readOnlyFields, deniedValues, onDone }: {
  form: FormDefinition;
  count: number;
  filter: () => JsonLogic;
  records: RecordsApi;
  canUpdate: boolean;
  canAssign: boolean;
  canDelete: boolean;
  readOnlyFields: ReadonlySet<string>;
  /** Values the role may not set are not offered (the server refuses them anyway). */
  deniedValues: Readonly<Record<string, readonly unknown[]>>;
  onDone: (message: string) => void;
}) {
  const { t, locale } = useI18n();
  const fields = form.fields.filter((f) => EDITABLE.has(f.kind) && !readOnlyFields.has(f.key));
  const [open, setOpen] = useState<Open>(null);
  const [fieldKey, setFieldKey] = useState('');
  const [value, setValue] = useState('');
  const [people, setPeople] = useState<readonly Person[] | null>(null);
  const [owner, setOwner] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const field = fields.find((f) => f.key === fieldKey) ?? fields[0];

  const close = () => {
    setOpen(null);
    setError(undefined);
    setBusy(false);
  };
  const run = async (action: () => Promise<string>) => {
    setBusy(true);
    setError(undefined);
    try {
      const message = await action();
      close();
      onDone(message);
    } catch (failure) {
      setBusy(false);
      setError(refusalText(failure, form, t, locale));
      if (open === 'delete') setOpen(null);
    }
  };
  const openAssign = () => {
    setOpen('assign');
    if (people === null) {
      records.people().then(
        (items) => {
          setPeople(items);
          setOwner((current) => current || items[0]?.id || '');
        },
        () => setPeople([]),
      );
    }
  };

  return (
    <>
      {canUpdate ? <button type="button" className="button button--secondary" onClick={() => setOpen('edit')}>{t('list.bulk.edit')}</button> : null}
      {canAssign ? <button type="button" className="button button--secondary" onClick={openAssign}>{t('list.bulk.assign')}</button> : null}
      {canDelete ? <button type="button" className="button button--secondary ws-danger" onClick={() => setOpen('delete')}>{t('list.bulk.delete')}</button> : null}
      {error && open === null ? <p className="ls-bulk__error" role="alert">{error}</p> : null}
      {open === 'edit' ? (
        <ListDialog title={t('list.bulk.edit')} submitLabel={t('list.bulk.apply', { count })} busy={busy || !field} error={error} onCancel={close}
          onSubmit={() => field && void run(async () => t('list.bulk.updated', { count: (await records.bulkUpdate(filter(), { data: { [field.key]: typed(field, value) } })).count }))}>
          {field ? (
            <>
              <label className="field">
                <span className="field__label">{t('list.bulk.field')}</span>
                <select className="field__input field__select" value={field.key} onChange={(e) => { setFieldKey(e.target.value); setValue(''); }}>
                  {fields.map((f) => <option key={f.key} value={f.key}>{fieldLabel(f, locale)}</option>)}
                </select>
              </label>
              <div className="field">
                <span className="field__label">{t('list.bulk.value')}</span>
                <ValueInput field={field} value={value} denied={deniedValues[field.key] ?? []} onChange={setValue} />
              </div>
            </>
          ) : <p>{t('list.bulk.noFields')}</p>}
        </ListDialog>
      ) : null}
      {open === 'assign' ? (
        <ListDialog title={t('list.bulk.assign')} submitLabel={t('list.bulk.apply', { count })} busy={busy || !owner} error={error} onCancel={close}
          onSubmit={() => void run(async () => {
            const result = await records.bulkUpdate(filter(), { ownerId: owner });
            return t('list.bulk.assigned', { count: result.count, name: people?.find((p) => p.id === owner)?.name ?? owner });
          })}>
          <label className="field">
            <span className="field__label">{t('list.bulk.owner')}</span>
            {people === null ? <span>{t('list.bulk.loadingPeople')}</span> : (
              <select className="field__input field__select" value={owner} onChange={(e) => setOwner(e.target.value)}>
                {people.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
              </select>
            )}
          </label>
        </ListDialog>
      ) : null}
      {open === 'delete' ? (
        <ConfirmDialog title={t('list.bulk.deleteConfirm', { count })} hint={t('list.bulk.deleteHint')} confirmLabel={t('list.bulk.delete')} cancelLabel={t('list.dialog.cancel')}
          onCancel={close} onConfirm={() => void run(async () => t('list.bulk.removed', { count: (await records.bulkDelete(filter())).count }))} />
      ) : null}
    </>
  );
}
