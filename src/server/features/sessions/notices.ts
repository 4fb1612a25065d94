import { stockholmLocal } from '../../../domain/dates.ts';
import type { TenantId } from '../../../domain/ids.ts';
import type { NotificationEvent } from '../../../domain/notifications.ts';
import type { Tx } from '../../db/transaction.ts';
import { notify } from '../notifications/public.ts';
import type * as repo from './repository.ts';

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
