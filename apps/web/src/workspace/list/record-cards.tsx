import type { Field, RecordView } from '@tangram/schema';
import { fieldLabel } from '@tangram/ui';
import { useI18n } from '../../i18n/i18n-provider';
import { Link } from '../../router/router';
import type { RowFormat, Selection } from './record-table';

/** The records as cards (phones, or the "cards" layout): title, up to four fields, and a selection box. */
export function RecordCards({ fields, items, selection, format, recordPath }: {
  fields: readonly Field[];
  items: readonly RecordView[];
  selection: Selection;
  format: RowFormat;
  recordPath: (id: string) => string;
}) {
  const { t, locale } = useI18n();
  return (
    <>
      <label className="ls-cards__all">
        <input type="checkbox" checked={selection.pageSelected} onChange={(e) => selection.togglePage(e.target.checked)} />
        <span>{t('list.select.page')}</span>
      </label>
      <ul className="ls-cards">
        {items.map((record) => {
          const title = format.title(record);
          return (
            <li key={record.id} className={`ls-cards__item${selection.has(record.id) ? ' ls-row--selected' : ''}`}>
              <input type="checkbox" className="ls-cards__check" aria-label={t('list.select.row', { name: title })} checked={selection.has(record.id)} onChange={() => selection.toggle(record.id)} />
              <Link to={recordPath(record.id)} className="ws-card" aria-label={t('workspace.list.open', { id: title })}>
                <span className="ws-card__title">{title}</span>
                <dl className="ws-card__fields">
                  {fields.slice(1, 5).map((field) => (
                    <div key={field.key} className="ws-card__field">
                      <dt>{fieldLabel(field, locale)}</dt>
                      <dd>{format.value(field, record) || t('workspace.field.empty')}</dd>
                    </div>
                  ))}
                </dl>
                <span className="ws-card__meta">{format.created(record)}</span>
              </Link>
            </li>
          );
        })}
      </ul>
    </>
  );
}
