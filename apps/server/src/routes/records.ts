import type { FastifyPluginAsync } from 'fastify';
export const recordRoutes: FastifyPluginAsync = async () => {};
