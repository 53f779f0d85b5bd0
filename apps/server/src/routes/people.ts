import type { FastifyPluginAsync } from 'fastify';
import { problems } from '../http/shared-schemas';

/**
 * Colleagues by name, for every signed-in user: record pages show owners and authors by name, and
 * whoever may reassign a record picks the new owner from this list. Names and ids only; emails,
 * roles and disabled accounts stay with the admin's user list (`GET /users`).
 */
export const peopleRoutes: FastifyPluginAsync = async (app) => {
  app.get('/people', {
    schema: {
      tags: ['users'],
      summary: 'Active users by name (id and name only), for pickers and for naming owners and authors',
      response: {
        200: {
          type: 'object',
          properties: { items: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } }, required: ['id', 'name'] } } },
          required: ['items'],
        },
        ...problems(401),
      },
    },
  }, async () => {
    const users = await app.store.identity.listUsers();
    return { items: users.filter((u) => !u.disabled).map((u) => ({ id: u.id, name: u.name })).sort((a, b) => a.name.localeCompare(b.name)) };
  });
};
