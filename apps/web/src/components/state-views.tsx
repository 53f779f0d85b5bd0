import type { ReactNode } from 'react';

export function LoadingState({ label }: { label: string }) {
  return (
    <div className="state state--loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

export function EmptyState({ title, hint, icon, action }: { title: string; hint: string; icon?: ReactNode; action?: ReactNode }) {
  return (
    <div className="state state--empty">
      <div className="state__illustration" aria-hidden="true">
        {icon ?? (
          <svg viewBox="0 0 64 64">
            <rect x="8" y="14" width="48" height="38" rx="6" fill="var(--c-primary-soft)" />
            <rect x="16" y="24" width="20" height="4" rx="2" fill="var(--c-primary)" opacity="0.5" />
            <rect x="16" y="32" width="32" height="4" rx="2" fill="var(--c-primary)" opacity="0.3" />
            <rect x="16" y="40" width="26" height="4" rx="2" fill="var(--c-primary)" opacity="0.3" />
          </svg>
        )}
      </div>
      <h2 className="state__title">{title}</h2>
      <p className="state__hint">{hint}</p>
      {action}
    </div>
  );
}

export function ErrorState({ title, message, retryLabel, onRetry }: { title: string; message: string; retryLabel: string; onRetry?: () => void }) {
  return (
    <div className="state state--error" role="alert">
      <div className="state__illustration" aria-hidden="true">
        <svg viewBox="0 0 64 64">
          <circle cx="32" cy="32" r="24" fill="var(--c-danger-soft)" />
          <path d="M32 20v15M32 42v2" stroke="var(--c-danger)" strokeWidth="4" strokeLinecap="round" />
        </svg>
      </div>
      <h2 className="state__title">{title}</h2>
      <p className="state__hint">{message}</p>
      {onRetry ? (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          {retryLabel}
        </button>
      ) : null}
    </div>
  );
}
