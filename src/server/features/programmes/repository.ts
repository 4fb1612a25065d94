import { sql } from 'kysely';
import type { OpenAssignment } from '../../../domain/assignment.ts';
import type { EmploymentFact, PersonFacts, SeatFact } from '../../../domain/audience.ts';
import type { TenantId } from '../../../domain/ids.ts';
import { ancestry } from '../../../domain/org-tree.ts';
import { OWNING_ROLES } from '../../../domain/policy.ts';
import type { Db } from '../../db/connection.ts';
import { isAnyOf, selectPacked } from '../../db/packed.ts';
import type { Tx } from '../../db/transaction.ts';

type Q = Db | Tx;

/**
 * A completion that counts on `asOf`: accepted, not voided, done by then and not expired (its
 * course's `valid_for_months` after it). The one definition every figure and list uses.
 */
export function countsOn(completion: string, validForMonths: string, asOf: string) {
  const done = sql.ref(`${completion}.completed_on`);
  const months = sql.ref(validForMonths);
  return sql`${sql.ref(`${completion}.status`)} = 'accepted'
    AND ${sql.ref(`${completion}.voided_at`)} IS NULL AND ${done} <= ${asOf}::date
    AND (${months} IS NULL OR (${done} + make_interval(months => ${months}))::date > ${asOf}::date)`;
}

export async function programmesToSync(
  db: Q,
  tenantId: TenantId,
  asOf: string,
  ids: readonly string[] | undefined,
) {
  if (ids?.length === 0) return [];
  let query = db
    .selectFrom('programmes')
    .select(['id', 'code', 'name', 'audience', 'due', 'period_start'])
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'active')
    .where('period_start', '<=', asOf)
    .where('period_end', '>=', asOf);
  if (ids) query = query.where('id', 'in', ids);
  const rows = await query.orderBy('code').execute();
  return rows;
}

/** Every unit's chain of ancestors (itself first), for the whole tree in one query. */
export async function unitPaths(db: Q, tenantId: TenantId): Promise<Map<string, string[]>> {
  const units = await db
    .selectFrom('org_units')
    .select(['id', 'parent_id as parentId', 'name'])
    .where('tenant_id', '=', tenantId)
    .execute();
  const byId = new Map(units.map((unit) => [unit.id, unit]));
  return new Map(units.map((unit) => [unit.id, ancestry(byId, unit.id).map((u) => u.id)]));
}

/**
 * The employments and seats in force on `asOf` of everyone who has one (or of these people), by
 * person: what audience rules are evaluated against.
 */
export async function peopleFacts(
  db: Q,
  tenantId: TenantId,
  asOf: string,
  personIds?: readonly string[],
): Promise<Map<string, PersonFacts>> {
  let employmentQuery = db
    .selectFrom('employments')
    .select(['person_id', 'unit_id', 'title', 'is_manager', 'start_date', 'end_date'])
    .where('tenant_id', '=', tenantId)
    .where('start_date', '<=', asOf)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', asOf)]));
  let seatQuery = db
    .selectFrom('seats')
    .select(['person_id', 'body_id', 'role', 'term_start', 'term_end'])
    .where('tenant_id', '=', tenantId)
    .where('term_start', '<=', asOf)
    .where((eb) => eb.or([eb('term_end', 'is', null), eb('term_end', '>=', asOf)]));
  if (personIds) {
    employmentQuery = employmentQuery.where(isAnyOf('person_id', personIds));
    seatQuery = seatQuery.where(isAnyOf('person_id', personIds));
  }
  const [paths, employments, seats] = await Promise.all([
    unitPaths(db, tenantId),
    selectPacked(db, employmentQuery, [
      'person_id',
      'unit_id',
      'title',
      'is_manager',
      'start_date',
      'end_date',
    ]),
    seatQuery.execute(),
  ]);
  const people = new Map<
    string,
    { personId: string; employments: EmploymentFact[]; seats: SeatFact[] }
  >();
  const facts = (personId: string) => {
    let entry = people.get(personId);
    if (!entry) {
      entry = { personId, employments: [], seats: [] };
      people.set(personId, entry);
    }
    return entry;
  };
  for (const e of employments) {
    facts(e.person_id).employments.push({
      unitId: e.unit_id,
      unitPath: paths.get(e.unit_id) ?? [e.unit_id],
      title: e.title,
      isManager: e.is_manager,
      startDate: e.start_date,
      endDate: e.end_date,
    });
  }
  for (const s of seats) {
    facts(s.person_id).seats.push({
      bodyId: s.body_id,
      role: s.role,
      termStart: s.term_start,
      termEnd: s.term_end,
    });
  }
  return people satisfies Map<string, PersonFacts>;
}

/** "<person uuid>:<assignment uuid>," */
const PAIR_LENGTH = 36 + 1 + 36 + 1;

export async function openAssignments(
  db: Q,
  tenantId: TenantId,
  programmeIds: string[],
  personIds?: readonly string[],
) {
  // A municipality has hundreds of thousands of open assignments: read as one text per
  // programme of "person id:id," pairs (a uuid's text is always 36 characters), which PGlite
  // hands over five times faster than rows or JSON.
  let query = db
    .selectFrom('assignments')
    .select([
      'programme_id',
      sql<string>`string_agg(person_id::text || ':' || id::text || ',', '')`.as('open'),
    ])
    .where('tenant_id', '=', tenantId)
    .where('programme_id', 'in', programmeIds)
    .where('ended_on', 'is', null);
  if (personIds) query = query.where(isAnyOf('person_id', personIds));
  const rows = await query.groupBy('programme_id').execute();
  const byProgramme = new Map<string, Map<string, OpenAssignment>>();
  for (const row of rows) {
    const map = new Map<string, OpenAssignment>();
    for (let at = 0; at < row.open.length; at += PAIR_LENGTH) {
      const personId = row.open.slice(at, at + 36);
      map.set(personId, { id: row.open.slice(at + 37, at + 73), personId });
    }
    byProgramme.set(row.programme_id, map);
  }
  return byProgramme;
}

export async function endAssignments(db: Q, tenantId: TenantId, ids: string[], on: string) {
  if (ids.length === 0) return;
  await db
    .updateTable('assignments')
    .set({ ended_on: on, end_reason: 'left_audience' })
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', ids)
    .where('ended_on', 'is', null)
    .execute();
}

/** Ids by code of units, political bodies and accounts, for resolving a programme file. */
export async function codeMaps(db: Q, tenantId: TenantId) {
  const [units, bodies, users] = await Promise.all([
    db.selectFrom('org_units').select(['id', 'code']).where('tenant_id', '=', tenantId).execute(),
    db
      .selectFrom('political_bodies')
      .select(['id', 'code'])
      .where('tenant_id', '=', tenantId)
      .execute(),
    db
      .selectFrom('users')
      .select((eb) => [
        'users.id',
        'users.username',
        eb
          .exists(
            eb
              .selectFrom('role_grants as g')
              .select('g.id')
              .whereRef('g.tenant_id', '=', 'users.tenant_id')
              .whereRef('g.user_id', '=', 'users.id')
              .where('g.role', 'in', OWNING_ROLES),
          )
          .as('may_own'),
      ])
      .where('users.tenant_id', '=', tenantId)
      .where('users.disabled_at', 'is', null)
      .execute(),
  ]);
  return {
    units: new Map(units.map((u) => [u.code, u.id])),
    bodies: new Map(bodies.map((b) => [b.code, b.id])),
    users: new Map(users.map((u) => [u.username, { id: u.id, mayOwn: Boolean(u.may_own) }])),
  };
}

export function findProgrammeByCode(db: Q, tenantId: TenantId, code: string) {
  return db
    .selectFrom('programmes')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('code', '=', code)
    .executeTakeFirst();
}

export function findProgramme(db: Q, tenantId: TenantId, id: string) {
  return db
    .selectFrom('programmes')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function coursesByCodes(db: Q, tenantId: TenantId, codes: string[]) {
  if (codes.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('courses')
    .select(['id', 'code', 'programme_id'])
    .where('tenant_id', '=', tenantId)
    .where('code', 'in', codes)
    .execute();
}

export function programmeCourses(db: Q, tenantId: TenantId, programmeId: string) {
  return db
    .selectFrom('courses')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('programme_id', '=', programmeId)
    .orderBy('position')
    .execute();
}

/** How many completions (of any status) each course has: a course with any cannot be removed. */
export async function completionCounts(db: Q, tenantId: TenantId, courseIds: string[]) {
  if (courseIds.length === 0) return new Map<string, number>();
  const rows = await db
    .selectFrom('completions')
    .select(['course_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('tenant_id', '=', tenantId)
    .where('course_id', 'in', courseIds)
    .groupBy('course_id')
    .execute();
  return new Map(rows.map((row) => [row.course_id, Number(row.n)]));
}

export function programmeTargets(db: Q, tenantId: TenantId, programmeId: string) {
  return db
    .selectFrom('targets')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('programme_id', '=', programmeId)
    .orderBy('position')
    .execute();
}

export async function targetCourseIds(db: Q, tenantId: TenantId, targetIds: string[]) {
  if (targetIds.length === 0) return new Map<string, string[]>();
  const rows = await db
    .selectFrom('target_courses')
    .select(['target_id', 'course_id'])
    .where('tenant_id', '=', tenantId)
    .where('target_id', 'in', targetIds)
    .execute();
  const map = new Map<string, string[]>();
  for (const row of rows)
    map.set(row.target_id, [...(map.get(row.target_id) ?? []), row.course_id]);
  return map;
}

export interface ProgressRow {
  /**
   * single: people placed in exactly one unit, counted per unit; multi: one row per unit of a
   * person placed in several; body: distinct people per political body; whole: distinct people
   * in the whole audience. `month` is when they completed (null: not yet).
   */
  part: 'single' | 'multi' | 'body' | 'whole';
  node_id: string | null;
  person_id: string | null;
  month: string | null;
  n: number;
}

/**
 * One target's progress, set-wise and without fanning out over the tree: who is in the audience
 * on `asOf` (open, not exempt assignments, with an employment or seat in force), who has
 * completed every required course (the latest still valid where a course must be renewed), and
 * counts per unit, per political body and for the whole. The service rolls the units up the tree
 * (`rollUpTallies`); only people placed in several units come back one by one.
 */
export async function targetProgressRows(
  db: Q,
  input: {
    tenantId: TenantId;
    programmeId: string;
    targetId: string;
    /** How many courses the target requires (all must be done). */
    requiredCourses: number;
    population: 'all' | 'employees' | 'elected_officials';
    asOf: string;
  },
): Promise<ProgressRow[]> {
  const { tenantId, programmeId, targetId, requiredCourses, population, asOf } = input;
  const result = await sql<ProgressRow>`
    WITH audience AS (
      SELECT DISTINCT person_id FROM assignments
      WHERE tenant_id = ${tenantId} AND programme_id = ${programmeId}
        AND assigned_on <= ${asOf}::date AND (ended_on IS NULL OR ended_on > ${asOf}::date)
        AND exempted_at IS NULL
    ),
    required AS (
      SELECT tc.course_id, c.valid_for_months
      FROM target_courses tc JOIN courses c ON c.tenant_id = tc.tenant_id AND c.id = tc.course_id
      WHERE tc.tenant_id = ${tenantId} AND tc.target_id = ${targetId}
    ),
    per_course AS (
      SELECT c.person_id, c.course_id, min(c.completed_on) AS first_valid
      FROM completions c JOIN required r ON r.course_id = c.course_id
      WHERE c.tenant_id = ${tenantId} AND ${countsOn('c', 'r.valid_for_months', asOf)}
      GROUP BY c.person_id, c.course_id
    ),
    -- month is null until every required course is done (no HAVING: the planner would take
    -- this for one row and loop over it for every person).
    done AS (
      SELECT person_id, CASE WHEN count(*) = ${requiredCourses}
        THEN to_char(max(first_valid), 'YYYY-MM') END AS month
      FROM per_course GROUP BY person_id
    ),
    placed AS (
      SELECT DISTINCT e.person_id, e.unit_id
      FROM audience a
      JOIN employments e ON e.tenant_id = ${tenantId} AND e.person_id = a.person_id
        AND e.start_date <= ${asOf}::date AND (e.end_date IS NULL OR e.end_date >= ${asOf}::date)
      WHERE ${population} <> 'elected_officials'
    ),
    placements AS (
      SELECT person_id, unit_id, count(*) OVER (PARTITION BY person_id) AS units FROM placed
    ),
    seated AS (
      SELECT DISTINCT s.person_id, s.body_id
      FROM audience a
      JOIN seats s ON s.tenant_id = ${tenantId} AND s.person_id = a.person_id
        AND s.term_start <= ${asOf}::date AND (s.term_end IS NULL OR s.term_end >= ${asOf}::date)
      WHERE ${population} <> 'employees'
    )
    SELECT 'single' AS part, p.unit_id AS node_id, NULL::uuid AS person_id, d.month,
      count(*)::int AS n
    FROM placements p LEFT JOIN done d ON d.person_id = p.person_id
    WHERE p.units = 1
    GROUP BY p.unit_id, d.month
    UNION ALL
    SELECT 'multi', p.unit_id, p.person_id, d.month, 1
    FROM placements p LEFT JOIN done d ON d.person_id = p.person_id
    WHERE p.units > 1
    UNION ALL
    SELECT 'body', s.body_id, NULL, d.month, count(*)::int
    FROM seated s LEFT JOIN done d ON d.person_id = s.person_id
    GROUP BY s.body_id, d.month
    UNION ALL
    SELECT 'whole', NULL, NULL, d.month, count(*)::int
    FROM (SELECT person_id FROM placed UNION SELECT person_id FROM seated) w
    LEFT JOIN done d ON d.person_id = w.person_id
    GROUP BY d.month
  `.execute(db);
  return result.rows.map((row) => ({ ...row, n: Number(row.n) }));
}

/** Units and political bodies with what the dashboard shows of them (no people). */
export async function progressNodes(db: Q, tenantId: TenantId) {
  const [units, bodies] = await Promise.all([
    db
      .selectFrom('org_units')
      .select(['id', 'code', 'name', 'kind', 'parent_id'])
      .where('tenant_id', '=', tenantId)
      .execute(),
    db
      .selectFrom('political_bodies')
      .select(['id', 'code', 'name', 'kind'])
      .where('tenant_id', '=', tenantId)
      .execute(),
  ]);
  return { units, bodies };
}

/** Programmes, newest first; drafts only all of them or those listed (the caller's own). */
export function listProgrammes(
  db: Q,
  tenantId: TenantId,
  asOf: string,
  drafts: 'all' | readonly string[],
) {
  return db
    .selectFrom('programmes as p')
    .innerJoin('political_bodies as b', 'b.id', 'p.decision_body_id')
    .select([
      'p.id',
      'p.code',
      'p.name',
      'p.topic',
      'p.status',
      'p.period_start',
      'p.period_end',
      'p.decision_date',
      'p.decision_reference',
      'b.name as body_name',
      (eb) =>
        eb
          .selectFrom('assignments as a')
          .select((a) => a.fn.countAll<string>().as('n'))
          .whereRef('a.programme_id', '=', 'p.id')
          .where('a.tenant_id', '=', tenantId)
          .where('a.assigned_on', '<=', asOf)
          .where('a.ended_on', 'is', null)
          .where('a.exempted_at', 'is', null)
          .as('assigned'),
    ])
    .where('p.tenant_id', '=', tenantId)
    .$if(drafts !== 'all', (q) =>
      q.where((eb) =>
        eb.or([
          eb('p.status', '!=', 'draft'),
          ...(drafts.length ? [isAnyOf('p.id', drafts as readonly string[])] : []),
        ]),
      ),
    )
    .orderBy('p.period_start', 'desc')
    .execute();
}

export async function unitName(db: Q, tenantId: TenantId, unitId: string) {
  const row = await db
    .selectFrom('org_units')
    .select('name')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', unitId)
    .executeTakeFirst();
  return row?.name ?? null;
}

export async function setProgrammeStatus(
  trx: Tx,
  tenantId: TenantId,
  programmeId: string,
  status: 'draft' | 'active' | 'ended',
  at: Date,
) {
  await trx
    .updateTable('programmes')
    .set({ status, updated_at: at })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', programmeId)
    .execute();
}

export function openAssignment(trx: Tx, tenantId: TenantId, programmeId: string, personId: string) {
  return trx
    .selectFrom('assignments')
    .select(['id', 'exempt_reason'])
    .where('tenant_id', '=', tenantId)
    .where('programme_id', '=', programmeId)
    .where('person_id', '=', personId)
    .where('ended_on', 'is', null)
    .executeTakeFirst();
}

export async function setExemption(
  trx: Tx,
  tenantId: TenantId,
  assignmentId: string,
  exemption: { reason: string | null; by: string | null; at: Date | null },
) {
  await trx
    .updateTable('assignments')
    .set({
      exempt_reason: exemption.reason,
      exempted_by: exemption.by,
      exempted_at: exemption.at,
    })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', assignmentId)
    .execute();
}

/**
 * The people of a unit's subtree holding an open assignment of the programme, with how many of
 * its courses each has completed (still valid on `asOf`). One query for the whole subtree.
 */
export async function programmePeople(
  db: Q,
  input: { tenantId: TenantId; programmeId: string; unitId: string; asOf: string },
) {
  const { tenantId, programmeId, unitId, asOf } = input;
  const result = await sql<{
    id: string;
    first_name: string;
    last_name: string;
    unit_name: string;
    due_on: string | null;
    exempt_reason: string | null;
    courses_done: number;
    last_completed_on: string | null;
  }>`
    WITH RECURSIVE sub AS (
      SELECT id FROM org_units WHERE tenant_id = ${tenantId} AND id = ${unitId}
      UNION ALL
      SELECT u.id FROM org_units u JOIN sub ON u.parent_id = sub.id WHERE u.tenant_id = ${tenantId}
    ),
    valid AS (
      SELECT c.person_id, count(DISTINCT c.course_id)::int AS n,
        max(c.completed_on)::text AS last_completed_on
      FROM completions c JOIN courses co ON co.tenant_id = c.tenant_id AND co.id = c.course_id
      WHERE c.tenant_id = ${tenantId} AND co.programme_id = ${programmeId} AND NOT co.for_trainers
        AND ${countsOn('c', 'co.valid_for_months', asOf)}
      GROUP BY c.person_id
    )
    SELECT DISTINCT ON (p.id) p.id, p.first_name, p.last_name, ou.name AS unit_name, a.due_on,
      a.exempt_reason, coalesce(valid.n, 0) AS courses_done, valid.last_completed_on
    FROM assignments a
    JOIN people p ON p.tenant_id = a.tenant_id AND p.id = a.person_id
    JOIN employments e ON e.tenant_id = a.tenant_id AND e.person_id = a.person_id
      AND e.start_date <= ${asOf}::date AND (e.end_date IS NULL OR e.end_date >= ${asOf}::date)
    JOIN sub ON sub.id = e.unit_id
    JOIN org_units ou ON ou.tenant_id = e.tenant_id AND ou.id = e.unit_id
    LEFT JOIN valid ON valid.person_id = a.person_id
    WHERE a.tenant_id = ${tenantId} AND a.programme_id = ${programmeId} AND a.ended_on IS NULL
    ORDER BY p.id
  `.execute(db);
  return result.rows.map((row) => ({ ...row, courses_done: Number(row.courses_done) }));
}

export function activeProgrammes(db: Q, tenantId: TenantId) {
  return db
    .selectFrom('programmes')
    .select(['id', 'code', 'name', 'audience'])
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'active')
    .orderBy('name')
    .execute();
}

/** The tenant's data version (see migration 0003): 0 until the first change. */
export async function dataVersion(db: Q, tenantId: TenantId): Promise<number> {
  const row = await db
    .selectFrom('data_versions')
    .select('version')
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  return Number(row?.version ?? 0);
}

export async function deleteAssignmentsOf(
  trx: Tx,
  tenantId: TenantId,
  personIds: readonly string[],
) {
  if (personIds.length === 0) return;
  await trx
    .deleteFrom('assignments')
    .where('tenant_id', '=', tenantId)
    .where(isAnyOf('person_id', personIds))
    .execute();
}

/** Every municipality, for the daily run. */
export function tenantIds(db: Q) {
  return db.selectFrom('tenants').select('id').execute();
}

/** The courses of the programmes that are not drafts (not for trainers), by programme. */
export function reusableCourses(db: Q, tenantId: TenantId) {
  return db
    .selectFrom('courses as c')
    .innerJoin('programmes as p', (j) =>
      j.onRef('p.id', '=', 'c.programme_id').onRef('p.tenant_id', '=', 'c.tenant_id'),
    )
    .select([
      'p.name as programme',
      'c.code',
      'c.name',
      'c.kind',
      'c.provider',
      'c.url',
      'c.evidence',
      'c.approval',
    ])
    .where('c.tenant_id', '=', tenantId)
    .where('p.status', '!=', 'draft')
    .where('c.for_trainers', '=', false)
    .orderBy('p.name')
    .orderBy('c.position')
    .execute();
}
