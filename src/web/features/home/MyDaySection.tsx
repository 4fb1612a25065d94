import { Link } from 'react-router';
import type { MyTraining } from '../../../contracts/programmes.ts';
import type { MySessions } from '../../../contracts/sessions.ts';
import { formatDate, formatDateTime } from '../../lib/dates.ts';
import { useI18n } from '../../lib/i18n.tsx';

/** An employee's or elected official's own day: what is assigned, due and booked. */
export function MyDaySection({
  training,
  sessions,
}: {
  training: MyTraining;
  sessions: MySessions;
}) {
  const { t, locale } = useI18n();
  if (!training.linked) return null;
  const programmes = [...training.programmes]
    .filter((p) => p.exemptReason === null)
    .sort(
      (a, b) =>
        Number(b.overdue) - Number(a.overdue) ||
        (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999'),
    );
  const booked = sessions.booked.filter((s) => s.status === 'scheduled' && !s.started);
  return (
    <section aria-labelledby="my-day-heading">
      <h2 id="my-day-heading">{t('nav.training')}</h2>
      {programmes.length === 0 && <p>{t('training.none')}</p>}
      {programmes.length > 0 && (
        <ul className="day-list">
          {programmes.map((programme) => {
            const done = programme.courses.filter((c) => c.state === 'done').length;
            return (
              <li key={programme.id}>
                <Link to={`/utbildning#p-${programme.id}`}>{programme.name}</Link>
                <span className="meta-line">
                  {t('home.coursesDone', { done, total: programme.courses.length })}
                  {programme.dueOn && ' · '}
                  {programme.dueOn &&
                    (programme.overdue && done < programme.courses.length ? (
                      <strong className="overdue">
                        {t('training.overdue', { date: formatDate(locale, programme.dueOn) })}
                      </strong>
                    ) : (
                      t('training.due', { date: formatDate(locale, programme.dueOn) })
                    ))}
                </span>
              </li>
            );
          })}
        </ul>
      )}
      <h3>{t('sessions.booked')}</h3>
      {booked.length === 0 ? (
        <p>{t('sessions.noneBooked')}</p>
      ) : (
        <ul className="day-list">
          {booked.map((session) => (
            <li key={session.id}>
              <Link to={`/tillfallen/${session.id}`}>{session.course.name}</Link>
              <span className="meta-line">
                <time dateTime={session.startsAt}>{formatDateTime(locale, session.startsAt)}</time>
                {session.myBooking?.status === 'waiting' &&
                  ` · ${t('sessions.queueStatus', { position: session.myBooking.queuePosition ?? '–' })}`}
              </span>
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to="/utbildning">{t('home.openTraining')}</Link>
      </p>
    </section>
  );
}
