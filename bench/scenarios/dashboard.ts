import { sql } from 'kysely';
import type { ProgrammeProgress } from '../../src/contracts/programmes.ts';
import type { App } from '../../src/server/http/route-types.ts';
import type { BenchContext } from '../context.ts';
import { measure } from '../measure.ts';

interface BareRow {
  kind: 'unit' | 'body' | null;
  node_id: string | null;
  eligible: number;
  completed: number;
}

/**
 * The same figures straight from SQL, with no application code: distinct people per unit (fanned
 * out to every ancestor), per political body and in the whole audience, and how many of them
 * have completed every required course. The reference the API is checked against.
 */
async function bareSql(context: BenchContext, programmeId: string, targetId: string) {
  const { db, tenantId, today } = context;
  const result = await sql<BareRow>`
    WITH RECURSIVE tree AS (
      SELECT id AS unit_id, id AS node_id, parent_id FROM org_units WHERE tenant_id = ${tenantId}
      UNION ALL
      SELECT tree.unit_id, u.id, u.parent_id
      FROM tree JOIN org_units u ON u.tenant_id = ${tenantId} AND u.id = tree.parent_id
    ),
    target AS (SELECT population FROM targets WHERE id = ${targetId}),
    audience AS (
      SELECT DISTINCT person_id FROM assignments
      WHERE tenant_id = ${tenantId} AND programme_id = ${programmeId}
        AND assigned_on <= ${today}::date AND (ended_on IS NULL OR ended_on > ${today}::date)
        AND exempted_at IS NULL
    ),
    required AS (
      SELECT tc.course_id, c.valid_for_months FROM target_courses tc
      JOIN courses c ON c.id = tc.course_id WHERE tc.target_id = ${targetId}
    ),
    valid AS (
      SELECT DISTINCT c.person_id, c.course_id FROM completions c
      JOIN required r ON r.course_id = c.course_id
      WHERE c.tenant_id = ${tenantId} AND c.status = 'accepted' AND c.voided_at IS NULL
        AND c.completed_on <= ${today}::date
        AND (r.valid_for_months IS NULL
          OR (c.completed_on + make_interval(months => r.valid_for_months))::date > ${today}::date)
    ),
    done AS (
      SELECT person_id FROM valid GROUP BY person_id
      HAVING count(*) = (SELECT count(*) FROM required)
    ),
    members AS (
      SELECT 'unit'::text AS kind, tree.node_id, e.person_id
      FROM audience a
      JOIN employments e ON e.tenant_id = ${tenantId} AND e.person_id = a.person_id
        AND e.start_date <= ${today}::date AND (e.end_date IS NULL OR e.end_date >= ${today}::date)
      JOIN tree ON tree.unit_id = e.unit_id
      WHERE (SELECT population FROM target) <> 'elected_officials'
      UNION ALL
      SELECT 'body', s.body_id, s.person_id
      FROM audience a
      JOIN seats s ON s.tenant_id = ${tenantId} AND s.person_id = a.person_id
        AND s.term_start <= ${today}::date AND (s.term_end IS NULL OR s.term_end >= ${today}::date)
      WHERE (SELECT population FROM target) <> 'employees'
    )
    SELECT kind, node_id, count(DISTINCT person_id)::int AS eligible,
      count(DISTINCT person_id) FILTER (WHERE person_id IN (SELECT person_id FROM done))::int
        AS completed
    FROM members GROUP BY GROUPING SETS ((kind, node_id), ())
  `.execute(db);
  return result.rows;
}

/** Where the API's figures and the bare SQL's differ (empty: they agree everywhere). */
function compare(progress: ProgrammeProgress, bare: Map<string, BareRow[]>): string[] {
  const problems: string[] = [];
  for (const target of progress.targets) {
    const rows = bare.get(target.code) ?? [];
    const byNode = new Map(rows.map((r) => [r.node_id ?? 'whole', r]));
    const whole = byNode.get('whole');
    if (whole?.eligible !== target.overall.eligible || whole.completed !== target.overall.completed)
      problems.push(
        `${target.code} whole: api ${target.overall.eligible}/${target.overall.completed}, sql ${whole?.eligible}/${whole?.completed}`,
      );
    const withPeople = rows.filter((r) => r.node_id !== null && r.eligible > 0);
    if (withPeople.length !== target.nodes.length)
      problems.push(`${target.code}: api ${target.nodes.length} nodes, sql ${withPeople.length}`);
    for (const node of target.nodes) {
      const row = byNode.get(node.id);
      if (row?.eligible !== node.eligible || row.completed !== node.completed)
        problems.push(
          `${target.code} ${node.code}: api ${node.eligible}/${node.completed}, sql ${row?.eligible}/${row?.completed}`,
        );
    }
  }
  return problems;
}

/**
 * Moves the bench municipality's data version, as any change does: every cached figure of it is
 * stale, so the next reader computes.
 */
export async function emptyFigureCaches({ db, tenantId }: BenchContext) {
  await db
    .updateTable('data_versions')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('tenant_id', '=', tenantId)
    .execute();
}

/**
 * Scenario 4: one programme's full roll-up (every target, every node) through the HTTP API —
 * computed (the cache emptied before each run) and as most readers get it (cached) — and the same
 * figures from bare SQL, with their ratio and a check that both say the same.
 */
export async function dashboardScenario(context: BenchContext, app: App, cookie: string) {
  const { db, tenantId } = context;
  const programme = await db
    .selectFrom('programmes')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('code', '=', 'VNR-2025')
    .executeTakeFirstOrThrow();
  const targets = await db
    .selectFrom('targets')
    .select(['id', 'code'])
    .where('programme_id', '=', programme.id)
    .execute();
  const url = `/api/programmes/${programme.id}/progress?at=${context.today}&node=all`;
  // The answer as it leaves the server; the client's parse of 1.5 MB is not the server's time.
  let payload = '';
  const get = async () => {
    const response = await app.inject({ method: 'GET', url, headers: { cookie } });
    if (response.statusCode !== 200) throw new Error(`dashboard answered ${response.statusCode}`);
    payload = response.payload;
  };
  const { runs, warmup } = context.options;
  const cold = await measure('4 dashboard', 'API, every node, computed (cache emptied)', get, {
    runs,
    warmup,
    before: () => emptyFigureCaches(context),
  });
  // In the bench's process, whose heap holds the generated municipality: the target is checked
  // against the server process (scenario 5 measures the same request there).
  const warm = await measure('4 dashboard', 'API, every node, as readers get it (cached)', get, {
    runs,
    warmup,
  });
  const page = await measure(
    '4 dashboard',
    'API, one level as the page asks (cached)',
    async () => {
      const response = await app.inject({
        method: 'GET',
        url: `/api/programmes/${programme.id}/progress?at=${context.today}`,
        headers: { cookie },
      });
      if (response.statusCode !== 200) throw new Error(`dashboard answered ${response.statusCode}`);
    },
    { runs, warmup },
  );
  const bare = new Map<string, BareRow[]>();
  const sqlOnly = await measure(
    '4 dashboard',
    'bare SQL, same figures',
    async () => {
      for (const target of targets)
        bare.set(target.code, await bareSql(context, programme.id, target.id));
    },
    { runs, warmup },
  );
  const progress = payload ? (JSON.parse(payload) as ProgrammeProgress) : null;
  if (!progress) throw new Error('no dashboard answer');
  const ratio = Math.round((cold.median / Math.max(sqlOnly.median, 0.1)) * 100) / 100;
  cold.note = `${ratio}× the bare SQL`;
  return {
    measurements: [cold, warm, page, sqlOnly],
    ratio,
    mismatches: compare(progress, bare),
    nodes: progress.targets.reduce((sum, t) => sum + t.nodes.length, 0),
    bytes: JSON.stringify(progress).length,
  };
}
