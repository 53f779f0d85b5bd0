import { createHash, randomBytes } from 'node:crypto';

/**
 * What a bearer secret opens. API tokens carry a visible prefix, so a request costs one lookup (not a
 * token lookup then a session lookup) and a leaked token is recognisable in logs and secret scanners.
 */
export type SecretKind = 'session' | 'apiToken';
export const API_TOKEN_PREFIX = 'tgt_';

/** A new bearer secret: 32 random bytes, base64url. Only its SHA-256 is ever stored. */
export function createSecretToken(kind: SecretKind = 'session'): { readonly token: string; readonly hash: string } {
  const token = `${kind === 'apiToken' ? API_TOKEN_PREFIX : ''}${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashSecretToken(token) };
}

export function secretKind(token: string): SecretKind {
  return token.startsWith(API_TOKEN_PREFIX) ? 'apiToken' : 'session';
}

export function hashSecretToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
