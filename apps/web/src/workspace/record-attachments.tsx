import { useState } from 'react';
import type { FileRef, FormDefinition } from '@tangram/schema';
import { fieldLabel, formatBytes, hasPreview } from '@tangram/ui';
import { useI18n } from '../i18n/i18n-provider';
import { ImageViewer } from './image-viewer';
import { fileUrl, thumbnailUrl } from './record-360-api';

function filesOf(value: unknown): FileRef[] {
  return Array.isArray(value) ? value.filter((f): f is FileRef => Boolean(f) && typeof f === 'object' && typeof (f as FileRef).id === 'string') : [];
}

/**
 * The record's files by field: images as thumbnails that open the viewer (all images of the record,
 * in order), other files as downloads with their size.
 */
export function RecordAttachments({ form, data }: { form: FormDefinition; data: Readonly<Record<string, unknown>> }) {
  const { t, locale } = useI18n();
  const [open, setOpen] = useState<number | null>(null);
  const groups = form.fields.filter((f) => f.kind === 'file').map((field) => ({ field, files: filesOf(data[field.key]) })).filter((g) => g.files.length > 0);
  if (groups.length === 0) return null;
  const images = groups.flatMap((g) => g.files.filter(hasPreview));
  return (
    <section className="ws-attachments" aria-labelledby="ws-attachments-title">
      <h2 className="section-title" id="ws-attachments-title">
        {t('record360.attachments.title')}
      </h2>
      {groups.map(({ field, files }) => (
        <div key={field.key} className="ws-attachments__field" data-field={field.key}>
          <h3 className="ws-attachments__label">{fieldLabel(field, locale)}</h3>
          <ul className="ws-attachments__grid">
            {files.map((file) => (
              <li key={file.id}>
                {hasPreview(file) ? (
                  <button type="button" className="ws-attachments__thumb" aria-label={t('record360.files.open', { name: file.name })} onClick={() => setOpen(images.indexOf(file))}>
                    <img src={thumbnailUrl(file.id)} alt="" loading="lazy" />
                  </button>
                ) : (
                  <a className="ws-attachments__file" href={fileUrl(file.id)} download={file.name}>
                    <span className="ws-attachments__name">{file.name}</span>
                    <span className="ws-muted">{formatBytes(file.size)}</span>
                  </a>
                )}
              </li>
            ))}
          </ul>
        </div>
      ))}
      {open !== null && images[open] ? <ImageViewer images={images} index={open} onIndex={setOpen} onClose={() => setOpen(null)} /> : null}
    </section>
  );
}
