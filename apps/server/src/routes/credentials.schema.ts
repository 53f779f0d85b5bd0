/** Request bodies shared by setup, login and user creation. */
export const emailSchema = { type: 'string', format: 'email', minLength: 3, maxLength: 254 } as const;
export const passwordSchema = { type: 'string', minLength: 8, maxLength: 256 } as const;
export const localeSchema = { type: 'string', enum: ['zh-CN', 'en'] } as const;
export const nameSchema = { type: 'string', minLength: 1, maxLength: 200 } as const;

export const sessionResponseSchema = {
  type: 'object',
  properties: { user: { $ref: 'User#' }, token: { type: 'string' }, expiresAt: { type: 'string' } },
  required: ['user', 'expiresAt'],
} as const;
