import { Link } from 'react-router';
import type { TeamOverview } from '../../../contracts/home.ts';
import { TableWrap } from '../../components/TableWrap.tsx';
import { formatDate, formatNumber } from '../../lib/dates.ts';
import { useI18n } from '../../lib/i18n.tsx';

/** A manager's units: who is overdue or soon due, and each active programme's figures there. */
export function TeamSection({ team }: { team: TeamOverview }) {
  const { t, locale } = useI18n();
  const all = team.overdue + team.dueSoon;
  return (
    <section aria-labelledby="team-heading">
      <h2 id="team-heading">{t('home.team.title')}</h2>
      <p className="meta-line">{team.units.map((u) => u.name).join(', ')}</p>
      <dl className="counts">
        <div>
          <dt>{t('home.team.overdue')}</dt>
          <dd className={team.overdue > 0 ? 'overdue' : undefined}>{team.overdue}</dd>
        </div>
        <div>
          <dt>{t('home.team.dueSoon', { days: team.soonDays })}</dt>
          <dd>{team.dueSoon}</dd>
        </div>
      </dl>
      {all === 0 ? (
        <p>{t('home.team.noneDue', { days: team.soonDays })}</p>
      ) : (
        <TableWrap label={t('home.team.people')}>
          <table>
            <caption>
              {all > team.people.length
                ? t('home.team.peopleShown', { shown: team.people.length, count: all })
                : t('home.team.people')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('table.name')}</th>
                <th scope="col">{t('edit.unit')}</th>
                <th scope="col">{t('home.team.programme')}</th>
                <th scope="col">{t('home.team.due')}</th>
                <th scope="col" className="number">
                  {t('home.team.left')}
                </th>
              </tr>
            </thead>
            <tbody>
              {team.people.map((row) => (
                <tr
                  key={`${row.person.id}-${row.programme.id}`}
                  className={row.overdue ? 'late' : undefined}
                >
                  <th scope="row">
                    <Link to={`/organisation/personer/${row.person.id}`}>{row.person.name}</Link>
                  </th>
                  <td>{row.unitName}</td>
                  <td>{row.programme.name}</td>
                  <td>
                    {row.overdue ? (
                      <strong className="overdue">
                        {t('home.team.overdueOn', { date: formatDate(locale, row.dueOn) })}
                      </strong>
                    ) : (
                      formatDate(locale, row.dueOn)
                    )}
                  </td>
                  <td className="number">{row.coursesLeft}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {team.progress.length > 0 && (
        <TableWrap label={t('home.team.progress')}>
          <table>
            <caption>{t('home.team.progress')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('home.team.programme')}</th>
                <th scope="col">{t('edit.unit')}</th>
                <th scope="col" className="number">
                  {t('home.team.done')}
                </th>
                <th scope="col" className="number">
                  {t('home.team.share')}
                </th>
                <th scope="col">{t('table.status')}</th>
              </tr>
            </thead>
            <tbody>
              {team.progress.map((row) => (
                <tr key={`${row.programme.id}-${row.unit.id}`}>
                  <th scope="row">
                    <Link to={`/program/${row.programme.id}`}>{row.programme.name}</Link>
                  </th>
                  <td>{row.unit.name}</td>
                  <td className="number">
                    {row.figures.completed === null || row.figures.eligible === null
                      ? t('home.hidden')
                      : t('home.team.doneOf', {
                          done: row.figures.completed,
                          eligible: row.figures.eligible,
                        })}
                  </td>
                  <td className="number">
                    {row.figures.percent === null
                      ? '–'
                      : `${formatNumber(locale, row.figures.percent)} % / ${formatNumber(locale, row.target.targetPercent)} %`}
                  </td>
                  <td>
                    {row.figures.status && (
                      <span className={`badge status-${row.figures.status}`}>
                        {t(`status.${row.figures.status}`)}
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}
