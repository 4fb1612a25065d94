import { sql } from 'kysely';
import { DEMO_PASSWORD } from '../../src/server/features/demo/generator.ts';
import type { BenchContext } from '../context.ts';
import { measure, type Measurement } from '../measure.ts';
import type { ServerProcess } from '../server.ts';

/** The people the list is timed for besides the whole municipality (the 5,000). */
const NODE_PEOPLE = 5000;

export interface MissingTarget {
  programmeId: string;
  assigned: number;
  /** The unit whose subtree's assigned people come closest to NODE_PEOPLE. */
  node: { id: string; name: string; people: number };
}

/** What scenario 8 asks for, read before the database goes to the server process. */
export async function missingSetup(context: BenchContext): Promise<MissingTarget> {
  const { db, tenantId, today } = context;
  const programme = await db
    .selectFrom('programmes')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('code', '=', 'VNR-2025')
    .executeTakeFirstOrThrow();
  const units = await db
    .selectFrom('org_units')
    .select(['id', 'name', 'parent_id'])
    .where('tenant_id', '=', tenantId)
    .execute();
  const own = await sql<{ unit_id: string; n: number }>`
    SELECT e.unit_id, count(DISTINCT a.person_id)::int AS n
    FROM assignments a JOIN employments e ON e.tenant_id = a.tenant_id AND e.person_id = a.person_id
      AND e.start_date <= ${today}::date AND (e.end_date IS NULL OR e.end_date >= ${today}::date)
    WHERE a.tenant_id = ${tenantId} AND a.programme_id = ${programme.id} AND a.ended_on IS NULL
    GROUP BY e.unit_id`.execute(db);
  const subtree = new Map<string, number>();
  const parent = new Map(units.map((u) => [u.id, u.parent_id]));
  for (const row of own.rows)
    for (let at: string | null | undefined = row.unit_id; at; at = parent.get(at))
      subtree.set(at, (subtree.get(at) ?? 0) + Number(row.n));
  const closest = units
    .map((u) => ({ id: u.id, name: u.name, people: subtree.get(u.id) ?? 0 }))
    .sort((a, b) => Math.abs(a.people - NODE_PEOPLE) - Math.abs(b.people - NODE_PEOPLE))[0];
  if (!closest) throw new Error('no unit for the missing list');
  const assigned = await db
    .selectFrom('assignments')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('tenant_id', '=', tenantId)
    .where('programme_id', '=', programme.id)
    .where('ended_on', 'is', null)
    .executeTakeFirstOrThrow();
  return { programmeId: programme.id, assigned: Number(assigned.n), node: closest };
}

/**
 * Scenario 8: who is missing, person by person, from request to last byte against the server
 * process (with the production heap limit, so the stream's memory is bounded by construction):
 * the whole municipality and one node of about 5,000, as CSV, XLSX and the web page's first page.
 */
export async function missingScenario(
  options: BenchContext['options'],
  server: ServerProcess,
  target: MissingTarget,
) {
  const cookie = await server.login('strateg', DEMO_PASSWORD);
  const base = `/api/programmes/${target.programmeId}/missing`;
  const { runs, warmup } = options;
  const wholeCsv = await fetch(`${server.url}${base}/export?format=csv`, { headers: { cookie } });
  const lines = (await wholeCsv.text()).trim().split('\r\n').length - 1;
  const people = target.assigned.toLocaleString('en');
  const nodePeople = target.node.people.toLocaleString('en');
  const measurements: Measurement[] = [
    await measure(
      '8 who is missing',
      `CSV, whole municipality (${people} people), request to last byte`,
      () => server.bytes(`${base}/export?format=csv`, cookie),
      { runs, warmup, targetMs: 1000 },
    ),
    await measure(
      '8 who is missing',
      `CSV, one node (${target.node.name}, ${nodePeople} people), request to last byte`,
      () => server.bytes(`${base}/export?format=csv&node=${target.node.id}`, cookie),
      { runs, warmup, targetMs: 100 },
    ),
    await measure(
      '8 who is missing',
      `XLSX, whole municipality (${people} people)`,
      () => server.bytes(`${base}/export?format=xlsx`, cookie),
      { runs, warmup },
    ),
    await measure(
      '8 who is missing',
      `web page: first 100 of ${people} with every status counted`,
      () => server.bytes(`${base}?limit=100`, cookie),
      { runs, warmup },
    ),
  ];
  for (const m of measurements) m.peakRssMb = server.peakRssMb() ?? 0;
  return {
    measurements,
    check: { assigned: target.assigned, csvRows: lines, node: target.node },
  };
}
