import type { ErrorCode } from '../../../contracts/errors.ts';
import type { Candidates, SessionDetail } from '../../../contracts/sessions.ts';
import { stockholmDate } from '../../../domain/dates.ts';
import {
  bookingReach,
  isNobody,
  mayBookPerson,
  mayCancelBooking,
  mayManageSession,
} from '../../../domain/policy.ts';
import { mayCancel, type BookingRefusal } from '../../../domain/sessions.ts';
import { audit } from '../../audit/log.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Db } from '../../db/connection.ts';
import { withTransaction } from '../../db/transaction.ts';
import { AppError, invalid, notFound } from '../../http/errors.ts';
import { personFacts } from '../../policies/authorize.ts';
import * as programmes from '../programmes/public.ts';
import { bookingDecision, describePeople, visibleSession } from './access.ts';
import { presentSession } from './present.ts';
import * as org from '../org/public.ts';
import * as repo from './repository.ts';
import { notifyBookings } from './notices.ts';
import { mustFindSession, promoteQueue } from './service.ts';

const BOOKING_REFUSALS: Record<BookingRefusal, ErrorCode> = {
  session_cancelled: 'session_cancelled',
  session_started: 'session_started',
  not_assigned: 'not_assigned',
  not_open_to_unit: 'not_open_to_unit',
  already_booked: 'already_booked',
  overlapping: 'overlapping_booking',
};

/** Booking a seat or a queue place, cancelling it, and finding the people to book. */
export function createBookingService(db: Db, clock: () => Date = () => new Date()) {
  const today = () => stockholmDate(clock());

  return {
    /**
     * People the caller may book or add, by name or employee number: the scope is part of the
     * search, so a manager finds only their own staff and a trainer only the units served.
     */
    async candidates(actor: Actor, sessionId: string, query: string): Promise<Candidates> {
      const { subject, facts } = await visibleSession(db, actor, sessionId);
      const reach = bookingReach(subject, facts);
      if (isNobody(reach)) throw notFound('session');
      const found = await org.searchPeople(db, actor.tenantId, query, 20, reach, today());
      return { people: await describePeople(db, actor, found, today()) };
    },

    /**
     * Books a person (themselves, or someone the caller may book); a full session puts them in
     * the queue. Someone out of reach answers like someone who does not exist.
     */
    book: (actor: Actor, sessionId: string, requested: string | undefined) =>
      withTransaction(db, async (trx): Promise<SessionDetail> => {
        // Lock order: the session, then the person (every booking path takes them so).
        if (!(await repo.lockSession(trx, actor.tenantId, sessionId))) throw notFound('session');
        const { row, subject, facts } = await visibleSession(trx, actor, sessionId);
        const access = { subject, facts };
        const personId = requested ?? subject.personId;
        if (!personId) throw new AppError('account_not_linked');
        const date = today();
        const person = (await personFacts(trx, actor.tenantId, [personId], date)).get(personId);
        if (!person || !mayBookPerson(subject, facts, person))
          throw invalid('body.personId', 'no_such', { thing: 'person' });
        await repo.lockPerson(trx, actor.tenantId, personId);
        const decision = await bookingDecision(trx, actor, row, access, person, clock());
        if (!decision.ok) throw new AppError(BOOKING_REFUSALS[decision.reason]);
        const bookingId = await repo.insertBooking(trx, {
          tenantId: actor.tenantId,
          sessionId,
          personId,
          status: decision.status,
          walkIn: false,
          bookedBy: actor.userId,
          bookedByLabel: await programmes.actorLabel(trx, actor),
        });
        await audit(trx, {
          tenantId: actor.tenantId,
          actorUserId: actor.userId,
          action: 'session.book',
          objectType: 'booking',
          objectId: bookingId,
          details: { session: sessionId, person: personId, status: decision.status },
        });
        if (decision.status === 'booked')
          await notifyBookings(
            trx,
            actor.tenantId,
            row,
            [{ id: bookingId, person_id: personId }],
            'booking_confirmed',
            clock(),
          );
        return presentSession(
          trx,
          actor,
          access,
          await mustFindSession(trx, actor, sessionId),
          clock(),
        );
      }),

    /** Cancels a booking; a freed seat goes to the first in the queue. */
    cancel: (actor: Actor, sessionId: string, bookingId: string) =>
      withTransaction(db, async (trx): Promise<SessionDetail> => {
        if (!(await repo.lockSession(trx, actor.tenantId, sessionId))) throw notFound('session');
        const { row, subject, facts } = await visibleSession(trx, actor, sessionId);
        const access = { subject, facts };
        const booking = await repo.findBooking(trx, actor.tenantId, sessionId, bookingId);
        if (!booking || booking.status === 'cancelled') throw notFound('booking');
        const person = (await personFacts(trx, actor.tenantId, [booking.person_id], today())).get(
          booking.person_id,
        );
        if (!person || !mayCancelBooking(subject, facts, person)) throw notFound('booking');
        const self = booking.person_id === subject.personId;
        const onBehalf =
          mayManageSession(subject, facts) ||
          (!self && mayCancelBooking({ ...subject, personId: null }, facts, person));
        const now = clock();
        const allowed = mayCancel({
          now,
          startsAt: row.starts_at,
          cutoffHours: row.cancel_cutoff_hours,
          byParticipant: self && !onBehalf,
        });
        if (!allowed.ok)
          throw allowed.reason === 'after_cutoff'
            ? new AppError('after_cutoff', { hours: row.cancel_cutoff_hours })
            : new AppError('session_started');
        const label = await programmes.actorLabel(trx, actor);
        await repo.cancelBooking(trx, actor.tenantId, bookingId, label, now);
        // Cancelled by someone else (a manager, a trainer): the person is told.
        if (!self)
          await notifyBookings(trx, actor.tenantId, row, [booking], 'booking_cancelled', now);
        const promoted =
          booking.status === 'booked' ? await promoteQueue(trx, actor, row, now) : [];
        await audit(trx, {
          tenantId: actor.tenantId,
          actorUserId: actor.userId,
          action: 'session.cancel_booking',
          objectType: 'booking',
          objectId: bookingId,
          details: { session: sessionId, person: booking.person_id, promoted },
        });
        return presentSession(
          trx,
          actor,
          access,
          await mustFindSession(trx, actor, sessionId),
          clock(),
        );
      }),
  };
}

export type BookingService = ReturnType<typeof createBookingService>;
