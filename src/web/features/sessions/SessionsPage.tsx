import { useState } from 'react';
import { Link } from 'react-router';
import type { CalendarFeed, MySessions, SessionSummary } from '../../../contracts/sessions.ts';
import { Layout } from '../../components/Layout.tsx';
import { PageNotReady } from '../../components/PageNotReady.tsx';
import { api } from '../../lib/api-client.ts';
import { formatDate, formatDateTime } from '../../lib/dates.ts';
import { useI18n } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';
import { BookAfterCutoff, OwnCancellation, SessionCard } from './SessionCard.tsx';

/**
 * Sessions for everyone: what I can book for my assigned courses, my bookings and queue
 * places, and — for trainers — the sessions I lead and the units I serve.
 */
export function SessionsPage() {
  const { t, locale, errorText } = useI18n();
  const [version, setVersion] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const mine = useApi<MySessions>('/api/me/sessions', version);
  if (mine.state !== 'ready') return <PageNotReady title={t('sessions.title')} loadable={mine} />;
  const data = mine.data;
  const act = async (run: () => Promise<{ myBooking: SessionSummary['myBooking'] }>) => {
    setError(null);
    setMessage(null);
    try {
      const result = await run();
      const booking = result.myBooking;
      setMessage(
        booking?.status === 'waiting'
          ? t('sessions.queuedNotice', { position: booking.queuePosition ?? 0 })
          : booking
            ? t('sessions.bookedNotice')
            : null,
      );
      setVersion((v) => v + 1);
    } catch (caught) {
      setError(errorText(caught));
    }
  };
  const book = (session: SessionSummary) =>
    act(() =>
      api<SessionSummary>(`/api/sessions/${session.id}/bookings`, { method: 'POST', body: {} }),
    );
  const cancel = (session: SessionSummary) =>
    act(() =>
      api<SessionSummary>(`/api/sessions/${session.id}/bookings/${session.myBooking?.id ?? ''}`, {
        method: 'DELETE',
      }),
    );

  return (
    <Layout title={t('sessions.title')}>
      {!data.linked && <p className="notice">{t('sessions.notLinked')}</p>}
      <p role="status">{message}</p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {data.serving.length > 0 && (
        <ServingSection serving={data.serving} training={data.training} />
      )}
      <section aria-labelledby="booked-heading">
        <h2 id="booked-heading">{t('sessions.booked')}</h2>
        {data.booked.length === 0 ? (
          <p>{t('sessions.noneBooked')}</p>
        ) : (
          <ul className="session-list">
            {data.booked.map((session) => (
              <SessionCard key={session.id} session={session}>
                <BookingActions session={session} onCancel={() => void cancel(session)} />
              </SessionCard>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="bookable-heading">
        <h2 id="bookable-heading">{t('sessions.bookable')}</h2>
        {data.bookable.length === 0 ? (
          <p>{t('sessions.noneBookable')}</p>
        ) : (
          <ul className="session-list">
            {data.bookable.map((session) => (
              <SessionCard key={session.id} session={session}>
                <BookAfterCutoff session={session} />
                <button
                  type="button"
                  className="primary"
                  onClick={() => void book(session)}
                  aria-label={`${session.booked >= session.capacity ? t('sessions.joinQueue') : t('sessions.book')}: ${session.course.name}, ${formatDateTime(locale, session.startsAt)}`}
                >
                  {session.booked >= session.capacity
                    ? t('sessions.joinQueue')
                    : t('sessions.book')}
                </button>
              </SessionCard>
            ))}
          </ul>
        )}
      </section>
      {data.linked && <CalendarFeedSection />}
    </Layout>
  );
}

function BookingActions({ session, onCancel }: { session: SessionSummary; onCancel: () => void }) {
  const { t } = useI18n();
  const booking = session.myBooking;
  if (!booking) return null;
  return (
    <div className="toolbar">
      <span className="badge">
        {booking.status === 'waiting'
          ? t('sessions.queueStatus', { position: booking.queuePosition ?? 0 })
          : t('sessions.bookedStatus')}
      </span>
      <OwnCancellation session={session} onCancel={onCancel} />
      <a href={`/api/sessions/${session.id}/calendar.ics`}>{t('sessions.calendarFile')}</a>
    </div>
  );
}

function ServingSection({
  serving,
  training,
}: {
  serving: MySessions['serving'];
  training: SessionSummary[];
}) {
  const { t, locale } = useI18n();
  return (
    <section aria-labelledby="serving-heading">
      <h2 id="serving-heading">{t('sessions.serving')}</h2>
      {serving.map((entry) => (
        <div key={entry.programme.id} className="programme">
          <h3>{entry.programme.name}</h3>
          <p className="meta-line">
            {entry.qualified
              ? entry.validUntil
                ? t('sessions.qualifiedUntil', { date: formatDate(locale, entry.validUntil) })
                : t('sessions.qualified')
              : t('sessions.notQualified')}
          </p>
          {entry.units.length === 0 ? (
            <p>{t('sessions.noUnits')}</p>
          ) : (
            <ul>
              {entry.units.map((unit) => (
                <li key={unit.id}>
                  {unit.name}:{' '}
                  {unit.stillToGo === null
                    ? t('sessions.stillToGoHidden')
                    : t('sessions.stillToGo', { count: unit.stillToGo })}
                </li>
              ))}
            </ul>
          )}
          <div className="toolbar">
            {entry.qualified && (
              <Link className="button-link" to={`/tillfallen/nytt?programme=${entry.programme.id}`}>
                {t('sessions.schedule')}
              </Link>
            )}
            <Link to={`/program/${entry.programme.id}/utbildare`}>{t('trainers.link')}</Link>
          </div>
        </div>
      ))}
      <h3>{t('sessions.training')}</h3>
      {training.length === 0 ? (
        <p>{t('sessions.noneTraining')}</p>
      ) : (
        <ul className="session-list">
          {training.map((session) => (
            <SessionCard key={session.id} session={session} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** The private calendar address: created, renewed or turned off; shown once. */
function CalendarFeedSection() {
  const { t, locale, errorText } = useI18n();
  const [version, setVersion] = useState(0);
  const [created, setCreated] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const status = useApi<CalendarFeed>('/api/me/calendar-feed', version);
  const change = async (method: 'POST' | 'DELETE') => {
    setError(null);
    try {
      const result = await api<CalendarFeed>('/api/me/calendar-feed', { method });
      setCreated(result.url);
      setVersion((v) => v + 1);
    } catch (caught) {
      setError(errorText(caught));
    }
  };
  const feed = status.state === 'ready' ? status.data : null;
  return (
    <section aria-labelledby="feed-heading">
      <h2 id="feed-heading">{t('sessions.feed.title')}</h2>
      <p>{t('sessions.feed.intro')}</p>
      {feed &&
        (feed.active && feed.createdAt ? (
          <p>{t('sessions.feed.active', { date: formatDateTime(locale, feed.createdAt) })}</p>
        ) : (
          <p>{t('sessions.feed.none')}</p>
        ))}
      {created && (
        <p>
          <label htmlFor="feed-url">{t('sessions.feed.url')}</label>
          <input id="feed-url" type="text" readOnly value={created} className="wide" />
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="toolbar">
        <button type="button" className="secondary" onClick={() => void change('POST')}>
          {feed?.active ? t('sessions.feed.renew') : t('sessions.feed.create')}
        </button>
        {feed?.active && (
          <button type="button" className="secondary" onClick={() => void change('DELETE')}>
            {t('sessions.feed.revoke')}
          </button>
        )}
      </div>
    </section>
  );
}
