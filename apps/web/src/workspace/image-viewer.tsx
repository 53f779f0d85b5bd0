import { useEffect, useRef } from 'react';
import type { FileRef } from '@tangram/schema';
import { useI18n } from '../i18n/i18n-provider';
import { fileUrl } from './record-360-api';

/**
 * Full-size images one at a time, over the page: Esc closes, ← and → move, focus stays inside and goes
 * back to the thumbnail that opened it.
 */
export function ImageViewer({ images, index, onIndex, onClose }: { images: readonly FileRef[]; index: number; onIndex: (index: number) => void; onClose: () => void }) {
  const { t } = useI18n();
  const closeRef = useRef<HTMLButtonElement>(null);
  const image = images[index]!;
  const many = images.length > 1;
  const move = (step: number) => onIndex((index + step + images.length) % images.length);

  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    closeRef.current?.focus();
    return () => opener?.focus();
  }, []);

  return (
    <div
      className="ws-viewer"
      role="dialog"
      aria-modal="true"
      aria-label={t('record360.viewer.label', { name: image.name })}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
        else if (event.key === 'ArrowRight' && many) move(1);
        else if (event.key === 'ArrowLeft' && many) move(-1);
        else if (event.key === 'Tab') {
          // Keep keyboard focus inside the dialog.
          const focusable = [...event.currentTarget.querySelectorAll<HTMLElement>('button, a[href]')];
          const first = focusable[0];
          const last = focusable[focusable.length - 1];
          if (event.shiftKey && document.activeElement === first) { event.preventDefault(); last?.focus(); }
          else if (!event.shiftKey && document.activeElement === last) { event.preventDefault(); first?.focus(); }
        }
      }}
      onClick={(event) => event.target === event.currentTarget && onClose()}
    >
      <div className="ws-viewer__bar">
        <span className="ws-viewer__name">{image.name}</span>
        {many ? <span className="ws-viewer__position">{t('record360.viewer.position', { n: index + 1, total: images.length })}</span> : null}
        <a className="button button--secondary" href={fileUrl(image.id)} download={image.name}>
          {t('record360.attachments.download')}
        </a>
        <button ref={closeRef} type="button" className="button button--secondary" onClick={onClose}>
          {t('record360.viewer.close')}
        </button>
      </div>
      <img className="ws-viewer__image" src={fileUrl(image.id)} alt={image.name} />
      {many ? (
        <>
          <button type="button" className="ws-viewer__nav ws-viewer__nav--prev" aria-label={t('record360.viewer.prev')} onClick={() => move(-1)}>
            ‹
          </button>
          <button type="button" className="ws-viewer__nav ws-viewer__nav--next" aria-label={t('record360.viewer.next')} onClick={() => move(1)}>
            ›
          </button>
        </>
      ) : null}
    </div>
  );
}
