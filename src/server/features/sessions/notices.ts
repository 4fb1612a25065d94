import type { TenantId } from '../../../domain/ids.ts';
import { isoWeek, type NotificationEvent } from '../../../domain/notifications.ts';
import type { Tx } from '../../db/transaction.ts';
import { notify, notifyEachTenant } from '../notifications/public.ts';
import {
  addDays,
  isoWeekday,
  stockholmDate,
  stockholmInstant,
  stockholmLocal,
} from '../../../domain/dates.ts';
import type { Db } from '../../db/connection.ts';
import * as repo from './repository.ts';

/** The session's events for its participants (the caller's own page lists their bookings). */
export type SessionEvent = Extract<
  NotificationEvent,
  'booking_confirmed' | 'booking_moved' | 'booking_cancelled' | 'promoted'
>;

/**
 * Tells the people of some bookings what happened to their session, in the transaction that
 * did it: the course and its (new) time, nothing more. The period makes each once-only: a
 * confirmation or a promotion per booking, a move per new time, a cancellation per session.
 */
export async function notifyBookings(
  trx: Tx,
  tenantId: TenantId,
  session: repo.SessionRow,
  bookings: readonly { id: string; person_id: string }[],
  event: SessionEvent,
  now: Date,
) {
  const startsAt = stockholmLocal(session.starts_at).replace('T', ' ');
  await notify(
    trx,
    tenantId,
    bookings.map((booking) => ({
      personId: booking.person_id,
      event,
      subject: event === 'booking_moved' ? session.id : booking.id,
      period: event === 'booking_moved' ? session.starts_at.toISOString() : event,
      link: '/tillfallen',
      payload: { course: session.course_name, startsAt },
    })),
    now,
  );
}

/**
 * The day-before reminder: everyone with a seat on a session that starts tomorrow (Stockholm),
 * once per booking.
 */
export function sessionReminders(db: Db, now: Date): Promise<number> {
  const tomorrow = addDays(stockholmDate(now), 1);
  const from = stockholmInstant(`${tomorrow}T00:00`);
  const to = stockholmInstant(`${addDays(tomorrow, 1)}T00:00`);
  return notifyEachTenant(db, now, async (tenantId) =>
    (await repo.bookedBetween(db, tenantId, from, to)).map((seat) => ({
      personId: seat.person_id,
      event: 'session_reminder',
      subject: seat.id,
      period: seat.starts_at.toISOString(),
      link: '/tillfallen',
      payload: {
        course: seat.course_name,
        startsAt: stockholmLocal(seat.starts_at).replace('T', ' '),
      },
    })),
  );
}

/**
 * The trainers' Monday digest: each trainer with sessions this week (Monday to Sunday,
 * Stockholm) or held sessions still without attendance gets one notice, once a week.
 */
export function trainerDigest(db: Db, now: Date): Promise<number> {
  const today = stockholmDate(now);
  const monday = addDays(today, 1 - isoWeekday(today));
  const from = stockholmInstant(`${monday}T00:00`);
  const to = stockholmInstant(`${addDays(monday, 7)}T00:00`);
  return notifyEachTenant(db, now, async (tenantId) =>
    (await repo.trainerWeeks(db, tenantId, from, to, now))
      .filter((row) => row.week > 0 || row.unmarked > 0)
      .map((row) => ({
        personId: row.person_id,
        event: 'trainer_digest',
        subject: 'week',
        period: isoWeek(today),
        link: '/tillfallen',
        payload: { week: String(row.week), unmarked: String(row.unmarked) },
      })),
  );
}
