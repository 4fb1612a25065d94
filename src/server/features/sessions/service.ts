import type {
  MySessions,
  ProgrammeSessions,
  SessionChange,
  SessionDetail,
  SessionInput,
} from '../../../contracts/sessions.ts';
import { stockholmDate, stockholmInstant, stockholmLocal } from '../../../domain/dates.ts';
import {
  hasAnyRole,
  mayManageProgramme,
  mayManageSession,
  mayReadTrainers,
  mayRecordHeldSession,
  mayScheduleSession,
  OWNING_ROLES,
  reachesUnit,
  sessionOpeningReach,
  type Reach,
} from '../../../domain/policy.ts';
import {
  checkSession,
  isOpenTo,
  promotions,
  type SessionProblem,
} from '../../../domain/sessions.ts';
import { audit } from '../../audit/log.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Db } from '../../db/connection.ts';
import { withTransaction, type Tx } from '../../db/transaction.ts';
import { AppError, forbidden, invalid, notFound } from '../../http/errors.ts';
import {
  personFacts,
  programmeFactsFor,
  programmeFor,
  subjectOf,
  unitPathsOf,
} from '../../policies/authorize.ts';
import * as programmes from '../programmes/public.ts';
import { isQualifiedTrainer, sessionAccess, trainersOf, visibleSession } from './access.ts';
import { presentSession, presentSessions } from './present.ts';
import { notifyBookings } from './notices.ts';
import * as repo from './repository.ts';

type Q = Db | Tx;
type Row = repo.SessionRow;

export const SESSION_KINDS = new Set(['session', 'drill']);

export function sessionProblem(problem: SessionProblem, startsAt: Date, endsAt: Date): AppError {
  const field = `body.${problem.field}`;
  switch (problem.code) {
    case 'ends_before_start':
      return invalid(field, 'ends_before_start', {
        start: stockholmLocal(startsAt).replace('T', ' '),
        end: stockholmLocal(endsAt).replace('T', ' '),
      });
    case 'too_long':
      return invalid(field, 'session_too_long');
    case 'below_bookings':
      return invalid(field, 'below_bookings', { booked: problem.booked });
    case 'no_place':
      return invalid(field, 'no_place');
  }
}

/**
 * Whom a person asks about a programme's sessions: the qualified trainers who serve one of
 * their units, and the programme's owners.
 */
async function contactsFor(
  q: Q,
  actor: Actor,
  programmeIds: string[],
  unitPaths: readonly (readonly string[])[],
  date: string,
): Promise<MySessions['contacts']> {
  const [trainers, owners] = await Promise.all([
    trainersOf(q, actor.tenantId, programmeIds, date),
    repo.ownerNamesOf(q, actor.tenantId, programmeIds),
  ]);
  const serving = new Map(
    programmeIds.map((id) => [
      id,
      [...(trainers.get(id)?.values() ?? [])]
        .filter(
          (r) =>
            r.status.qualified && unitPaths.some((path) => r.unitIds.some((u) => path.includes(u))),
        )
        .map((r) => r.personId),
    ]),
  );
  const people = await repo.peopleByIds(q, actor.tenantId, [
    ...new Set([...serving.values()].flat()),
  ]);
  const names = new Map(people.map((p) => [p.id, `${p.first_name} ${p.last_name}`]));
  return programmeIds.map((programmeId) => ({
    programmeId,
    trainers: (serving.get(programmeId) ?? []).map((id) => names.get(id) ?? '').sort(),
    owners: owners.filter((o) => o.programme_id === programmeId).map((o) => o.display_name),
  }));
}

/** The units a session may be opened to, as the roots of their subtrees. */
const openingOf = (reach: Reach) => ({
  everyone: reach.everyone,
  unitIds: reach.everyone ? [] : [...reach.units],
});

/** "Gruppsamtal om våld, 1 Dec 2026": how a session is named in completions and audit. */
export const sessionLabel = (row: Row) =>
  `${row.course_name}${row.module_name ? ` – ${row.module_name}` : ''}, ${stockholmDate(row.starts_at)} (${row.id})`;

export async function mustFindSession(q: Q, actor: Actor, id: string) {
  const row = await repo.findSession(q, actor.tenantId, id);
  if (!row) throw notFound('session');
  return row;
}

/** Seats left after a change: the earliest in the queue get them. */
export async function promoteQueue(trx: Tx, actor: Actor, row: Row, at: Date) {
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
    at,
  );
  const ids = new Set(promoted.map((p) => p.id));
  await notifyBookings(
    trx,
    actor.tenantId,
    row,
    bookings.filter((b) => ids.has(b.id)),
    'promoted',
    at,
  );
  return promoted.map((p) => p.id);
}

/**
 * Group sessions: what each person sees and may book, and scheduling by trainers and programme
 * owners. Bookings (bookings.ts) and attendance (attendance.ts) are their own services.
 */
export function createSessionService(db: Db, clock: () => Date = () => new Date()) {
  const today = () => stockholmDate(clock());

  async function visible(q: Q, actor: Actor, id: string) {
    const { row, subject, facts } = await visibleSession(q, actor, id);
    return { row, access: { subject, facts } };
  }

  return {
    /** What the signed-in person can book, has booked and trains. */
    async mine(actor: Actor): Promise<Omit<MySessions, 'serving'>> {
      const subject = await subjectOf(db, actor);
      const { personId } = subject;
      if (!personId) return { linked: false, bookable: [], booked: [], training: [], contacts: [] };
      const now = clock();
      const recent = new Date(now.getTime() - 7 * 24 * 3_600_000);
      const assigned = await programmes.assignedProgrammeIds(db, actor.tenantId, personId);
      const courses = (
        await Promise.all(assigned.map((id) => programmes.coursesOf(db, actor.tenantId, id)))
      )
        .flat()
        .filter((c) => SESSION_KINDS.has(c.kind) && !c.forTrainers);
      const [upcoming, booked, training, paths] = await Promise.all([
        repo.upcomingSessionsOfCourses(
          db,
          actor.tenantId,
          courses.map((c) => c.id),
          now,
        ),
        repo.sessionsOfPerson(db, actor.tenantId, personId, 'participant', recent),
        repo.sessionsOfPerson(db, actor.tenantId, personId, 'trainer', recent),
        personFacts(db, actor.tenantId, [personId], today()),
      ]);
      const myPaths = paths.get(personId)?.unitPaths ?? [];
      const units = await repo.unitsOfSessions(
        db,
        actor.tenantId,
        upcoming.map((s) => s.id),
      );
      // Not what one has booked already, nor what one leads.
      const taken = new Set([...booked, ...training].map((s) => s.id));
      const open = upcoming.filter((s) => {
        if (taken.has(s.id)) return false;
        return isOpenTo(
          units.filter((u) => u.session_id === s.id).map((u) => u.unit_id),
          myPaths,
        );
      });
      return {
        linked: true,
        bookable: await presentSessions(db, actor, subject, open, now),
        booked: await presentSessions(db, actor, subject, booked, now),
        training: await presentSessions(db, actor, subject, training, now),
        contacts: await contactsFor(
          db,
          actor,
          [...new Set(courses.map((c) => c.programmeId))],
          myPaths,
          today(),
        ),
      };
    },

    /** Every session of a programme, for its owners and trainers (a draft: its owners). */
    async ofProgramme(actor: Actor, programmeId: string): Promise<ProgrammeSessions> {
      const subject = await subjectOf(db, actor);
      const record = subject.personId
        ? await isQualifiedTrainer(db, actor.tenantId, programmeId, subject.personId, today())
        : null;
      const qualified = record !== null;
      const { programme } = await programmeFor(db, actor, programmeId, (s, p) =>
        mayReadTrainers(s, p, qualified),
      );
      const owner = mayManageProgramme(subject, programme);
      const [rows, courses] = await Promise.all([
        repo.sessionsOfProgramme(db, actor.tenantId, programmeId),
        programmes.coursesOf(db, actor.tenantId, programmeId),
      ]);
      const sessionCourses = courses.filter((c) => SESSION_KINDS.has(c.kind));
      const modules = await programmes.modulesOf(
        db,
        actor.tenantId,
        sessionCourses.map((c) => c.id),
      );
      return {
        sessions: await presentSessions(db, actor, subject, rows, clock()),
        courses: sessionCourses
          .filter((c) => owner || !c.forTrainers)
          .map((c) => ({
            id: c.id,
            code: c.code,
            name: c.name,
            kind: c.kind,
            forTrainers: c.forTrainers,
            modules: modules
              .filter((m) => m.courseId === c.id)
              .map((m) => ({ code: m.code, name: m.name })),
          })),
        openTo: openingOf(
          sessionOpeningReach(subject, { owner, servedUnits: record?.unitIds ?? [] }),
        ),
        canSchedule:
          programme.status !== 'ended' &&
          mayScheduleSession(subject, programme, {
            qualifiedTrainer: qualified,
            forTrainers: false,
          }),
      };
    },

    /** The session with its booked participants, for its printable attendance list. */
    async attendanceSheet(actor: Actor, id: string): Promise<SessionDetail> {
      const { row, access } = await visible(db, actor, id);
      if (!mayManageSession(access.subject, access.facts))
        throw new AppError('not_session_trainer');
      return presentSession(db, actor, access, row, clock());
    },

    /** A session: everyone signed in sees when and where; participants as policy allows. */
    async get(actor: Actor, id: string): Promise<SessionDetail> {
      const { row, access } = await visible(db, actor, id);
      return presentSession(db, actor, access, row, clock());
    },

    /**
     * Schedules a session: qualified trainers of the programme for the units they serve, its
     * owners for the units they reach. Never in the past, except an owner recording a session
     * already held (audited as such).
     */
    create: (actor: Actor, input: SessionInput) =>
      withTransaction(db, async (trx) => {
        if (!hasAnyRole(actor.grants, [...OWNING_ROLES, 'trainer'])) throw forbidden();
        const subject = await subjectOf(trx, actor);
        const course = await programmes.findCourse(trx, actor.tenantId, input.courseId);
        const programme = course ? await programmeFactsFor(trx, actor, course.programmeId) : null;
        if (!course || !programme) throw invalid('body.courseId', 'no_such', { thing: 'course' });
        const date = today();
        const trainers = (await trainersOf(trx, actor.tenantId, [course.programmeId], date)).get(
          course.programmeId,
        );
        const mine = subject.personId ? trainers?.get(subject.personId) : undefined;
        const myRecord = mine?.status.qualified ? mine : null;
        const owner = mayManageProgramme(subject, programme);
        if (
          !mayScheduleSession(subject, programme, {
            qualifiedTrainer: myRecord !== null,
            forTrainers: course.forTrainers,
          })
        )
          throw forbidden();
        if (!SESSION_KINDS.has(course.kind))
          throw invalid('body.courseId', 'web_course', { course: course.name });
        const details = await programmes.findProgramme(trx, actor.tenantId, course.programmeId);
        if (!details || details.status === 'ended')
          throw new AppError('programme_ended', { programme: details?.name ?? '' });
        const modules = await programmes.modulesOf(trx, actor.tenantId, [course.id]);
        if (input.moduleCode && !modules.some((m) => m.code === input.moduleCode))
          throw invalid('body.moduleCode', 'no_module', {
            course: course.name,
            module: input.moduleCode,
          });

        const startsAt = stockholmInstant(input.startsAt);
        const endsAt = stockholmInstant(input.endsAt);
        const held = input.held ?? false;
        if (startsAt.getTime() <= clock().getTime()) {
          if (!held) throw new AppError('session_in_past');
          if (!mayRecordHeldSession(subject, programme)) throw forbidden();
        }

        const trainerIds = input.trainerPersonIds?.length
          ? [...new Set(input.trainerPersonIds)]
          : subject.personId
            ? [subject.personId]
            : [];
        if (trainerIds.length === 0) throw invalid('body.trainerPersonIds', 'trainer_required');
        if (!owner && subject.personId && !trainerIds.includes(subject.personId))
          throw invalid('body.trainerPersonIds', 'include_yourself');
        const people = await repo.peopleByIds(trx, actor.tenantId, trainerIds);
        trainerIds.forEach((id, index) => {
          const person = people.find((p) => p.id === id);
          if (!person)
            throw invalid(`body.trainerPersonIds.${index}`, 'no_such', { thing: 'person' });
          // The trainer course is led by whoever the owner picks; other sessions by trainers.
          const ok =
            course.forTrainers ||
            trainers?.get(id)?.status.qualified ||
            (id === subject.personId && owner);
          if (!ok)
            throw invalid(`body.trainerPersonIds.${index}`, 'not_qualified', {
              person: `${person.first_name} ${person.last_name}`,
              programme: details.name,
            });
        });

        // Open to units the trainer serves, or the owner reaches (by default: all of those).
        const reach = sessionOpeningReach(subject, {
          owner,
          servedUnits: myRecord?.unitIds ?? [],
        });
        const openUnitIds = [...new Set(input.openUnitIds ?? [])];
        const [units, paths] = await Promise.all([
          repo.unitsByIds(trx, actor.tenantId, openUnitIds),
          unitPathsOf(trx, actor, openUnitIds),
        ]);
        openUnitIds.forEach((id, index) => {
          const unit = units.find((u) => u.id === id);
          if (!unit) throw invalid(`body.openUnitIds.${index}`, 'no_such', { thing: 'unit' });
          if (!reachesUnit(reach, paths.get(id) ?? [id]))
            throw invalid(`body.openUnitIds.${index}`, 'not_served', {
              unit: unit.name,
              programme: details.name,
            });
        });
        if (openUnitIds.length === 0 && !reach.everyone) openUnitIds.push(...reach.units);

        const values = {
          startsAt,
          endsAt,
          capacity: input.capacity,
          booked: 0,
          place: input.place ?? null,
          onlineUrl: input.onlineUrl ?? null,
        };
        const [problem] = checkSession(values);
        if (problem) throw sessionProblem(problem, startsAt, endsAt);
        const id = await repo.insertSession(trx, {
          tenantId: actor.tenantId,
          programmeId: course.programmeId,
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
          action: held ? 'session.record_held' : 'session.create',
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
        const row = await mustFindSession(trx, actor, id);
        return presentSession(trx, actor, await sessionAccess(trx, actor, row), row, clock());
      }),

    /** Moves, resizes or cancels a session; a larger capacity lets the queue in. */
    update: (actor: Actor, id: string, change: SessionChange) =>
      withTransaction(db, async (trx) => {
        if (!(await repo.lockSession(trx, actor.tenantId, id))) throw notFound('session');
        const { row, access } = await visible(trx, actor, id);
        if (!mayManageSession(access.subject, access.facts))
          throw new AppError('not_session_trainer');
        if (row.status === 'cancelled') throw new AppError('session_cancelled');
        const before = {
          startsAt: row.starts_at.toISOString(),
          endsAt: row.ends_at.toISOString(),
          place: row.place,
          onlineUrl: row.online_url,
          capacity: row.capacity,
        };
        const now = clock();
        if (change.cancel) {
          await repo.updateSession(
            trx,
            actor.tenantId,
            id,
            { status: 'cancelled', cancel_reason: change.cancel.reason },
            now,
          );
        } else {
          const startsAt = change.startsAt ? stockholmInstant(change.startsAt) : row.starts_at;
          const endsAt = change.endsAt ? stockholmInstant(change.endsAt) : row.ends_at;
          // Moving a session into the past is recording it as held: owners only.
          if (
            change.startsAt &&
            startsAt.getTime() <= now.getTime() &&
            !mayRecordHeldSession(access.subject, access.facts.programme)
          )
            throw new AppError('session_in_past');
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
          if (problem) throw sessionProblem(problem, startsAt, endsAt);
          await repo.updateSession(
            trx,
            actor.tenantId,
            id,
            {
              starts_at: startsAt,
              ends_at: endsAt,
              place,
              online_url: onlineUrl,
              capacity,
              ...(change.note === undefined ? {} : { note: change.note || null }),
            },
            now,
          );
        }
        const after = await mustFindSession(trx, actor, id);
        const moved = after.starts_at.getTime() !== row.starts_at.getTime();
        if (change.cancel || moved) {
          const people = (await repo.bookingsOfSession(trx, actor.tenantId, id)).filter(
            (b) => b.status === 'booked' || b.status === 'waiting',
          );
          await notifyBookings(
            trx,
            actor.tenantId,
            after,
            change.cancel ? people : people.filter((b) => b.status === 'booked'),
            change.cancel ? 'booking_cancelled' : 'booking_moved',
            now,
          );
        }
        const promoted =
          after.status === 'scheduled' ? await promoteQueue(trx, actor, after, clock()) : [];
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
        return presentSession(trx, actor, access, await mustFindSession(trx, actor, id), now);
      }),
  };
}

export type SessionService = ReturnType<typeof createSessionService>;
