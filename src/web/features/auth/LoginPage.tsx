import { useId, useState, type FormEvent } from 'react';
import { Navigate } from 'react-router';
import type { LoginOptions } from '../../../contracts/auth.ts';
import { Layout } from '../../components/Layout.tsx';
import { formValue } from '../../lib/form.ts';
import { useI18n } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';
import { useAuth } from './auth-context.tsx';

export function LoginPage() {
  const { t, errorText } = useI18n();
  const { me, login, signOutReason } = useAuth();
  const options = useApi<LoginOptions>('/api/auth/options');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const errorId = useId();

  if (me) return <Navigate to="/" replace />;
  const tenantRequired = options.state === 'ready' && options.data.tenantRequired;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const tenant = formValue(form, 'tenant');
    setBusy(true);
    setError(null);
    try {
      await login({
        username: formValue(form, 'username'),
        password: formValue(form, 'password'),
        ...(tenant ? { tenant } : {}),
      });
    } catch (caught) {
      setError(errorText(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Layout title={t('login.title')}>
      <p>{t('login.intro')}</p>
      {signOutReason && (
        <p className="notice" role="status">
          {t(signOutReason === 'expired' ? 'login.expired' : 'login.loggedOut')}
        </p>
      )}
      <form className="login-form" onSubmit={(event) => void submit(event)} noValidate>
        {tenantRequired && options.state === 'ready' && (
          <div className="field">
            <label htmlFor="tenant">{t('login.tenant')}</label>
            <select id="tenant" name="tenant" required>
              {options.data.tenants.map((tenant) => (
                <option key={tenant.code} value={tenant.code}>
                  {tenant.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor="username">{t('login.username')}</label>
          <input
            id="username"
            name="username"
            autoComplete="username"
            required
            aria-describedby={error ? errorId : undefined}
            aria-invalid={error ? true : undefined}
          />
        </div>
        <div className="field">
          <label htmlFor="password">{t('login.password')}</label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            aria-describedby={error ? errorId : undefined}
            aria-invalid={error ? true : undefined}
          />
        </div>
        {error && (
          <p id={errorId} className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('login.submitting') : t('login.submit')}
        </button>
      </form>
    </Layout>
  );
}
