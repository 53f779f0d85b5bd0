import type { FastifyPluginAsync } from 'fastify';
export const orgUnitRoutes: FastifyPluginAsync = async () => {};
