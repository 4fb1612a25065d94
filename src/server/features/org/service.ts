import type {
  BodySeats,
  OrganisationResponse,
  UnitDetail,
  UnitPeople,
} from '../../../contracts/org.ts';
import { canSeePeopleOfUnit, canSeeSeatsOfBody } from '../../../domain/access.ts';
import { stockholmDate } from '../../../domain/dates.ts';
import type { BodyId, UnitId } from '../../../domain/ids.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Db } from '../../db/connection.ts';
import { notFound } from '../../http/errors.ts';
import { fullName, presentBody, presentStaff, presentUnit } from './presenter.ts';
import * as repo from './repository.ts';

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

  async function visibleUnitPath(actor: Actor, id: UnitId) {
    const path = await repo.unitAncestry(db, actor.tenantId, id);
    if (path.length === 0) throw notFound('The unit');
    return path;
  }

  return {
    async organisation(actor: Actor): Promise<OrganisationResponse> {
      const date = today();
      const [units, bodies, offices] = await Promise.all([
        repo.listUnits(db, actor.tenantId, date),
        repo.listBodies(db, actor.tenantId, date),
        officesByBody(actor),
      ]);
      return {
        units: units.map(presentUnit),
        bodies: bodies.map((body) => presentBody(body, offices.get(body.id) ?? [])),
      };
    },

    async unit(actor: Actor, id: UnitId): Promise<UnitDetail> {
      const date = today();
      const path = await visibleUnitPath(actor, id);
      const unit = await repo.findUnit(db, actor.tenantId, id, date);
      if (!unit) throw notFound('The unit');
      const [children, managers] = await Promise.all([
        repo.childUnits(db, actor.tenantId, id, date),
        repo.unitStaff(db, actor.tenantId, id, date, true),
      ]);
      return {
        unit: presentUnit(unit),
        path: path
          .slice(1)
          .reverse()
          .map(({ id: nodeId, name, kind }) => ({ id: nodeId, name, kind })),
        children: children.map(presentUnit),
        managers: managers.map((m) => ({ id: m.id, name: fullName(m), title: m.title })),
        peopleVisible: canSeePeopleOfUnit(
          actor.grants,
          path.map((node) => node.id as UnitId),
        ),
      };
    },

    async unitPeople(actor: Actor, id: UnitId): Promise<UnitPeople> {
      const path = await visibleUnitPath(actor, id);
      if (
        !canSeePeopleOfUnit(
          actor.grants,
          path.map((node) => node.id as UnitId),
        )
      ) {
        throw notFound('The unit');
      }
      return { people: presentStaff(await repo.unitStaff(db, actor.tenantId, id, today(), false)) };
    },

    async bodySeats(actor: Actor, id: BodyId): Promise<BodySeats> {
      const date = today();
      const body = await repo.findBody(db, actor.tenantId, id, date);
      if (!body || !canSeeSeatsOfBody(actor.grants, id)) throw notFound('The political body');
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
