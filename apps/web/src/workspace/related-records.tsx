import type { RecordView } from '@tangram/schema';
import { columnFields, formatValue } from '@tangram/ui';
import { describeError } from '../api/describe-error';
import { ErrorState, LoadingState } from '../components/state-views';
import type { LoadState } from '../components/use-load';
import { useI18n } from '../i18n/i18n-provider';
import { Link } from '../router/router';
import { workspacePaths } from './paths';
import type { IncomingRelated, OutgoingRelated, RelatedRecords } from '@tangram/schema';

/** `?filter=` for the list of another form (the list reads its filter from the address). */
export function listWithFilter(app: string, form: string, filter: unknown): string {
  return `${workspacePaths(app, form).list}?filter=${encodeURIComponent(JSON.stringify(filter))}`;
}

/** `?prefill=` for a new record of another form with its relation field already pointing here. */
export function newWithPrefill(app: string, form: string, values: Record<string, unknown>): string {
  return `${workspacePaths(app, form).create}?prefill=${encodeURIComponent(JSON.stringify(values))}`;
}

function RelatedGroup({ app, recordId, group }: { app: string; recordId: string; group: IncomingRelated }) {
  const { t, text, locale } = useI18n();
  const options = { locale, yes: t('workspace.field.yes'), no: t('workspace.field.no') };
  // Relation values are ids, and the one pointing here is the same on every row: neither describes a row.
  const [primary, ...rest] = columnFields(group).filter((f) => f.kind !== 'relation').slice(0, 3);
  const paths = workspacePaths(app, group.form);
  const formName = text(group.formName);
  const title = t('record360.related.group', { form: formName, field: text(group.fieldLabel) });
  const describe = (record: RecordView) => ({
    label: (primary && formatValue(primary, record.data[primary.key], options)) || t('workspace.record.title', { id: record.id }),
    detail: rest.map((field) => formatValue(field, record.data[field.key], options)).filter(Boolean).join(' · '),
  });
  return (
    <section className="ws-related__group" aria-label={title} data-related={`${group.form}.${group.field}`}>
      <header className="ws-related__head">
        <h3 className="ws-related__title">
          {title} <span className="ws-related__total">{group.total}</span>
        </h3>
        {group.canCreate ? (
          <Link to={newWithPrefill(app, group.form, { [group.field]: group.multiple ? [recordId] : recordId })} className="button button--secondary ws-related__new" aria-label={t('record360.related.newLabel', { form: formName })}>
            + {t('record360.related.new')}
          </Link>
        ) : null}
      </header>
      {group.items.length === 0 ? (
        <p className="ws-muted">{t('record360.related.empty')}</p>
      ) : (
        <ul className="ws-related__list">
          {group.items.map((record) => {
            const { label, detail } = describe(record);
            return (
              <li key={record.id}>
                <Link to={paths.record(record.id)} className="ws-related__item">
                  <span className="ws-related__label">{label}</span>
                  {detail ? <span className="ws-related__detail">{detail}</span> : null}
                </Link>
              </li>
            );
          })}
        </ul>
      )}
      {group.total > group.items.length ? (
        <Link to={listWithFilter(app, group.form, group.filter)} className="ws-related__all">
          {t('record360.related.viewAll', { total: group.total })}
        </Link>
      ) : null}
    </section>
  );
}

function LinksTo({ app, groups }: { app: string; groups: readonly OutgoingRelated[] }) {
  const { t, text } = useI18n();
  return (
    <div className="ws-related__links">
      <h3 className="ws-related__title">{t('record360.related.linksTo')}</h3>
      <ul className="ws-related__chips">
        {groups.flatMap((group) =>
          group.items.map((item) => (
            <li key={`${group.field}:${item.id}`}>
              <Link to={workspacePaths(app, group.form).record(item.id)} className="ws-related__chip">
                <span className="ws-related__chip-form">{text(group.formName)}</span> {item.label}
              </Link>
            </li>
          )),
        )}
      </ul>
    </div>
  );
}

/** Records linked to this one both ways; shown only when the app has relations to show. */
export function RelatedRecords({ app, recordId, state }: { app: string; recordId: string; state: LoadState<RelatedRecords> & { reload: () => void } }) {
  const { t, locale } = useI18n();
  if (state.kind === 'loading') return <LoadingState label={t('common.loading')} />;
  if (state.kind === 'failed') return <ErrorState title={t('record360.related.error')} message={describeError(state.error, t, locale)} retryLabel={t('common.retry')} onRetry={state.reload} />;
  const { incoming, outgoing } = state.value;
  if (incoming.length === 0 && outgoing.length === 0) return null;
  return (
    <section className="ws-related" aria-labelledby="ws-related-title">
      <h2 className="section-title" id="ws-related-title">
        {t('record360.related.title')}
      </h2>
      {outgoing.length > 0 ? <LinksTo app={app} groups={outgoing} /> : null}
      {incoming.map((group) => (
        <RelatedGroup key={`${group.form}.${group.field}`} app={app} recordId={recordId} group={group} />
      ))}
    </section>
  );
}
