import type { FormDefinition, JsonLogic, LocalizedText, Problem } from '@tangram/schema';
import type { ViewLayout } from '@tangram/schema';
import type { FormAccess, NewSavedView, SavedView, SavedViewChange } from '@tangram/store';
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import { hasAppPermission } from '../auth/app-permission';
import { ApiError } from '../errors';
import { parseFilter, parseSort, SYSTEM_COLUMNS } from '../records/list-query';
import type { PublishedForm, PublishedForms } from '../records/published-forms';
import { requireFormAction } from '../records/record-access';
import { formParams } from './params.schema';
import { newViewBody, viewChangeBody, viewList, viewParams, viewProblems, viewResponse } from './views.schema';

type FormParams = { app: string; form: string };
type ViewParams = FormParams & { id: string };
interface ViewInput {
  name?: LocalizedText;
  shared?: boolean;
  filter?: JsonLogic | null;
  sort?: string | null;
  columns?: string[];
  layout?: ViewLayout;
  groupBy?: string | null;
}

/**
 * Saved list views of a form. Anyone who may read the form keeps personal views; sharing a view with
 * every reader of the form needs the app permission `shareViews` (admins hold it). A view is changed or
 * deleted by its owner only (an admin may delete a shared one); to others a shared view is read-only and
 * a personal one does not exist. A view's filter, sort, columns and group field are checked against the
 * form and the caller's field access like a list query: a view cannot name a field its owner can't see.
 */
export const viewRoutes: FastifyPluginAsync<{ forms: PublishedForms }> = async (app, { forms }) => {
  const views = app.store.views;
  const reader = (request: FastifyRequest, params: FormParams) => requireFormAction(app, forms, request, params.app, params.form, 'read');

  app.get<{ Params: FormParams }>('/apps/:app/forms/:form/views', {
    schema: { tags: ['views'], summary: 'The caller\'s saved views of a form and the shared ones', params: formParams, response: { 200: viewList, ...viewProblems } },
  }, async (request) => {
    const { user } = await reader(request, request.params);
    const [items, canShare] = await Promise.all([
      views.list(request.params.app, request.params.form, user.id),
      hasAppPermission(app, request, request.params.app, 'shareViews'),
    ]);
    return { items: items.map((v) => present(v, user.id)), canShare };
  });

  app.post<{ Params: FormParams; Body: ViewInput & { name: LocalizedText } }>('/apps/:app/forms/:form/views', {
    schema: {
      tags: ['views'], summary: 'Save a view (personal unless `shared`)', params: formParams, body: newViewBody,
      response: { 201: viewResponse, ...viewProblems },
    },
  }, async (request, reply) => {
    const { user, access, form } = await reader(request, request.params);
    const input: NewSavedView = {
      name: request.body.name, shared: request.body.shared ?? false, filter: request.body.filter ?? null, sort: request.body.sort ?? null,
      columns: request.body.columns ?? [], layout: request.body.layout ?? 'table', groupBy: request.body.groupBy ?? null,
    };
    if (input.shared) await requireSharing(app, request, request.params.app);
    checkView(input, form, access);
    const saved = await views.create(request.params.app, request.params.form, user.id, input);
    return reply.code(201).send(present(saved, user.id));
  });

  app.patch<{ Params: ViewParams; Body: ViewInput }>('/apps/:app/forms/:form/views/:id', {
    schema: {
      tags: ['views'], summary: 'Rename, share or update a view you own', params: viewParams, body: viewChangeBody,
      response: { 200: viewResponse, ...viewProblems },
    },
  }, async (request) => {
    const { user, access, form } = await reader(request, request.params);
    const current = await ownView(request.params, user.id);
    const change: SavedViewChange = Object.fromEntries(Object.entries(request.body).filter(([, v]) => v !== undefined));
    if (change.shared === true && !current.shared) await requireSharing(app, request, request.params.app);
    checkView({ ...current, ...change }, form, access);
    const saved = await views.update(request.params.app, request.params.form, request.params.id, change);
    if (!saved) throw new ApiError('ERR_NOT_FOUND', { params: { id: request.params.id } });
    return present(saved, user.id);
  });

  app.delete<{ Params: ViewParams }>('/apps/:app/forms/:form/views/:id', {
    schema: { tags: ['views'], summary: 'Delete a view you own (admins: any shared view)', params: viewParams, response: { 204: { type: 'null' }, ...viewProblems } },
  }, async (request, reply) => {
    const { user } = await reader(request, request.params);
    await ownView(request.params, user.id, { adminMayDeleteShared: user.isAdmin });
    await views.remove(request.params.app, request.params.form, request.params.id);
    return reply.code(204).send();
  });

  /** The view when the caller owns it; 403 for someone else's shared view, 404 for anything else. */
  async function ownView(params: ViewParams, userId: string, options: { adminMayDeleteShared?: boolean } = {}): Promise<SavedView> {
    const view = await views.get(params.app, params.form, params.id);
    if (!view || (!view.shared && view.ownerId !== userId)) throw new ApiError('ERR_NOT_FOUND', { params: { id: params.id } });
    if (view.ownerId !== userId && !(view.shared && options.adminMayDeleteShared)) {
      throw new ApiError('ERR_FORBIDDEN', { errors: [{ path: '/id', code: 'notViewOwner', params: { id: params.id } }] });
    }
    return view;
  }
};

const present = (view: SavedView, userId: string) => ({
  id: view.id, name: view.name, shared: view.shared, ownerId: view.ownerId, mine: view.ownerId === userId,
  filter: view.filter, sort: view.sort, columns: view.columns, layout: view.layout, groupBy: view.groupBy,
  createdAt: view.createdAt, updatedAt: view.updatedAt,
});

async function requireSharing(app: FastifyInstance, request: FastifyRequest, appKey: string): Promise<void> {
  if (!(await hasAppPermission(app, request, appKey, 'shareViews'))) {
    throw new ApiError('ERR_FORBIDDEN', { errors: [{ path: '/shared', code: 'sharingNotAllowed', params: { permission: 'shareViews' } }] });
  }
}

/**
 * A view is checked as the list it reproduces would be: the filter and sort by the list query's own
 * parsers (hidden and unknown fields refused), columns and the kanban field against the form.
 */
function checkView(view: NewSavedView, form: PublishedForm, access: FormAccess): void {
  if (view.filter !== null) parseFilter(view.filter, form.fieldKeys, access, '/filter');
  if (view.sort !== null) parseSort(view.sort, form.fieldKeys, access, '/sort');
  const problems: Problem[] = [];
  const known = new Set<string>([...form.fieldKeys, ...SYSTEM_COLUMNS]);
  view.columns.forEach((column, index) => {
    if (!known.has(column) || access.hiddenFields.has(column)) problems.push({ path: `/columns/${index}`, code: 'unknownField', params: { field: column } });
  });
  if (view.groupBy !== null && !isGroupField(form.definition, view.groupBy, access)) {
    problems.push({ path: '/groupBy', code: 'notGroupable', params: { field: view.groupBy } });
  }
  if (view.layout === 'kanban' && view.groupBy === null) problems.push({ path: '/groupBy', code: 'required', params: { missingProperty: 'groupBy' } });
  if (problems.length > 0) throw new ApiError('ERR_VALIDATION', { errors: problems });
}

/** A board's columns are a single-select field's options, so only such a field (visible to the caller) groups one. */
function isGroupField(form: FormDefinition, key: string, access: FormAccess): boolean {
  return form.fields.some((f) => f.key === key && f.kind === 'select') && !access.hiddenFields.has(key);
}
