/**
 * A `visit` form beside the CRM's `lead` (crm-fixture.ts): each visit points at a lead and carries
 * photos and a signed contract, so record-page tests have related records and attachments. Clerks get
 * their own visits; nobody but admins may reassign.
 */
import type { FormDefinition } from '@tangram/schema';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { clerkRole } from './crm-fixture';
import { multipart } from '../import/test-sheets';
import { call, type Session } from './test-app';

const label = (en: string) => ({ en, 'zh-CN': en });

export const visitForm: FormDefinition = {
  schemaVersion: 1,
  key: 'visit',
  name: label('Visit'),
  fields: [
    { id: 'v1', key: 'note', kind: 'text', label: label('Note') },
    { id: 'v2', key: 'lead', kind: 'relation', label: label('Lead'), form: 'lead', displayField: 'name' },
    { id: 'v3', key: 'photos', kind: 'file', label: label('Photos'), image: true, maxFiles: 2, maxSizeMb: 1 },
    { id: 'v4', key: 'contract', kind: 'file', label: label('Contract'), accept: ['.pdf'] },
  ],
};

export async function addVisits(app: FastifyInstance, admin: Session): Promise<void> {
  for (const [method, url, payload] of [
    ['POST', '/api/apps/crm/forms', visitForm],
    ['POST', '/api/apps/crm/forms/visit/publish', {}],
    ['PUT', '/api/apps/crm/roles/clerk', { ...clerkRole, grants: [...clerkRole.grants, { form: 'visit', actions: ['create', 'read', 'update'], scope: { kind: 'mine' } }] }],
  ] as const) {
    const res = await call(app, { method, url, headers: admin.headers, payload: payload as never });
    if (res.status >= 300) throw new Error(`${method} ${url} -> ${res.status} ${JSON.stringify(res.body)}`);
  }
}

export async function pngBytes(width = 40, height = 30): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#c03030' } }).png().toBuffer();
}

export const MINIMAL_PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

/** Uploads `content` as `name` for a field of the visit form. */
export async function upload(app: FastifyInstance, who: Session, field: string, name: string, content: Buffer | string) {
  const body = multipart(name, content);
  return call(app, { method: 'POST', url: `/api/apps/crm/forms/visit/files?field=${field}`, headers: { ...who.headers, ...body.headers }, payload: body.payload });
}
