import { Link } from 'react-router';
import type { ProgrammeList } from '../../../contracts/programmes.ts';
import { Layout } from '../../components/Layout.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { formatDate, formatNumber } from '../../lib/dates.ts';
import { useI18n } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';
import { useAuth } from '../auth/auth-context.tsx';
import { TableWrap } from '../../components/TableWrap.tsx';

export function ProgrammesPage() {
  const { t, locale } = useI18n();
  const { me } = useAuth();
  const list = useApi<ProgrammeList>('/api/programmes');
  const mayCreate = me?.can.createProgrammes ?? false;
  return (
    <Layout title={t('programmes.title')}>
      {mayCreate && (
        <p>
          <Link to="/program/nytt">{t('programmes.new')}</Link>
        </p>
      )}
      {list.state === 'loading' && <p role="status">{t('common.loading')}</p>}
      {list.state === 'error' && <LoadError error={list.error} />}
      {list.state === 'ready' &&
        (list.data.programmes.length === 0 ? (
          <p>{t('programmes.none')}</p>
        ) : (
          <TableWrap label={t('programmes.title')}>
            <table>
              <caption className="visually-hidden">{t('programmes.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('wizard.name')}</th>
                  <th scope="col">{t('table.status')}</th>
                  <th scope="col">{t('programmes.decision')}</th>
                  <th scope="col">{t('programmes.period')}</th>
                  <th scope="col" className="number">
                    {t('programmes.assigned')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.data.programmes.map((p) => (
                  <tr key={p.id}>
                    <th scope="row">
                      <Link to={`/program/${p.id}`}>{p.name}</Link>
                      <span className="hint"> {t(`topic.${p.topic}`)}</span>
                    </th>
                    <td>{t(`programmeStatus.${p.status}`)}</td>
                    <td>
                      {p.decision.bodyName}, {formatDate(locale, p.decision.date)} (
                      {p.decision.reference})
                    </td>
                    <td>
                      {formatDate(locale, p.periodStart)} – {formatDate(locale, p.periodEnd)}
                    </td>
                    <td className="number">{formatNumber(locale, p.assigned)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        ))}
    </Layout>
  );
}
