import { useState, type FormEvent } from 'react';
import { LOCALES, type Locale, type Problem } from '@tangram/schema';
import { isApiError } from '../api/api-error';
import { useApi } from '../api/api-provider';
import { describeError, describeProblem } from '../api/describe-error';
import { FormAlert } from '../components/form-alert';
import { SelectField } from '../components/select-field';
import { TextField } from '../components/text-field';
import { useI18n } from '../i18n/i18n-provider';
import type { MessageKey } from '../i18n/dictionaries';
import { useSession } from '../session/session-provider';
import { AuthLayout } from './auth-layout';
import { fieldProblems } from './form-problems';

const FIELDS = ['name', 'email', 'password'] as const;
type SetupField = (typeof FIELDS)[number];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Checks made before sending, so the obvious mistakes are shown at once; the server checks again. */
function checkSetup(values: Record<SetupField, string>): Partial<Record<SetupField, MessageKey>> {
  const problems: Partial<Record<SetupField, MessageKey>> = {};
  if (!values.name.trim()) problems.name = 'validation.required';
  if (!values.email.trim()) problems.email = 'validation.required';
  else if (!EMAIL.test(values.email.trim())) problems.email = 'validation.email';
  if (values.password.length < 8) problems.password = 'validation.passwordLength';
  return problems;
}

/** First run: creates the administrator, then signs them in. */
export function SetupScreen() {
  const { t, locale, setLocale } = useI18n();
  const api = useApi();
  const { signedIn, recheck } = useSession();
  const [values, setValues] = useState<Record<SetupField, string>>({ name: '', email: '', password: '' });
  const [localErrors, setLocalErrors] = useState<Partial<Record<SetupField, MessageKey>>>({});
  // The failure itself is kept, not its words, so a language switch re-words it.
  const [failure, setFailure] = useState<unknown>();
  const [edited, setEdited] = useState<ReadonlySet<SetupField>>(new Set());
  const [busy, setBusy] = useState(false);

  const update = (field: SetupField) => (value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    setLocalErrors((current) => ({ ...current, [field]: undefined }));
    setEdited((current) => new Set(current).add(field));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems = checkSetup(values);
    setLocalErrors(problems);
    setFailure(undefined);
    setEdited(new Set());
    const firstInvalid = FIELDS.find((field) => problems[field]);
    if (firstInvalid) {
      document.querySelector<HTMLInputElement>(`form[data-form="setup"] [name="${firstInvalid}"]`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const user = await api.setup({ name: values.name.trim(), email: values.email.trim(), password: values.password, locale });
      signedIn(user);
    } catch (error) {
      // Someone else finished setup meanwhile (another tab, the admin variables): sign in instead.
      if (isApiError(error) && error.code === 'ERR_SETUP_DONE') return recheck();
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const { byField, rest } = isApiError(failure) ? fieldProblems(failure.errors, FIELDS) : { byField: {}, rest: [] };
  const alert =
    failure === undefined
      ? undefined
      : Object.keys(byField).length === 0
        ? describeError(failure, t, locale)
        : rest.length > 0
          ? rest.map((problem) => describeProblem(problem, locale)).join('; ')
          : undefined;
  const errorOf = (field: SetupField): string | undefined => {
    const serverProblem = edited.has(field) ? undefined : (byField as Partial<Record<SetupField, Problem>>)[field];
    if (serverProblem) return describeProblem(serverProblem, locale);
    const local = localErrors[field];
    return local ? t(local) : undefined;
  };

  return (
    <AuthLayout title={t('setup.title')} subtitle={t('setup.subtitle')}>
      <form className="form" data-form="setup" noValidate onSubmit={submit}>
        <FormAlert message={alert} />
        <TextField label={t('setup.name')} name="name" autoComplete="name" value={values.name} onChange={update('name')} error={errorOf('name')} required autoFocus />
        <TextField label={t('setup.email')} name="email" type="email" autoComplete="email" value={values.email} onChange={update('email')} error={errorOf('email')} required />
        <TextField
          label={t('setup.password')}
          name="password"
          type="password"
          autoComplete="new-password"
          value={values.password}
          onChange={update('password')}
          hint={t('setup.passwordHint')}
          error={errorOf('password')}
          minLength={8}
          required
        />
        <SelectField<Locale>
          label={t('setup.language')}
          name="locale"
          value={locale}
          onChange={setLocale}
          options={LOCALES.map((value) => ({ value, label: t(`language.${value}`) }))}
        />
        <button type="submit" className="button button--primary button--block" disabled={busy} aria-busy={busy}>
          {busy ? t('setup.submitting') : t('setup.submit')}
        </button>
      </form>
    </AuthLayout>
  );
}
