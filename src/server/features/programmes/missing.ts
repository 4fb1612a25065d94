import {
  courseState,
  personStatus,
  type CourseRecord,
  type CourseState,
  type PersonStatus,
} from '../../../domain/course-state.ts';
import { stockholmDate } from '../../../domain/dates.ts';
import {
  isNobody,
  missingListReach,
  reachesBody,
  reachesUnit,
  type Reach,
} from '../../../domain/policy.ts';
import type { z } from 'zod';
import type {
  MissingList as MissingListPage,
  MissingQuery as Query,
} from '../../../contracts/programmes.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Db } from '../../db/connection.ts';
import { notFound } from '../../http/errors.ts';
import { programmeFor } from '../../policies/authorize.ts';
import { missingInPlaces, type MissingRow } from './missing-repository.ts';
import * as repo from './repository.ts';

type MissingQuery = z.infer<typeof Query>;

export interface MissingPlace {
  kind: 'unit' | 'body';
  id: string;
  name: string;
  /** The unit above (a body has none). */
  parent: string | null;
  /** The office (förvaltning) the unit belongs to. */
  office: string | null;
}

export interface MissingPerson {
  id: string;
  firstName: string;
  lastName: string;
  employeeNumber: string | null;
  place: MissingPlace;
  dueOn: string | null;
  status: PersonStatus;
  exemptReason: string | null;
  /** In the order of the list's courses: the state and its date (done on, booked for). */
  courses: { state: CourseState; date: string | null }[];
}

export interface MissingCourse {
  id: string;
  code: string;
  name: string;
}

type UnitRow = Awaited<ReturnType<typeof repo.progressNodes>>['units'][number];
type BodyRow = Awaited<ReturnType<typeof repo.progressNodes>>['bodies'][number];

/** The places to walk, in tree order: each root's subtree depth first, siblings by name. */
function treeOrder(units: readonly UnitRow[], roots: readonly string[]): string[] {
  const collator = new Intl.Collator('sv');
  const children = new Map<string | null, UnitRow[]>();
  for (const unit of units) {
    const list = children.get(unit.parent_id) ?? [];
    list.push(unit);
    children.set(unit.parent_id, list);
  }
  for (const list of children.values()) list.sort((a, b) => collator.compare(a.name, b.name));
  const order: string[] = [];
  const seen = new Set<string>();
  const visit = (id: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    order.push(id);
    for (const child of children.get(id) ?? []) visit(child.id);
  };
  for (const root of roots) visit(root);
  return order;
}

/**
 * Who is missing in a programme: every assigned person within the caller's reach below a node
 * (a unit's subtree or a body), with their state on each course, read a few thousand at a time
 * in tree order and handed on chunk by chunk, so a list of 56,000 is never held at once.
 */
export function createMissingList(db: Db, clock: () => Date = () => new Date()) {
  async function scopeOf(actor: Actor, programmeId: string, node: string | undefined) {
    const { subject, programme } = await programmeFor(
      db,
      actor,
      programmeId,
      (s, p) => !isNobody(missingListReach(s, p)),
    );
    const reach: Reach = missingListReach(subject, programme);
    const [{ units, bodies }, row, allCourses] = await Promise.all([
      repo.progressNodes(db, actor.tenantId),
      repo.findProgramme(db, actor.tenantId, programmeId),
      repo.programmeCourses(db, actor.tenantId, programmeId),
    ]);
    if (!row) throw notFound('programme');
    const parentOf = new Map(units.map((u) => [u.id, u.parent_id]));
    const pathOf = (id: string) => {
      const path: string[] = [];
      for (let at: string | null | undefined = id; at && path.length < 64; at = parentOf.get(at))
        path.push(at);
      return path;
    };
    let listed: MissingListPage['node'] = null;
    let unitRoots: string[];
    let bodyIds: string[];
    const collator = new Intl.Collator('sv');
    const sortedBodies = [...bodies].sort((a, b) => collator.compare(a.name, b.name));
    if (node) {
      const unit = units.find((u) => u.id === node);
      const body = sortedBodies.find((b) => b.id === node);
      if (unit && reachesUnit(reach, pathOf(unit.id))) {
        [unitRoots, bodyIds] = [[unit.id], []];
        listed = { kind: 'unit', id: unit.id, name: unit.name };
      } else if (body && reachesBody(reach, body.id)) {
        [unitRoots, bodyIds] = [[], [body.id]];
        listed = { kind: 'body', id: body.id, name: body.name };
      } else throw notFound(body ? 'body' : 'unit');
    } else {
      unitRoots = reach.everyone
        ? units.filter((u) => u.parent_id === null).map((u) => u.id)
        : reach.units;
      bodyIds = sortedBodies.filter((b) => reachesBody(reach, b.id)).map((b) => b.id);
    }
    const courses = allCourses.filter((c) => !c.for_trainers);
    return { units, bodies: sortedBodies, unitRoots, bodyIds, courses, programme: row, listed };
  }

  return {
    /**
     * The list's courses and its people as chunks (each in tree order, then by name). Throws
     * before the first chunk when the caller may not see it: a programme they may not read is
     * not found, a node outside their reach is not found, figures without people are forbidden.
     */
    async open(actor: Actor, programmeId: string, node: string | undefined) {
      const scope = await scopeOf(actor, programmeId, node);
      const now = clock();
      const date = stockholmDate(now);
      // As the standing writes a session's start (UTC ISO, seconds), so text order is time order.
      const nowIso = `${now.toISOString().slice(0, 19)}Z`;
      const bookedOn = (startsAt: string | undefined) =>
        startsAt ? stockholmDate(new Date(startsAt)) : null;
      const unitById = new Map(scope.units.map((u) => [u.id, u]));
      const bodyById = new Map<string, BodyRow>(scope.bodies.map((b) => [b.id, b]));
      const officeOf = (id: string): string | null => {
        for (
          let at = unitById.get(id);
          at;
          at = at.parent_id ? unitById.get(at.parent_id) : undefined
        )
          if (at.kind === 'office') return at.name;
        return null;
      };
      // Many people share a place: each is described once.
      const places = new Map<string, MissingPlace>();
      const place = (kind: 'unit' | 'body', id: string): MissingPlace => {
        const known = places.get(id);
        if (known) return known;
        const unit = kind === 'unit' ? unitById.get(id) : undefined;
        const parent = unit?.parent_id ? unitById.get(unit.parent_id) : undefined;
        const described: MissingPlace =
          kind === 'body'
            ? { kind, id, name: bodyById.get(id)?.name ?? '', parent: null, office: null }
            : {
                kind,
                id,
                name: unit?.name ?? '',
                parent: parent?.name ?? null,
                office: officeOf(id),
              };
        places.set(id, described);
        return described;
      };
      const courseIndex = new Map(scope.courses.map((c, i) => [c.id, i]));
      // Most people have neither done nor booked anything: one shared answer for them.
      const nothingYet = scope.courses.map(() => ({ state: 'todo' as const, date: null }));
      const nothingYetStates = nothingYet.map((c) => c.state);
      const coursesOf = (row: MissingRow): MissingPerson['courses'] => {
        if (row.records === null && row.booked === null) return nothingYet;
        const records: CourseRecord[][] = scope.courses.map(() => []);
        for (const item of row.records?.split(';') ?? []) {
          const [course = '', status = '', completedOn = ''] = item.split(':');
          records[courseIndex.get(course) ?? -1]?.push({
            status: status as CourseRecord['status'],
            completedOn,
          });
        }
        // The earliest upcoming session of each course; past ones are attended or missed.
        const booked: (string | undefined)[] = [];
        for (const item of row.booked?.split(';') ?? []) {
          const colon = item.indexOf(':');
          const i = courseIndex.get(item.slice(0, colon));
          const startsAt = item.slice(colon + 1);
          if (i === undefined || startsAt <= nowIso) continue;
          if (!(booked[i] && booked[i] <= startsAt)) booked[i] = startsAt;
        }
        return scope.courses.map((c, i) => {
          const state = courseState({
            records: records[i] ?? [],
            validForMonths: c.valid_for_months,
            asOf: date,
            booked: booked[i] !== undefined,
          });
          return {
            state: state.state,
            date: state.state !== 'booked' ? state.doneOn : bookedOn(booked[i]),
          };
        });
      };
      const present = (
        kind: 'unit' | 'body',
        placeIds: readonly string[],
        row: MissingRow,
      ): MissingPerson => {
        const courses = coursesOf(row);
        return {
          id: row.person_id,
          firstName: row.first_name,
          lastName: row.last_name,
          employeeNumber: row.employee_number,
          place: place(kind, placeIds[row.place_ord - 1] ?? ''),
          dueOn: row.due_on,
          exemptReason: row.exempt_reason,
          status: personStatus({
            courses: courses === nothingYet ? nothingYetStates : courses.map((c) => c.state),
            dueOn: row.due_on,
            exempt: row.exempt_reason !== null,
            asOf: date,
          }),
          courses,
        };
      };

      async function* chunks(): AsyncGenerator<MissingPerson[]> {
        const seen = new Set<string>();
        const walks: ['unit' | 'body', string[]][] = [
          ['unit', treeOrder(scope.units, scope.unitRoots)],
          ['body', scope.bodyIds],
        ];
        for (const [kind, placeIds] of walks)
          for await (const rows of missingInPlaces(db, {
            tenantId: actor.tenantId,
            programmeId,
            placeIds,
            asOf: date,
          })) {
            // A person in several places is listed once, under the first (a unit before a body).
            const people: MissingPerson[] = [];
            for (const row of rows) {
              if (seen.has(row.person_id)) continue;
              seen.add(row.person_id);
              people.push(present(kind, placeIds, row));
            }
            if (people.length) yield people;
          }
      }

      return {
        programme: { id: programmeId, name: scope.programme.name, code: scope.programme.code },
        node: scope.listed,
        courses: scope.courses.map((c) => ({ id: c.id, code: c.code, name: c.name })),
        asOf: date,
        chunks,
      };
    },
  };
}

/** A person against the list's filters: a status, and a part of the name or employee number. */
export function matchesFilter(
  person: MissingPerson,
  filter: { status?: PersonStatus | undefined; q?: string | undefined },
): boolean {
  if (filter.status && person.status !== filter.status) return false;
  if (!filter.q) return true;
  const q = filter.q.toLocaleLowerCase('sv');
  return (
    `${person.firstName} ${person.lastName}`.toLocaleLowerCase('sv').includes(q) ||
    (person.employeeNumber ?? '').toLocaleLowerCase('sv').includes(q)
  );
}

/** The chunks of a list with the filters applied (an export of what the page shows). */
export async function* filtered(
  chunks: AsyncIterable<MissingPerson[]>,
  filter: { status?: PersonStatus | undefined; q?: string | undefined },
): AsyncGenerator<MissingPerson[]> {
  for await (const chunk of chunks) {
    const kept = chunk.filter((person) => matchesFilter(person, filter));
    if (kept.length) yield kept;
  }
}

/** One page of the list for the web, with the count of every status. */
export async function missingPage(
  list: Awaited<ReturnType<MissingListService['open']>>,
  query: MissingQuery,
): Promise<MissingListPage> {
  const counts: Record<PersonStatus, number> = {
    overdue: 0,
    assigned: 0,
    booked: 0,
    done: 0,
    exempt: 0,
  };
  const people: MissingListPage['people'] = [];
  let total = 0;
  for await (const chunk of list.chunks())
    for (const person of chunk) {
      if (!matchesFilter(person, { q: query.q })) continue;
      counts[person.status] += 1;
      if (query.status && person.status !== query.status) continue;
      if (total >= query.offset && people.length < query.limit)
        people.push({
          id: person.id,
          name: `${person.firstName} ${person.lastName}`,
          employeeNumber: person.employeeNumber,
          place: person.place,
          dueOn: person.dueOn,
          status: person.status,
          exemptReason: person.exemptReason,
          courses: person.courses,
        });
      total += 1;
    }
  return {
    programme: list.programme,
    node: list.node,
    asOf: list.asOf,
    courses: list.courses,
    counts,
    total,
    offset: query.offset,
    limit: query.limit,
    people,
  };
}

export type MissingListService = ReturnType<typeof createMissingList>;
