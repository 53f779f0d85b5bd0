import type { FastifyPluginAsync } from 'fastify';
export const roleRoutes: FastifyPluginAsync = async () => {};
