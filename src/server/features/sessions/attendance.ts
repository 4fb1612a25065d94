import type { AttendanceRequest, SessionDetail } from '../../../contracts/sessions.ts';
import { stockholmDate } from '../../../domain/dates.ts';
import { mayMarkAttendance } from '../../../domain/policy.ts';
import { courseCompletedBySessions, mayRecordAttendance } from '../../../domain/sessions.ts';
import { audit } from '../../audit/log.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Db } from '../../db/connection.ts';
import { withTransaction } from '../../db/transaction.ts';
import { AppError, invalid, notFound } from '../../http/errors.ts';
import { personFacts, subjectOf } from '../../policies/authorize.ts';
import * as programmes from '../programmes/public.ts';
import { visibleSession } from './access.ts';
import { presentSession } from './present.ts';
import * as repo from './repository.ts';
import { mustFindSession, sessionLabel } from './service.ts';

/**
 * Attendance: the session's trainers and owners mark participants present or absent; present
 * records the completion, a later absent voids it. Nobody marks themselves; a walk-in only for
 * someone assigned the course and within the trainer's or owner's reach.
 */
export function createAttendanceService(db: Db, clock: () => Date = () => new Date()) {
  return {
    /** How many of the caller's own sessions were held and still lack attendance. */
    async missingCount(actor: Actor): Promise<number> {
      const { personId } = await subjectOf(db, actor);
      return personId ? repo.unmarkedSessionsOfTrainer(db, actor.tenantId, personId, clock()) : 0;
    },

    /**
     * Marks a participant present or absent. "Present" records the completion (source:
     * session) through the programmes' completion entry point; a later "absent" voids it with
     * the reason, both audited.
     */
    mark: (actor: Actor, sessionId: string, input: AttendanceRequest) =>
      withTransaction(db, async (trx): Promise<SessionDetail> => {
        if (!(await repo.lockSession(trx, actor.tenantId, sessionId))) throw notFound('session');
        const { row, subject, facts } = await visibleSession(trx, actor, sessionId);
        const access = { subject, facts };
        const now = clock();
        const person = (
          await personFacts(trx, actor.tenantId, [input.personId], stockholmDate(now))
        ).get(input.personId);
        let booking = await repo.liveBookingOf(trx, actor.tenantId, sessionId, input.personId);
        const booked = booking?.status === 'booked';
        // The trainer course is for whom its owners pick (the reach rule), not the audience.
        const assigned =
          row.for_trainers ||
          (await programmes.assignedProgrammeIds(trx, actor.tenantId, input.personId)).includes(
            row.programme_id,
          );
        const verdict = person
          ? mayMarkAttendance(access.subject, access.facts, person, { booked, assigned })
          : 'out_of_reach';
        if (verdict === 'not_session_trainer') throw new AppError('not_session_trainer');
        if (verdict === 'out_of_reach' || !person)
          throw invalid('body.personId', 'no_such', { thing: 'person' });
        if (verdict === 'own_training') throw new AppError('own_training');
        if (verdict === 'not_assigned') throw new AppError('not_assigned');

        const [who] = await repo.peopleByIds(trx, actor.tenantId, [person.id]);
        const name = who ? `${who.first_name} ${who.last_name}` : '';
        const allowed = mayRecordAttendance({
          now,
          session: { startsAt: row.starts_at, status: row.status },
          booking: booking && booking.status !== 'cancelled' ? { status: booking.status } : null,
          walkIn: input.walkIn ?? false,
        });
        if (!allowed.ok) {
          if (allowed.reason === 'session_cancelled') throw new AppError('session_cancelled');
          if (allowed.reason === 'not_yet') throw new AppError('attendance_not_yet');
          throw new AppError('not_booked', { person: name });
        }
        const label = await programmes.actorLabel(trx, actor);
        if (!booking) {
          const id = await repo.insertBooking(trx, {
            tenantId: actor.tenantId,
            sessionId,
            personId: person.id,
            status: 'booked',
            walkIn: true,
            bookedBy: actor.userId,
            bookedByLabel: label,
          });
          booking = await repo.findBooking(trx, actor.tenantId, sessionId, id);
          if (!booking) throw new Error('booking vanished');
        }
        const before = booking.attendance;
        let completionId = booking.completion_id;
        if (input.attendance === 'present' && before !== 'present') {
          const date = stockholmDate(row.starts_at);
          const modules = await programmes.modulesOf(trx, actor.tenantId, [row.course_id]);
          const attended = await repo.attendedSessions(
            trx,
            actor.tenantId,
            person.id,
            row.course_id,
          );
          const completes = row.module_code
            ? courseCompletedBySessions(
                modules.map((m) => m.code),
                [
                  ...attended.map((a) => ({
                    moduleCode: a.module_code,
                    date: stockholmDate(a.starts_at),
                  })),
                  { moduleCode: row.module_code, date },
                ],
              ) !== null && attended.every((a) => a.completion_id === null)
            : true;
          completionId = completes
            ? await programmes.recordSessionCompletion(trx, actor, {
                personId: person.id,
                courseId: row.course_id,
                completedOn: date,
                sessionLabel: sessionLabel(row),
              })
            : null;
        } else if (input.attendance === 'absent' && completionId) {
          await programmes.voidCompletion(
            trx,
            actor,
            completionId,
            `Attendance corrected to absent by ${label}: ${sessionLabel(row)}`,
            now,
          );
          completionId = null;
        }
        await repo.setAttendance(trx, actor.tenantId, booking.id, {
          attendance: input.attendance,
          byLabel: label,
          completionId,
          at: now,
          ...(booking.status === 'waiting' ? { status: 'booked' as const, walkIn: true } : {}),
        });
        await audit(trx, {
          tenantId: actor.tenantId,
          actorUserId: actor.userId,
          action: 'session.attendance',
          objectType: 'booking',
          objectId: booking.id,
          details: {
            session: sessionId,
            person: person.id,
            before,
            after: input.attendance,
            walkIn: allowed.walkIn,
            completion: completionId,
          },
        });
        return presentSession(
          trx,
          actor,
          access,
          await mustFindSession(trx, actor, sessionId),
          now,
        );
      }),
  };
}

export type AttendanceService = ReturnType<typeof createAttendanceService>;
