import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { z } from 'zod';
import {
  MyTraining,
  type CompletionInfo,
  type CorrectCompletionRequest,
  type DecisionRequest,
  type RegisterCompletionRequest,
  type SelfReportRequest,
} from '../../../contracts/programmes.ts';
import { courseState } from '../../../domain/course-state.ts';
import { stockholmDate, validUntil } from '../../../domain/dates.ts';
import { MAX_EVIDENCE_BYTES, sniffEvidenceType } from '../../../domain/evidence.ts';
import type { TenantId } from '../../../domain/ids.ts';
import {
  actForPerson,
  hasAnyRole,
  isNobody,
  managingReach,
  mayCreateProgramme,
  mayDecideCompletion,
  mayManageProgramme,
  OWNING_ROLES,
  owningReach,
  trainerReach,
  unionReach,
  type PersonFacts,
} from '../../../domain/policy.ts';
import { audit } from '../../audit/log.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Db } from '../../db/connection.ts';
import { withTransaction, type Tx } from '../../db/transaction.ts';
import { AppError, forbidden, invalid, notFound } from '../../http/errors.ts';
import {
  ownedProgrammeIds,
  personFacts,
  programmeFactsFor,
  programmeFor,
  subjectOf,
} from '../../policies/authorize.ts';
import { discardRest } from '../imports/public.ts';
import { notify } from '../notifications/public.ts';
import { importCompletions, type CompletionImportSummary } from './completions-import.ts';
import * as repo from './completions-repository.ts';
import { dataVersion } from './repository.ts';
import { createVersionedCache } from './versioned-cache.ts';

const SELF_REPORTED_KINDS = new Set(['web_course', 'e_learning']);

export function presentCompletion(row: repo.CompletionRow): CompletionInfo {
  return {
    id: row.id,
    courseCode: row.course_code,
    courseName: row.course_name,
    completedOn: row.completed_on,
    source: row.source,
    sourceDetail: row.source_detail,
    status: row.status,
    evidenceId: row.evidence_file_id,
    note: row.note,
    recordedBy: row.recorded_by_label,
    recordedAt: row.recorded_at.toISOString(),
    decisionNote: row.decision_note,
    voided: row.voided_at !== null,
    voidReason: row.void_reason,
  };
}

/** How the signed-in user is named in what they record (completions, bookings, audit). */
export async function actorLabel(q: Db | Tx, actor: Actor) {
  const user = await repo.personOfUser(q, actor.tenantId, actor.userId);
  return user?.display_name ?? 'unknown';
}

async function insertCompletion(
  trx: Tx,
  actor: Actor,
  values: {
    personId: string;
    courseId: string;
    completedOn: string;
    source: 'self_report' | 'manual' | 'session';
    sourceDetail?: string;
    status: 'pending' | 'accepted';
    evidenceId: string | null;
    note: string | null;
    correctsId?: string;
  },
) {
  return repo.insertCompletion(trx, actor.tenantId, {
    ...values,
    recordedBy: actor.userId,
    recordedByLabel: await actorLabel(trx, actor),
  });
}

/**
 * Attendance turned into a completion (source: session) in the caller's transaction: the
 * trainer's mark is the approval. The sessions feature reaches it through `public.ts`.
 */
export function recordSessionCompletion(
  trx: Tx,
  actor: Actor,
  values: { personId: string; courseId: string; completedOn: string; sessionLabel: string },
): Promise<string> {
  return insertCompletion(trx, actor, {
    personId: values.personId,
    courseId: values.courseId,
    completedOn: values.completedOn,
    source: 'session',
    sourceDetail: values.sessionLabel,
    status: 'accepted',
    evidenceId: null,
    note: null,
  });
}

/** Voids a completion (an attendance corrected to absent) in the caller's transaction. */
export async function voidCompletion(trx: Tx, actor: Actor, id: string, reason: string, at: Date) {
  await repo.voidCompletion(trx, actor.tenantId, id, { by: actor.userId, at, reason });
}

/**
 * Completions: what a person reports themselves (with a certificate where the course asks for
 * one), what approvers accept or reject, what programme owners register or correct by hand.
 * Every change is audited; a correction voids a row and never overwrites it.
 */
export function createCompletionService(db: Db, clock: () => Date = () => new Date()) {
  const today = () => stockholmDate(clock());
  // A person's page is a few kilobytes: bounded to 16 MB of JSON, thousands of people.
  const trainingCache = createVersionedCache<string>({
    capacity: 16 * 1024 * 1024,
    weigh: (json) => json.length,
  });

  /**
   * The facts the decision rule needs about a completion: the caller, the programme and the
   * person (null when the person is gone).
   */
  async function decisionFacts(q: Db | Tx, actor: Actor, row: repo.CompletionRow) {
    const [subject, programme, people] = await Promise.all([
      subjectOf(q, actor),
      programmeFactsFor(q, actor, row.programme_id),
      personFacts(q, actor.tenantId, [row.person_id], today()),
    ]);
    const person = people.get(row.person_id) ?? null;
    return { subject, programme, person };
  }

  async function mayDecide(q: Db | Tx, actor: Actor, row: repo.CompletionRow) {
    const { subject, programme, person } = await decisionFacts(q, actor, row);
    return (
      programme !== null &&
      person !== null &&
      mayDecideCompletion(subject, { programme, person, approval: row.approval })
    );
  }

  /** An owner of the programme who reaches the person may register or correct; never their own. */
  async function requireActingOwner(
    q: Db | Tx,
    actor: Actor,
    programmeId: string,
    personId: string,
  ) {
    const [subject, programme, people] = await Promise.all([
      subjectOf(q, actor),
      programmeFactsFor(q, actor, programmeId),
      personFacts(q, actor.tenantId, [personId], today()),
    ]);
    const person = people.get(personId);
    if (!programme || !mayManageProgramme(subject, programme)) throw forbidden();
    const verdict = person ? actForPerson(subject, programme, person) : 'out_of_reach';
    if (verdict === 'out_of_reach') throw invalid('body.personId', 'no_such', { thing: 'person' });
    if (verdict === 'own_training') throw new AppError('own_training');
    return subject;
  }

  /** A completion as the caller sees it after a change, read in the same transaction. */
  async function reload(trx: Tx, actor: Actor, id: string) {
    const row = await repo.findCompletion(trx, actor.tenantId, id);
    if (!row) throw new Error('completion vanished');
    return presentCompletion(row);
  }

  function checkDate(path: string, date: string) {
    if (date > today()) throw invalid(path, 'date_in_future', { date });
    if (date < '2000-01-01') throw invalid(path, 'date_too_early');
  }

  /** What is assigned to a person, due when, how to complete it, and their history. */
  async function trainingOf(
    tenantId: TenantId,
    personId: string,
    date: string,
  ): Promise<MyTraining> {
    const [assignments, completions, facts] = await Promise.all([
      repo.openAssignmentsOf(db, tenantId, personId),
      repo.completionsOfPerson(db, tenantId, personId),
      personFacts(db, tenantId, [personId], date),
    ]);
    const employed = (facts.get(personId)?.unitPaths.length ?? 0) > 0;
    // Trainer courses are for the trainers the owner picks, not for the audience.
    const courses = (
      await repo.coursesOfProgrammes(
        db,
        tenantId,
        assignments.map((a) => a.programme_id),
      )
    ).filter((course) => !course.for_trainers);
    const { modules, prerequisites } = await repo.curriculumDetails(
      db,
      tenantId,
      courses.map((c) => c.id),
    );
    const reasonOf = (a: (typeof assignments)[number]) =>
      a.reason as { match?: { via?: string; unitId?: string; bodyId?: string } };
    const names = await repo.placeNames(
      db,
      tenantId,
      assignments.map((a) => reasonOf(a).match?.unitId ?? reasonOf(a).match?.bodyId ?? ''),
    );
    const counting = completions.filter((c) => c.voided_at === null);
    const stateOf = (courseId: string, validFor: number | null) => {
      const records = counting
        .filter((c) => c.course_id === courseId)
        .map((c) => ({ status: c.status, completedOn: c.completed_on }));
      const { state, validUntil: until } = courseState({
        records,
        validForMonths: validFor,
        asOf: date,
        booked: false,
      });
      return { state: state === 'booked' ? ('todo' as const) : state, until };
    };
    return {
      linked: true,
      programmes: assignments.map((a) => {
        const reason = reasonOf(a);
        const via = reason.match?.via === 'seat' ? ('seat' as const) : ('employment' as const);
        return {
          id: a.programme_id,
          code: a.code,
          name: a.name,
          description: a.description,
          assignedOn: a.assigned_on,
          dueOn: a.due_on,
          overdue: a.due_on !== null && a.due_on < date,
          exemptReason: a.exempt_reason,
          why: {
            via,
            place: names.get(reason.match?.unitId ?? reason.match?.bodyId ?? '') ?? '',
          },
          courses: courses
            .filter((c) => c.programme_id === a.programme_id)
            .map((c) => {
              const { state, until } = stateOf(c.id, c.valid_for_months);
              const required = prerequisites.filter((p) => p.course_id === c.id);
              const locked =
                state === 'todo' &&
                required.some((p) => stateOf(p.requires_course_id, null).state !== 'done');
              const shown = locked ? ('locked' as const) : state;
              return {
                id: c.id,
                code: c.code,
                name: c.name,
                kind: c.kind,
                provider: c.provider,
                url: c.url,
                level: c.level,
                requires: required.map((p) => p.code),
                validForMonths: c.valid_for_months,
                evidence: c.evidence,
                approval: c.approval,
                modules: modules
                  .filter((m) => m.course_id === c.id)
                  .map((m) => ({ code: m.code, name: m.name })),
                state: shown,
                validUntil: until,
                canSelfReport:
                  SELF_REPORTED_KINDS.has(c.kind) && (shown === 'todo' || shown === 'expired'),
                decidedBy:
                  c.approval === 'manager' && !employed ? ('programme_owner' as const) : c.approval,
              };
            }),
        };
      }),
      history: completions.map(presentCompletion),
    };
  }
  /**
   * The reports the caller may decide on: read only for the people the caller could decide for
   * (the scope is in the query), then each checked with the decision rule.
   */
  async function decidable(actor: Actor) {
    const [subject, owned] = await Promise.all([
      subjectOf(db, actor),
      ownedProgrammeIds(db, actor),
    ]);
    const reach = unionReach(
      mayCreateProgramme(subject) || owned.size ? owningReach(subject.grants) : owningReach([]),
      managingReach(subject.grants),
      trainerReach(subject.grants),
    );
    if (isNobody(reach)) return { rows: [], people: new Map<string, PersonFacts>() };
    const date = today();
    const all = await repo.pendingCompletions(db, actor.tenantId, reach, date, subject.personId);
    const people = await personFacts(
      db,
      actor.tenantId,
      all.map((row) => row.person_id),
      date,
    );
    const rows = all.filter((row) => {
      const person = people.get(row.person_id);
      const programme = { status: row.programme_status, listedOwner: owned.has(row.programme_id) };
      return person && mayDecideCompletion(subject, { programme, person, approval: row.approval });
    });
    return { rows, people };
  }

  return {
    /**
     * "My training" as JSON, from the cache while the tenant's data version and the date are the
     * ones it was computed at: a returning reader costs their session and one indexed read.
     */
    async myTrainingJson(actor: Actor): Promise<string> {
      const personId =
        actor.personId !== undefined
          ? actor.personId
          : ((await repo.personOfUser(db, actor.tenantId, actor.userId))?.person_id ?? null);
      if (!personId) return JSON.stringify({ linked: false, programmes: [], history: [] });
      const date = today();
      const key = `${actor.tenantId}|${personId}|${date}`;
      const version = actor.dataVersion ?? (await dataVersion(db, actor.tenantId));
      return trainingCache.getOrCompute(key, version, async () =>
        JSON.stringify(MyTraining.parse(await trainingOf(actor.tenantId, personId, date))),
      );
    },

    /** An employee or elected official reports a course done, with a certificate if asked for. */
    selfReport: (actor: Actor, input: SelfReportRequest) =>
      withTransaction(db, async (trx) => {
        const user = await repo.personOfUser(trx, actor.tenantId, actor.userId);
        if (!user?.person_id) throw new AppError('account_not_linked');
        const personId = user.person_id;
        const course = await repo.findCourse(trx, actor.tenantId, input.courseId);
        if (!course) throw invalid('body.courseId', 'no_such', { thing: 'course' });
        const assigned = await repo.openAssignmentsOf(trx, actor.tenantId, personId);
        if (!assigned.some((a) => a.programme_id === course.programme_id))
          throw invalid('body.courseId', 'not_assigned_to_you', { course: course.name });
        checkDate('body.completedOn', input.completedOn);
        const mine = await repo.completionsOfPerson(trx, actor.tenantId, personId);
        const { prerequisites } = await repo.curriculumDetails(trx, actor.tenantId, [course.id]);
        const missing = prerequisites.filter(
          (p) =>
            !mine.some(
              (c) =>
                c.course_id === p.requires_course_id &&
                c.status === 'accepted' &&
                c.voided_at === null,
            ),
        );
        if (missing.length)
          throw invalid('body.courseId', 'course_locked', {
            course: course.name,
            requires: missing.map((p) => p.code).join(', '),
          });
        if (course.for_trainers)
          throw invalid('body.courseId', 'trainer_course', { course: course.name });
        if (!SELF_REPORTED_KINDS.has(course.kind))
          throw invalid('body.courseId', 'attended_course', { course: course.name });
        const live = mine.filter((c) => c.course_id === course.id && c.voided_at === null);
        if (live.some((c) => c.status === 'pending'))
          throw new AppError('already_pending', { course: course.name });
        const done = live.find((c) => c.status === 'accepted');
        const until = done ? validUntil(done.completed_on, course.valid_for_months) : null;
        if (done && (until === null || until > today()))
          throw new AppError('already_completed', { course: course.name });
        if (course.evidence === 'attestation' && input.attest !== true)
          throw invalid('body.attest', 'attest_required');
        if (course.evidence === 'certificate' && !input.certificate)
          throw invalid('body.certificate', 'certificate_required', { course: course.name });

        let evidenceId: string | null = null;
        if (input.certificate) {
          const bytes = Buffer.from(input.certificate.contentBase64, 'base64');
          if (bytes.length > MAX_EVIDENCE_BYTES)
            throw invalid('body.certificate', 'certificate_too_large');
          const type = sniffEvidenceType(bytes);
          if (!type) throw invalid('body.certificate', 'certificate_type');
          evidenceId = await repo.insertEvidence(trx, actor.tenantId, {
            personId,
            fileName: input.certificate.fileName.replace(/[^\p{L}\p{N}._ -]/gu, '_'),
            contentType: type,
            content: bytes,
            sha256: createHash('sha256').update(bytes).digest('hex'),
            uploadedBy: actor.userId,
            uploadedByLabel: user.display_name,
          });
        }
        const status = course.approval === 'none' ? 'accepted' : 'pending';
        const id = await insertCompletion(trx, actor, {
          personId,
          courseId: course.id,
          completedOn: input.completedOn,
          source: 'self_report',
          status,
          evidenceId,
          note: input.note ?? null,
        });
        await audit(trx, {
          tenantId: actor.tenantId,
          actorUserId: actor.userId,
          action: 'completion.self_report',
          objectType: 'completion',
          objectId: id,
          details: { course: course.code, completedOn: input.completedOn, status },
        });
        return reload(trx, actor, id);
      }),

    /** What waits for the caller's decision, each report with its person and course. */
    async pendingApprovals(actor: Actor) {
      const { rows, people } = await decidable(actor);
      const names = await repo.placeNames(
        db,
        actor.tenantId,
        [...people.values()].flatMap((p) => p.unitPaths.map((path) => path[0] ?? '')),
      );
      return {
        approvals: rows.map((row) => ({
          id: row.id,
          person: {
            id: row.person_id,
            name: `${row.first_name} ${row.last_name}`,
            units: (people.get(row.person_id)?.unitPaths ?? []).map(
              (p) => names.get(p[0] ?? '') ?? '',
            ),
          },
          course: { code: row.course_code, name: row.course_name },
          programme: { code: row.programme_code, name: row.programme_name },
          completedOn: row.completed_on,
          recordedAt: row.recorded_at.toISOString(),
          evidenceId: row.evidence_file_id,
          note: row.note,
        })),
      };
    },

    /** How many reports wait for the caller's decision (the menu's count): no names read. */
    pendingCount: async (actor: Actor) => (await decidable(actor)).rows.length,

    /** Accepts or rejects a report: its approvers only; one's own is refused, others' out of reach are not found. */
    decide: (actor: Actor, id: string, input: z.infer<typeof DecisionRequest>) =>
      withTransaction(db, async (trx) => {
        const row = await repo.findCompletion(trx, actor.tenantId, id);
        if (!row) throw notFound('completion');
        const { subject, programme, person } = await decisionFacts(trx, actor, row);
        if (subject.personId === row.person_id) throw new AppError('own_training');
        if (
          !programme ||
          !person ||
          !mayDecideCompletion(subject, { programme, person, approval: row.approval })
        )
          throw notFound('completion');
        if (row.status !== 'pending' || row.voided_at) throw new AppError('already_decided');
        const status = input.decision === 'accept' ? 'accepted' : 'rejected';
        await repo.decideCompletion(trx, actor.tenantId, id, {
          status,
          by: actor.userId,
          at: clock(),
          note: input.note ?? null,
        });
        await audit(trx, {
          tenantId: actor.tenantId,
          actorUserId: actor.userId,
          action: `completion.${input.decision}`,
          objectType: 'completion',
          objectId: id,
          details: { note: input.note ?? null },
        });
        // The person hears of the decision (with the reason of a rejection) as their choices allow.
        await notify(
          trx,
          actor.tenantId,
          [
            {
              personId: row.person_id,
              event: status === 'accepted' ? 'completion_approved' : 'completion_rejected',
              subject: id,
              period: 'decision',
              link: '/utbildning',
              payload: {
                course: row.course_name,
                completedOn: row.completed_on,
                ...(status === 'rejected' && input.note ? { reason: input.note } : {}),
              },
            },
          ],
          clock(),
        );
        return reload(trx, actor, id);
      }),

    /** The certificate, for the person it belongs to and those who may decide on it. */
    async evidence(actor: Actor, id: string) {
      const [subject, file] = await Promise.all([
        subjectOf(db, actor),
        repo.findEvidence(db, actor.tenantId, id),
      ]);
      if (!file) throw notFound('file');
      let allowed = subject.personId === file.person_id;
      if (!allowed) {
        for (const row of await repo.completionsWithEvidence(db, actor.tenantId, id))
          if (await mayDecide(db, actor, row)) allowed = true;
      }
      if (!allowed) throw notFound('file');
      return file;
    },

    /**
     * A course provider's list of completions for one course of the programme, by its owners:
     * a preview (nothing written) or applied in one transaction. Rows for people outside the
     * owner's reach match nobody, like a number that does not exist; their own row is refused.
     */
    async importFile(
      actor: Actor,
      programmeId: string,
      input: { courseCode: string; fileName: string; source: Readable; dryRun: boolean },
    ): Promise<CompletionImportSummary> {
      const { subject } = await programmeFor(db, actor, programmeId, mayManageProgramme).catch(
        (error: unknown) => {
          discardRest(input.source);
          throw error;
        },
      );
      const reach = owningReach(subject.grants);
      return importCompletions(
        db,
        {
          tenantId: actor.tenantId,
          programmeId,
          courseCode: input.courseCode,
          source: input.source,
          fileName: input.fileName,
          dryRun: input.dryRun,
          by: {
            userId: actor.userId,
            personId: subject.personId,
            label: await actorLabel(db, actor),
          },
          ...(reach.everyone ? {} : { reach }),
        },
        clock,
      );
    },

    /** A programme owner registers a completion by hand (accepted at once): never their own. */
    register: (actor: Actor, input: z.infer<typeof RegisterCompletionRequest>) =>
      withTransaction(db, async (trx) => {
        if (!hasAnyRole(actor.grants, OWNING_ROLES)) throw forbidden();
        const course = await repo.findCourse(trx, actor.tenantId, input.courseId);
        if (!course) throw invalid('body.courseId', 'no_such', { thing: 'course' });
        await requireActingOwner(trx, actor, course.programme_id, input.personId);
        checkDate('body.completedOn', input.completedOn);
        const id = await insertCompletion(trx, actor, {
          personId: input.personId,
          courseId: course.id,
          completedOn: input.completedOn,
          source: 'manual',
          status: 'accepted',
          evidenceId: null,
          note: input.note ?? null,
        });
        await audit(trx, {
          tenantId: actor.tenantId,
          actorUserId: actor.userId,
          action: 'completion.register',
          objectType: 'completion',
          objectId: id,
          details: { person: input.personId, course: course.code, completedOn: input.completedOn },
        });
        return reload(trx, actor, id);
      }),

    /**
     * Voids a completion with a reason; with a new date, records the corrected one beside it. An
     * owner who reaches the person, never on their own record; anyone else: not found.
     */
    correct: (actor: Actor, id: string, input: z.infer<typeof CorrectCompletionRequest>) =>
      withTransaction(db, async (trx) => {
        const row = await repo.findCompletion(trx, actor.tenantId, id);
        if (!row) throw notFound('completion');
        const { subject, programme, person } = await decisionFacts(trx, actor, row);
        const verdict =
          programme && person ? actForPerson(subject, programme, person) : 'out_of_reach';
        if (verdict === 'out_of_reach') throw notFound('completion');
        if (verdict === 'own_training') throw new AppError('own_training');
        if (row.voided_at) throw new AppError('already_voided');
        if (input.completedOn) checkDate('body.completedOn', input.completedOn);
        await voidCompletion(trx, actor, id, input.reason, clock());
        const replacement = input.completedOn
          ? await insertCompletion(trx, actor, {
              personId: row.person_id,
              courseId: row.course_id,
              completedOn: input.completedOn,
              source: 'manual',
              status: row.status === 'pending' ? 'pending' : 'accepted',
              evidenceId: row.evidence_file_id,
              note: input.reason,
              correctsId: row.id,
            })
          : null;
        await audit(trx, {
          tenantId: actor.tenantId,
          actorUserId: actor.userId,
          action: 'completion.correct',
          objectType: 'completion',
          objectId: id,
          details: {
            reason: input.reason,
            before: { completedOn: row.completed_on, status: row.status },
            replacement,
            after: input.completedOn ? { completedOn: input.completedOn } : null,
          },
        });
        return reload(trx, actor, replacement ?? id);
      }),
  };
}
