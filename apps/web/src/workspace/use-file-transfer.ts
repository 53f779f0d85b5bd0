import { useMemo, useRef } from 'react';
import type { FileTransfer } from '@tangram/ui';
import { describeError } from '../api/describe-error';
import { useI18n } from '../i18n/i18n-provider';
import { createRecord360Api, fileUrl, thumbnailUrl } from './record-360-api';

/** The file control's uploads for one form, with refusals worded in the reader's language. */
export function useFileTransfer(appKey: string, formKey: string): FileTransfer {
  const { t, locale } = useI18n();
  const localeRef = useRef(locale);
  localeRef.current = locale;
  return useMemo(() => {
    const api = createRecord360Api(() => localeRef.current, appKey, formKey);
    return Object.freeze({
      upload: (field: string, file: File, onProgress: (fraction: number) => void) =>
        api.upload(field, file, onProgress).catch((error: unknown) => {
          throw new Error(`${file.name}: ${describeError(error, t, localeRef.current)}`);
        }),
      fileUrl,
      thumbnailUrl,
      labels: {
        add: t('record360.files.add'),
        addImage: t('record360.files.addImage'),
        uploading: t('record360.files.uploading'),
        remove: t('record360.files.remove'),
        open: t('record360.files.open'),
        count: t('record360.files.count'),
      },
    });
  }, [appKey, formKey, t]);
}
