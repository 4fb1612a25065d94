import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { UnitDetail, UnitPeople } from '../../../contracts/org.ts';
import { Layout } from '../../components/Layout.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageNotReady } from '../../components/PageNotReady.tsx';
import { useI18n } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';
import { HistorySection } from './HistorySection.tsx';
import { UnitAdmin } from './UnitAdmin.tsx';
import { TableWrap } from '../../components/TableWrap.tsx';

export function UnitPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const [version, setVersion] = useState(0);
  const detail = useApi<UnitDetail>(`/api/org/units/${id}`, version);
  if (detail.state !== 'ready')
    return <PageNotReady title={t('org.title')} loadable={detail} loadingText={t('org.loading')} />;
  const { unit, path, children, managers, can } = detail.data;
  return (
    <Layout title={unit.name}>
      <nav aria-label={t('unit.breadcrumb')} className="breadcrumbs">
        <ol>
          <li>
            <Link to="/organisation">{t('org.title')}</Link>
          </li>
          {path.map((node) => (
            <li key={node.id}>
              <Link to={`/organisation/enheter/${node.id}`}>{node.name}</Link>
            </li>
          ))}
          <li aria-current="page">{unit.name}</li>
        </ol>
      </nav>
      <p className="meta">
        {t(`kind.${unit.kind}`)} · {t('unit.code')}: {unit.code}
        {unit.kind === 'unit' && ` · ${t('org.staff', { count: unit.staffCount })}`}
      </p>
      <section aria-labelledby="managers-heading">
        <h2 id="managers-heading">{t('unit.managers')}</h2>
        {managers.length === 0 ? (
          <p>{t('unit.noManagers')}</p>
        ) : (
          <ul>
            {managers.map((manager) => (
              <li key={manager.id}>
                {manager.name}, {manager.title}
              </li>
            ))}
          </ul>
        )}
      </section>
      {children.length > 0 && (
        <section aria-labelledby="children-heading">
          <h2 id="children-heading">{t('unit.children')}</h2>
          <ul>
            {children.map((child) => (
              <li key={child.id}>
                <Link to={`/organisation/enheter/${child.id}`}>{child.name}</Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      {can.readHistory && <HistorySection unitId={unit.id} version={version} />}
      {can.edit && <UnitAdmin unit={unit} onChanged={() => setVersion((v) => v + 1)} />}
      <section aria-labelledby="people-heading">
        <h2 id="people-heading">{t('unit.people')}</h2>
        {can.readPeople ? <PeopleTable unitId={unit.id} /> : <p>{t('unit.peopleHidden')}</p>}
      </section>
    </Layout>
  );
}

function PeopleTable({ unitId }: { unitId: string }) {
  const { t, locale } = useI18n();
  const people = useApi<UnitPeople>(`/api/org/units/${unitId}/people`);
  if (people.state === 'loading') return <p role="status">{t('org.loading')}</p>;
  if (people.state === 'error') return <LoadError error={people.error} />;
  if (people.data.people.length === 0) return <p>{t('unit.noPeople')}</p>;
  const date = new Intl.DateTimeFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', {
    dateStyle: 'medium',
    timeZone: 'UTC',
  });
  return (
    <TableWrap label={t('unit.people')}>
      <table>
        <caption className="visually-hidden">{t('unit.people')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('table.name')}</th>
            <th scope="col">{t('table.title')}</th>
            <th scope="col">{t('table.email')}</th>
            <th scope="col">{t('table.start')}</th>
          </tr>
        </thead>
        <tbody>
          {people.data.people.map((person) => (
            <tr key={`${person.id}-${person.title}`}>
              <th scope="row">
                <Link to={`/organisation/personer/${person.id}`}>{person.name}</Link>
              </th>
              <td>{person.title}</td>
              <td>{person.email}</td>
              <td>{date.format(new Date(`${person.startDate}T00:00:00Z`))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
