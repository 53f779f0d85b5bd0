import type { User } from '@tangram/schema';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../errors';
import { currentUser } from '../plugins/auth';

export type AppPermission = 'design' | 'manageMembers';

type AppPermissionsLookup = (user: User, app: string) => Promise<readonly AppPermission[]>;

/**
 * Admins hold every app permission; other users hold what their roles in that app grant
 * (`appPermissions` on the role). Resolved by the store, which knows memberships.
 */
export async function requireAppPermission(app: FastifyInstance, request: FastifyRequest, appKey: string, permission: AppPermission): Promise<User> {
  if (!(await hasAppPermission(app, request, appKey, permission))) throw new ApiError('ERR_FORBIDDEN', { params: { permission, app: appKey } });
  return currentUser(request);
}

export async function hasAppPermission(app: FastifyInstance, request: FastifyRequest, appKey: string, permission: AppPermission): Promise<boolean> {
  const user = currentUser(request);
  if (user.isAdmin) return true;
  const lookup = (app.store.identity as unknown as { appPermissions?: AppPermissionsLookup }).appPermissions;
  const granted = lookup ? await lookup.call(app.store.identity, user, appKey) : [];
  return granted.includes(permission);
}

export function isAppDesigner(app: FastifyInstance, request: FastifyRequest, appKey: string): Promise<boolean> {
  return hasAppPermission(app, request, appKey, 'design');
}

/** 404 unless the app exists. */
export async function requireApp(app: FastifyInstance, appKey: string): Promise<void> {
  if (!(await app.store.definitions.getApp(appKey))) throw new ApiError('ERR_NOT_FOUND', { params: { app: appKey } });
}
