import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { OrganisationResponse } from '../../../contracts/org.ts';
import type { FromPeoplePlan } from '../../../contracts/users.ts';
import { Layout } from '../../components/Layout.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { TableWrap } from '../../components/TableWrap.tsx';
import { UnitPicker } from '../../components/UnitPicker.tsx';
import { api } from '../../lib/api-client.ts';
import { text } from '../../lib/form.ts';
import { useI18n } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';

/**
 * Accounts for the people register's people who have none (named by their e-mail, no
 * password, ready for single sign-on): first what would be made and who is skipped and why,
 * then all of them in one go.
 */
export function FromPeoplePage() {
  const { t, errorText } = useI18n();
  const org = useApi<OrganisationResponse>('/api/org');
  const [unitId, setUnitId] = useState<string | null>(null);
  const [plan, setPlan] = useState<FromPeoplePlan | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(dryRun: boolean, chosen: string | null) {
    setBusy(true);
    setError(null);
    try {
      setPlan(
        await api<FromPeoplePlan>(`/api/users/from-people?dryRun=${String(dryRun)}`, {
          method: 'POST',
          body: { unitId: chosen },
        }),
      );
    } catch (caught) {
      setError(errorText(caught));
    } finally {
      setBusy(false);
    }
  }
  const preview = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const chosen = text(new FormData(event.currentTarget), 'unitId') || null;
    setUnitId(chosen);
    void run(true, chosen);
  };

  return (
    <Layout title={t('fromPeople.title')}>
      <p>
        <Link to="/administration/konton">{t('accounts.title')}</Link>
      </p>
      <p>{t('fromPeople.intro')}</p>
      {org.state === 'error' && <LoadError error={org.error} />}
      {org.state === 'ready' && (
        <form className="stacked" onSubmit={preview}>
          <UnitPicker
            units={org.data.units}
            allowed={{ everyone: true, unitIds: [] }}
            name="unitId"
            legend={t('fromPeople.unit')}
            hint={t('fromPeople.unitHint')}
            none={t('fromPeople.unitNone')}
            single
          />
          <button type="submit" className="primary" disabled={busy}>
            {t('fromPeople.preview')}
          </button>
        </form>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {plan && <PlanView plan={plan} busy={busy} onApply={() => void run(false, unitId)} />}
    </Layout>
  );
}

function PlanView({
  plan,
  busy,
  onApply,
}: {
  plan: FromPeoplePlan;
  busy: boolean;
  onApply: () => void;
}) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="plan-heading">
      <h2 id="plan-heading">
        {plan.applied ? t('fromPeople.applied', { n: plan.create }) : t('fromPeople.preview')}
      </h2>
      <p role="status">
        {t('fromPeople.summary', {
          create: plan.create,
          existing: plan.existing,
          skipped: plan.skipped,
        })}
      </p>
      {plan.byRole.length > 0 && (
        <>
          <h3>{t('fromPeople.byRole')}</h3>
          <ul>
            {plan.byRole.map((r) => (
              <li key={r.role}>
                {t(`role.${r.role}`)}: {r.count}
              </li>
            ))}
          </ul>
        </>
      )}
      {plan.skippedByReason.length > 0 && (
        <>
          <h3>{t('fromPeople.skippedTitle')}</h3>
          <ul>
            {plan.skippedByReason.map((r) => (
              <li key={r.reason}>
                {t(`fromPeople.reason.${r.reason}`)}: {r.count}
              </li>
            ))}
          </ul>
        </>
      )}
      {!plan.applied &&
        (plan.create > 0 ? (
          <button type="button" className="primary" disabled={busy} onClick={onApply}>
            {t('fromPeople.apply', { n: plan.create })}
          </button>
        ) : (
          <p>{t('fromPeople.nothing')}</p>
        ))}
      {plan.sample.length > 0 && (
        <>
          <h3>{t('fromPeople.sample')}</h3>
          <TableWrap label={t('fromPeople.sample')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('accounts.col.name')}</th>
                  <th scope="col">{t('accounts.col.username')}</th>
                  <th scope="col">{t('accounts.col.roles')}</th>
                </tr>
              </thead>
              <tbody>
                {plan.sample.map((a) => (
                  <tr key={a.personId}>
                    <td>
                      <Link to={`/organisation/personer/${a.personId}`}>{a.name}</Link>
                    </td>
                    <td>{a.username}</td>
                    <td>{a.roles.map((r) => t(`role.${r}`)).join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </>
      )}
      {plan.skippedSample.length > 0 && (
        <>
          <h3>{t('fromPeople.skippedSample')}</h3>
          <TableWrap label={t('fromPeople.skippedSample')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('accounts.col.name')}</th>
                  <th scope="col">{t('fromPeople.col.email')}</th>
                  <th scope="col">{t('fromPeople.col.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {plan.skippedSample.map((s) => (
                  <tr key={s.personId}>
                    <td>
                      <Link to={`/organisation/personer/${s.personId}`}>{s.name}</Link>
                    </td>
                    <td>{s.email ?? '–'}</td>
                    <td>{t(`fromPeople.reason.${s.reason}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </>
      )}
    </section>
  );
}
