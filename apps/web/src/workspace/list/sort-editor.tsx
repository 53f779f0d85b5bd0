import type { Field } from '@tangram/schema';
import { fieldLabel } from '@tangram/ui';
import { useI18n } from '../../i18n/i18n-provider';
import { moveSortKey, type SortKey } from './sort-keys';

/**
 * The list's sort keys in order, each with its direction, up/down and remove buttons (the keyboard way
 * to what shift-clicking headers does), and a field picker to add one.
 */
export function SortEditor({ keys, fields, label, onChange }: { keys: readonly SortKey[]; fields: readonly Field[]; label: (key: string) => string; onChange: (keys: readonly SortKey[]) => void }) {
  const { t, locale } = useI18n();
  const unused = fields.filter((f) => !keys.some((k) => k.field === f.key));
  return (
    <details className="ws-columns ls-sort">
      <summary className="button button--secondary">{keys.length > 0 ? t('list.sort.count', { count: keys.length }) : t('list.sort.title')}</summary>
      <div className="ws-columns__menu ls-sort__menu">
        <p className="ls-sort__hint">{t('list.sort.hint')}</p>
        {keys.length === 0 ? <p className="ls-sort__none">{t('list.sort.none')}</p> : null}
        <ol className="ls-sort__keys" aria-label={t('list.sort.title')}>
          {keys.map((key, index) => {
            const name = label(key.field);
            return (
              <li key={key.field} className="ls-sort__key">
                <span className="ls-sort__name" title={t('list.sort.level', { level: index + 1 })}>{index + 1}. {name}</span>
                <button type="button" className="button button--secondary ls-sort__dir" aria-label={t('list.sort.toggle', { field: name })}
                  onClick={() => onChange(keys.map((k) => (k.field === key.field ? { ...k, descending: !k.descending } : k)))}>
                  {key.descending ? `▼ ${t('list.sort.descending')}` : `▲ ${t('list.sort.ascending')}`}
                </button>
                <button type="button" className="icon-button" disabled={index === 0} aria-label={t('list.sort.up', { field: name })} onClick={() => onChange(moveSortKey(keys, index, -1))}>↑</button>
                <button type="button" className="icon-button" disabled={index === keys.length - 1} aria-label={t('list.sort.down', { field: name })} onClick={() => onChange(moveSortKey(keys, index, 1))}>↓</button>
                <button type="button" className="icon-button" aria-label={t('list.sort.remove', { field: name })} onClick={() => onChange(keys.filter((k) => k.field !== key.field))}>×</button>
              </li>
            );
          })}
        </ol>
        {unused.length > 0 ? (
          <select className="field__input field__select" aria-label={t('list.sort.add')} value=""
            onChange={(e) => e.target.value && onChange([...keys, { field: e.target.value, descending: false }])}>
            <option value="">+ {t('list.sort.add')}</option>
            {unused.map((f) => <option key={f.key} value={f.key}>{fieldLabel(f, locale)}</option>)}
          </select>
        ) : null}
        {keys.length > 0 ? <button type="button" className="button button--secondary" onClick={() => onChange([])}>{t('list.sort.clear')}</button> : null}
      </div>
    </details>
  );
}
