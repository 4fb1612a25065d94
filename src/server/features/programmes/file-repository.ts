import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { TenantId } from '../../../domain/ids.ts';
import type { Db } from '../../db/connection.ts';
import type { Tx } from '../../db/transaction.ts';

type Q = Db | Tx;

/**
 * Everything a programme's file holds, as stored: the programme with its decision body's code,
 * its owners' account names, its courses (modules, prerequisites' codes) and targets (courses'
 * codes) in their order, and the codes of every unit and body its audience may name.
 */
export async function programmeForFile(q: Q, tenantId: TenantId, programmeId: string) {
  const programme = await q
    .selectFrom('programmes as p')
    .innerJoin('political_bodies as b', (j) =>
      j.onRef('b.id', '=', 'p.decision_body_id').onRef('b.tenant_id', '=', 'p.tenant_id'),
    )
    .select([
      'p.code',
      'p.name',
      'p.topic',
      'p.description',
      'b.code as decision_body',
      'p.decision_date',
      'p.decision_reference',
      'p.period_start',
      'p.period_end',
      'p.status',
      'p.audience',
      'p.due',
    ])
    .where('p.tenant_id', '=', tenantId)
    .where('p.id', '=', programmeId)
    .executeTakeFirstOrThrow();
  const [owners, courses, targets, units, bodies] = await Promise.all([
    q
      .selectFrom('programme_owners as o')
      .innerJoin('users as u', (j) =>
        j.onRef('u.id', '=', 'o.user_id').onRef('u.tenant_id', '=', 'o.tenant_id'),
      )
      .select('u.username')
      .where('o.tenant_id', '=', tenantId)
      .where('o.programme_id', '=', programmeId)
      .orderBy('u.username')
      .execute(),
    q
      .selectFrom('courses as c')
      .select((eb) => [
        'c.code',
        'c.name',
        'c.kind',
        'c.provider',
        'c.url',
        'c.level',
        'c.valid_for_months',
        'c.evidence',
        'c.approval',
        'c.for_trainers',
        'c.session_capacity',
        jsonArrayFrom(
          eb
            .selectFrom('course_modules as m')
            .select(['m.code', 'm.name'])
            .whereRef('m.tenant_id', '=', 'c.tenant_id')
            .whereRef('m.course_id', '=', 'c.id')
            .orderBy('m.position'),
        ).as('modules'),
        jsonArrayFrom(
          eb
            .selectFrom('course_prerequisites as r')
            .innerJoin('courses as rc', (j) =>
              j
                .onRef('rc.id', '=', 'r.requires_course_id')
                .onRef('rc.tenant_id', '=', 'r.tenant_id'),
            )
            .select('rc.code')
            .whereRef('r.tenant_id', '=', 'c.tenant_id')
            .whereRef('r.course_id', '=', 'c.id')
            .orderBy('rc.position'),
        ).as('requires'),
      ])
      .where('c.tenant_id', '=', tenantId)
      .where('c.programme_id', '=', programmeId)
      .orderBy('c.position')
      .execute(),
    q
      .selectFrom('targets as t')
      .select((eb) => [
        't.code',
        't.name',
        't.percent',
        't.by_date',
        't.population',
        't.scope_level',
        jsonArrayFrom(
          eb
            .selectFrom('target_courses as tc')
            .innerJoin('courses as c', (j) =>
              j.onRef('c.id', '=', 'tc.course_id').onRef('c.tenant_id', '=', 'tc.tenant_id'),
            )
            .select('c.code')
            .whereRef('tc.tenant_id', '=', 't.tenant_id')
            .whereRef('tc.target_id', '=', 't.id')
            .orderBy('c.position'),
        ).as('courses'),
      ])
      .where('t.tenant_id', '=', tenantId)
      .where('t.programme_id', '=', programmeId)
      .orderBy('t.position')
      .execute(),
    q.selectFrom('org_units').select(['id', 'code']).where('tenant_id', '=', tenantId).execute(),
    q
      .selectFrom('political_bodies')
      .select(['id', 'code'])
      .where('tenant_id', '=', tenantId)
      .execute(),
  ]);
  return {
    programme,
    owners: owners.map((o) => o.username),
    courses,
    targets,
    unitCodes: new Map(units.map((u) => [u.id, u.code])),
    bodyCodes: new Map(bodies.map((b) => [b.id, b.code])),
  };
}
