import { seedDemo } from '../../src/server/features/demo/seed.ts';
import type { App } from '../../src/server/http/route-types.ts';
import type { BenchContext } from '../context.ts';
import { measure, peakRssMb, type Measurement } from '../measure.ts';
import { emptyFigureCaches } from './dashboard.ts';

export const MUNICIPALITIES = 290;

/**
 * Employees per municipality: the largest first, then a long tail (as in Sweden, where most
 * municipalities have one to five thousand employees); about 900,000 in all, a million people
 * with the elected officials.
 */
export function nationalSizes(largest: number, count = MUNICIPALITIES): number[] {
  return Array.from({ length: count }, (_, i) =>
    Math.max(Math.round(largest / 56), Math.round(largest / (i + 1) ** 0.7)),
  );
}

/**
 * Scenario 6 (PostgreSQL): the other municipalities (289 of 290) join the database, and the
 * first one's dashboard is measured again: one service for the whole country must not slow one
 * municipality down. Printed as the ratio to the single-municipality figure.
 */
export async function nationalScenario(
  context: BenchContext,
  app: App,
  cookie: string,
  single: { cold: Measurement; warm: Measurement },
) {
  const { municipalities } = context.options;
  const sizes = nationalSizes(context.options.employees, municipalities).slice(1);
  const started = performance.now();
  let people = context.options.employees;
  for (const [i, employees] of sizes.entries()) {
    const code = `k${String(i + 2).padStart(3, '0')}`;
    await seedDemo(context.db, {
      employees,
      seed: context.options.seed + i + 1,
      referenceDate: context.today,
      tenant: { code, name: `Kommun ${i + 2}` },
    });
    people += employees;
  }
  const seedMs = Math.round(performance.now() - started);
  const programme = await context.db
    .selectFrom('programmes')
    .select('id')
    .where('tenant_id', '=', context.tenantId)
    .where('code', '=', 'VNR-2025')
    .executeTakeFirstOrThrow();
  const url = `/api/programmes/${programme.id}/progress?at=${context.today}&node=all`;
  const get = async () => {
    const response = await app.inject({ method: 'GET', url, headers: { cookie } });
    if (response.statusCode !== 200) throw new Error(`dashboard answered ${response.statusCode}`);
  };
  const { runs, warmup } = context.options;
  const among = `one municipality among ${municipalities}`;
  const cold = await measure('6 national', `${among}, computed`, get, {
    runs,
    warmup,
    before: () => emptyFigureCaches(context),
  });
  const warm = await measure('6 national', `${among}, cached`, get, { runs, warmup });
  const coldRatio = Math.round((cold.median / Math.max(single.cold.median, 0.1)) * 100) / 100;
  const warmRatio = Math.round((warm.median / Math.max(single.warm.median, 0.1)) * 100) / 100;
  cold.note = `${coldRatio}× the single-municipality run`;
  warm.note = `${warmRatio}× the single-municipality run`;
  const seeding: Measurement = {
    scenario: '6 national',
    name: `seed ${sizes.length} more municipalities (${people.toLocaleString('en')} employees in all)`,
    runs: [seedMs],
    median: seedMs,
    p95: seedMs,
    peakRssMb: peakRssMb(),
    note: 'one run',
  };
  return { measurements: [seeding, cold, warm], employees: people, coldRatio, warmRatio };
}
