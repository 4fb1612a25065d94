import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { PersonDetail } from '../../../contracts/org.ts';
import { Layout } from '../../components/Layout.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { useI18n } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';
import { PersonProgrammesSection } from '../programmes/PersonProgrammesSection.tsx';
import { PersonAdmin } from './PersonAdmin.tsx';
import { TableWrap } from '../../components/TableWrap.tsx';

export function PersonPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const [version, setVersion] = useState(0);
  const detail = useApi<PersonDetail>(`/api/org/people/${id}`, version);
  if (detail.state !== 'ready') {
    return (
      <Layout title={t('org.title')}>
        {detail.state === 'loading' ? (
          <p role="status">{t('org.loading')}</p>
        ) : detail.error.code === 'not_found' ? (
          <p>{t('person.notAllowed')}</p>
        ) : (
          <LoadError error={detail.error} />
        )}
      </Layout>
    );
  }
  const { person, employments, seats } = detail.data;
  const status = (active: boolean) => t(active ? 'person.current' : 'person.ended');
  return (
    <Layout title={person.name}>
      <dl className="facts">
        {person.email && (
          <div>
            <dt>{t('table.email')}</dt>
            <dd>{person.email}</dd>
          </div>
        )}
        {person.employeeNumber && (
          <div>
            <dt>{t('person.employeeNumber')}</dt>
            <dd>{person.employeeNumber}</dd>
          </div>
        )}
        {person.officialNumber && (
          <div>
            <dt>{t('person.officialNumber')}</dt>
            <dd>{person.officialNumber}</dd>
          </div>
        )}
      </dl>
      <section aria-labelledby="employments-heading">
        <h2 id="employments-heading">{t('person.employments')}</h2>
        {employments.length === 0 ? (
          <p>{t('person.noEmployments')}</p>
        ) : (
          <TableWrap label={t('person.employments')}>
            <table>
              <caption className="visually-hidden">{t('person.employments')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('table.unit')}</th>
                  <th scope="col">{t('table.title')}</th>
                  <th scope="col">{t('table.period')}</th>
                  <th scope="col">{t('table.status')}</th>
                </tr>
              </thead>
              <tbody>
                {employments.map((e) => (
                  <tr key={`${e.unit.id}-${e.startDate}`}>
                    <td>
                      <Link to={`/organisation/enheter/${e.unit.id}`}>{e.unit.name}</Link>
                    </td>
                    <td>
                      {e.title}
                      {e.isManager && ` (${t('role.manager').toLowerCase()})`}
                    </td>
                    <td>
                      {e.startDate} – {e.endDate ?? ''}
                    </td>
                    <td>{status(e.active)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>
      <section aria-labelledby="seats-heading">
        <h2 id="seats-heading">{t('person.seats')}</h2>
        {seats.length === 0 ? (
          <p>{t('person.noSeats')}</p>
        ) : (
          <TableWrap label={t('person.seats')}>
            <table>
              <caption className="visually-hidden">{t('person.seats')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('table.body')}</th>
                  <th scope="col">{t('table.role')}</th>
                  <th scope="col">{t('table.term')}</th>
                  <th scope="col">{t('table.status')}</th>
                </tr>
              </thead>
              <tbody>
                {seats.map((s) => (
                  <tr key={`${s.body.id}-${s.termStart}-${s.role}`}>
                    <td>
                      <Link to={`/organisation/organ/${s.body.id}`}>{s.body.name}</Link>
                    </td>
                    <td>{t(`seat.${s.role}`)}</td>
                    <td>
                      {s.termStart} – {s.termEnd ?? ''}
                    </td>
                    <td>{status(s.active)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>
      <PersonProgrammesSection personId={person.id} />
      {detail.data.can.edit && (
        <PersonAdmin detail={detail.data} onChanged={() => setVersion((v) => v + 1)} />
      )}
    </Layout>
  );
}
