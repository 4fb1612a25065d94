import type {
  AttendanceRequest,
  MySessions,
  Participant,
  ProgrammeSessions,
  SessionChange,
  SessionDetail,
  SessionInput,
  SessionSummary,
} from '../../../contracts/sessions.ts';
import type { ErrorCode } from '../../../contracts/errors.ts';
import { hasAnyRole, managesPersonAt } from '../../../domain/access.ts';
import { stockholmDate, stockholmInstant, stockholmLocal } from '../../../domain/dates.ts';
import type { UnitId } from '../../../domain/ids.ts';
import {
  cancelCutoff,
  checkSession,
  courseCompletedBySessions,
  decideBooking,
  mayCancel,
  mayRecordAttendance,
  promotions,
  type BookingRefusal,
  type SessionProblem,
} from '../../../domain/sessions.ts';
import { audit } from '../../audit/log.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Db } from '../../db/connection.ts';
import { withTransaction, type Tx } from '../../db/transaction.ts';
import { AppError, notFound } from '../../http/errors.ts';
import * as programmes from '../programmes/public.ts';
import {
  describePeople,
  invalid,
  isQualifiedTrainer,
  ownsProgramme,
  trainersOf,
  whoIs,
} from './access.ts';
import * as repo from './repository.ts';

type Q = Db | Tx;
type Row = repo.SessionRow;

export const SESSION_KINDS = new Set(['session', 'drill']);

const BOOKING_REFUSALS: Record<BookingRefusal, [ErrorCode, number, string]> = {
  session_cancelled: ['session_cancelled', 409, 'The session is cancelled.'],
  session_started: ['session_started', 409, 'The session has already started.'],
  not_assigned: ['not_assigned', 400, 'The course is not assigned to this person.'],
  not_open_to_unit: [
    'not_open_to_unit',
    400,
    "The session is not open to the person's unit; choose a session for their unit.",
  ],
  already_booked: ['already_booked', 409, 'The person is already booked on this session.'],
  overlapping: [
    'overlapping_booking',
    409,
    'The person is already booked on another session at the same time.',
  ],
};

function sessionProblem(problem: SessionProblem): AppError {
  const messages: Record<SessionProblem['code'], string> = {
    ends_before_start: 'The session must end after it starts.',
    too_long: 'A session lasts at most 12 hours.',
    below_bookings: `The capacity cannot be below the ${problem.code === 'below_bookings' ? problem.booked : 0} people already booked.`,
    no_place: 'Give a place or an online link.',
  };
  return invalid(`body.${problem.field}`, messages[problem.code]);
}

/** "Gruppsamtal om våld, 1 Dec 2026": how a session is named in completions and audit. */
const sessionLabel = (row: Row) =>
  `${row.course_name}${row.module_name ? ` – ${row.module_name}` : ''}, ${stockholmDate(row.starts_at)} (${row.id})`;

/**
 * Group sessions: scheduling by trainers and programme owners, booking with a waiting list,
 * cancellation, attendance (which becomes the completion) and what each person sees.
 */
export function createSessionService(db: Db, clock: () => Date = () => new Date()) {
  const today = () => stockholmDate(clock());

  async function mustFind(q: Q, actor: Actor, id: string) {
    const row = await repo.findSession(q, actor.tenantId, id);
    if (!row) throw notFound('The session');
    return row;
  }

  async function isSessionTrainer(q: Q, actor: Actor, row: Row, personId: string | null) {
    if (!personId) return false;
    const trainers = await repo.trainersOfSessions(q, actor.tenantId, [row.id]);
    return trainers.some((t) => t.person_id === personId);
  }

  /** The session's trainers and the programme's owners manage a session. */
  async function managesSession(q: Q, actor: Actor, row: Row, personId: string | null) {
    return (
      (await ownsProgramme(q, actor, row.programme_id)) ||
      (await isSessionTrainer(q, actor, row, personId))
    );
  }

  /** Summaries for a list of sessions, in a fixed number of queries. */
  async function present(
    q: Q,
    actor: Actor,
    rows: readonly Row[],
    personId: string | null,
  ): Promise<SessionSummary[]> {
    const ids = rows.map((r) => r.id);
    const [trainers, units, mine, owned] = await Promise.all([
      repo.trainersOfSessions(q, actor.tenantId, ids),
      repo.unitsOfSessions(q, actor.tenantId, ids),
      personId ? repo.bookingsOfPersonIn(q, actor.tenantId, personId, ids) : [],
      programmes.ownedProgrammeIds(q, actor.tenantId, actor.userId),
    ]);
    const managesAll = hasAnyRole(actor.grants, programmes.PROGRAMME_MANAGERS);
    const result: SessionSummary[] = [];
    for (const row of rows) {
      const own = mine.find((b) => b.session_id === row.id);
      const queuePosition =
        own?.status === 'waiting'
          ? (await repo.bookingsOfSession(q, actor.tenantId, row.id))
              .filter((b) => b.status === 'waiting')
              .findIndex((b) => b.id === own.id) + 1
          : null;
      const rowTrainers = trainers.filter((t) => t.session_id === row.id);
      result.push({
        id: row.id,
        programme: { id: row.programme_id, code: row.programme_code, name: row.programme_name },
        course: {
          id: row.course_id,
          code: row.course_code,
          name: row.course_name,
          kind: row.course_kind,
        },
        module:
          row.module_code && row.module_name
            ? { code: row.module_code, name: row.module_name }
            : null,
        startsAt: row.starts_at.toISOString(),
        endsAt: row.ends_at.toISOString(),
        startsAtLocal: stockholmLocal(row.starts_at),
        endsAtLocal: stockholmLocal(row.ends_at),
        place: row.place,
        onlineUrl: row.online_url,
        capacity: row.capacity,
        booked: Number(row.booked ?? 0),
        waiting: Number(row.waiting ?? 0),
        status: row.status,
        started: row.starts_at.getTime() <= clock().getTime(),
        cancelReason: row.cancel_reason,
        cancelCutoffAt: cancelCutoff(row.starts_at, row.cancel_cutoff_hours).toISOString(),
        note: row.note,
        trainers: rowTrainers.map((t) => ({
          personId: t.person_id,
          name: `${t.first_name} ${t.last_name}`,
        })),
        openUnits: units
          .filter((u) => u.session_id === row.id)
          .map((u) => ({ id: u.unit_id, name: u.name })),
        myBooking: own ? { id: own.id, status: own.status, queuePosition } : null,
        canManage:
          managesAll ||
          owned.has(row.programme_id) ||
          rowTrainers.some((t) => t.person_id === personId),
      });
    }
    return result;
  }

  async function detail(q: Q, actor: Actor, row: Row): Promise<SessionDetail> {
    const { personId } = await whoIs(q, actor);
    const [summary] = await present(q, actor, [row], personId);
    if (!summary) throw new Error('session vanished');
    const bookings = (await repo.bookingsOfSession(q, actor.tenantId, row.id)).filter(
      (b) => b.status !== 'cancelled',
    );
    const people = new Map(
      (
        await describePeople(
          q,
          actor,
          bookings.map((b) => ({
            id: b.person_id,
            first_name: b.first_name,
            last_name: b.last_name,
          })),
          today(),
        )
      ).map((p) => [p.id, p]),
    );
    // Managers see the people of their own units (to book them); the session's trainers all.
    const visible = (id: string) =>
      summary.canManage ||
      managesPersonAt(actor.grants, (people.get(id)?.paths ?? []) as UnitId[][]);
    let waitingPosition = 0;
    const participants: Participant[] = [];
    for (const b of bookings) {
      if (b.status === 'waiting') waitingPosition += 1;
      if (!visible(b.person_id)) continue;
      participants.push({
        bookingId: b.id,
        personId: b.person_id,
        name: `${b.first_name} ${b.last_name}`,
        units: people.get(b.person_id)?.units ?? [],
        status: b.status,
        queuePosition: b.status === 'waiting' ? waitingPosition : null,
        walkIn: b.walk_in,
        attendance: b.attendance,
        bookedBy: b.booked_by_label,
      });
    }
    const collator = new Intl.Collator('sv');
    participants.sort(
      (a, b) =>
        Number(a.status === 'waiting') - Number(b.status === 'waiting') ||
        (a.queuePosition ?? 0) - (b.queuePosition ?? 0) ||
        collator.compare(a.name, b.name),
    );
    return { ...summary, participants };
  }

  /** Seats left after a change: the earliest in the queue get them. */
  async function promote(trx: Tx, actor: Actor, row: Row) {
    const bookings = await repo.bookingsOfSession(trx, actor.tenantId, row.id);
    const promoted = promotions({
      capacity: row.capacity,
      booked: bookings.filter((b) => b.status === 'booked').length,
      waiting: bookings
        .filter((b) => b.status === 'waiting')
        .map((b) => ({ id: b.id, bookedAt: b.booked_at })),
    });
    await repo.promoteBookings(
      trx,
      actor.tenantId,
      promoted.map((p) => p.id),
    );
    return promoted.map((p) => p.id);
  }

  function parseTimes(startsAt: string, endsAt: string) {
    return { startsAt: stockholmInstant(startsAt), endsAt: stockholmInstant(endsAt) };
  }

  return {
    /** What the signed-in person can book, has booked, trains and serves. */
    async mine(actor: Actor): Promise<Omit<MySessions, 'serving'> & { personId: string | null }> {
      const { personId } = await whoIs(db, actor);
      if (!personId)
        return { linked: false, bookable: [], booked: [], training: [], personId: null };
      const now = clock();
      const recent = new Date(now.getTime() - 7 * 24 * 3_600_000);
      const assignments = await programmes.openAssignmentsOf(db, actor.tenantId, personId);
      const courses = (
        await Promise.all(
          assignments.map((a) => programmes.programmeCourses(db, actor.tenantId, a.programme_id)),
        )
      )
        .flat()
        .filter((c) => SESSION_KINDS.has(c.kind) && !c.for_trainers);
      const [upcoming, booked, training, paths] = await Promise.all([
        repo.upcomingSessionsOfCourses(
          db,
          actor.tenantId,
          courses.map((c) => c.id),
          now,
        ),
        repo.sessionsOfPerson(db, actor.tenantId, personId, 'participant', recent),
        repo.sessionsOfPerson(db, actor.tenantId, personId, 'trainer', recent),
        programmes.unitPathsOfPeople(db, actor.tenantId, [personId], today()),
      ]);
      const myPaths = paths.get(personId) ?? [];
      const units = await repo.unitsOfSessions(
        db,
        actor.tenantId,
        upcoming.map((s) => s.id),
      );
      const bookedIds = new Set(booked.map((s) => s.id));
      const open = upcoming.filter((s) => {
        if (bookedIds.has(s.id)) return false;
        const openTo = units.filter((u) => u.session_id === s.id).map((u) => u.unit_id);
        return openTo.length === 0 || myPaths.some((path) => openTo.some((u) => path.includes(u)));
      });
      return {
        linked: true,
        personId,
        bookable: await present(db, actor, open, personId),
        booked: await present(db, actor, booked, personId),
        training: await present(db, actor, training, personId),
      };
    },

    /** Every session of a programme, for its owners and trainers. */
    async ofProgramme(actor: Actor, programmeId: string): Promise<ProgrammeSessions> {
      const programme = await programmes.findProgramme(db, actor.tenantId, programmeId);
      if (!programme) throw notFound('The programme');
      const { personId } = await whoIs(db, actor);
      const owner = await ownsProgramme(db, actor, programmeId);
      const trainer =
        personId !== null &&
        (await isQualifiedTrainer(db, actor.tenantId, programmeId, personId, today())) !== null;
      if (!owner && !trainer && !hasAnyRole(actor.grants, ['trainer']))
        throw notFound('The programme');
      const [rows, courses] = await Promise.all([
        repo.sessionsOfProgramme(db, actor.tenantId, programmeId),
        programmes.programmeCourses(db, actor.tenantId, programmeId),
      ]);
      const sessionCourses = courses.filter((c) => SESSION_KINDS.has(c.kind));
      const { modules } = await programmes.curriculumDetails(
        db,
        actor.tenantId,
        sessionCourses.map((c) => c.id),
      );
      return {
        sessions: await present(db, actor, rows, personId),
        courses: sessionCourses
          .filter((c) => owner || !c.for_trainers)
          .map((c) => ({
            id: c.id,
            code: c.code,
            name: c.name,
            kind: c.kind,
            forTrainers: c.for_trainers,
            modules: modules
              .filter((m) => m.course_id === c.id)
              .map((m) => ({ code: m.code, name: m.name })),
          })),
        canSchedule: programme.status !== 'ended' && (owner || trainer),
      };
    },

    /**
     * People to add to a session (trainers, owners) or to book (managers: their own units),
     * found by name or employee number.
     */
    async candidates(actor: Actor, sessionId: string, query: string) {
      const row = await mustFind(db, actor, sessionId);
      const { personId } = await whoIs(db, actor);
      const organiser = await managesSession(db, actor, row, personId);
      if (!organiser && !hasAnyRole(actor.grants, ['manager'])) throw notFound('The session');
      const found = await repo.searchPeople(db, actor.tenantId, query, organiser ? 20 : 200);
      const people = await describePeople(db, actor, found, today());
      return {
        people: people
          .filter((p) => organiser || managesPersonAt(actor.grants, p.paths as UnitId[][]))
          .slice(0, 20)
          .map(({ paths: _paths, ...person }) => person),
      };
    },

    /** The session with its booked participants, for its printable attendance list. */
    async attendanceSheet(actor: Actor, id: string): Promise<SessionDetail> {
      const session = await detail(db, actor, await mustFind(db, actor, id));
      if (!session.canManage)
        throw new AppError(
          'not_session_trainer',
          403,
          'Only the session’s trainers and the programme’s owners print its attendance list.',
        );
      return session;
    },

    /** A session: everyone signed in sees when and where; participants only its managers. */
    async get(actor: Actor, id: string): Promise<SessionDetail> {
      return detail(db, actor, await mustFind(db, actor, id));
    },

    create: (actor: Actor, input: SessionInput) =>
      withTransaction(db, async (trx) => {
        const course = await programmes.findCourse(trx, actor.tenantId, input.courseId);
        if (!course) throw invalid('body.courseId', 'There is no such course.');
        if (!SESSION_KINDS.has(course.kind))
          throw invalid(
            'body.courseId',
            `${course.name} is completed on the web; sessions are for session courses and drills.`,
          );
        const programme = await programmes.findProgramme(trx, actor.tenantId, course.programme_id);
        if (!programme) throw invalid('body.courseId', 'There is no such course.');
        if (programme.status === 'ended')
          throw new AppError('conflict', 409, `${programme.name} has ended.`);
        const { modules } = await programmes.curriculumDetails(trx, actor.tenantId, [course.id]);
        if (input.moduleCode && !modules.some((m) => m.code === input.moduleCode))
          throw invalid('body.moduleCode', `${course.name} has no module ${input.moduleCode}.`);

        const me = await whoIs(trx, actor);
        const owner = await ownsProgramme(trx, actor, programme.id);
        const date = today();
        const trainers = (await trainersOf(trx, actor.tenantId, [programme.id], date)).get(
          programme.id,
        );
        const mine = me.personId ? trainers?.get(me.personId) : undefined;
        const myRecord = mine?.status.qualified ? mine : null;
        if (!owner && (!myRecord || course.for_trainers))
          throw new AppError(
            'forbidden',
            403,
            course.for_trainers
              ? 'Only the programme owner schedules the trainer course.'
              : `Only qualified trainers of ${programme.name} and its owners schedule sessions.`,
          );
        const trainerIds = input.trainerPersonIds?.length
          ? [...new Set(input.trainerPersonIds)]
          : me.personId
            ? [me.personId]
            : [];
        if (trainerIds.length === 0)
          throw invalid('body.trainerPersonIds', 'Name at least one trainer.');
        if (!owner && me.personId && !trainerIds.includes(me.personId))
          throw invalid('body.trainerPersonIds', 'Include yourself among the trainers.');
        const people = await repo.peopleByIds(trx, actor.tenantId, trainerIds);
        trainerIds.forEach((id, index) => {
          if (!people.some((p) => p.id === id))
            throw invalid(`body.trainerPersonIds.${index}`, 'There is no such person.');
          // The trainer course is led by whoever the owner picks; other sessions by trainers.
          const ok =
            course.for_trainers ||
            trainers?.get(id)?.status.qualified ||
            (id === me.personId && owner);
          if (!ok)
            throw invalid(
              `body.trainerPersonIds.${index}`,
              `${people.find((p) => p.id === id)?.first_name ?? 'The person'} is not a qualified trainer of ${programme.name}.`,
            );
        });

        const openUnitIds = [...new Set(input.openUnitIds ?? [])];
        const units = await repo.unitsByIds(trx, actor.tenantId, openUnitIds);
        const paths = await programmes.unitPaths(trx, actor.tenantId);
        openUnitIds.forEach((id, index) => {
          if (!units.some((u) => u.id === id))
            throw invalid(`body.openUnitIds.${index}`, 'There is no such unit.');
          const served = myRecord?.unitIds ?? [];
          if (!owner && !(paths.get(id) ?? []).some((ancestor) => served.includes(ancestor)))
            throw invalid(
              `body.openUnitIds.${index}`,
              `You do not serve ${units.find((u) => u.id === id)?.name ?? 'this unit'} for ${programme.name}.`,
            );
        });
        if (!owner && openUnitIds.length === 0 && myRecord?.unitIds.length)
          openUnitIds.push(...myRecord.unitIds);

        const { startsAt, endsAt } = parseTimes(input.startsAt, input.endsAt);
        const values = {
          startsAt,
          endsAt,
          capacity: input.capacity,
          booked: 0,
          place: input.place ?? null,
          onlineUrl: input.onlineUrl ?? null,
        };
        const [problem] = checkSession(values);
        if (problem) throw sessionProblem(problem);
        const id = await repo.insertSession(trx, {
          tenantId: actor.tenantId,
          programmeId: programme.id,
          courseId: course.id,
          moduleCode: input.moduleCode ?? null,
          ...values,
          cancelCutoffHours: input.cancelCutoffHours ?? 24,
          note: input.note ?? null,
          createdBy: actor.userId,
          trainerPersonIds: trainerIds,
          openUnitIds,
        });
        await audit(trx, {
          tenantId: actor.tenantId,
          actorUserId: actor.userId,
          action: 'session.create',
          objectType: 'session',
          objectId: id,
          details: {
            course: course.code,
            startsAt: startsAt.toISOString(),
            capacity: input.capacity,
            trainers: trainerIds,
            openUnits: openUnitIds,
          },
        });
        return detail(trx, actor, await mustFind(trx, actor, id));
      }),

    /** Moves, resizes or cancels a session; a larger capacity lets the queue in. */
    update: (actor: Actor, id: string, change: SessionChange) =>
      withTransaction(db, async (trx) => {
        if (!(await repo.lockSession(trx, actor.tenantId, id))) throw notFound('The session');
        const row = await mustFind(trx, actor, id);
        const me = await whoIs(trx, actor);
        if (!(await managesSession(trx, actor, row, me.personId)))
          throw new AppError(
            'not_session_trainer',
            403,
            'Only the session’s trainers and the programme’s owners change a session.',
          );
        if (row.status === 'cancelled')
          throw new AppError('session_cancelled', 409, 'The session is cancelled.');
        const before = {
          startsAt: row.starts_at.toISOString(),
          endsAt: row.ends_at.toISOString(),
          place: row.place,
          onlineUrl: row.online_url,
          capacity: row.capacity,
        };
        if (change.cancel) {
          await repo.updateSession(trx, actor.tenantId, id, {
            status: 'cancelled',
            cancel_reason: change.cancel.reason,
          });
        } else {
          const startsAt = change.startsAt ? stockholmInstant(change.startsAt) : row.starts_at;
          const endsAt = change.endsAt ? stockholmInstant(change.endsAt) : row.ends_at;
          const place = change.place === undefined ? row.place : change.place || null;
          const onlineUrl =
            change.onlineUrl === undefined ? row.online_url : change.onlineUrl || null;
          const capacity = change.capacity ?? row.capacity;
          const [problem] = checkSession({
            startsAt,
            endsAt,
            capacity,
            booked: Number(row.booked ?? 0),
            place,
            onlineUrl,
          });
          if (problem) throw sessionProblem(problem);
          await repo.updateSession(trx, actor.tenantId, id, {
            starts_at: startsAt,
            ends_at: endsAt,
            place,
            online_url: onlineUrl,
            capacity,
            ...(change.note === undefined ? {} : { note: change.note || null }),
          });
        }
        const after = await mustFind(trx, actor, id);
        const promoted = after.status === 'scheduled' ? await promote(trx, actor, after) : [];
        await audit(trx, {
          tenantId: actor.tenantId,
          actorUserId: actor.userId,
          action: change.cancel ? 'session.cancel' : 'session.update',
          objectType: 'session',
          objectId: id,
          details: {
            before,
            after: change.cancel
              ? { status: 'cancelled', reason: change.cancel.reason }
              : {
                  startsAt: after.starts_at.toISOString(),
                  endsAt: after.ends_at.toISOString(),
                  place: after.place,
                  onlineUrl: after.online_url,
                  capacity: after.capacity,
                },
            promoted,
          },
        });
        return detail(trx, actor, await mustFind(trx, actor, id));
      }),

    /**
     * Books a person: themselves, a manager's own people, or anyone the session's trainers and
     * the programme's owners add. A full session puts them in the queue.
     */
    book: (actor: Actor, sessionId: string, requested: string | undefined) =>
      withTransaction(db, async (trx) => {
        // Lock order: the session, then the person (every booking path takes them so).
        if (!(await repo.lockSession(trx, actor.tenantId, sessionId)))
          throw notFound('The session');
        const row = await mustFind(trx, actor, sessionId);
        const me = await whoIs(trx, actor);
        const personId = requested ?? me.personId;
        if (!personId)
          throw new AppError('forbidden', 403, 'Your account is not linked to a person.');
        if (!(await repo.lockPerson(trx, actor.tenantId, personId)))
          throw invalid('body.personId', 'There is no such person.');
        const organiser = await managesSession(trx, actor, row, me.personId);
        const paths =
          (await programmes.unitPathsOfPeople(trx, actor.tenantId, [personId], today())).get(
            personId,
          ) ?? [];
        const self = personId === me.personId;
        const asManager = managesPersonAt(actor.grants, paths as UnitId[][]);
        if (!self && !organiser && !asManager)
          throw invalid('body.personId', 'You may book yourself and the people of your units.');
        const assignments = await programmes.openAssignmentsOf(trx, actor.tenantId, personId);
        const openTo = (await repo.unitsOfSessions(trx, actor.tenantId, [sessionId])).map(
          (u) => u.unit_id,
        );
        const live = await repo.liveBookingsOfPerson(trx, actor.tenantId, personId);
        const decision = decideBooking({
          now: clock(),
          session: {
            startsAt: row.starts_at,
            endsAt: row.ends_at,
            status: row.status,
            capacity: row.capacity,
          },
          booked: Number(row.booked ?? 0),
          // The trainer course is for the people its owner picks, not the audience.
          assigned: row.for_trainers
            ? organiser
            : assignments.some((a) => a.programme_id === row.programme_id),
          openToPerson:
            openTo.length === 0 || paths.some((path) => openTo.some((u) => path.includes(u))),
          byOrganiser: organiser,
          alreadyBooked: live.some((b) => b.session_id === sessionId),
          otherBookings: live
            .filter((b) => b.session_id !== sessionId)
            .map((b) => ({ startsAt: b.starts_at, endsAt: b.ends_at })),
        });
        if (!decision.ok) {
          const [code, status, message] = BOOKING_REFUSALS[decision.reason];
          throw new AppError(code, status, message);
        }
        const bookingId = await repo.insertBooking(trx, {
          tenantId: actor.tenantId,
          sessionId,
          personId,
          status: decision.status,
          walkIn: false,
          bookedBy: actor.userId,
          bookedByLabel: me.label,
        });
        await audit(trx, {
          tenantId: actor.tenantId,
          actorUserId: actor.userId,
          action: 'session.book',
          objectType: 'booking',
          objectId: bookingId,
          details: { session: sessionId, person: personId, status: decision.status },
        });
        return detail(trx, actor, await mustFind(trx, actor, sessionId));
      }),

    /** Cancels a booking; a freed seat goes to the first in the queue. */
    cancel: (actor: Actor, sessionId: string, bookingId: string) =>
      withTransaction(db, async (trx) => {
        if (!(await repo.lockSession(trx, actor.tenantId, sessionId)))
          throw notFound('The session');
        const row = await mustFind(trx, actor, sessionId);
        const booking = await repo.findBooking(trx, actor.tenantId, sessionId, bookingId);
        if (!booking || booking.status === 'cancelled') throw notFound('The booking');
        const me = await whoIs(trx, actor);
        const self = booking.person_id === me.personId;
        const organiser = await managesSession(trx, actor, row, me.personId);
        const paths = await programmes.unitPathsOfPeople(
          trx,
          actor.tenantId,
          [booking.person_id],
          today(),
        );
        const asManager = managesPersonAt(
          actor.grants,
          (paths.get(booking.person_id) ?? []) as UnitId[][],
        );
        if (!self && !organiser && !asManager) throw notFound('The booking');
        const allowed = mayCancel({
          now: clock(),
          startsAt: row.starts_at,
          cutoffHours: row.cancel_cutoff_hours,
          byParticipant: self && !organiser && !asManager,
        });
        if (!allowed.ok)
          throw allowed.reason === 'after_cutoff'
            ? new AppError(
                'after_cutoff',
                409,
                `Bookings can be cancelled until ${row.cancel_cutoff_hours} hours before the start; ask the trainer.`,
              )
            : new AppError('session_started', 409, 'The session has already started.');
        await repo.cancelBooking(trx, actor.tenantId, bookingId, me.label);
        const promoted = booking.status === 'booked' ? await promote(trx, actor, row) : [];
        await audit(trx, {
          tenantId: actor.tenantId,
          actorUserId: actor.userId,
          action: 'session.cancel_booking',
          objectType: 'booking',
          objectId: bookingId,
          details: { session: sessionId, person: booking.person_id, promoted },
        });
        return detail(trx, actor, await mustFind(trx, actor, sessionId));
      }),

    /**
     * Marks a participant present or absent. "Present" records the completion (source:
     * session) through the programmes' completion entry point; a later "absent" voids it with
     * the reason, both audited.
     */
    attendance: (actor: Actor, sessionId: string, input: AttendanceRequest) =>
      withTransaction(db, async (trx) => {
        if (!(await repo.lockSession(trx, actor.tenantId, sessionId)))
          throw notFound('The session');
        const row = await mustFind(trx, actor, sessionId);
        const me = await whoIs(trx, actor);
        if (!(await managesSession(trx, actor, row, me.personId)))
          throw new AppError(
            'not_session_trainer',
            403,
            'Only the session’s trainers and the programme’s owners record its attendance.',
          );
        const [person] = await repo.peopleByIds(trx, actor.tenantId, [input.personId]);
        if (!person) throw invalid('body.personId', 'There is no such person.');
        let booking = await repo.liveBookingOf(trx, actor.tenantId, sessionId, person.id);
        const walkIn = input.walkIn ?? false;
        const allowed = mayRecordAttendance({
          now: clock(),
          session: { startsAt: row.starts_at, status: row.status },
          booking: booking && booking.status !== 'cancelled' ? { status: booking.status } : null,
          walkIn,
        });
        if (!allowed.ok) {
          const refusals = {
            session_cancelled: ['session_cancelled', 409, 'The session is cancelled.'],
            not_yet: [
              'attendance_not_yet',
              409,
              'Attendance can be recorded from the start of the session.',
            ],
            not_booked: [
              'not_booked',
              400,
              `${person.first_name} ${person.last_name} is not booked on this session; record them as a walk-in.`,
            ],
            waiting: [
              'not_booked',
              400,
              `${person.first_name} ${person.last_name} is in the queue, not booked; record them as a walk-in.`,
            ],
          } as const;
          const [code, status, message] = refusals[allowed.reason];
          throw new AppError(code, status, message);
        }
        if (!booking) {
          const id = await repo.insertBooking(trx, {
            tenantId: actor.tenantId,
            sessionId,
            personId: person.id,
            status: 'booked',
            walkIn: true,
            bookedBy: actor.userId,
            bookedByLabel: me.label,
          });
          booking = await repo.findBooking(trx, actor.tenantId, sessionId, id);
          if (!booking) throw new Error('booking vanished');
        }
        const before = booking.attendance;
        let completionId = booking.completion_id;
        if (input.attendance === 'present' && before !== 'present') {
          const date = stockholmDate(row.starts_at);
          const { modules } = await programmes.curriculumDetails(trx, actor.tenantId, [
            row.course_id,
          ]);
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
            `Attendance corrected to absent by ${me.label}: ${sessionLabel(row)}`,
          );
          completionId = null;
        }
        await repo.setAttendance(trx, actor.tenantId, booking.id, {
          attendance: input.attendance,
          byLabel: me.label,
          completionId,
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
        return detail(trx, actor, await mustFind(trx, actor, sessionId));
      }),
  };
}

export type SessionService = ReturnType<typeof createSessionService>;
