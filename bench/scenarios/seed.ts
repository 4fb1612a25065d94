import { seedDemo, type SeedResult } from '../../src/server/features/demo/seed.ts';
import type { Db } from '../../src/server/db/connection.ts';
import { peakRssMb, type Measurement } from '../measure.ts';

/**
 * Scenario 1: the demo municipality (units, people, political bodies, seats, the five programmes
 * with their history). Measured once: it builds the data every other scenario uses.
 */
export async function seedScenario(
  db: Db,
  employees: number,
  seed: number,
  today: string,
): Promise<{ measurement: Measurement; result: SeedResult }> {
  const started = performance.now();
  const result = await seedDemo(db, { employees, seed, referenceDate: today });
  const ms = Math.round(performance.now() - started);
  return {
    result,
    measurement: {
      scenario: '1 seed',
      name: `seed ${employees.toLocaleString('en')} employees`,
      runs: [ms],
      median: ms,
      p95: ms,
      peakRssMb: peakRssMb(),
      note: 'one run',
    },
  };
}
