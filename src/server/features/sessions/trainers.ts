import type { ProgressNode } from '../../../contracts/programmes.ts';
import type {
  MySessions,
  ProgrammePlanning,
  ProgrammeTrainers,
  TrainerRequest,
} from '../../../contracts/sessions.ts';
import {
  actForPerson,
  mayAttachTrainerUnit,
  mayManageProgramme,
  mayReadTrainers,
  owningReach,
} from '../../../domain/policy.ts';
import { stockholmDate } from '../../../domain/dates.ts';
import { treeLevel } from '../../../domain/progress.ts';
import { monthsLeft, planSessions } from '../../../domain/sessions.ts';
import { audit } from '../../audit/log.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Db } from '../../db/connection.ts';
import { withTransaction } from '../../db/transaction.ts';
import { AppError, invalid, notFound } from '../../http/errors.ts';
import { personFacts, programmeFor, subjectOf, unitPathsOf } from '../../policies/authorize.ts';
import * as programmes from '../programmes/public.ts';
import { describePeople, trainersOf } from './access.ts';
import * as org from '../org/public.ts';
import * as repo from './repository.ts';
import { SESSION_KINDS } from './service.ts';

/** Seats per session when neither the course nor its sessions say. */
const DEFAULT_CAPACITY = 20;

type UnitNode = ProgressNode & { kind: 'unit' };

/** The node a level-by-level view opens on, and the nodes it shows (it and its children). */
function levelView(nodes: readonly UnitNode[], node: string | undefined) {
  const level = treeLevel(nodes, node);
  if (!level) throw notFound('unit');
  const { focus } = level;
  return {
    focus,
    // The focus first, then its children in the figures' (alphabetical) order.
    shown: nodes
      .filter((n) => level.inLevel(n.id, n.parentId))
      .sort((a, b) => Number(b.id === focus) - Number(a.id === focus)),
  };
}

/**
 * Trainers of a programme (train the trainer), which units they serve and which have none,
 * and how many further sessions each node needs to reach its targets.
 */
export function createTrainerService(
  db: Db,
  figures: programmes.ProgrammeService,
  clock: () => Date = () => new Date(),
) {
  const today = () => stockholmDate(clock());

  /** Owners manage; trainers (by role or as trainers of it) and owners read; a draft, owners. */
  async function access(actor: Actor, programmeId: string) {
    const subject = await subjectOf(db, actor);
    const record = subject.personId
      ? (await trainersOf(db, actor.tenantId, [programmeId], today()))
          .get(programmeId)
          ?.get(subject.personId)
      : undefined;
    const { programme: facts } = await programmeFor(db, actor, programmeId, (s, p) =>
      mayReadTrainers(s, p, record !== undefined),
    );
    const programme = await programmes.findProgramme(db, actor.tenantId, programmeId);
    if (!programme) throw notFound('programme');
    return { programme, owner: mayManageProgramme(subject, facts) };
  }

  /** The figures of every unit node, with the small-number rule applied for the caller. */
  async function unitNodes(actor: Actor, programmeId: string) {
    const progress = await figures.figuresFor(actor, programmeId);
    return (progress?.targets ?? []).map((target) => ({
      target,
      nodes: target.nodes.filter((n): n is UnitNode => n.kind === 'unit'),
    }));
  }

  return {
    async programmeTrainers(
      actor: Actor,
      programmeId: string,
      node: string | undefined,
    ): Promise<ProgrammeTrainers> {
      const { programme, owner } = await access(actor, programmeId);
      const date = today();
      const now = clock();
      const [records, paths, courses, targets, sessions] = await Promise.all([
        trainersOf(db, actor.tenantId, [programmeId], date),
        programmes.unitPaths(db, actor.tenantId),
        programmes.coursesOf(db, actor.tenantId, programmeId),
        unitNodes(actor, programmeId),
        repo.sessionsOfProgramme(db, actor.tenantId, programmeId),
      ]);
      const trainers = [...(records.get(programmeId)?.values() ?? [])];
      const [people, units, sessionTrainers] = await Promise.all([
        repo.peopleByIds(
          db,
          actor.tenantId,
          trainers.map((t) => t.personId),
        ),
        repo.unitsByIds(db, actor.tenantId, [...new Set(trainers.flatMap((t) => t.unitIds))]),
        repo.trainersOfSessions(
          db,
          actor.tenantId,
          sessions.filter((s) => s.status === 'scheduled' && s.starts_at > now).map((s) => s.id),
        ),
      ]);
      const nameOf = (id: string) => {
        const p = people.find((person) => person.id === id);
        return p ? `${p.first_name} ${p.last_name}` : '';
      };
      const unitName = new Map(units.map((u) => [u.id, u.name]));
      const qualified = trainers.filter((t) => t.status.qualified);
      const servedBy = (unitId: string) => {
        const path = paths.get(unitId) ?? [unitId];
        return qualified.filter((t) => t.unitIds.some((u) => path.includes(u)));
      };
      const nodes = targets[0]?.nodes ?? [];
      const parents = new Set(nodes.map((n) => n.parentId));
      const uncoveredLeaves = nodes.filter((n) => !parents.has(n.id) && !servedBy(n.id).length);
      const { focus, shown } = levelView(nodes, node);
      const collator = new Intl.Collator('sv');
      return {
        programme: { id: programme.id, code: programme.code, name: programme.name },
        canManage: owner,
        trainerCourses: courses
          .filter((c) => c.forTrainers)
          .map((c) => ({ id: c.id, code: c.code, name: c.name })),
        trainers: trainers
          .map((t) => ({
            personId: t.personId,
            name: nameOf(t.personId),
            qualified: t.status.qualified,
            via: t.status.qualified ? t.status.via : null,
            validUntil: t.status.qualified ? t.status.validUntil : null,
            expiredOn: t.status.qualified ? null : t.status.expiredOn,
            units: t.unitIds.map((id) => ({ id, name: unitName.get(id) ?? '' })),
            upcomingSessions: new Set(
              sessionTrainers.filter((s) => s.person_id === t.personId).map((s) => s.session_id),
            ).size,
          }))
          .sort((a, b) => collator.compare(a.name, b.name)),
        focus,
        coverage: shown.map((n) => ({
          id: n.id,
          name: n.name,
          level: n.level,
          parentId: n.parentId,
          covered: servedBy(n.id).length > 0,
          trainers: servedBy(n.id).map((t) => nameOf(t.personId)),
          uncoveredBelow: uncoveredLeaves.filter((leaf) => paths.get(leaf.id)?.includes(n.id))
            .length,
          suppressed: n.suppressed,
          eligible: n.eligible,
          completed: n.completed,
        })),
        uncoveredUnits: uncoveredLeaves.length,
      };
    },

    /** People an owner may make trainers (those they reach), by name or employee number. */
    async candidates(actor: Actor, programmeId: string, query: string) {
      const { subject } = await programmeFor(db, actor, programmeId, mayManageProgramme);
      const reach = owningReach(subject.grants);
      const found = await org.searchPeople(db, actor.tenantId, query, 20, reach, today());
      return { people: await describePeople(db, actor, found, today()) };
    },

    /** Registers a trainer and/or sets the units they serve (programme owners only). */
    save: (actor: Actor, programmeId: string, input: TrainerRequest) =>
      withTransaction(db, async (trx) => {
        const { subject, programme: programmeFacts } = await programmeFor(
          trx,
          actor,
          programmeId,
          mayManageProgramme,
        );
        const programme = await programmes.findProgramme(trx, actor.tenantId, programmeId);
        if (!programme) throw notFound('programme');
        const date = today();
        const facts = (await personFacts(trx, actor.tenantId, [input.personId], date)).get(
          input.personId,
        );
        const verdict = facts ? actForPerson(subject, programmeFacts, facts) : 'out_of_reach';
        if (verdict === 'out_of_reach')
          throw invalid('body.personId', 'no_such', { thing: 'person' });
        if (verdict === 'own_training') throw new AppError('own_training');
        const [person] = await repo.peopleByIds(trx, actor.tenantId, [input.personId]);
        if (!person) throw invalid('body.personId', 'no_such', { thing: 'person' });
        const unitIds = [...new Set(input.unitIds)];
        const [units, paths] = await Promise.all([
          repo.unitsByIds(trx, actor.tenantId, unitIds),
          unitPathsOf(trx, actor, unitIds),
        ]);
        unitIds.forEach((id, index) => {
          if (!units.some((u) => u.id === id))
            throw invalid(`body.unitIds.${index}`, 'no_such', { thing: 'unit' });
          if (!mayAttachTrainerUnit(subject, paths.get(id) ?? [id]))
            throw invalid(`body.unitIds.${index}`, 'out_of_scope');
        });
        if (input.validUntil && input.validUntil < date)
          throw invalid('body.validUntil', 'registration_ended');
        await repo.saveTrainer(trx, {
          tenantId: actor.tenantId,
          programmeId,
          personId: person.id,
          unitIds,
          registration: input.register
            ? { on: date, validUntil: input.validUntil ?? null, note: input.note ?? null }
            : null,
          byUserId: actor.userId,
          byLabel: await programmes.actorLabel(trx, actor),
          at: clock(),
        });
        const record = (await trainersOf(trx, actor.tenantId, [programmeId], date))
          .get(programmeId)
          ?.get(person.id);
        if (!record?.status.qualified && unitIds.length)
          throw new AppError('not_qualified_trainer', {
            person: `${person.first_name} ${person.last_name}`,
            programme: programme.name,
          });
        await audit(trx, {
          tenantId: actor.tenantId,
          actorUserId: actor.userId,
          action: 'trainer.save',
          objectType: 'person',
          objectId: person.id,
          details: {
            programme: programme.code,
            units: unitIds,
            registered: input.register ?? false,
            validUntil: input.validUntil ?? null,
          },
        });
        return { saved: true };
      }),

    /** Ends a registration and detaches the units (completions of the trainer course stay). */
    remove: (actor: Actor, programmeId: string, personId: string) =>
      withTransaction(db, async (trx) => {
        const { subject, programme } = await programmeFor(
          trx,
          actor,
          programmeId,
          mayManageProgramme,
        );
        const facts = (await personFacts(trx, actor.tenantId, [personId], today())).get(personId);
        // Ending one's own registration records nothing of one's own: only the reach counts.
        if (!facts || actForPerson(subject, programme, facts) === 'out_of_reach')
          throw notFound('person');
        await repo.revokeRegistration(trx, actor.tenantId, programmeId, personId, clock());
        await repo.saveTrainer(trx, {
          tenantId: actor.tenantId,
          programmeId,
          personId,
          unitIds: [],
          registration: null,
          byUserId: actor.userId,
          byLabel: '',
          at: clock(),
        });
        await audit(trx, {
          tenantId: actor.tenantId,
          actorUserId: actor.userId,
          action: 'trainer.remove',
          objectType: 'person',
          objectId: personId,
          details: { programme: programmeId },
        });
        return { saved: true };
      }),

    /**
     * Per target and node (level by level): who is still to train, what upcoming sessions
     * already cover, and how many more sessions a month the deadline needs.
     */
    async planning(
      actor: Actor,
      programmeId: string,
      node: string | undefined,
    ): Promise<ProgrammePlanning> {
      const { programme } = await access(actor, programmeId);
      const date = today();
      const now = clock();
      const [targets, courses, seats, booked, paths] = await Promise.all([
        unitNodes(actor, programmeId),
        programmes.coursesOf(db, actor.tenantId, programmeId),
        repo.upcomingSeats(db, actor.tenantId, programmeId, now),
        repo.unitsOfBookedPeople(db, actor.tenantId, programmeId, now, date),
        programmes.unitPaths(db, actor.tenantId),
      ]);
      const openTo = await repo.unitsOfSessions(
        db,
        actor.tenantId,
        seats.map((s) => s.id),
      );
      const sessionCourses = courses.filter((c) => SESSION_KINDS.has(c.kind) && !c.forTrainers);
      const capacities = seats.map((s) => s.capacity).sort((a, b) => a - b);
      const usualCapacity =
        sessionCourses.find((c) => c.sessionCapacity)?.sessionCapacity ??
        capacities[Math.floor(capacities.length / 2)] ??
        DEFAULT_CAPACITY;
      const codes = new Map(courses.map((c) => [c.code, c]));
      let focus: string | null = null;
      const result: ProgrammePlanning['targets'] = [];
      for (const { target, nodes } of targets) {
        const view = levelView(nodes, node);
        focus = view.focus;
        const relevant = new Set(
          target.courses
            .map((code) => codes.get(code))
            .filter((c) => c && SESSION_KINDS.has(c.kind))
            .map((c) => c!.id),
        );
        if (relevant.size === 0) continue;
        const rows = view.shown.map((n) => {
          const inSubtree = (unitId: string) => paths.get(unitId)?.includes(n.id) ?? false;
          const above = paths.get(n.id) ?? [];
          const reaching = seats.filter((s) => {
            if (!relevant.has(s.course_id)) return false;
            const units = openTo.filter((u) => u.session_id === s.id).map((u) => u.unit_id);
            return units.length === 0 || units.some((u) => inSubtree(u) || above.includes(u));
          });
          const bookedPeople = new Set(
            booked
              .filter((b) => relevant.has(b.course_id) && inSubtree(b.unit_id))
              .map((b) => b.person_id),
          );
          const freeSeats = reaching.reduce(
            (sum, s) => sum + Math.max(0, s.capacity - Number(s.booked ?? 0)),
            0,
          );
          // Suppressed for the caller: no count of people, nor what would follow from one.
          if (n.suppressed || n.eligible === null || n.completed === null)
            return {
              node: { id: n.id, name: n.name, level: n.level },
              suppressed: true,
              eligible: null,
              completed: null,
              toTrain: null,
              booked: null,
              freeSeats,
              upcomingSessions: reaching.length,
              sessionsNeeded: null,
              perMonth: null,
            };
          const plan = planSessions({
            eligible: n.eligible,
            completed: n.completed,
            targetPercent: target.targetPercent,
            booked: bookedPeople.size,
            freeSeats,
            usualCapacity,
            today: date,
            deadline: target.by,
          });
          return {
            node: { id: n.id, name: n.name, level: n.level },
            suppressed: false,
            eligible: n.eligible,
            completed: n.completed,
            toTrain: plan.toTrain,
            booked: plan.booked,
            freeSeats: plan.freeSeats,
            upcomingSessions: reaching.length,
            sessionsNeeded: plan.sessionsNeeded,
            perMonth: plan.perMonth,
          };
        });
        result.push({
          code: target.code,
          name: target.name,
          targetPercent: target.targetPercent,
          by: target.by,
          monthsLeft: target.by < date ? 1 : monthsLeft(date, target.by),
          rows,
        });
      }
      return {
        programme: { id: programme.id, code: programme.code, name: programme.name },
        focus,
        usualCapacity,
        targets: result,
      };
    },

    /** The programmes the caller trains for, the units they serve and how many are still to go. */
    async serving(actor: Actor): Promise<MySessions['serving']> {
      const { personId } = await subjectOf(db, actor);
      if (!personId) return [];
      const date = today();
      const ids = await repo.programmesTrainedBy(db, actor.tenantId, personId);
      const records = await trainersOf(db, actor.tenantId, ids, date);
      const result: MySessions['serving'] = [];
      for (const id of ids) {
        const programme = await programmes.findProgramme(db, actor.tenantId, id);
        const record = records.get(id)?.get(personId);
        if (!programme || programme.status !== 'active' || !record) continue;
        const [targets, courses, units] = await Promise.all([
          unitNodes(actor, id),
          programmes.coursesOf(db, actor.tenantId, id),
          repo.unitsByIds(db, actor.tenantId, record.unitIds),
        ]);
        const nodes = targets[0]?.nodes ?? [];
        result.push({
          programme: { id, code: programme.code, name: programme.name },
          qualified: record.status.qualified,
          validUntil: record.status.qualified ? record.status.validUntil : null,
          courses: courses
            .filter((c) => SESSION_KINDS.has(c.kind) && !c.forTrainers)
            .map((c) => ({ id: c.id, code: c.code, name: c.name, kind: c.kind })),
          units: units.map((u) => {
            const figuresOf = nodes.find((n) => n.id === u.id);
            return {
              id: u.id,
              name: u.name,
              stillToGo: !figuresOf
                ? 0
                : figuresOf.eligible === null || figuresOf.completed === null
                  ? null
                  : figuresOf.eligible - figuresOf.completed,
            };
          }),
        });
      }
      return result;
    },
  };
}

export type TrainerService = ReturnType<typeof createTrainerService>;
