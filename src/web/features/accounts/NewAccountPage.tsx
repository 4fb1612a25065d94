import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import type { OrganisationResponse } from '../../../contracts/org.ts';
import { Layout } from '../../components/Layout.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { api } from '../../lib/api-client.ts';
import { formValue, text } from '../../lib/form.ts';
import { useI18n } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';
import { GrantFields, grantFrom } from './GrantFields.tsx';
import { PersonPicker } from './PersonPicker.tsx';

/** Creates an account with its first role, with a password or for single sign-on only. */
export function NewAccountPage() {
  const { t, errorText } = useI18n();
  const navigate = useNavigate();
  const org = useApi<OrganisationResponse>('/api/org');
  const [withPassword, setWithPassword] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const made = await api<{ id: string }>('/api/users', {
        method: 'POST',
        body: {
          displayName: text(form, 'displayName'),
          username: text(form, 'username'),
          password: withPassword ? formValue(form, 'password') : null,
          ...grantFrom(form),
          personId: text(form, 'personId') || null,
          locale: text(form, 'locale'),
        },
      });
      await navigate(`/administration/konton/${made.id}`);
    } catch (caught) {
      setError(errorText(caught));
      setBusy(false);
    }
  }

  return (
    <Layout title={t('accountNew.title')}>
      {org.state === 'error' && <LoadError error={org.error} />}
      {org.state === 'ready' && (
        <form className="stacked" onSubmit={(event) => void submit(event)} noValidate>
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          <div className="field">
            <label htmlFor="account-name">{t('accountNew.displayName')}</label>
            <input id="account-name" name="displayName" autoComplete="off" required />
          </div>
          <div className="field">
            <label htmlFor="account-username">{t('accountNew.username')}</label>
            <input
              id="account-username"
              name="username"
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              required
              aria-describedby="account-username-hint"
            />
            <p className="hint" id="account-username-hint">
              {t('accountNew.usernameHint')}
            </p>
          </div>
          <fieldset>
            <legend>{t('accountNew.signIn')}</legend>
            <label className="choice">
              <input
                type="radio"
                name="signIn"
                checked={withPassword}
                onChange={() => setWithPassword(true)}
              />
              {t('accountNew.withPassword')}
            </label>
            <label className="choice">
              <input
                type="radio"
                name="signIn"
                checked={!withPassword}
                onChange={() => setWithPassword(false)}
              />
              {t('accountNew.withoutPassword')}
            </label>
            {withPassword && (
              <div className="field">
                <label htmlFor="account-password">{t('accountNew.password')}</label>
                <input
                  id="account-password"
                  name="password"
                  type="password"
                  autoComplete="new-password"
                  minLength={10}
                  required
                  aria-describedby="account-password-hint"
                />
                <p className="hint" id="account-password-hint">
                  {t('accountNew.passwordHint')}
                </p>
              </div>
            )}
          </fieldset>
          <fieldset>
            <legend>{t('accountNew.firstRole')}</legend>
            <GrantFields org={org.data} idPrefix="new-grant" />
          </fieldset>
          <PersonPicker idPrefix="new-person" />
          <div className="field">
            <label htmlFor="account-locale">{t('accountNew.locale')}</label>
            <select id="account-locale" name="locale" defaultValue="sv">
              <option value="sv">Svenska</option>
              <option value="en">English</option>
            </select>
          </div>
          <button type="submit" className="primary" disabled={busy}>
            {t('accountNew.create')}
          </button>
        </form>
      )}
    </Layout>
  );
}
