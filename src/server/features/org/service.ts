import type {
  BodySeats,
  OrganisationResponse,
  PeopleSearchResult,
  PersonDetail,
  UnitDetail,
  UnitHistory,
  UnitPeople,
} from '../../../contracts/org.ts';
import {
  isNobody,
  mayAdminister,
  maySeeBodySeats,
  maySeeUnitHistory,
  maySeeUnitPeople,
  seeingReach,
} from '../../../domain/policy.ts';
import { isActiveOn, stockholmDate } from '../../../domain/dates.ts';
import type { BodyId, PersonId, UnitId } from '../../../domain/ids.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Db } from '../../db/connection.ts';
import { forbidden, notFound } from '../../http/errors.ts';
import { subjectOf, unitPath, visiblePerson } from '../../policies/authorize.ts';
import { fullName, presentBody, presentStaff, presentUnit } from './presenter.ts';
import * as repo from './repository.ts';

const SEARCH_LIMIT = 50;

/**
 * The organisation browser. The tree and the political bodies are public records inside
 * the municipality, so every signed-in user sees them; who works where and who sits where
 * is limited by role and scope. Out-of-scope and other tenants' objects answer "not found".
 */
export function createOrgService(db: Db, clock: () => Date = () => new Date()) {
  const today = () => stockholmDate(clock());

  async function officesByBody(actor: Actor) {
    const rows = await repo.bodyOffices(db, actor.tenantId);
    const map = new Map<string, { id: string; name: string }[]>();
    for (const row of rows) {
      const list = map.get(row.body_id) ?? [];
      list.push({ id: row.id, name: row.name });
      map.set(row.body_id, list);
    }
    return map;
  }

  /** The unit's ancestor chain (itself first), the fact every rule about a unit needs. */
  async function pathOf(actor: Actor, id: UnitId) {
    const path = await unitPath(db, actor, id);
    if (path.length === 0) throw notFound('unit');
    return path;
  }

  return {
    async organisation(actor: Actor): Promise<OrganisationResponse> {
      const date = today();
      const [subject, units, bodies, offices] = await Promise.all([
        subjectOf(db, actor),
        repo.listUnits(db, actor.tenantId, date),
        repo.listBodies(db, actor.tenantId, date),
        officesByBody(actor),
      ]);
      return {
        units: units.map(presentUnit),
        bodies: bodies.map((body) => presentBody(body, offices.get(body.id) ?? [])),
        can: { edit: mayAdminister(subject) },
      };
    },

    async unit(actor: Actor, id: UnitId): Promise<UnitDetail> {
      // The tree is a public record inside the municipality: any signed-in user reads a unit.
      const date = today();
      const [subject, ancestry, unit] = await Promise.all([
        subjectOf(db, actor),
        repo.unitAncestry(db, actor.tenantId, id),
        repo.findUnit(db, actor.tenantId, id, date),
      ]);
      if (!unit || ancestry.length === 0) throw notFound('unit');
      const path = ancestry.map((node) => node.id);
      const [children, managers] = await Promise.all([
        repo.childUnits(db, actor.tenantId, id, date),
        repo.unitStaff(db, actor.tenantId, id, date, true),
      ]);
      return {
        unit: presentUnit(unit),
        path: ancestry
          .slice(1)
          .reverse()
          .map(({ id: nodeId, name, kind }) => ({ id: nodeId, name, kind })),
        children: children.map(presentUnit),
        managers: managers.map((m) => ({ id: m.id, name: fullName(m), title: m.title })),
        can: {
          readPeople: maySeeUnitPeople(subject, path),
          readHistory: maySeeUnitHistory(subject, path),
          edit: mayAdminister(subject),
        },
      };
    },

    async unitPeople(actor: Actor, id: UnitId): Promise<UnitPeople> {
      const [subject, path] = await Promise.all([subjectOf(db, actor), pathOf(actor, id)]);
      if (!maySeeUnitPeople(subject, path)) throw notFound('unit');
      return { people: presentStaff(await repo.unitStaff(db, actor.tenantId, id, today(), false)) };
    },

    /** A person's employments and seats, for those who may see them; anyone else gets 404. */
    /**
     * Finds people across the organisation by name, number or e-mail, among those the caller
     * may see (the scope is part of the query): nobody to see, not allowed at all.
     */
    async searchPeople(actor: Actor, query: string): Promise<PeopleSearchResult> {
      const date = today();
      const subject = await subjectOf(db, actor);
      const reach = seeingReach(subject.grants);
      if (isNobody(reach)) throw forbidden();
      const found = await repo.searchPeople(
        db,
        actor.tenantId,
        query,
        SEARCH_LIMIT + 1,
        reach,
        date,
      );
      const shown = found.slice(0, SEARCH_LIMIT);
      const places = await repo.placesOf(
        db,
        actor.tenantId,
        shown.map((p) => p.id),
        date,
      );
      return {
        people: shown.map((p) => ({
          id: p.id,
          name: fullName(p),
          employeeNumber: p.employee_number,
          email: p.email,
          places: [...new Set(places.filter((x) => x.person_id === p.id).map((x) => x.name))],
        })),
        more: found.length > SEARCH_LIMIT,
      };
    },

    async person(actor: Actor, id: PersonId): Promise<PersonDetail> {
      const date = today();
      const { subject } = await visiblePerson(db, actor, id, date);
      const [person, employments, seats] = await Promise.all([
        repo.findPerson(db, actor.tenantId, id),
        repo.personEmployments(db, actor.tenantId, id),
        repo.personSeats(db, actor.tenantId, id),
      ]);
      if (!person) throw notFound('person');
      return {
        person: {
          id: person.id,
          name: fullName(person),
          email: person.email,
          employeeNumber: person.employee_number,
          officialNumber: person.official_number,
        },
        employments: employments.map((e) => ({
          id: e.id,
          unit: { id: e.unit_id, code: e.code, name: e.name },
          title: e.title,
          isManager: e.is_manager,
          employmentForm: e.employment_form,
          startDate: e.start_date,
          endDate: e.end_date,
          active: isActiveOn(date, e.start_date, e.end_date),
        })),
        seats: seats.map((s) => ({
          id: s.id,
          body: { id: s.body_id, code: s.code, name: s.name },
          role: s.role,
          termStart: s.term_start,
          termEnd: s.term_end,
          active: isActiveOn(date, s.term_start, s.term_end),
        })),
        can: { edit: mayAdminister(subject) },
      };
    },

    /** What happened to a unit (renamed, moved, closed …), for administrators and programme owners. */
    async unitHistory(actor: Actor, id: UnitId): Promise<UnitHistory> {
      const [subject, path] = await Promise.all([subjectOf(db, actor), pathOf(actor, id)]);
      if (!maySeeUnitHistory(subject, path)) throw notFound('unit');
      const [changes, manual, names] = await Promise.all([
        repo.unitChanges(db, actor.tenantId, id),
        repo.unitAuditEntries(db, actor.tenantId, id),
        repo.unitNames(db, actor.tenantId),
      ]);
      // The logs keep parent ids; people read parent names.
      const readable = (field: string, value: unknown) =>
        field === 'parent_id' && typeof value === 'string'
          ? (names.get(value) ?? value)
          : (value ?? null);
      const fieldsOf = (before: Record<string, unknown>, after: Record<string, unknown>) =>
        Object.keys(after).map((field) => ({
          field: field === 'parent_id' ? 'parent_code' : field,
          before: readable(field, before[field]),
          after: readable(field, after[field]),
        }));
      const entries: UnitHistory['entries'] = [
        ...changes.map((c) => ({
          at: c.applied_at.toISOString(),
          kind: 'import' as const,
          source: c.file_name,
          by: c.actor_label,
          label: c.label,
          fields: c.action === 'create' ? [] : fieldsOf(c.before ?? {}, c.after ?? {}),
          undone: c.undone_at !== null,
        })),
        ...manual.map((m) => {
          const details = m.details as {
            before?: Record<string, unknown>;
            after?: Record<string, unknown>;
          };
          return {
            at: m.at.toISOString(),
            kind: 'manual' as const,
            source: m.action,
            by: m.display_name ?? '',
            label:
              m.action === 'unit.create'
                ? 'created'
                : m.action === 'unit.close'
                  ? 'closed'
                  : 'changed',
            fields:
              m.action === 'unit.create' ? [] : fieldsOf(details.before ?? {}, details.after ?? {}),
            undone: false,
          };
        }),
      ];
      return { entries: entries.sort((a, b) => b.at.localeCompare(a.at)) };
    },

    async bodySeats(actor: Actor, id: BodyId): Promise<BodySeats> {
      const subject = await subjectOf(db, actor);
      if (!maySeeBodySeats(subject, id)) throw notFound('body');
      const date = today();
      const body = await repo.findBody(db, actor.tenantId, id, date);
      if (!body) throw notFound('body');
      const [seats, offices] = await Promise.all([
        repo.bodySeats(db, actor.tenantId, id, date),
        officesByBody(actor),
      ]);
      return {
        body: presentBody(body, offices.get(body.id) ?? []),
        seats: seats.map((seat) => ({
          id: seat.id,
          name: fullName(seat),
          role: seat.role,
          termStart: seat.term_start,
          termEnd: seat.term_end,
        })),
      };
    },
  };
}

export type OrgService = ReturnType<typeof createOrgService>;
