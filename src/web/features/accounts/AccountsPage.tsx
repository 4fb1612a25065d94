import type { FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { AccountList } from '../../../contracts/users.ts';
import { ROLES } from '../../../domain/roles.ts';
import { Layout } from '../../components/Layout.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { TableWrap } from '../../components/TableWrap.tsx';
import { text } from '../../lib/form.ts';
import { useI18n } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';
import { grantText } from './grant-text.ts';

/**
 * The administrators' list of accounts: by name or username, status and role, kept in the
 * address so the back button returns to the same list.
 */
export function AccountsPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const status = params.get('status') ?? 'active';
  const role = params.get('role') ?? '';
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next: Record<string, string> = { status: text(form, 'status') };
    if (text(form, 'q')) next.q = text(form, 'q');
    if (text(form, 'role')) next.role = text(form, 'role');
    setParams(next);
  };
  const query = new URLSearchParams({ status, ...(q ? { q } : {}), ...(role ? { role } : {}) });
  return (
    <Layout title={t('accounts.title')}>
      <p>{t('accounts.intro')}</p>
      <p className="actions">
        <Link to="/administration/konton/nytt" className="button-link">
          {t('accounts.new')}
        </Link>{' '}
        <Link to="/administration/konton/personregistret" className="button-link secondary">
          {t('accounts.fromPeople')}
        </Link>
      </p>
      <form className="filters" role="search" onSubmit={submit}>
        <div className="field">
          <label htmlFor="accounts-q">{t('accounts.search')}</label>
          <input id="accounts-q" name="q" type="search" defaultValue={q} />
        </div>
        <div className="field">
          <label htmlFor="accounts-status">{t('accounts.status')}</label>
          <select id="accounts-status" name="status" defaultValue={status}>
            {(['active', 'disabled', 'all'] as const).map((s) => (
              <option key={s} value={s}>
                {t(`accounts.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="accounts-role">{t('accounts.role')}</label>
          <select id="accounts-role" name="role" defaultValue={role}>
            <option value="">{t('accounts.anyRole')}</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="primary">
          {t('accounts.find')}
        </button>
      </form>
      <Results path={`/api/users?${query.toString()}`} />
    </Layout>
  );
}

function Results({ path }: { path: string }) {
  const { t } = useI18n();
  const found = useApi<AccountList>(path);
  if (found.state === 'loading') return <p role="status">{t('peopleSearch.searching')}</p>;
  if (found.state === 'error') return <LoadError error={found.error} />;
  const { accounts, more } = found.data;
  return (
    <section aria-labelledby="accounts-found">
      <h2 id="accounts-found">{t('accounts.count', { n: accounts.length })}</h2>
      {more && <p className="notice">{t('accounts.more')}</p>}
      {accounts.length === 0 ? (
        <p role="status">{t('accounts.none')}</p>
      ) : (
        <TableWrap label={t('accounts.title')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('accounts.col.name')}</th>
                <th scope="col">{t('accounts.col.username')}</th>
                <th scope="col">{t('accounts.col.roles')}</th>
                <th scope="col">{t('accounts.col.person')}</th>
                <th scope="col">{t('accounts.col.status')}</th>
              </tr>
            </thead>
            <tbody>
              {accounts.map((account) => (
                <tr key={account.id}>
                  <td>
                    <Link to={`/administration/konton/${account.id}`}>{account.displayName}</Link>
                  </td>
                  <td>{account.username}</td>
                  <td>
                    {account.grants.length
                      ? account.grants.map((g) => grantText(t, g)).join('; ')
                      : t('accounts.noRoles')}
                  </td>
                  <td>{account.person?.name ?? t('accounts.notLinked')}</td>
                  <td>{t(`account.status.${account.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}
