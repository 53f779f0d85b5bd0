import type { Store } from '@tangram/store';
import { hashPassword } from './auth/password';

/**
 * Creates the first administrator from configuration when nobody exists yet, so a server can start
 * unattended. With users present it does nothing: it never resets a password.
 */
export async function bootstrapAdmin(store: Store, admin: { email: string; password: string } | undefined): Promise<'created' | 'skipped'> {
  if (!admin) return 'skipped';
  if ((await store.identity.countUsers()) > 0) return 'skipped';
  if (admin.password.length < 8) throw new Error('TANGRAM_ADMIN_PASSWORD must be at least 8 characters');
  const created = await store.identity.createFirstUser({
    email: admin.email.toLowerCase(),
    name: admin.email.split('@')[0] ?? 'admin',
    passwordHash: await hashPassword(admin.password),
    locale: 'zh-CN',
    isAdmin: true,
  });
  return created ? 'created' : 'skipped';
}
