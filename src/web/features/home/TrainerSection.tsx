import { Link } from 'react-router';
import type { MySessions } from '../../../contracts/sessions.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { useI18n } from '../../lib/i18n.tsx';

const NEXT_SHOWN = 5;

/** A trainer's day: sessions held without attendance, the next ones, and the units served. */
export function TrainerSection({ sessions }: { sessions: MySessions }) {
  const { t, locale } = useI18n();
  if (sessions.training.length === 0 && sessions.serving.length === 0) return null;
  const missing = sessions.training.filter((s) => s.attendanceMissing);
  const next = sessions.training
    .filter((s) => s.status === 'scheduled' && !s.started)
    .slice(0, NEXT_SHOWN);
  const item = (session: MySessions['training'][number]) => (
    <li key={session.id}>
      <Link to={`/tillfallen/${session.id}`}>
        {session.module ? `${session.course.name} – ${session.module.name}` : session.course.name}
      </Link>
      <span className="meta-line">
        <time dateTime={session.startsAt}>{formatDateTime(locale, session.startsAt)}</time>
        {' · '}
        {t('home.bookedOf', { booked: session.booked, capacity: session.capacity })}
      </span>
    </li>
  );
  return (
    <section aria-labelledby="trainer-heading">
      <h2 id="trainer-heading">{t('home.trainer.title')}</h2>
      {missing.length > 0 && (
        <>
          <h3>{t('home.trainer.missing')}</h3>
          <ul className="day-list">{missing.map(item)}</ul>
        </>
      )}
      <h3>{t('home.trainer.next')}</h3>
      {next.length === 0 ? (
        <p>{t('sessions.noneTraining')}</p>
      ) : (
        <ul className="day-list">{next.map(item)}</ul>
      )}
      {sessions.serving.map((serving) => (
        <div key={serving.programme.id}>
          <h3>{t('home.trainer.serving', { programme: serving.programme.name })}</h3>
          {serving.units.length === 0 ? (
            <p>{t('sessions.noUnits')}</p>
          ) : (
            <ul className="day-list">
              {serving.units.map((unit) => (
                <li key={unit.id}>
                  {unit.name}
                  <span className="meta-line">
                    {unit.stillToGo === null
                      ? t('sessions.stillToGoHidden')
                      : t('sessions.stillToGo', { count: unit.stillToGo })}
                  </span>
                </li>
              ))}
            </ul>
          )}
          <p>
            <Link to={`/tillfallen/nytt?programme=${serving.programme.id}`}>
              {t('sessions.schedule')}
            </Link>
          </p>
        </div>
      ))}
    </section>
  );
}
