import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { OrganisationResponse } from '../../../contracts/org.ts';
import type { AccountDetail, PasswordReset } from '../../../contracts/users.ts';
import { ActionForm } from '../../components/ActionForm.tsx';
import { Layout } from '../../components/Layout.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { api } from '../../lib/api-client.ts';
import { formValue, text } from '../../lib/form.ts';
import { useI18n } from '../../lib/i18n.tsx';
import type { MessageKey } from '../../lib/messages.ts';
import { useApi } from '../../lib/use-api.ts';
import { GrantFields, grantFrom } from './GrantFields.tsx';
import { grantText } from './grant-text.ts';
import { PersonPicker } from './PersonPicker.tsx';

/**
 * One account for its administrator: details, roles to grant and withdraw, the person it is
 * linked to, its password and status, and everything done to it.
 */
export function AccountPage() {
  const { id = '' } = useParams();
  const { t, errorText } = useI18n();
  const [version, setVersion] = useState(0);
  const reload = () => setVersion((v) => v + 1);
  const account = useApi<AccountDetail>(`/api/users/${id}`, version);
  const org = useApi<OrganisationResponse>('/api/org');
  const [actionError, setActionError] = useState<string | null>(null);
  const [made, setMade] = useState<PasswordReset | null>(null);

  if (account.state === 'loading') return <Layout title={t('accounts.title')}>{null}</Layout>;
  if (account.state === 'error')
    return (
      <Layout title={t('accounts.title')}>
        <LoadError error={account.error} />
      </Layout>
    );
  const a = account.data;

  async function act(work: () => Promise<unknown>) {
    setActionError(null);
    try {
      await work();
      reload();
    } catch (caught) {
      setActionError(errorText(caught));
    }
  }

  const withdraw = (grant: AccountDetail['grants'][number]) => {
    const role = grantText(t, grant);
    if (!window.confirm(t('account.withdrawConfirm', { role, name: a.displayName }))) return;
    void act(() => api(`/api/users/${a.id}/grants/${grant.id}`, { method: 'DELETE' }));
  };
  const disable = () => {
    if (!window.confirm(t('account.disableConfirm', { name: a.displayName }))) return;
    void act(() => api(`/api/users/${a.id}/disable`, { method: 'POST' }));
  };

  return (
    <Layout title={a.displayName}>
      <p>
        <Link to="/administration/konton">{t('accounts.title')}</Link>
      </p>
      {actionError && (
        <p className="error" role="alert">
          {actionError}
        </p>
      )}
      <section aria-labelledby="account-details">
        <h2 id="account-details">{t('account.details')}</h2>
        <dl className="review">
          <dt>{t('account.username')}</dt>
          <dd>{a.username}</dd>
          <dt>{t('account.status')}</dt>
          <dd>{t(`account.status.${a.status}`)}</dd>
          <dt>{t('account.person')}</dt>
          <dd>
            {a.person ? (
              <Link to={`/organisation/personer/${a.person.id}`}>{a.person.name}</Link>
            ) : (
              t('accounts.notLinked')
            )}
          </dd>
          <dt>{t('account.locale')}</dt>
          <dd>{a.locale === 'sv' ? 'Svenska' : 'English'}</dd>
          <dt>{t('account.created')}</dt>
          <dd>
            <When at={a.createdAt} />
          </dd>
          <dt>{t('account.lastSignIn')}</dt>
          <dd>{a.lastSignIn ? <When at={a.lastSignIn} /> : t('account.never')}</dd>
          <dt>{t('account.sessions')}</dt>
          <dd>{t('account.sessionsCount', { n: a.activeSessions })}</dd>
        </dl>
      </section>

      <section aria-labelledby="account-roles">
        <h2 id="account-roles">{t('account.roles')}</h2>
        {a.grants.length === 0 ? (
          <p>{t('accounts.noRoles')}</p>
        ) : (
          <ul className="grant-list">
            {a.grants.map((grant) => (
              <li key={grant.id}>
                {grantText(t, grant)}{' '}
                <button type="button" className="link-button" onClick={() => withdraw(grant)}>
                  {t('account.withdraw', { role: t(`role.${grant.role}`) })}
                </button>
              </li>
            ))}
          </ul>
        )}
        {org.state === 'ready' && (
          <ActionForm
            legend={t('account.addRole')}
            submitLabel={t('account.add')}
            onDone={reload}
            onSubmit={(form) =>
              api(`/api/users/${a.id}/grants`, { method: 'POST', body: grantFrom(form) })
            }
          >
            <GrantFields org={org.data} idPrefix="add-grant" />
          </ActionForm>
        )}
      </section>

      <section aria-labelledby="account-person">
        <h2 id="account-person">{t('account.link')}</h2>
        <ActionForm
          key={a.person?.id ?? 'none'}
          legend={t('person.pick')}
          submitLabel={t('account.linkSave')}
          onDone={reload}
          onSubmit={(form) =>
            api(`/api/users/${a.id}`, {
              method: 'PATCH',
              body: { personId: text(form, 'personId') || null },
            })
          }
        >
          <PersonPicker idPrefix="link-person" initial={a.person} framed={false} />
        </ActionForm>
      </section>

      <section aria-labelledby="account-sign-in">
        <h2 id="account-sign-in">{t('account.signIn')}</h2>
        {made && (
          <div className="notice made-password" role="status">
            {made.password ? (
              <>
                <p>
                  {t('account.madePassword')} <code>{made.password}</code>
                </p>
                <p>{t('account.madePasswordNote')}</p>
              </>
            ) : (
              <p>{t('account.passwordSet')}</p>
            )}
            <p>{t('account.signedOut', { n: made.sessionsEnded })}</p>
          </div>
        )}
        <ActionForm
          legend={t('account.setPassword')}
          submitLabel={t('account.setPassword')}
          onDone={reload}
          onSubmit={async (form) => {
            const password = formValue(form, 'password');
            setMade(
              await api<PasswordReset>(`/api/users/${a.id}/password`, {
                method: 'POST',
                body: password ? { password } : {},
              }),
            );
          }}
        >
          <div className="field">
            <label htmlFor="new-password">{t('account.newPassword')}</label>
            <input
              id="new-password"
              name="password"
              type="password"
              autoComplete="new-password"
              aria-describedby="new-password-hint"
            />
            <p className="hint" id="new-password-hint">
              {t('account.newPasswordHint')}
            </p>
          </div>
        </ActionForm>
        {a.status === 'disabled' ? (
          <button
            type="button"
            className="secondary"
            onClick={() => void act(() => api(`/api/users/${a.id}/enable`, { method: 'POST' }))}
          >
            {t('account.enable')}
          </button>
        ) : a.can.disable ? (
          <button type="button" className="secondary" onClick={disable}>
            {t('account.disable')}
          </button>
        ) : (
          a.can.refusal && <p className="hint">{t(`account.refusal.${a.can.refusal}`)}</p>
        )}
      </section>

      <section aria-labelledby="account-name">
        <h2 id="account-name">{t('account.nameAndLocale')}</h2>
        <ActionForm
          legend={t('account.nameAndLocale')}
          submitLabel={t('account.save')}
          onDone={reload}
          onSubmit={(form) =>
            api(`/api/users/${a.id}`, {
              method: 'PATCH',
              body: { displayName: text(form, 'displayName'), locale: text(form, 'locale') },
            })
          }
        >
          <div className="field">
            <label htmlFor="rename">{t('accountNew.displayName')}</label>
            <input id="rename" name="displayName" defaultValue={a.displayName} required />
          </div>
          <div className="field">
            <label htmlFor="relocale">{t('accountNew.locale')}</label>
            <select id="relocale" name="locale" defaultValue={a.locale}>
              <option value="sv">Svenska</option>
              <option value="en">English</option>
            </select>
          </div>
        </ActionForm>
      </section>

      <History events={a.history} />
    </Layout>
  );
}

function When({ at }: { at: string }) {
  const { locale } = useI18n();
  return (
    <time dateTime={at}>
      {new Intl.DateTimeFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', {
        dateStyle: 'medium',
        timeStyle: 'short',
        timeZone: 'Europe/Stockholm',
      }).format(new Date(at))}
    </time>
  );
}

const EVENTS = new Set([
  'user.create',
  'user.create_from_person',
  'user.rename',
  'user.locale',
  'user.link_person',
  'user.unlink_person',
  'user.disable',
  'user.enable',
  'user.password_reset',
  'user.grant',
  'user.revoke',
]);

function History({ events }: { events: AccountDetail['history'] }) {
  const { t, locale } = useI18n();
  const when = new Intl.DateTimeFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Stockholm',
  });
  const say = (event: AccountDetail['history'][number]) => {
    const values = {
      role: event.role ? t(`role.${event.role}`) : '',
      scope: event.scope ? t('event.scope', { scope: event.scope }) : '',
      person: event.person ?? '',
      name: event.name ?? '',
      action: event.action,
    };
    return EVENTS.has(event.action)
      ? t(`event.${event.action}` as MessageKey, values)
      : t('event.other', values);
  };
  return (
    <section aria-labelledby="account-history">
      <h2 id="account-history">{t('account.history')}</h2>
      {events.length === 0 ? (
        <p>{t('account.noHistory')}</p>
      ) : (
        <ul className="history">
          {events.map((event, index) => (
            <li key={index}>
              {say(event)}{' '}
              <span className="hint">
                {event.by
                  ? t('account.by', { when: when.format(new Date(event.at)), by: event.by })
                  : t('account.bySystem', { when: when.format(new Date(event.at)) })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
