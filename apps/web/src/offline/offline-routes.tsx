import type { ReactNode } from 'react';
import type { CurrentUser } from '../api/endpoints';
import { matchPath } from '../router/router';
import { OutboxScreen } from './outbox-screen';
import { OUTBOX_PATH } from './queue-if-offline';

/** `/outbox`: the records waiting on this device. */
export function outboxRoute(pathname: string, user: CurrentUser): ReactNode | null {
  return matchPath(OUTBOX_PATH, pathname) ? <OutboxScreen user={user} /> : null;
}
