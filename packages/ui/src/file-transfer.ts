import { createContext, useContext } from 'react';
import type { FileRef } from '@tangram/schema';

/** The file control's own words, from the app's dictionaries (`{name}` is filled by the control). */
export interface FileLabels {
  readonly add: string;
  readonly addImage: string;
  /** "Uploading {name}" */
  readonly uploading: string;
  /** "Remove {name}" */
  readonly remove: string;
  /** "Open {name}" */
  readonly open: string;
  /** "{count} of {max} files" */
  readonly count: string;
}

/**
 * How the file control moves bytes: the app supplies it (uploads need its HTTP client and session), so
 * this package stays free of IO. Without a provider the control says files cannot be added here.
 */
export interface FileTransfer {
  /** Uploads one file for a file field (`photos`, or `items.photo` in a subtable); rejects with a message to show. */
  readonly upload: (field: string, file: File, onProgress: (fraction: number) => void) => Promise<FileRef>;
  readonly fileUrl: (id: string) => string;
  readonly thumbnailUrl: (id: string) => string;
  readonly labels: FileLabels;
}

export const FileTransferContext = createContext<FileTransfer | null>(null);

export function useFileTransfer(): FileTransfer | null {
  return useContext(FileTransferContext);
}

/** Whether a stored file has a thumbnail worth asking for (the server makes them for raster images). */
export function hasPreview(file: Pick<FileRef, 'mime'>): boolean {
  return ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/avif'].includes(file.mime);
}

/** `1.2 MB`, `340 KB`, `12 B`. */
export function formatBytes(size: number): string {
  if (size >= 1024 * 1024) return `${(size / 1024 / 1024).toFixed(1)} MB`;
  if (size >= 1024) return `${Math.round(size / 1024)} KB`;
  return `${size} B`;
}
