import { createHash, randomBytes } from 'node:crypto';

/** A new bearer secret: 32 random bytes, base64url. Only its SHA-256 is ever stored. */
export function createSecretToken(): { readonly token: string; readonly hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashSecretToken(token) };
}

export function hashSecretToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
