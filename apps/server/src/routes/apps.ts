import type { FastifyPluginAsync } from 'fastify';
export const appRoutes: FastifyPluginAsync = async () => {};
