import type { FastifyPluginAsync } from 'fastify';
import { createPublishedForms } from '../records/published-forms';
import { recordChangeRoutes } from './records-change';
import { recordCreateRoutes } from './records-create';
import { recordReadRoutes } from './records-read';

/** Records of one form: create (one or a batch), read (list, get, history), change (patch, delete, bulk). */
export const recordRoutes: FastifyPluginAsync = async (app) => {
  const forms = createPublishedForms(app.store);
  await app.register(recordCreateRoutes, { forms });
  await app.register(recordReadRoutes, { forms });
  await app.register(recordChangeRoutes, { forms });
};
