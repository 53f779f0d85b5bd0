import { useI18n } from '../i18n/i18n-provider';

export function Brand() {
  const { t } = useI18n();
  return (
    <span className="brand">
      <svg className="brand__mark" viewBox="0 0 32 32" aria-hidden="true">
        <rect width="32" height="32" rx="8" fill="var(--c-primary)" />
        <path d="M8 8h16L8 24z" fill="#fff" />
        <path d="M24 12v12H12z" fill="#fff" opacity="0.6" />
      </svg>
      <span className="brand__name">{t('app.name')}</span>
    </span>
  );
}
