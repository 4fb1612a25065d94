import { describe, expect, inject, it } from 'vitest';
import { BACKENDS } from '../test/helpers/db.ts';
import { formatTable, met, runBench } from './run.ts';
import { nationalSizes } from './scenarios/national.ts';

/**
 * The bench on a tiny municipality, so it never rots: it must run every scenario and produce
 * correct results. Timings are not asserted here (they are measured by `npm run bench`).
 */
describe.each(BACKENDS)('npm run bench (smoke) on %s', (backend) => {
  it(
    'runs every scenario on a tiny municipality and agrees with the bare SQL',
    { timeout: 120_000 },
    async () => {
      const result = await runBench(
        {
          employees: 250,
          runs: 1,
          warmup: 0,
          concurrencySeconds: 1,
          connections: [4],
          seed: 5,
          // On PostgreSQL, scenario 6 with three municipalities: sign-ins must name theirs.
          national: backend === 'postgres',
          municipalities: 3,
        },
        backend === 'postgres' ? inject('postgresUrl') : '',
      );
      expect(result.backend).toBe(backend);
      const scenarios = new Set(result.measurements.map((m) => m.scenario));
      expect([...scenarios]).toEqual([
        '1 seed',
        '2 people import',
        '3 assignment sync',
        '4 dashboard',
        '5 concurrency',
        '7 sessions',
        '8 who is missing',
        ...(backend === 'postgres' ? ['6 national'] : []),
      ]);
      const { checks } = result;
      expect(checks.seeded.employees).toBe(250);
      // The next export holds the planned joiners, movers and leavers, and the preview sees them.
      expect(checks.importPreview.created).toBe(checks.importFile.joiners);
      expect(checks.importPreview.ended).toBe(checks.importFile.leavers);
      expect(checks.importAgain).toMatchObject({ created: 0, updated: 0, ended: 0 });
      // Ten programmes, and the rule change really moved assignments.
      expect(checks.syncProgrammes).toBe(10);
      expect(checks.syncLastRuleChange.some((c) => c.assigned + c.ended > 0)).toBe(true);
      expect(checks.dashboardMismatches).toEqual([]);
      expect(checks.dashboardNodes).toBeGreaterThan(0);
      expect(checks.concurrency.every((c) => c.errors === 0 && c.requests > 0)).toBe(true);
      // The load ran against a server process of its own, whose memory was read.
      expect(checks.serverPeakRssMb).toBeGreaterThan(50);
      // Who is missing: the export holds every assigned person once.
      expect(checks.missing.csvRows).toBe(checks.missing.assigned);
      expect(checks.missing.node.people).toBeGreaterThan(0);
      // The booking rush: every request answered, never more seats taken than there are.
      const rush = checks.bookingRush;
      expect(rush).toMatchObject({ errors: 0, overbooked: [] });
      expect(rush.booked + rush.waiting).toBe(rush.requests);
      expect(rush.booked).toBeLessThanOrEqual(1000);
      if (backend === 'postgres') {
        expect(checks.national?.employees).toBe(nationalSizes(250, 3).reduce((a, b) => a + b, 0));
        expect(checks.national?.coldRatio).toBeGreaterThan(0);
        expect(result.measurements.map((m) => m.name)).toContain(
          'one municipality among 3, cached',
        );
      } else {
        expect(checks.national).toBeNull();
      }
      expect(formatTable(result)).toContain(
        '| 4 dashboard | API, every node, as readers get it (cached) |',
      );
    },
  );
});

describe('national scale', () => {
  it('plans 290 municipalities, the largest first, about a million people in all', () => {
    const sizes = nationalSizes(56_000);
    expect(sizes).toHaveLength(290);
    expect(sizes[0]).toBe(56_000);
    expect([...sizes].sort((a, b) => b - a)).toEqual(sizes);
    const total = sizes.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(800_000);
    expect(total).toBeLessThan(1_000_000);
  });
});

describe('a target', () => {
  const base = { scenario: '5', name: 'x', runs: [], median: 90, p95: 140, peakRssMb: 1 };
  it('is met by the figure it names and missed by any error', () => {
    expect(met({ ...base })).toBeNull();
    expect(met({ ...base, targetMs: 150, targetOn: 'p95' })).toBe(true);
    expect(met({ ...base, targetMs: 100, targetOn: 'p95' })).toBe(false);
    expect(met({ ...base, targetMs: 100 })).toBe(true);
    expect(met({ ...base, targetMs: 150, targetOn: 'p95', errors: 1 })).toBe(false);
  });
});
