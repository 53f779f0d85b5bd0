import type { ReactNode } from 'react';
import type { CurrentUser } from '../api/endpoints';
import { matchPath } from '../router/router';
import { PublicFormScreen } from './public-form-screen';
import { PublicSettingsScreen } from './public-settings-screen';

/** `/f/:token`: shown whatever the session is (visitors are not signed in); null for any other address. */
export function publicPageRoute(pathname: string): ReactNode | null {
  const page = matchPath('/f/:token', pathname);
  return page ? <PublicFormScreen key={page.token} token={page.token as string} /> : null;
}

/** `/apps/:app/forms/:form/public`: the designer's settings for the form's public link. */
export function publicSettingsRoute(pathname: string, user: CurrentUser): ReactNode | null {
  const settings = matchPath('/apps/:app/forms/:form/public', pathname);
  return settings ? <PublicSettingsScreen key={pathname} user={user} appKey={settings.app as string} formKey={settings.form as string} /> : null;
}

/** Where a form's public settings live (the workspace links here). */
export const publicSettingsPath = (app: string, form: string) => `/apps/${encodeURIComponent(app)}/forms/${encodeURIComponent(form)}/public`;
