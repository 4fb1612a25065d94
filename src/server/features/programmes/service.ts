import type { z } from 'zod';
import {
  ProgrammeProgress,
  type ExemptionRequest,
  type PersonProgrammes,
  type ProgrammeFile,
  type ProgrammePeople,
  type ProgrammeSummary,
  type ProgressNode,
  type ReusableCourses,
} from '../../../contracts/programmes.ts';
import { evaluateAudience, type AudienceRule, type Match } from '../../../domain/audience.ts';
import { stockholmDate } from '../../../domain/dates.ts';
import type { TenantId } from '../../../domain/ids.ts';
import { ancestry } from '../../../domain/org-tree.ts';
import {
  actForPerson,
  figureScope,
  isNobody,
  managingReach,
  mayActForPerson,
  missingListReach,
  mayCreateProgramme,
  mayListProgrammes,
  mayManageProgramme,
  mayReadFigures,
  mayReadTrainers,
  maySeeUnitPeople,
  seeingReach,
  type Reach,
} from '../../../domain/policy.ts';
import { treeLevel } from '../../../domain/progress.ts';
import { audit } from '../../audit/log.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Db } from '../../db/connection.ts';
import { lockTenantOrganisation } from '../../db/locks.ts';
import { withTransaction } from '../../db/transaction.ts';
import { AppError, forbidden, invalid, notFound } from '../../http/errors.ts';
import {
  ownedProgrammeIds,
  personFacts,
  programmeFor,
  subjectOf,
  unitPath,
  visiblePerson,
} from '../../policies/authorize.ts';
import { applyProgrammeFile } from './apply.ts';
import { actorLabel, presentCompletion } from './completions.ts';
import * as completionsRepo from './completions-repository.ts';
import { reachKey, suppressFigures } from './figures.ts';
import { createVersionedCache, type Cached, type VersionedCache } from './versioned-cache.ts';
import { programmeProgress } from './progress.ts';
import { syncAssignments } from './sync.ts';
import { programmeFile } from './file.ts';
import * as repo from './repository.ts';

/** Levels of one programme's figures kept ready as JSON (each a few kilobytes). */
const MAX_LEVELS_KEPT = 500;

/** Readers' versions of one computation's figures kept (one per distinct scope of people). */
const MAX_REACHES_KEPT = 200;

/**
 * Programmes for the people who run and follow them. Every method asks the rules of
 * src/domain/policy.ts first: who may read a programme's figures (never people, and small
 * groups suppressed for whoever may not see their people), who manages it, who acts for a person.
 */
export function createProgrammeService(
  db: Db,
  clock: () => Date = () => new Date(),
  // Bounded by size: a 56,000-employee programme's figures are ~1.5 MB of JSON and about as much
  // again as objects; a small municipality's, a few kilobytes.
  cache: VersionedCache<Cached<ProgrammeProgress>> = createVersionedCache({
    capacity: 48 * 1024 * 1024,
    weigh: (computed) => 2 * computed.json.length,
  }),
) {
  const today = () => stockholmDate(clock());
  const levels = new WeakMap<Cached<ProgrammeProgress>, Map<string, Buffer>>();
  const forReaders = new WeakMap<
    Cached<ProgrammeProgress>,
    Map<string, Cached<ProgrammeProgress>>
  >();

  /**
   * A programme's figures as the caller may see them, from the cache while still true: a reader
   * of cached figures costs their session and nothing more.
   */
  async function figures(actor: Actor, id: string, at: string | undefined) {
    // Who owns every programme may read and manage any of them whatever its status (the facts
    // below change no rule's answer for them): the cached figures alone say whether it exists,
    // so a strategist's cached dashboard costs no query of the programme.
    const subject = await subjectOf(db, actor);
    const programme = mayCreateProgramme(subject)
      ? { status: 'active' as const, listedOwner: false }
      : (await programmeFor(db, actor, id, mayReadFigures)).programme;
    const scope = figureScope(subject, programme);
    if (scope?.length === 0) throw notFound('programme');
    const computed = await cachedFigures(
      actor.tenantId,
      id,
      at ?? today(),
      scope,
      actor.dataVersion,
    );
    if (!computed) throw notFound('programme');
    return {
      computed: forReach(computed, seeingReach(subject.grants)),
      can: {
        canManage: mayManageProgramme(subject, programme),
        canReadTrainers: mayReadTrainers(subject, programme, false),
        canSeePeople: managingReach(subject.grants).units.length > 0,
        canListMissing: !isNobody(missingListReach(subject, programme)),
      },
    };
  }

  async function cachedFigures(
    tenantId: TenantId,
    programmeId: string,
    asOf: string,
    scope: string[] | null,
    knownVersion?: number,
  ): Promise<Cached<ProgrammeProgress> | null> {
    const key = [tenantId, programmeId, asOf, scope?.join(',') ?? '*'].join('|');
    const version = knownVersion ?? (await repo.dataVersion(db, tenantId));
    // Kept under the version read before computing: a change meanwhile makes it stale at once.
    return cache
      .getOrCompute(key, version, async () => {
        const programme = await repo.findProgramme(db, tenantId, programmeId);
        if (!programme) throw notFound('programme');
        const value = ProgrammeProgress.parse(
          await programmeProgress(db, tenantId, programme, asOf, scope),
        );
        return encode(value);
      })
      .catch((error: unknown) => {
        if (error instanceof AppError && error.code === 'not_found') return null;
        throw error;
      });
  }

  // The `can` flags differ per caller: the shared text leaves them out (progressJson sets them).
  const encode = (value: ProgrammeProgress): Cached<ProgrammeProgress> => ({
    value,
    json: Buffer.from(
      JSON.stringify({
        ...value,
        canManage: undefined,
        canReadTrainers: undefined,
        canSeePeople: undefined,
        canListMissing: undefined,
      }),
    ),
  });

  /**
   * The figures with the small-number rule applied for readers of one reach, computed once per
   * reach and kept with the figures they were cut from (so a change drops them too).
   */
  function forReach(computed: Cached<ProgrammeProgress>, reach: Reach): Cached<ProgrammeProgress> {
    if (reach.everyone) return computed;
    let byReach = forReaders.get(computed);
    if (!byReach) {
      byReach = new Map();
      forReaders.set(computed, byReach);
    }
    const key = reachKey(reach);
    const known = byReach.get(key);
    if (known) return known;
    const suppressed = encode(suppressFigures(computed.value, reach));
    if (byReach.size >= MAX_REACHES_KEPT) byReach.clear();
    byReach.set(key, suppressed);
    return suppressed;
  }

  /**
   * One level of the tree (a unit and its sub-units; by default the top, with the political
   * bodies beside it) as JSON without `canManage`, kept with the figures it was cut from.
   */
  function levelJson(computed: Cached<ProgrammeProgress>, node: string | undefined): Buffer {
    let byFocus = levels.get(computed);
    if (!byFocus) {
      byFocus = new Map();
      levels.set(computed, byFocus);
    }
    const known = byFocus.get(node ?? '');
    if (known) return known;
    const { value } = computed;
    const units = value.targets[0]?.nodes.filter((n) => n.kind === 'unit') ?? [];
    const level = treeLevel(units, node);
    if (!level) throw notFound('unit');
    const json = Buffer.from(
      JSON.stringify({
        ...value,
        canManage: undefined,
        canReadTrainers: undefined,
        canSeePeople: undefined,
        canListMissing: undefined,
        focus: level.focus,
        path: level.focus ? pathTo(units, level.focus) : [],
        targets: value.targets.map((target) => ({
          ...target,
          // The political bodies stand beside the top of the tree.
          nodes: target.nodes.filter((n) =>
            n.kind === 'body' ? level.focus === level.top : level.inLevel(n.id, n.parentId),
          ),
        })),
      }),
    );
    // Bounded: someone walking every unit of a large tree does not grow it without end.
    if (byFocus.size >= MAX_LEVELS_KEPT) byFocus.clear();
    byFocus.set(node ?? '', json);
    return json;
  }

  /** The units above a node, from the top of the reader's tree down to its parent. */
  const pathTo = (units: readonly ProgressNode[], id: string) =>
    ancestry(new Map(units.map((u) => [u.id, u])), id)
      .slice(1)
      .reverse()
      .map((u) => ({ id: u.id, name: u.name }));

  return {
    /**
     * Today's figures of every node with the small-number rule applied for the caller, for a
     * feature that has already decided the caller may read them (trainers' coverage, planning).
     */
    async figuresFor(actor: Actor, programmeId: string): Promise<ProgrammeProgress | null> {
      const [subject, computed] = await Promise.all([
        subjectOf(db, actor),
        cachedFigures(actor.tenantId, programmeId, today(), null, actor.dataVersion),
      ]);
      return computed ? forReach(computed, seeingReach(subject.grants)).value : null;
    },

    /** Courses to start a new programme's course from: for those who create programmes. */
    async reusableCourses(actor: Actor): Promise<ReusableCourses> {
      if (!mayCreateProgramme(await subjectOf(db, actor))) throw forbidden();
      return { courses: await repo.reusableCourses(db, actor.tenantId) };
    },

    async list(actor: Actor): Promise<{ programmes: ProgrammeSummary[] }> {
      const [subject, owned] = await Promise.all([
        subjectOf(db, actor),
        ownedProgrammeIds(db, actor),
      ]);
      if (!mayListProgrammes(subject, owned.size > 0)) throw forbidden();
      // Drafts are work in progress of those who manage them: left out in the query.
      const drafts = mayCreateProgramme(subject) ? 'all' : [...owned];
      const rows = await repo.listProgrammes(db, actor.tenantId, today(), drafts);
      return {
        programmes: rows.flatMap((row) => {
          const facts = { status: row.status, listedOwner: owned.has(row.id) };
          if (!mayReadFigures(subject, facts)) return [];
          return [
            {
              id: row.id,
              code: row.code,
              name: row.name,
              topic: row.topic as ProgrammeSummary['topic'],
              status: row.status,
              periodStart: row.period_start,
              periodEnd: row.period_end,
              decision: {
                bodyName: row.body_name,
                date: row.decision_date,
                reference: row.decision_reference,
              },
              assigned: Number(row.assigned),
              canManage: mayManageProgramme(subject, facts),
            },
          ];
        }),
      };
    },

    async progress(actor: Actor, id: string, at: string | undefined): Promise<ProgrammeProgress> {
      const { computed, can } = await figures(actor, id, at);
      return { ...computed.value, ...can };
    },

    /**
     * The same as JSON (UTF-8) for the API. Every node (`node=all`, 1.5 MB at 56,000 employees) is
     * checked against its contract and serialised once per data version and reach, not per
     * reader. The page asks level by level: a unit and its sub-units (by default the top of the
     * tree, with the political bodies beside it), a few kilobytes.
     */
    async progressJson(
      actor: Actor,
      id: string,
      query: { at?: string | undefined; node?: string | undefined },
    ): Promise<Buffer> {
      const { computed, can } = await figures(actor, id, query.at);
      const json = query.node === 'all' ? computed.json : levelJson(computed, query.node);
      // Bytes copied behind the caller's own fields: the whole tree is megabytes, and encoding
      // it anew for every reader cost more than the rest of the request.
      const own = JSON.stringify(can);
      return Buffer.concat([Buffer.from(`${own.slice(0, -1)},`), json.subarray(1)]);
    },

    /** The people of a unit the caller may see (a manager's own) and whether each is done. */
    async people(actor: Actor, id: string, unitId: string | undefined): Promise<ProgrammePeople> {
      const { subject } = await programmeFor(db, actor, id, mayReadFigures);
      const target = unitId ?? managingReach(subject.grants).units[0];
      if (!target) throw invalid('querystring.unit', 'choose_unit');
      const path = await unitPath(db, actor, target);
      if (path.length === 0 || !maySeeUnitPeople(subject, path)) throw notFound('unit');
      const date = today();
      const [rows, allCourses, unitName] = await Promise.all([
        repo.programmePeople(db, {
          tenantId: actor.tenantId,
          programmeId: id,
          unitId: target,
          asOf: date,
        }),
        repo.programmeCourses(db, actor.tenantId, id),
        repo.unitName(db, actor.tenantId, target),
      ]);
      const courses = allCourses.filter((c) => !c.for_trainers);
      const collator = new Intl.Collator('sv');
      return {
        unit: { id: target, name: unitName ?? '' },
        courses: courses.length,
        people: rows
          .map((row) => {
            const done = row.courses_done >= courses.length;
            return {
              id: row.id,
              name: `${row.first_name} ${row.last_name}`,
              unitName: row.unit_name,
              dueOn: row.due_on,
              overdue: row.due_on !== null && row.due_on < date && !done,
              coursesDone: row.courses_done,
              done,
              completedOn: done ? row.last_completed_on : null,
              exemptReason: row.exempt_reason,
            };
          })
          .sort((a, b) => Number(a.done) - Number(b.done) || collator.compare(a.name, b.name)),
      };
    },

    /** Why a person is (or is not) in each active programme's audience, and their record. */
    async personProgrammes(actor: Actor, personId: string): Promise<PersonProgrammes> {
      const date = today();
      const { subject, person } = await visiblePerson(db, actor, personId, date);
      const facts = (await repo.peopleFacts(db, actor.tenantId, date, [personId])).get(
        personId,
      ) ?? { personId, employments: [], seats: [] };
      const [programmes, assignments, completions, owned] = await Promise.all([
        repo.activeProgrammes(db, actor.tenantId),
        completionsRepo.openAssignmentsOf(db, actor.tenantId, personId),
        completionsRepo.completionsOfPerson(db, actor.tenantId, personId),
        ownedProgrammeIds(db, actor),
      ]);
      const [courses, names] = await Promise.all([
        completionsRepo.coursesOfProgrammes(
          db,
          actor.tenantId,
          programmes.map((p) => p.id),
        ),
        // The person's places and those the programmes' rules name, in one lookup.
        completionsRepo.placeNames(db, actor.tenantId, [
          ...facts.employments.flatMap((e) => e.unitPath),
          ...facts.seats.map((s) => s.bodyId),
          ...programmes.flatMap((p) =>
            [...p.audience.include, ...(p.audience.exclude ?? [])].flatMap((r) => [
              ...(r.unitSubtrees ?? []),
              ...(r.bodies ?? []),
            ]),
          ),
        ]),
      ]);
      const reason = (
        found: { rule: number; match: Match } | null,
        rules: readonly AudienceRule[] | undefined,
      ) => {
        if (!found) return null;
        const { match } = found;
        const rule = rules?.[found.rule];
        const named = (ids: readonly string[] | undefined) =>
          (ids ?? []).map((id) => names.get(id) ?? id);
        return {
          rule: found.rule,
          via: match.via,
          place: names.get(match.via === 'seat' ? match.bodyId : match.unitId) ?? '',
          title: match.via === 'employment' ? match.title : null,
          seatRole: match.via === 'seat' ? match.role : null,
          since: match.since,
          says: {
            roles: [...(rule?.roles ?? [])],
            units: named(rule?.unitSubtrees),
            titles: [...(rule?.titles ?? [])],
            bodies: named(rule?.bodies),
            startedWithinDays: rule?.startedWithinDays ?? null,
          },
        };
      };
      const acts = (programmeId: string) =>
        mayActForPerson(subject, { status: 'active', listedOwner: owned.has(programmeId) }, person);
      return {
        canManage: programmes.some((p) => acts(p.id)),
        programmes: programmes.map((programme) => {
          const verdict = evaluateAudience(programme.audience, facts, date);
          const assignment = assignments.find((a) => a.programme_id === programme.id);
          return {
            id: programme.id,
            code: programme.code,
            name: programme.name,
            canManage: acts(programme.id),
            member: verdict.member,
            includedBy: reason(verdict.includedBy, programme.audience.include),
            excludedBy: reason(verdict.excludedBy, programme.audience.exclude),
            assignment: assignment
              ? {
                  assignedOn: assignment.assigned_on,
                  dueOn: assignment.due_on,
                  exemptReason: assignment.exempt_reason,
                }
              : null,
            courses: courses
              .filter((c) => c.programme_id === programme.id)
              .map((c) => ({ id: c.id, code: c.code, name: c.name })),
            completions: completions
              .filter((c) => c.programme_id === programme.id)
              .map(presentCompletion),
          };
        }),
      };
    },

    /** The file the programme amounts to, for those who manage it (it names its owners). */
    async file(actor: Actor, programmeId: string): Promise<ProgrammeFile> {
      await programmeFor(db, actor, programmeId, mayManageProgramme);
      return programmeFile(db, actor.tenantId, programmeId);
    },

    async apply(actor: Actor, file: ProgrammeFile) {
      const subject = await subjectOf(db, actor);
      const existing = await repo.findProgrammeByCode(db, actor.tenantId, file.code);
      if (existing) await programmeFor(db, actor, existing.id, mayManageProgramme);
      else if (!mayCreateProgramme(subject)) throw forbidden();
      return applyProgrammeFile(
        db,
        actor.tenantId,
        file,
        { userId: actor.userId, label: await actorLabel(db, actor) },
        today(),
      );
    },

    /**
     * Activates a draft (which assigns its audience, silently), ends an active programme (its
     * assignments and figures stay as they were) or takes it back to draft.
     */
    async setStatus(actor: Actor, programmeId: string, status: ProgrammeSummary['status']) {
      await programmeFor(db, actor, programmeId, mayManageProgramme);
      return withTransaction(db, async (trx) => {
        await lockTenantOrganisation(trx, actor.tenantId);
        const programme = await repo.findProgramme(trx, actor.tenantId, programmeId);
        if (!programme) throw notFound('programme');
        await repo.setProgrammeStatus(trx, actor.tenantId, programmeId, status, clock());
        const sync =
          status === 'active'
            ? ((
                await syncAssignments(trx, actor.tenantId, today(), { programmeIds: [programmeId] })
              )[0] ?? null)
            : null;
        await audit(trx, {
          tenantId: actor.tenantId,
          actorUserId: actor.userId,
          action: 'programme.status',
          objectType: 'programme',
          objectId: programmeId,
          details: { before: programme.status, after: status, sync },
        });
        return { status, assigned: sync?.assigned ?? 0 };
      });
    },

    /**
     * Exempts a person from a programme with a reason (an empty reason lifts it): an owner who
     * reaches the person, never for themselves. A person out of reach answers like a missing one.
     */
    async exempt(actor: Actor, programmeId: string, input: z.infer<typeof ExemptionRequest>) {
      const { subject, programme } = await programmeFor(db, actor, programmeId, mayManageProgramme);
      const date = today();
      const person = (await personFacts(db, actor.tenantId, [input.personId], date)).get(
        input.personId,
      );
      const verdict = person ? actForPerson(subject, programme, person) : 'out_of_reach';
      if (!person || verdict === 'out_of_reach') throw notFound('person');
      if (verdict === 'own_training') throw new AppError('own_training');
      return withTransaction(db, async (trx) => {
        const assignment = await repo.openAssignment(trx, actor.tenantId, programmeId, person.id);
        if (!assignment) throw invalid('body.personId', 'not_in_programme');
        const reason = input.reason || null;
        await repo.setExemption(trx, actor.tenantId, assignment.id, {
          reason,
          by: reason ? actor.userId : null,
          at: reason ? clock() : null,
        });
        await audit(trx, {
          tenantId: actor.tenantId,
          actorUserId: actor.userId,
          action: reason ? 'assignment.exempt' : 'assignment.unexempt',
          objectType: 'assignment',
          objectId: assignment.id,
          details: { before: assignment.exempt_reason, after: reason },
        });
        return { exempt: reason !== null };
      });
    },
  };
}

export type ProgrammeService = ReturnType<typeof createProgrammeService>;
