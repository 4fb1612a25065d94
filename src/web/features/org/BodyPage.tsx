import { Link, useParams } from 'react-router';
import type { BodySeats } from '../../../contracts/org.ts';
import { Layout } from '../../components/Layout.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { useI18n } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';
import { TableWrap } from '../../components/TableWrap.tsx';

export function BodyPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const body = useApi<BodySeats>(`/api/org/bodies/${id}`);
  if (body.state !== 'ready') {
    return (
      <Layout title={t('org.bodies')}>
        <p>
          <Link to="/organisation">{t('org.title')}</Link>
        </p>
        {body.state === 'loading' ? (
          <p role="status">{t('org.loading')}</p>
        ) : body.error.code === 'not_found' ? (
          <p>{t('body.noAccess')}</p>
        ) : (
          <LoadError error={body.error} />
        )}
      </Layout>
    );
  }
  const { body: info, seats } = body.data;
  return (
    <Layout title={info.name}>
      <p>
        <Link to="/organisation">{t('org.title')}</Link>
      </p>
      <p className="meta">
        {t(`kind.${info.kind}`)} ·{' '}
        {t('org.members', { members: info.members, substitutes: info.substitutes })}
      </p>
      <TableWrap label={t('body.seats')}>
        <table>
          <caption>{t('body.seats')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('table.name')}</th>
              <th scope="col">{t('table.role')}</th>
              <th scope="col">{t('table.term')}</th>
            </tr>
          </thead>
          <tbody>
            {seats.map((seat) => (
              <tr key={`${seat.id}-${seat.role}`}>
                <th scope="row">
                  <Link to={`/organisation/personer/${seat.id}`}>{seat.name}</Link>
                </th>
                <td>{t(`seat.${seat.role}`)}</td>
                <td>
                  {seat.termStart} – {seat.termEnd ?? ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </Layout>
  );
}
