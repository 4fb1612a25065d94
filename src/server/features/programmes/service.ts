import type { z } from 'zod';
import {
  ProgrammeProgress,
  type ExemptionRequest,
  type PersonProgrammes,
  type ProgrammeFile,
  type ProgrammePeople,
  type ProgrammeSummary,
} from '../../../contracts/programmes.ts';
import { canSeePeopleOfUnit, canSeePerson, hasAnyRole } from '../../../domain/access.ts';
import { evaluateAudience, type Match } from '../../../domain/audience.ts';
import { treeLevel } from '../../../domain/progress.ts';
import type { BodyId, TenantId, UnitId } from '../../../domain/ids.ts';
import { stockholmDate } from '../../../domain/dates.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Db } from '../../db/connection.ts';
import { lockTenantOrganisation } from '../../db/locks.ts';
import { withTransaction } from '../../db/transaction.ts';
import { audit } from '../../audit/log.ts';
import { AppError, forbidden, notFound } from '../../http/errors.ts';
import { unitAncestry } from '../org/repository.ts';
import { applyProgrammeFile } from './apply.ts';
import { presentCompletion, PROGRAMME_MANAGERS } from './completions.ts';
import * as completionsRepo from './completions-repository.ts';
import { createVersionedCache, type Cached, type VersionedCache } from './versioned-cache.ts';
import { programmeProgress } from './progress.ts';
import { syncAssignments } from './sync.ts';
import * as repo from './repository.ts';

/** Levels of one programme's figures kept ready as JSON (each a few kilobytes). */
const MAX_LEVELS_KEPT = 500;

/** Roles that see every programme's figures: never a person, so the board may too. */
const FIGURE_READERS = [
  ...PROGRAMME_MANAGERS,
  'security_coordinator',
  'trainer',
  'elected_official',
] as const;

/**
 * Programmes for the people who run and follow them. Programme owners and administrators
 * manage every programme, a listed owner manages theirs; managers see figures of their own
 * units only; nobody else sees dashboards.
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

  async function manages(actor: Actor, programmeId: string) {
    return (
      hasAnyRole(actor.grants, PROGRAMME_MANAGERS) ||
      completionsRepo.isProgrammeOwner(db, actor.tenantId, programmeId, actor.userId)
    );
  }

  /**
   * A programme's figures as the caller may see them, from the cache while still true: a reader
   * of cached figures costs one indexed read (the data version) besides their session.
   */
  async function figures(actor: Actor, id: string, at: string | undefined) {
    const scope = await figureScope(actor, id);
    if (scope === false) throw notFound('The programme');
    const computed = await cachedFigures(
      actor.tenantId,
      id,
      at ?? today(),
      scope,
      actor.dataVersion,
    );
    if (!computed) throw notFound('The programme');
    if (computed.value.programme.status === 'draft' && !(await manages(actor, id)))
      throw notFound('The programme');
    return computed;
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
        if (!programme) throw notFound('The programme');
        const value = ProgrammeProgress.parse(
          await programmeProgress(db, tenantId, programme, asOf, scope),
        );
        // canManage differs per caller: the shared text leaves it out (progressJson sets it).
        return { value, json: Buffer.from(JSON.stringify({ ...value, canManage: undefined })) };
      })
      .catch((error: unknown) => {
        if (error instanceof AppError && error.code === 'not_found') return null;
        throw error;
      });
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
    const level = treeLevel(value.targets[0]?.nodes.filter((n) => n.kind === 'unit') ?? [], node);
    if (!level) throw notFound('The unit');
    const json = Buffer.from(
      JSON.stringify({
        ...value,
        canManage: undefined,
        focus: level.focus,
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

  /** Whole-programme figures, or only the manager's units; null: no access. */
  async function figureScope(actor: Actor, programmeId: string): Promise<string[] | null | false> {
    if (hasAnyRole(actor.grants, FIGURE_READERS)) return null;
    if (await completionsRepo.isProgrammeOwner(db, actor.tenantId, programmeId, actor.userId))
      return null;
    const scopes = actor.grants.flatMap((g) =>
      g.role === 'manager' && g.scopeUnitId ? [g.scopeUnitId as string] : [],
    );
    return scopes.length ? scopes : false;
  }

  return {
    /**
     * Today's figures of every node, for a feature that has already decided what its caller
     * may see of them (session planning, trainers' coverage): no access check here.
     */
    async figuresOf(tenantId: TenantId, programmeId: string): Promise<ProgrammeProgress | null> {
      return (await cachedFigures(tenantId, programmeId, today(), null))?.value ?? null;
    },

    async list(actor: Actor): Promise<{ programmes: ProgrammeSummary[] }> {
      const rows = await repo.listProgrammes(db, actor.tenantId, today());
      const owned = await completionsRepo.ownedProgrammeIds(db, actor.tenantId, actor.userId);
      const managesAll = hasAnyRole(actor.grants, PROGRAMME_MANAGERS);
      const seesFigures =
        managesAll || hasAnyRole(actor.grants, [...FIGURE_READERS, 'manager']) || owned.size > 0;
      if (!seesFigures) throw forbidden();
      return {
        programmes: rows
          // Drafts are work in progress of those who manage them.
          .filter((row) => row.status !== 'draft' || managesAll || owned.has(row.id))
          .map((row) => ({
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
            canManage: managesAll || owned.has(row.id),
          })),
      };
    },

    async progress(actor: Actor, id: string, at: string | undefined): Promise<ProgrammeProgress> {
      const { value } = await figures(actor, id, at);
      return { ...value, canManage: await manages(actor, id) };
    },

    /**
     * The same as JSON (UTF-8) for the API. Every node (`node=all`, 1.5 MB at 56,000 employees) is
     * checked against its contract and serialised once per data version, not per reader. The page
     * asks level by level: a unit and its sub-units (by default the top of the tree, with the
     * political bodies beside it), a few kilobytes.
     */
    async progressJson(
      actor: Actor,
      id: string,
      query: { at?: string | undefined; node?: string | undefined },
    ): Promise<Buffer> {
      const computed = await figures(actor, id, query.at);
      const canManage = await manages(actor, id);
      const json = query.node === 'all' ? computed.json : levelJson(computed, query.node);
      // Bytes copied behind the caller's own field: the whole tree is megabytes, and encoding
      // it anew for every reader cost more than the rest of the request.
      return Buffer.concat([Buffer.from(`{"canManage":${String(canManage)},`), json.subarray(1)]);
    },

    /** A manager's people (their own units only) and whether each is done. */
    async people(actor: Actor, id: string, unitId: string | undefined): Promise<ProgrammePeople> {
      const programme = await repo.findProgramme(db, actor.tenantId, id);
      if (!programme) throw notFound('The programme');
      const scope = actor.grants.find((g) => g.role === 'manager' && g.scopeUnitId)?.scopeUnitId;
      const target = unitId ?? scope;
      if (!target)
        throw new AppError('validation_failed', 400, 'Choose a unit.', [
          { path: 'querystring.unit', message: 'required' },
        ]);
      const path = await unitAncestry(db, actor.tenantId, target as UnitId);
      const ids = path.map((unit) => unit.id as UnitId);
      if (ids.length === 0 || !canSeePeopleOfUnit(actor.grants, ids)) throw notFound('The unit');
      const [rows, allCourses] = await Promise.all([
        repo.programmePeople(db, {
          tenantId: actor.tenantId,
          programmeId: id,
          unitId: target,
          asOf: today(),
        }),
        repo.programmeCourses(db, actor.tenantId, id),
      ]);
      const courses = allCourses.filter((c) => !c.for_trainers);
      const collator = new Intl.Collator('sv');
      const date = today();
      return {
        unit: { id: target, name: path[0]?.name ?? '' },
        courses: courses.length,
        people: rows
          .map((row) => ({
            id: row.id,
            name: `${row.first_name} ${row.last_name}`,
            unitName: row.unit_name,
            dueOn: row.due_on,
            overdue: row.due_on !== null && row.due_on < date && row.courses_done < courses.length,
            coursesDone: row.courses_done,
            done: row.courses_done >= courses.length,
            exemptReason: row.exempt_reason,
          }))
          .sort((a, b) => Number(a.done) - Number(b.done) || collator.compare(a.name, b.name)),
      };
    },

    /** Why a person is (or is not) in each active programme's audience, and their record. */
    async personProgrammes(actor: Actor, personId: string): Promise<PersonProgrammes> {
      const date = today();
      const person = await db
        .selectFrom('people')
        .select('id')
        .where('tenant_id', '=', actor.tenantId)
        .where('id', '=', personId)
        .executeTakeFirst();
      if (!person) throw notFound('The person');
      const facts = (await repo.peopleFacts(db, actor.tenantId, date, [personId])).get(
        personId,
      ) ?? {
        personId,
        employments: [],
        seats: [],
      };
      const managesAll = hasAnyRole(actor.grants, PROGRAMME_MANAGERS);
      const visible =
        managesAll ||
        canSeePerson(
          actor.grants,
          facts.employments.map((e) => e.unitPath as UnitId[]),
          facts.seats.map((s) => s.bodyId as BodyId),
        );
      if (!visible) throw notFound('The person');
      const [programmes, assignments, completions, names] = await Promise.all([
        repo.activeProgrammes(db, actor.tenantId),
        completionsRepo.openAssignmentsOf(db, actor.tenantId, personId),
        completionsRepo.completionsOfPerson(db, actor.tenantId, personId),
        completionsRepo.placeNames(db, actor.tenantId, [
          ...facts.employments.flatMap((e) => e.unitPath),
          ...facts.seats.map((s) => s.bodyId),
        ]),
      ]);
      const courses = await completionsRepo.coursesOfProgrammes(
        db,
        actor.tenantId,
        programmes.map((p) => p.id),
      );
      const reason = (found: { rule: number; match: Match } | null) =>
        found && {
          rule: found.rule,
          via: found.match.via,
          place:
            names.get(found.match.via === 'seat' ? found.match.bodyId : found.match.unitId) ?? '',
        };
      return {
        canManage: managesAll,
        programmes: programmes.map((programme) => {
          const verdict = evaluateAudience(programme.audience, facts, date);
          const assignment = assignments.find((a) => a.programme_id === programme.id);
          return {
            id: programme.id,
            code: programme.code,
            name: programme.name,
            member: verdict.member,
            includedBy: reason(verdict.includedBy),
            excludedBy: reason(verdict.excludedBy),
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

    async apply(actor: Actor, file: ProgrammeFile) {
      const existing = await repo.findProgrammeByCode(db, actor.tenantId, file.code);
      const allowed = existing
        ? await manages(actor, existing.id)
        : hasAnyRole(actor.grants, PROGRAMME_MANAGERS);
      if (!allowed) throw forbidden();
      const user = await completionsRepo.personOfUser(db, actor.tenantId, actor.userId);
      return applyProgrammeFile(
        db,
        actor.tenantId,
        file,
        { userId: actor.userId, label: user?.display_name ?? 'unknown' },
        today(),
      );
    },

    /**
     * Activates a draft (which assigns its audience, silently), ends an active programme (its
     * assignments and figures stay as they were) or takes it back to draft.
     */
    async setStatus(actor: Actor, programmeId: string, status: ProgrammeSummary['status']) {
      if (!(await manages(actor, programmeId))) throw forbidden();
      return withTransaction(db, async (trx) => {
        await lockTenantOrganisation(trx, actor.tenantId);
        const programme = await repo.findProgramme(trx, actor.tenantId, programmeId);
        if (!programme) throw notFound('The programme');
        await trx
          .updateTable('programmes')
          .set({ status, updated_at: new Date() })
          .where('id', '=', programmeId)
          .execute();
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

    /** Exempts a person from a programme with a reason (an empty reason lifts it). */
    async exempt(actor: Actor, programmeId: string, input: z.infer<typeof ExemptionRequest>) {
      if (!(await manages(actor, programmeId))) throw forbidden();
      return withTransaction(db, async (trx) => {
        const assignment = await trx
          .selectFrom('assignments')
          .select(['id', 'exempt_reason'])
          .where('tenant_id', '=', actor.tenantId)
          .where('programme_id', '=', programmeId)
          .where('person_id', '=', input.personId)
          .where('ended_on', 'is', null)
          .executeTakeFirst();
        if (!assignment)
          throw new AppError(
            'validation_failed',
            400,
            'The person has no open assignment in this programme.',
            [{ path: 'body.personId', message: 'not assigned' }],
          );
        const reason = input.reason || null;
        await trx
          .updateTable('assignments')
          .set({
            exempt_reason: reason,
            exempted_by: reason ? actor.userId : null,
            exempted_at: reason ? new Date() : null,
          })
          .where('id', '=', assignment.id)
          .execute();
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
