import type { ReactNode } from 'react';
import type { CurrentUser } from '../api/endpoints';
import { matchPath } from '../router/router';
import { RecordFormScreen } from './record-form-screen';
import { RecordListScreen } from './record-list-screen';
import { RecordScreen } from './record-screen';

/**
 * The workspace pages of a form, or null when the address is not one of them.
 * workspaceRoute('/apps/crm/forms/lead/records/42', user) -> <RecordScreen recordId="42" …/>
 */
export function workspaceRoute(pathname: string, user: CurrentUser): ReactNode | null {
  const create = matchPath('/apps/:app/forms/:form/new', pathname);
  if (create) return <RecordFormScreen key={pathname} user={user} appKey={create.app as string} formKey={create.form as string} />;
  const edit = matchPath('/apps/:app/forms/:form/records/:id/edit', pathname);
  if (edit) return <RecordFormScreen key={pathname} user={user} appKey={edit.app as string} formKey={edit.form as string} recordId={edit.id} />;
  const record = matchPath('/apps/:app/forms/:form/records/:id', pathname);
  if (record) return <RecordScreen key={pathname} user={user} appKey={record.app as string} formKey={record.form as string} recordId={record.id as string} />;
  const list = matchPath('/apps/:app/forms/:form', pathname);
  if (list) return <RecordListScreen key={pathname} user={user} appKey={list.app as string} formKey={list.form as string} />;
  return null;
}
