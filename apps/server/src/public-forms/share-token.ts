import { randomBytes } from 'node:crypto';

/** An unguessable share token for a public form link: 144 random bits, URL-safe (`/f/3kP…`). */
export function createShareToken(): string {
  return randomBytes(18).toString('base64url');
}

/** What a token looks like; anything else is not found without asking the database. */
export const shareTokenPattern = '^[A-Za-z0-9_-]{16,64}$';
