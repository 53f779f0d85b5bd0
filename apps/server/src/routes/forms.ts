import type { FastifyPluginAsync } from 'fastify';
export const formRoutes: FastifyPluginAsync = async () => {};
