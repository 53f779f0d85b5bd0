import type { AppPermission, User } from '@tangram/schema';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../errors';
import { currentUser } from '../plugins/auth';


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
  return (await app.store.identity.appPermissions(user, appKey)).includes(permission);
}

export function isAppDesigner(app: FastifyInstance, request: FastifyRequest, appKey: string): Promise<boolean> {
  return hasAppPermission(app, request, appKey, 'design');
}

/** 404 unless the app exists. */
export async function requireApp(app: FastifyInstance, appKey: string): Promise<void> {
  if (!(await app.store.definitions.getApp(appKey))) throw new ApiError('ERR_NOT_FOUND', { params: { app: appKey } });
}
