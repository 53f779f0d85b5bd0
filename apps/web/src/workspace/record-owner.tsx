import { useId, useState } from 'react';
import type { RecordView } from '@tangram/schema';
import { describeError } from '../api/describe-error';
import { FormAlert } from '../components/form-alert';
import { useI18n } from '../i18n/i18n-provider';
import type { Directory } from './directory';

/**
 * Who owns the record and where it belongs, by name. Users who may change the record can hand it to a
 * colleague; the server still decides (handing it to someone else needs the `assign` permission).
 */
export function RecordOwner({ record, directory, canChange, onChange }: {
  record: RecordView;
  directory: Directory;
  canChange: boolean;
  onChange: (ownerId: string) => Promise<void>;
}) {
  const { t, locale } = useI18n();
  const id = useId();
  const [editing, setEditing] = useState(false);
  const [choice, setChoice] = useState(record.ownerId ?? '');
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const owner = record.ownerId ? directory.personName(record.ownerId) ?? t('workspace.event.user', { id: record.ownerId }) : t('record360.owner.none');
  const unit = record.orgUnitId ? directory.unitName(record.orgUnitId, locale) ?? record.orgUnitId : t('record360.owner.none');

  const save = async () => {
    setSaving(true);
    setFailure(null);
    try {
      await onChange(choice);
      setEditing(false);
    } catch (error) {
      setFailure(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="ws-owner">
      <dl className="ws-owner__facts">
        <div>
          <dt>{t('record360.owner.title')}</dt>
          <dd data-owner={record.ownerId ?? ''}>{owner}</dd>
        </div>
        <div>
          <dt>{t('record360.owner.orgUnit')}</dt>
          <dd>{unit}</dd>
        </div>
      </dl>
      {canChange && !editing && directory.people.length > 0 ? (
        <button type="button" className="button button--secondary ws-owner__change" onClick={() => { setChoice(record.ownerId ?? ''); setEditing(true); }}>
          {t('record360.owner.change')}
        </button>
      ) : null}
      {editing ? (
        <div className="ws-owner__edit">
          <label className="field__label" htmlFor={id}>
            {t('record360.owner.pick')}
          </label>
          <select id={id} className="field__input" value={choice} onChange={(event) => setChoice(event.target.value)}>
            {directory.people.map((person) => (
              <option key={person.id} value={person.id}>
                {person.name}
              </option>
            ))}
          </select>
          <FormAlert message={failure ? describeError(failure, t, locale) : undefined} />
          <div className="ws-owner__buttons">
            <button type="button" className="button button--secondary" onClick={() => { setEditing(false); setFailure(null); }}>
              {t('workspace.cancel')}
            </button>
            <button type="button" className="button button--primary" disabled={saving || choice === '' || choice === record.ownerId} onClick={() => void save()}>
              {saving ? t('record360.owner.saving') : t('record360.owner.save')}
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
