import type { FastifyPluginAsync } from 'fastify';

/** Liveness plus which database this process talks to. */
export const healthRoutes: FastifyPluginAsync = async (app) => {
  app.get('/health', {
    schema: {
      tags: ['system'],
      summary: 'Liveness and database kind',
      response: {
        200: {
          type: 'object',
          properties: { status: { type: 'string', enum: ['ok'] }, database: { type: 'string', enum: ['pglite', 'postgres'] } },
          required: ['status', 'database'],
        },
      },
    },
  }, async () => ({ status: 'ok' as const, database: app.store.dialect }));
};
