import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n-provider';
import type { PublicFormAdmin } from './public-form-api';

/** Copies text and says so for two seconds. */
function CopyButton({ text, label }: { text: string; label: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 2000);
    return () => clearTimeout(timer);
  }, [copied]);
  return (
    <button
      type="button"
      className="button button--secondary"
      aria-label={label}
      onClick={() => void navigator.clipboard?.writeText(text).then(() => setCopied(true), () => undefined)}
    >
      <span aria-live="polite">{copied ? t('publicForm.settings.copied') : t('publicForm.settings.copy')}</span>
    </button>
  );
}

/** Opens the QR code alone in a window and prints it (a card for the till). */
function printQr(src: string, title: string): void {
  const win = window.open('', '_blank', 'noopener=no,width=480,height=560');
  if (!win) return;
  const doc = win.document;
  doc.title = title;
  const img = doc.createElement('img');
  img.src = new URL(src, window.location.href).href;
  img.alt = title;
  img.style.cssText = 'display:block;margin:24px auto;width:80mm;height:80mm';
  img.onload = () => win.print();
  doc.body.append(img);
}

/** Link (copy, replace), QR code (PNG/SVG, print) and embed snippet of a saved public form. */
export function SharePanel({ saved, qrPng, qrSvg, onRotate, rotating }: { saved: PublicFormAdmin; qrPng: string; qrSvg: string; onRotate: () => void; rotating: boolean }) {
  const { t } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);
  const link = saved.link ?? '';
  // The token in the address makes the browser fetch a new image after the link is replaced.
  const version = `?v=${encodeURIComponent(saved.token ?? '')}`;
  return (
    <section className="pfs-section" aria-labelledby="pfs-share">
      <h2 id="pfs-share" className="pfs-section__title">{t('publicForm.settings.share')}</h2>
      <div className="field">
        <label className="field__label" htmlFor="pfs-link">{t('publicForm.settings.shareLink')}</label>
        <div className="pfs-row">
          <input id="pfs-link" className="field__input" readOnly value={link} onFocus={(e) => e.target.select()} />
          <CopyButton text={link} label={`${t('publicForm.settings.copy')} ${t('publicForm.settings.shareLink')}`} />
          <button type="button" className="button button--secondary" onClick={() => setConfirming(true)} disabled={rotating}>
            {t('publicForm.settings.rotate')}
          </button>
        </div>
      </div>
      <div className="pfs-qr">
        <img className="pfs-qr__image" src={qrPng + version} alt={t('publicForm.settings.qrAlt')} width={176} height={176} />
        <div className="pfs-qr__actions">
          <p className="field__label">{t('publicForm.settings.qr')}</p>
          <a className="button button--secondary" href={qrPng + version} download>{t('publicForm.settings.downloadPng')}</a>
          <a className="button button--secondary" href={qrSvg + version} download>{t('publicForm.settings.downloadSvg')}</a>
          <button type="button" className="button button--secondary" onClick={() => printQr(qrPng + version, t('publicForm.settings.qrAlt'))}>
            {t('publicForm.settings.print')}
          </button>
        </div>
      </div>
      <div className="field">
        <label className="field__label" htmlFor="pfs-embed">{t('publicForm.settings.embed')}</label>
        <textarea id="pfs-embed" className="field__input pfs-code" readOnly rows={3} value={saved.embed ?? ''} aria-describedby="pfs-embed-hint" onFocus={(e) => e.target.select()} />
        <p className="field__hint" id="pfs-embed-hint">{t('publicForm.settings.embedHint')}</p>
        <div><CopyButton text={saved.embed ?? ''} label={`${t('publicForm.settings.copy')} ${t('publicForm.settings.embed')}`} /></div>
      </div>
      {confirming ? (
        <div className="ws-overlay">
          <div className="ws-dialog" role="alertdialog" aria-modal="true" aria-labelledby="pfs-rotate-title" onKeyDown={(e) => e.key === 'Escape' && setConfirming(false)}>
            <h2 id="pfs-rotate-title" className="ws-dialog__title">{t('publicForm.settings.rotateConfirm')}</h2>
            <div className="ws-dialog__actions">
              <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>{t('publicForm.settings.cancel')}</button>
              <button
                ref={confirmRef}
                type="button"
                className="button button--primary"
                onClick={() => {
                  setConfirming(false);
                  onRotate();
                }}
              >
                {t('publicForm.settings.rotateYes')}
              </button>
            </div>
          </div>
        </div>
      ) : null}
    </section>
  );
}
