import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { SessionSummary } from '../../../contracts/sessions.ts';
import { formatDateTime, formatTimeRange } from '../../lib/dates.ts';
import { useI18n } from '../../lib/i18n.tsx';

/** A session as a list item: what, when, where, who leads it and how many seats are left. */
export function SessionCard({
  session,
  children,
  headingLevel = 3,
}: {
  session: SessionSummary;
  children?: ReactNode;
  headingLevel?: 2 | 3;
}) {
  const { t, locale } = useI18n();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const free = Math.max(0, session.capacity - session.booked);
  const title = session.module
    ? `${session.course.name} – ${session.module.name}`
    : session.course.name;
  return (
    <li className="session-card">
      <Heading>
        <Link to={`/tillfallen/${session.id}`}>{title}</Link>
      </Heading>
      <p className="meta-line">
        <time dateTime={session.startsAt}>
          {formatTimeRange(locale, session.startsAt, session.endsAt)}
        </time>
        {session.place && ` · ${session.place}`}
      </p>
      <p className="hint">
        {session.programme.name}
        {session.trainers.length > 0 &&
          ` · ${t('sessions.trainers', { names: session.trainers.map((tr) => tr.name).join(', ') })}`}
        {' · '}
        {session.openUnits.length
          ? t('sessions.openTo', { units: session.openUnits.map((u) => u.name).join(', ') })
          : t('sessions.openToAll')}
      </p>
      {session.status === 'cancelled' ? (
        <p className="notice warning">
          {t('sessions.cancelled', { reason: session.cancelReason ?? '' })}
        </p>
      ) : (
        <p>
          {free > 0
            ? t('sessions.seats', { free, capacity: session.capacity })
            : t('sessions.full', { waiting: session.waiting })}
        </p>
      )}
      {session.onlineUrl && (
        <p>
          <a href={session.onlineUrl} rel="noreferrer">
            {t('sessions.online')}
          </a>
        </p>
      )}
      {children}
    </li>
  );
}

/** Booking after the cut-off: said before the button, since cancelling oneself has closed. */
export function BookAfterCutoff({ session }: { session: SessionSummary }) {
  const { t, locale } = useI18n();
  if (session.selfCancelOpen) return null;
  return (
    <p className="hint">
      {t('sessions.bookAfterCutoff', { time: formatDateTime(locale, session.cancelCutoffAt) })}
    </p>
  );
}

/**
 * Cancelling one's own booking: the button until the cut-off, after it the deadline that passed
 * and whom to contact (the trainers may still cancel until the start). Nothing once started.
 */
export function OwnCancellation({
  session,
  onCancel,
}: {
  session: SessionSummary;
  onCancel: () => void;
}) {
  const { t, locale } = useI18n();
  if (session.started || session.status !== 'scheduled') return null;
  const time = formatDateTime(locale, session.cancelCutoffAt);
  if (!session.selfCancelOpen)
    return (
      <span className="hint">
        {t('sessions.cancelClosed', {
          time,
          names: session.trainers.map((tr) => tr.name).join(', '),
        })}
      </span>
    );
  return (
    <>
      <span className="hint">{t('sessions.cancelUntil', { time })}</span>
      <button type="button" className="secondary" onClick={onCancel}>
        {t('sessions.cancelBooking')}
      </button>
    </>
  );
}
