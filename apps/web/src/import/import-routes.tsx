import type { ReactNode } from 'react';
import type { CurrentUser } from '../api/endpoints';
import { matchPath } from '../router/router';
import { ImportScreen } from './import-screen';

const seg = encodeURIComponent;

/** `/apps/crm/forms/lead/import`; `?job=7` reopens a job (after a reload or in another tab). */
export function importPath(app: string, form: string, jobId?: string): string {
  return `/apps/${seg(app)}/forms/${seg(form)}/import${jobId ? `?job=${seg(jobId)}` : ''}`;
}

export function importRoute(pathname: string, search: string, user: CurrentUser): ReactNode | null {
  const match = matchPath('/apps/:app/forms/:form/import', pathname);
  if (!match) return null;
  const jobId = new URLSearchParams(search).get('job');
  return <ImportScreen key={pathname} user={user} appKey={match.app as string} formKey={match.form as string} jobId={jobId} />;
}
