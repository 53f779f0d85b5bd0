import type { FastifyPluginAsync } from 'fastify';
import { createPublishedForms } from '../records/published-forms';
import { record360Routes } from './record-360';
import { recordChangeRoutes } from './records-change';
import { recordCreateRoutes } from './records-create';
import { recordReadRoutes } from './records-read';
import { viewRoutes } from './views';

/** Records of one form: create (one or a batch), read (list, get, history), change (patch, delete, bulk), saved list views, comments and related records. */
export const recordRoutes: FastifyPluginAsync = async (app) => {
  const forms = createPublishedForms(app.store);
  await app.register(recordCreateRoutes, { forms });
  await app.register(recordReadRoutes, { forms });
  await app.register(recordChangeRoutes, { forms });
  await app.register(viewRoutes, { forms });
  await app.register(record360Routes, { forms });
};
