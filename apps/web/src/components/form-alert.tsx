/** A form-level error, announced by screen readers as soon as it appears. */
export function FormAlert({ message }: { message: string | undefined }) {
  return (
    <div className="form-alert" role="alert" aria-live="assertive" hidden={!message}>
      {message ? (
        <>
          <svg className="form-alert__icon" viewBox="0 0 20 20" aria-hidden="true">
            <circle cx="10" cy="10" r="9" fill="currentColor" opacity="0.15" />
            <path d="M10 5.5v5.5M10 13.5v1" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
          </svg>
          <span>{message}</span>
        </>
      ) : null}
    </div>
  );
}
