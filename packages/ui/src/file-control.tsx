import { useRef, useState } from 'react';
import type { Field, FileRef } from '@tangram/schema';
import { formatBytes, hasPreview, useFileTransfer, type FileTransfer } from './file-transfer';
import type { FormLabels } from './labels';

interface Upload {
  readonly key: number;
  readonly name: string;
  readonly progress: number;
  readonly error: string | null;
}

export interface FileControlProps {
  readonly id: string;
  readonly field: Field;
  readonly value: unknown;
  readonly readOnly: boolean;
  readonly labels: FormLabels;
  /** This field's path under `/data` (`photos`, `items/0/photo`). */
  readonly path: string;
  readonly describedBy: string | undefined;
  readonly invalid: boolean;
  readonly onChange: (value: unknown) => void;
}

/** The upload target of a path: subtable row numbers dropped, `items/0/photo` -> `items.photo`. */
function fieldKeyOf(path: string): string {
  return path.split('/').filter((part) => !/^\d+$/.test(part)).join('.');
}

function isFileRef(value: unknown): value is FileRef {
  return Boolean(value) && typeof value === 'object' && typeof (value as FileRef).id === 'string';
}

function FileChip({ file, transfer, readOnly, onRemove }: { file: FileRef; transfer: FileTransfer; readOnly: boolean; onRemove: () => void }) {
  const { labels } = transfer;
  return (
    <li className="tg-file">
      <a className="tg-file__open" href={transfer.fileUrl(file.id)} target="_blank" rel="noreferrer" aria-label={labels.open.replace('{name}', file.name)}>
        {hasPreview(file) ? <img className="tg-file__thumb" src={transfer.thumbnailUrl(file.id)} alt="" loading="lazy" /> : <span className="tg-file__icon" aria-hidden="true">{file.name.split('.').pop()?.slice(0, 4).toUpperCase() || 'FILE'}</span>}
        <span className="tg-file__name">{file.name}</span>
        <span className="tg-file__size">{formatBytes(file.size)}</span>
      </a>
      {readOnly ? null : (
        <button type="button" className="tg-file__remove" aria-label={labels.remove.replace('{name}', file.name)} onClick={onRemove}>
          ×
        </button>
      )}
    </li>
  );
}

/**
 * A file field: the stored files (thumbnails for images), uploads in flight with their progress, and a
 * button that opens the device's picker (the camera roll on a phone). Each finished upload adds its
 * FileRef to the value; the record holds the file once the form is saved.
 */
export function FileControl(props: FileControlProps) {
  const transfer = useFileTransfer();
  const inputRef = useRef<HTMLInputElement>(null);
  const [uploads, setUploads] = useState<readonly Upload[]>([]);
  const files = Array.isArray(props.value) ? props.value.filter(isFileRef) : [];
  // Uploads finish one by one; each adds to what the previous one left, not to a stale render's value.
  const latest = useRef(files);
  latest.current = files;
  const nextKey = useRef(0);
  if (!transfer || props.field.kind !== 'file') {
    return (
      <p id={props.id} className="tg-placeholder" aria-describedby={props.describedBy}>
        {props.labels.fileLater}
      </p>
    );
  }
  const field = props.field;
  const max = field.maxFiles ?? Infinity;
  const busy = uploads.filter((u) => u.error === null).length;
  const room = max - files.length - busy;
  const accept = [...(field.accept ?? []), ...(field.image ? ['image/*'] : [])].join(',') || undefined;

  const update = (key: number, change: Partial<Upload> | null) =>
    setUploads((list) => (change === null ? list.filter((u) => u.key !== key) : list.map((u) => (u.key === key ? { ...u, ...change } : u))));

  const start = (picked: readonly File[]) => {
    // The files upload side by side, but join the value in the order they were picked, not as they finish.
    let inOrder: Promise<void> = Promise.resolve();
    for (const file of picked.slice(0, Math.max(0, room))) {
      const key = nextKey.current++;
      setUploads((list) => [...list, { key, name: file.name, progress: 0, error: null }]);
      const uploading = transfer.upload(fieldKeyOf(props.path), file, (progress) => update(key, { progress }));
      inOrder = inOrder.then(() => uploading.then(
        (ref) => {
          update(key, null);
          const next = [...latest.current, ref];
          latest.current = next;
          props.onChange(next);
        },
        (error: unknown) => update(key, { error: error instanceof Error ? error.message : String(error) }),
      ));
    }
  };

  return (
    <div className="tg-files" role="group" aria-labelledby={`${props.id}-label`} aria-describedby={props.describedBy} aria-invalid={props.invalid || undefined}>
      {files.length > 0 || uploads.length > 0 ? (
        <ul className="tg-files__list">
          {files.map((file) => (
            <FileChip key={file.id} file={file} transfer={transfer} readOnly={props.readOnly} onRemove={() => props.onChange(files.filter((f) => f.id !== file.id))} />
          ))}
          {uploads.map((upload) => (
            <li key={upload.key} className={`tg-file tg-file--uploading${upload.error ? ' tg-file--failed' : ''}`}>
              <span className="tg-file__name">{upload.name}</span>
              {upload.error ? (
                <>
                  <span className="tg-file__error" role="alert">{upload.error}</span>
                  <button type="button" className="tg-file__remove" aria-label={transfer.labels.remove.replace('{name}', upload.name)} onClick={() => update(upload.key, null)}>
                    ×
                  </button>
                </>
              ) : (
                <progress className="tg-file__progress" max={1} value={upload.progress} aria-label={transfer.labels.uploading.replace('{name}', upload.name)} />
              )}
            </li>
          ))}
        </ul>
      ) : null}
      {props.readOnly || room <= 0 ? null : (
        <>
          <input
            ref={inputRef}
            id={props.id}
            className="tg-files__input"
            type="file"
            accept={accept}
            multiple={room > 1}
            tabIndex={-1}
            onChange={(event) => {
              start(Array.from(event.target.files ?? []));
              event.target.value = '';
            }}
          />
          <button type="button" className="button button--secondary tg-files__add" onClick={() => inputRef.current?.click()}>
            + {field.image ? transfer.labels.addImage : transfer.labels.add}
          </button>
        </>
      )}
      {Number.isFinite(max) ? <span className="tg-files__count">{transfer.labels.count.replace('{count}', String(files.length)).replace('{max}', String(max))}</span> : null}
    </div>
  );
}
