import type { ReactNode } from 'react';
import type { CurrentUser } from '../api/endpoints';
import { matchPath } from '../router/router';
import { DesignerScreen } from './designer-screen';
import { NewFormScreen } from './new-form-screen';

/**
 * The designer's pages, or null when the address is not one of them.
 * designerRoute('/apps/crm/design/lead', user) -> <DesignerScreen formKey="lead" …/>
 */
export function designerRoute(pathname: string, user: CurrentUser): ReactNode | null {
  const create = matchPath('/apps/:app/design/new-form', pathname);
  if (create) return <NewFormScreen key={pathname} user={user} appKey={create.app as string} />;
  const form = matchPath('/apps/:app/design/:form', pathname);
  if (form) return <DesignerScreen key={pathname} user={user} appKey={form.app as string} formKey={form.form as string} />;
  return null;
}
