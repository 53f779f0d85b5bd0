import { useState, type FormEvent } from 'react';
import { useApi } from '../api/api-provider';
import { describeError } from '../api/describe-error';
import { FormAlert } from '../components/form-alert';
import { TextField } from '../components/text-field';
import { useI18n } from '../i18n/i18n-provider';
import type { MessageKey } from '../i18n/dictionaries';
import { useSession } from '../session/session-provider';
import { AuthLayout } from './auth-layout';

export function LoginScreen({ expired }: { expired: boolean }) {
  const { t, locale } = useI18n();
  const api = useApi();
  const { signedIn } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<{ email?: MessageKey; password?: MessageKey }>({});
  // The failure itself is kept, not its words, so a language switch re-words it.
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems = {
      ...(email.trim() ? {} : { email: 'validation.required' as const }),
      ...(password ? {} : { password: 'validation.required' as const }),
    };
    setMissing(problems);
    if (problems.email || problems.password) return;
    setBusy(true);
    setFailure(undefined);
    try {
      signedIn(await api.login({ email: email.trim(), password }));
    } catch (error) {
      setFailure(error);
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  const alert = failure !== undefined ? describeError(failure, t, locale) : expired ? t('error.sessionExpired') : undefined;

  return (
    <AuthLayout title={t('login.title')} subtitle={t('login.subtitle')}>
      <form className="form" data-form="login" noValidate onSubmit={submit}>
        <FormAlert message={alert} />
        <TextField
          label={t('login.email')}
          name="email"
          type="email"
          autoComplete="username"
          value={email}
          onChange={(value) => {
            setEmail(value);
            setMissing((m) => ({ ...m, email: undefined }));
          }}
          error={missing.email ? t(missing.email) : undefined}
          required
          autoFocus
        />
        <TextField
          label={t('login.password')}
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(value) => {
            setPassword(value);
            setMissing((m) => ({ ...m, password: undefined }));
          }}
          error={missing.password ? t(missing.password) : undefined}
          required
        />
        <button type="submit" className="button button--primary button--block" disabled={busy} aria-busy={busy}>
          {busy ? t('login.submitting') : t('login.submit')}
        </button>
      </form>
    </AuthLayout>
  );
}
