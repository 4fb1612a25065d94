import { Link } from 'react-router';
import type { ProgrammePeople } from '../../../contracts/programmes.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { formatDate } from '../../lib/dates.ts';
import { useI18n } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';
import { TableWrap } from '../../components/TableWrap.tsx';

/** A manager's own people: who is not done yet (first, with due dates) and who is done. */
export function PeopleSection({ programmeId }: { programmeId: string }) {
  const { t, locale } = useI18n();
  const people = useApi<ProgrammePeople>(`/api/programmes/${programmeId}/people`);
  if (people.state === 'loading') return <p role="status">{t('common.loading')}</p>;
  if (people.state === 'error') return <LoadError error={people.error} />;
  const { unit, courses, people: list } = people.data;
  const groups = [
    { key: 'notDone', title: t('people.notDone'), rows: list.filter((p) => !p.done) },
    { key: 'done', title: t('people.done'), rows: list.filter((p) => p.done) },
  ];
  return (
    <section aria-labelledby="people-heading" className="target">
      <h2 id="people-heading">{t('people.title', { unit: unit.name })}</h2>
      {list.length === 0 && <p>{t('people.none')}</p>}
      {groups.map(
        (group) =>
          group.rows.length > 0 && (
            <TableWrap key={group.key} label={group.title}>
              <table>
                <caption>
                  {group.title} ({group.rows.length})
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t('table.name')}</th>
                    <th scope="col">{t('edit.unit')}</th>
                    <th scope="col">{t('table.status')}</th>
                    <th scope="col">
                      {group.key === 'done' ? t('people.completedOn') : t('people.dueOn')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {group.rows.map((person) => (
                    <tr key={person.id} className={person.overdue ? 'overdue-row' : undefined}>
                      <th scope="row">
                        <Link to={`/organisation/personer/${person.id}`}>{person.name}</Link>
                      </th>
                      <td>{person.unitName}</td>
                      <td>
                        {person.exemptReason
                          ? t('people.exempt', { reason: person.exemptReason })
                          : t('people.courses', { done: person.coursesDone, total: courses })}
                      </td>
                      <td className={person.overdue ? 'overdue' : undefined}>
                        {person.done
                          ? person.completedOn && formatDate(locale, person.completedOn)
                          : person.dueOn &&
                            (person.overdue ? (
                              <strong>
                                {t('training.overdue', { date: formatDate(locale, person.dueOn) })}
                              </strong>
                            ) : (
                              t('training.due', { date: formatDate(locale, person.dueOn) })
                            ))}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          ),
      )}
    </section>
  );
}
