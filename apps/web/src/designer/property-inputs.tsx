import { useId, type ReactNode } from 'react';

/** A labelled control of the property panel, with the server's problems about it underneath. */
export function PropertyRow({ label, problems, children, hint }: { label: string; problems?: readonly string[]; hint?: string; children: (id: string, describedBy: string | undefined) => ReactNode }) {
  const id = useId();
  const invalid = (problems?.length ?? 0) > 0;
  const describedBy = invalid ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div className={`dz-prop${invalid ? ' field--invalid' : ''}`}>
      <label className="dz-prop__label" htmlFor={id}>{label}</label>
      {children(id, describedBy)}
      {hint && !invalid ? <p className="dz-prop__hint" id={`${id}-hint`}>{hint}</p> : null}
      {invalid ? (
        <p className="field__error" id={`${id}-error`} role="alert">{problems!.join(' ')}</p>
      ) : null}
    </div>
  );
}

export function TextProperty({ label, value, onChange, problems, hint, type = 'text', placeholder }: {
  label: string; value: string; onChange: (value: string) => void; problems?: readonly string[]; hint?: string; type?: 'text' | 'number' | 'date'; placeholder?: string;
}) {
  return (
    <PropertyRow label={label} {...(problems ? { problems } : {})} {...(hint ? { hint } : {})}>
      {(id, describedBy) => (
        <input
          id={id}
          className="field__input field__input--small"
          type={type}
          value={value}
          placeholder={placeholder}
          aria-invalid={(problems?.length ?? 0) > 0 || undefined}
          aria-describedby={describedBy}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </PropertyRow>
  );
}

export function CheckProperty({ label, checked, onChange, problems }: { label: string; checked: boolean; onChange: (checked: boolean) => void; problems?: readonly string[] }) {
  const id = useId();
  return (
    <div className={`dz-prop dz-prop--check${(problems?.length ?? 0) > 0 ? ' field--invalid' : ''}`}>
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <label htmlFor={id}>{label}</label>
      {problems && problems.length > 0 ? <p className="field__error" role="alert">{problems.join(' ')}</p> : null}
    </div>
  );
}

export function ChoiceProperty({ label, value, choices, onChange, problems }: {
  label: string; value: string; choices: readonly { value: string; label: string }[]; onChange: (value: string) => void; problems?: readonly string[];
}) {
  return (
    <PropertyRow label={label} {...(problems ? { problems } : {})}>
      {(id, describedBy) => (
        <select id={id} className="field__input field__input--small" value={value} aria-describedby={describedBy} onChange={(e) => onChange(e.target.value)}>
          {choices.map((c) => (
            <option key={c.value} value={c.value}>{c.label}</option>
          ))}
        </select>
      )}
    </PropertyRow>
  );
}
