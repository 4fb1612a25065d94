import { createHash } from 'node:crypto';
import type { z } from 'zod';
import {
  MyTraining,
  type CompletionInfo,
  type CorrectCompletionRequest,
  type DecisionRequest,
  type RegisterCompletionRequest,
  type SelfReportRequest,
} from '../../../contracts/programmes.ts';
import { canDecideCompletion, hasAnyRole } from '../../../domain/access.ts';
import { stockholmDate, validUntil } from '../../../domain/dates.ts';
import { MAX_EVIDENCE_BYTES, sniffEvidenceType } from '../../../domain/evidence.ts';
import type { TenantId, UnitId } from '../../../domain/ids.ts';
import { audit } from '../../audit/log.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Db } from '../../db/connection.ts';
import { withTransaction, type Tx } from '../../db/transaction.ts';
import { AppError, forbidden, notFound } from '../../http/errors.ts';
import * as repo from './completions-repository.ts';
import { dataVersion } from './repository.ts';
import { createVersionedCache } from './versioned-cache.ts';

const invalid = (path: string, message: string) =>
  new AppError('validation_failed', 400, message, [{ path, message }]);

const SELF_REPORTED_KINDS = new Set(['web_course', 'e_learning']);
/** Roles that manage every programme: register, correct and approve any completion. */
export const PROGRAMME_MANAGERS = ['administrator', 'programme_owner'] as const;

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

async function label(trx: Db | Tx, actor: Actor) {
  const user = await repo.personOfUser(trx, actor.tenantId, actor.userId);
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
  const row = await trx
    .insertInto('completions')
    .values({
      tenant_id: actor.tenantId,
      person_id: values.personId,
      course_id: values.courseId,
      completed_on: values.completedOn,
      source: values.source,
      source_detail: values.sourceDetail ?? null,
      status: values.status,
      evidence_file_id: values.evidenceId,
      note: values.note,
      recorded_by: actor.userId,
      recorded_by_label: await label(trx, actor),
      corrects_id: values.correctsId ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
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
export async function voidCompletion(trx: Tx, actor: Actor, id: string, reason: string) {
  await trx
    .updateTable('completions')
    .set({ voided_at: new Date(), voided_by: actor.userId, void_reason: reason })
    .where('tenant_id', '=', actor.tenantId)
    .where('id', '=', id)
    .where('voided_at', 'is', null)
    .execute();
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

  async function mayDecide(trx: Db | Tx, actor: Actor, row: repo.CompletionRow) {
    const user = await repo.personOfUser(trx, actor.tenantId, actor.userId);
    if (user?.person_id && user.person_id === row.person_id) return false;
    const owns =
      hasAnyRole(actor.grants, PROGRAMME_MANAGERS) ||
      (await repo.isProgrammeOwner(trx, actor.tenantId, row.programme_id, actor.userId));
    const paths = await repo.unitPathsOfPeople(trx, actor.tenantId, [row.person_id], today());
    return canDecideCompletion(
      actor.grants,
      row.approval,
      (paths.get(row.person_id) ?? []) as UnitId[][],
      owns,
    );
  }

  /** A completion as the caller sees it after a change, read in the same transaction. */
  async function reload(trx: Tx, actor: Actor, id: string) {
    const row = await repo.findCompletion(trx, actor.tenantId, id);
    if (!row) throw new Error('completion vanished');
    return presentCompletion(row);
  }

  function checkDate(path: string, date: string) {
    if (date > today()) throw invalid(path, 'The completion date is in the future.');
    if (date < '2000-01-01') throw invalid(path, 'The completion date is too far back.');
  }

  /** What is assigned to a person, due when, how to complete it, and their history. */
  async function trainingOf(
    tenantId: TenantId,
    personId: string,
    date: string,
  ): Promise<MyTraining> {
    const [assignments, completions] = await Promise.all([
      repo.openAssignmentsOf(db, tenantId, personId),
      repo.completionsOfPerson(db, tenantId, personId),
    ]);
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
      const accepted = counting.filter((c) => c.course_id === courseId && c.status === 'accepted');
      const latest = accepted[0];
      const until = latest ? validUntil(latest.completed_on, validFor) : null;
      if (latest && (until === null || until > date)) return { state: 'done' as const, until };
      if (counting.some((c) => c.course_id === courseId && c.status === 'pending'))
        return { state: 'pending' as const, until };
      return { state: latest ? ('expired' as const) : ('todo' as const), until };
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
              };
            }),
        };
      }),
      history: completions.map(presentCompletion),
    };
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
        if (!user?.person_id)
          throw new AppError('forbidden', 403, 'Your account is not linked to a person.');
        const personId = user.person_id;
        const course = await repo.findCourse(trx, actor.tenantId, input.courseId);
        if (!course) throw invalid('body.courseId', 'There is no such course.');
        const assigned = await repo.openAssignmentsOf(trx, actor.tenantId, personId);
        if (!assigned.some((a) => a.programme_id === course.programme_id))
          throw invalid('body.courseId', `${course.name} is not assigned to you.`);
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
          throw invalid(
            'body.courseId',
            `${course.name} opens when ${missing.map((p) => p.code).join(', ')} is completed.`,
          );
        if (course.for_trainers)
          throw invalid(
            'body.courseId',
            `${course.name} is a trainer course: the programme owner registers its trainers.`,
          );
        if (!SELF_REPORTED_KINDS.has(course.kind))
          throw invalid(
            'body.courseId',
            `${course.name} is completed by attending, and the trainer registers it.`,
          );
        const live = mine.filter((c) => c.course_id === course.id && c.voided_at === null);
        if (live.some((c) => c.status === 'pending'))
          throw new AppError('conflict', 409, `${course.name} is already waiting for approval.`);
        const done = live.find((c) => c.status === 'accepted');
        const until = done ? validUntil(done.completed_on, course.valid_for_months) : null;
        if (done && (until === null || until > today()))
          throw new AppError('conflict', 409, `${course.name} is already completed.`);
        if (course.evidence === 'attestation' && input.attest !== true)
          throw invalid('body.attest', 'Confirm that you have completed the course.');
        if (course.evidence === 'certificate' && !input.certificate)
          throw invalid('body.certificate', `${course.name} needs a certificate (PDF or image).`);

        let evidenceId: string | null = null;
        if (input.certificate) {
          const bytes = Buffer.from(input.certificate.contentBase64, 'base64');
          if (bytes.length > MAX_EVIDENCE_BYTES)
            throw invalid('body.certificate', 'The certificate is larger than 10 MB.');
          const type = sniffEvidenceType(bytes);
          if (!type)
            throw invalid(
              'body.certificate',
              'The certificate must be a PDF, PNG or JPEG file (judged by its content).',
            );
          const saved = await trx
            .insertInto('evidence_files')
            .values({
              tenant_id: actor.tenantId,
              person_id: personId,
              file_name: input.certificate.fileName.replace(/[^\p{L}\p{N}._ -]/gu, '_'),
              content_type: type,
              size_bytes: bytes.length,
              sha256: createHash('sha256').update(bytes).digest('hex'),
              content: bytes,
              uploaded_by: actor.userId,
              uploaded_by_label: user.display_name,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          evidenceId = saved.id;
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

    async pendingApprovals(actor: Actor) {
      const rows = await repo.pendingCompletions(db, actor.tenantId);
      const owned = await repo.ownedProgrammeIds(db, actor.tenantId, actor.userId);
      const me = await repo.personOfUser(db, actor.tenantId, actor.userId);
      const pathsByPerson = await repo.unitPathsOfPeople(
        db,
        actor.tenantId,
        [...new Set(rows.map((row) => row.person_id))],
        today(),
      );
      const names = await repo.placeNames(
        db,
        actor.tenantId,
        [...pathsByPerson.values()].flat().map((path) => path[0] ?? ''),
      );
      const approvals = [];
      for (const row of rows) {
        if (me?.person_id === row.person_id) continue;
        const personPaths = pathsByPerson.get(row.person_id) ?? [];
        const owns = hasAnyRole(actor.grants, PROGRAMME_MANAGERS) || owned.has(row.programme_id);
        if (!canDecideCompletion(actor.grants, row.approval, personPaths as UnitId[][], owns))
          continue;
        approvals.push({
          id: row.id,
          person: {
            id: row.person_id,
            name: `${row.first_name} ${row.last_name}`,
            units: personPaths.map((p) => names.get(p[0] ?? '') ?? ''),
          },
          course: { code: row.course_code, name: row.course_name },
          programme: { code: row.programme_code, name: row.programme_name },
          completedOn: row.completed_on,
          recordedAt: row.recorded_at.toISOString(),
          evidenceId: row.evidence_file_id,
          note: row.note,
        });
      }
      return { approvals };
    },

    decide: (actor: Actor, id: string, input: z.infer<typeof DecisionRequest>) =>
      withTransaction(db, async (trx) => {
        const row = await repo.findCompletion(trx, actor.tenantId, id);
        if (!row || !(await mayDecide(trx, actor, row))) throw notFound('The completion');
        if (row.status !== 'pending' || row.voided_at)
          throw new AppError('conflict', 409, 'The completion has already been decided.');
        const status = input.decision === 'accept' ? 'accepted' : 'rejected';
        await trx
          .updateTable('completions')
          .set({
            status,
            decided_by: actor.userId,
            decided_at: new Date(),
            decision_note: input.note ?? null,
          })
          .where('tenant_id', '=', actor.tenantId)
          .where('id', '=', id)
          .execute();
        await audit(trx, {
          tenantId: actor.tenantId,
          actorUserId: actor.userId,
          action: `completion.${input.decision}`,
          objectType: 'completion',
          objectId: id,
          details: { note: input.note ?? null },
        });
        return reload(trx, actor, id);
      }),

    /** The certificate, for the person it belongs to and those who may decide on it. */
    async evidence(actor: Actor, id: string) {
      const file = await repo.findEvidence(db, actor.tenantId, id);
      if (!file) throw notFound('The file');
      const me = await repo.personOfUser(db, actor.tenantId, actor.userId);
      let allowed = me?.person_id === file.person_id;
      if (!allowed) {
        for (const row of await repo.completionsWithEvidence(db, actor.tenantId, id))
          if (await mayDecide(db, actor, row)) allowed = true;
      }
      if (!allowed) throw notFound('The file');
      return file;
    },

    /** A programme owner registers a completion by hand (accepted at once). */
    register: (actor: Actor, input: z.infer<typeof RegisterCompletionRequest>) =>
      withTransaction(db, async (trx) => {
        const course = await repo.findCourse(trx, actor.tenantId, input.courseId);
        if (!course) throw invalid('body.courseId', 'There is no such course.');
        await requireOwner(trx, actor, course.programme_id);
        const person = await trx
          .selectFrom('people')
          .select('id')
          .where('tenant_id', '=', actor.tenantId)
          .where('id', '=', input.personId)
          .executeTakeFirst();
        if (!person) throw invalid('body.personId', 'There is no such person.');
        checkDate('body.completedOn', input.completedOn);
        const id = await insertCompletion(trx, actor, {
          personId: person.id,
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
          details: { person: person.id, course: course.code, completedOn: input.completedOn },
        });
        return reload(trx, actor, id);
      }),

    /** Voids a completion with a reason; with a new date, records the corrected one beside it. */
    correct: (actor: Actor, id: string, input: z.infer<typeof CorrectCompletionRequest>) =>
      withTransaction(db, async (trx) => {
        const row = await repo.findCompletion(trx, actor.tenantId, id);
        if (!row) throw notFound('The completion');
        await requireOwner(trx, actor, row.programme_id);
        if (row.voided_at) throw new AppError('conflict', 409, 'The completion is already voided.');
        if (input.completedOn) checkDate('body.completedOn', input.completedOn);
        await voidCompletion(trx, actor, id, input.reason);
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

  async function requireOwner(trx: Db | Tx, actor: Actor, programmeId: string) {
    if (hasAnyRole(actor.grants, PROGRAMME_MANAGERS)) return;
    if (await repo.isProgrammeOwner(trx, actor.tenantId, programmeId, actor.userId)) return;
    throw forbidden();
  }
}
