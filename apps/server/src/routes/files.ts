/**
 * Attachments of file fields (docs/api.md, "Files"):
 *   POST /apps/:app/forms/:form/files?field=photos   upload one file (multipart field `file`) -> FileRef
 *   GET  /files/:id                                  the bytes, with the original name
 *   GET  /files/:id/thumbnail                        a WebP preview of an image
 * A file is put in a record by sending its FileRef in the record's data; until then only its uploader
 * can read it. Afterwards reading it is reading the record: whoever may read that record (and its field).
 */
import multipart from '@fastify/multipart';
import type { StoredFile } from '@tangram/store';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../errors';
import { fileFieldAt } from '../files/file-refs';
import { INLINE_IMAGE_TYPES, sniffType } from '../files/sniff-type';
import { makeThumbnail } from '../files/thumbnail';
import { acceptList, cleanFileName, isAccepted } from '../files/upload-checks';
import { currentUser } from '../plugins/auth';
import { createPublishedForms } from '../records/published-forms';
import { requireFormAction } from '../records/record-access';
import { binary, downloadProblems, fileParams, formParams, uploadedFile, uploadProblems, uploadQuery } from './files.schema';

/** No file above this is kept, whatever a field allows: bytes live in the database (docs/storage.md). */
export const MAX_FILE_BYTES = 25 * 1024 * 1024;
/** An upload no record took within this long is deleted at its uploader's next upload. */
export const UNATTACHED_TTL_MS = 24 * 60 * 60 * 1000;
const MB = 1024 * 1024;

type FormParams = { app: string; form: string };

export const fileRoutes: FastifyPluginAsync = async (app) => {
  const forms = createPublishedForms(app.store);
  await app.register(multipart, { limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 5, parts: 6 } });

  app.post<{ Params: FormParams; Querystring: { field: string } }>('/apps/:app/forms/:form/files', {
    schema: {
      tags: ['files'],
      summary: 'Upload a file for a file field (multipart field `file`); send the returned FileRef in the record',
      description: `The type is read from the content and must fit the field's \`accept\` (and be an image for image fields); the size must fit \`maxSizeMb\` and ${MAX_FILE_BYTES / MB} MB. Needs create or update permission on the form and write access to the field.`,
      params: formParams,
      querystring: uploadQuery,
      response: { 201: uploadedFile, ...uploadProblems },
    },
  }, async (request, reply) => {
    const { app: appKey, form: formKey } = request.params;
    const { user, access, form } = await requireFormAction(app, forms, request, appKey, formKey, 'create').catch((error: unknown) => {
      if (error instanceof ApiError && error.code === 'ERR_FORBIDDEN') return requireFormAction(app, forms, request, appKey, formKey, 'update');
      throw error;
    });
    const key = request.query.field;
    const field = fileFieldAt(form.definition, key);
    if (!field) throw new ApiError('ERR_BAD_REQUEST', { errors: [{ path: '/query/field', code: 'unknownFileField', params: { field: key } }] });
    const top = key.split('.')[0]!;
    if (access.hiddenFields.has(top) || access.readOnlyFields.has(top)) {
      throw new ApiError('ERR_FORBIDDEN', { errors: [{ path: '/query/field', code: access.hiddenFields.has(top) ? 'hiddenField' : 'readOnlyField', params: { field: key } }] });
    }
    const { name, bytes } = await receiveFile(request);
    if (bytes.byteLength === 0) throw new ApiError('ERR_BAD_REQUEST', { errors: [{ path: '/file', code: 'emptyFile', params: { name } }] });
    const limit = Math.min(MAX_FILE_BYTES, field.maxSizeMb === undefined ? Infinity : field.maxSizeMb * MB);
    if (bytes.byteLength > limit) throw new ApiError('ERR_PAYLOAD_TOO_LARGE', { errors: [{ path: '/file', code: 'fileTooLarge', params: { limit: limit / MB } }] });
    const type = sniffType(bytes, name);
    const accept = acceptList(field);
    const onlyImages = field.image === true && (field.accept ?? []).length === 0;
    if (onlyImages ? !type.mime.startsWith('image/') : !isAccepted(accept, name, type)) {
      throw new ApiError('ERR_UNSUPPORTED_MEDIA_TYPE', { errors: [{ path: '/file', code: 'fileType', params: { accept: onlyImages ? ['image/*'] : accept, name } }] });
    }
    let thumbnail: Uint8Array | null = null;
    if (INLINE_IMAGE_TYPES.has(type.mime)) {
      // A file that starts like an image but does not decode is refused now, not found broken later.
      thumbnail = await makeThumbnail(bytes).catch(() => {
        throw new ApiError('ERR_BAD_REQUEST', { errors: [{ path: '/file', code: 'unreadableImage', params: { name } }] });
      });
    }
    // Abandoned uploads (a form never saved) are swept per uploader, so no scheduler is needed for them.
    await app.store.files.removeUnattached(user.id, new Date(app.now().getTime() - UNATTACHED_TTL_MS));
    const stored = await app.store.files.create({ app: appKey, form: formKey, field: key, name, mime: type.mime, content: bytes, thumbnail, uploadedBy: user.id });
    return reply.code(201).send({ id: stored.id, name: stored.name, size: stored.size, mime: stored.mime, field: stored.field, hasThumbnail: stored.hasThumbnail });
  });

  app.get<{ Params: { id: string } }>('/files/:id', {
    schema: {
      tags: ['files'],
      summary: 'Download a file (images inline, everything else as an attachment)',
      params: fileParams,
      response: { 200: binary('The file, with its original name in Content-Disposition'), ...downloadProblems },
    },
  }, async (request, reply) => {
    const file = await readableFile(app, request, request.params.id);
    const content = await app.store.files.content(file.id);
    if (!content) throw new ApiError('ERR_NOT_FOUND');
    const inline = INLINE_IMAGE_TYPES.has(file.mime);
    return sendBytes(reply, content, file, inline ? file.mime : file.mime.startsWith('text/') ? `${file.mime}; charset=utf-8` : file.mime, inline ? 'inline' : 'attachment', file.name);
  });

  app.get<{ Params: { id: string } }>('/files/:id/thumbnail', {
    schema: {
      tags: ['files'],
      summary: 'A WebP thumbnail (at most 320 px) of an image file; 404 for files that are not images',
      params: fileParams,
      response: { 200: binary('image/webp'), ...downloadProblems },
    },
  }, async (request, reply) => {
    const file = await readableFile(app, request, request.params.id);
    let thumbnail = await app.store.files.thumbnail(file.id);
    if (!thumbnail && INLINE_IMAGE_TYPES.has(file.mime)) {
      // Made at upload; an image stored without one (made before thumbnails existed) gets it now, once.
      const content = await app.store.files.content(file.id);
      thumbnail = content ? await makeThumbnail(content).catch(() => null) : null;
      if (thumbnail) await app.store.files.setThumbnail(file.id, thumbnail);
    }
    if (!thumbnail) throw new ApiError('ERR_NOT_FOUND');
    const base = file.name.replace(/\.[^.]*$/, '');
    return sendBytes(reply, thumbnail, file, 'image/webp', 'inline', `${base}.webp`, 'thumbnail');
  });
};

/**
 * The file if the caller may read it, else 404 (never 403: whether a file exists is not told).
 * Not yet attached: its uploader only. Attached: whoever can read its record and field.
 */
async function readableFile(app: FastifyInstance, request: FastifyRequest, id: string): Promise<StoredFile> {
  const user = currentUser(request);
  const file = await app.store.files.get(id);
  if (!file) throw new ApiError('ERR_NOT_FOUND');
  if (file.recordId === null) {
    if (file.uploadedBy !== user.id) throw new ApiError('ERR_NOT_FOUND');
    return file;
  }
  const access = await app.store.identity.resolveAccess(user, file.app, file.form);
  if (!access.actions.has('read') || access.hiddenFields.has(file.field.split('.')[0]!)) throw new ApiError('ERR_NOT_FOUND');
  const record = await app.store.records(file.app, file.form).get(access, file.recordId);
  if (!record) throw new ApiError('ERR_NOT_FOUND');
  return file;
}

/** RFC 6266: an ASCII fallback for old clients, the UTF-8 name for every other. */
export function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

function sendBytes(reply: FastifyReply, bytes: Uint8Array, file: StoredFile, type: string, disposition: 'inline' | 'attachment', name: string, variant = 'file'): FastifyReply {
  return reply
    .header('content-type', type)
    .header('content-disposition', contentDisposition(disposition, name))
    // The browser must take the type as given, and nothing in a file may run as a page of this site.
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox")
    .header('cache-control', 'private, max-age=300')
    .header('etag', `"${file.sha256.slice(0, 32)}-${variant}"`)
    .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

async function receiveFile(request: FastifyRequest): Promise<{ name: string; bytes: Uint8Array }> {
  if (!request.isMultipart()) throw new ApiError('ERR_UNSUPPORTED_MEDIA_TYPE', { errors: [{ path: '/file', code: 'multipartRequired' }] });
  try {
    const part = await request.file();
    if (!part || part.fieldname !== 'file') throw new ApiError('ERR_BAD_REQUEST', { errors: [{ path: '/file', code: 'required', params: { missingProperty: 'file' } }] });
    const bytes = await part.toBuffer();
    return { name: cleanFileName(part.filename || ''), bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT') {
      throw new ApiError('ERR_PAYLOAD_TOO_LARGE', { errors: [{ path: '/file', code: 'fileTooLarge', params: { limit: MAX_FILE_BYTES / MB } }] });
    }
    if (code?.startsWith('FST_')) throw new ApiError('ERR_BAD_REQUEST', { errors: [{ path: '/file', code: 'uploadFailed' }] });
    throw error;
  }
}
