import { Readable } from 'node:stream';
import { createRandom } from '../../src/server/features/demo/random.ts';
import { createImportService } from '../../src/server/features/imports/service.ts';
import type { BenchContext } from '../context.ts';
import { measure, type Measurement } from '../measure.ts';

const HEADER = 'anställningsnummer;förnamn;efternamn;e-post;enhetskod;befattning;chef;startdatum';

/** The tenant's active workforce as an HR system exports it. */
async function exportWorkforce(context: BenchContext) {
  return context.db
    .selectFrom('employments as e')
    .innerJoin('people as p', 'p.id', 'e.person_id')
    .innerJoin('org_units as u', 'u.id', 'e.unit_id')
    .select([
      'p.employee_number',
      'p.first_name',
      'p.last_name',
      'p.email',
      'u.code',
      'e.title',
      'e.is_manager',
      'e.start_date',
    ])
    .where('e.tenant_id', '=', context.tenantId)
    .where('e.end_date', 'is', null)
    .where('p.employee_number', 'is not', null)
    .orderBy('p.employee_number')
    .execute();
}

/**
 * The next export: 2 % leavers, 3 % movers to another unit, 2 % joiners (deterministic). Returns
 * the CSV and how many of each it holds.
 */
export async function nextExport(context: BenchContext) {
  const rows = await exportWorkforce(context);
  const random = createRandom(context.options.seed ^ 0x1e7);
  const units = [...new Set(rows.map((r) => r.code))].sort();
  const lines: string[] = [];
  const counts = { leavers: 0, movers: 0, joiners: 0, total: rows.length };
  const seen = new Set<string>();
  for (const row of rows) {
    // A person with two employments appears twice: keep their first one only.
    if (seen.has(row.employee_number ?? '')) continue;
    seen.add(row.employee_number ?? '');
    const x = random.next();
    if (x < 0.02) {
      counts.leavers += 1;
      continue;
    }
    let unit = row.code;
    if (x < 0.05) {
      const other = random.pick(units);
      if (other !== unit) {
        unit = other;
        counts.movers += 1;
      }
    }
    lines.push(
      [
        row.employee_number,
        row.first_name,
        row.last_name,
        row.email ?? '',
        unit,
        row.title,
        row.is_manager ? 'ja' : 'nej',
        row.start_date,
      ].join(';'),
    );
  }
  const joiners = Math.round(rows.length * 0.02);
  for (let i = 0; i < joiners; i++) {
    lines.push(
      [
        `B${String(i).padStart(6, '0')}`,
        'Ny',
        `Medarbetare ${i}`,
        '',
        random.pick(units),
        'Undersköterska',
        'nej',
        context.today,
      ].join(';'),
    );
  }
  counts.joiners = joiners;
  return { csv: [HEADER, ...lines].join('\n'), counts };
}

/**
 * Scenario 2: a full HR export of every employee — preview, apply with 2 % joiners, 3 % movers
 * and 2 % leavers (undone between runs, outside the clock), and the same file again.
 */
export async function peopleImportScenario(context: BenchContext) {
  const imports = createImportService(context.db, () => new Date(`${context.today}T12:00:00Z`));
  const actor = { tenantId: context.tenantId, userId: null, label: 'bench' };
  const { csv, counts } = await nextExport(context);
  const input = (text: string) => ({
    kind: 'people' as const,
    fileName: 'hr.csv',
    source: Readable.from([text]),
    mode: 'full' as const,
    confirmLeavers: true,
    profile: {},
  });
  const { runs, warmup } = context.options;
  const preview = await imports.preview(actor, input(csv));
  const measurements: Measurement[] = [
    await measure('2 people import', 'preview', () => imports.preview(actor, input(csv)), {
      runs,
      warmup,
      targetMs: 3000,
    }),
  ];
  let applied = false;
  measurements.push(
    await measure(
      '2 people import',
      'apply (2 % joiners, 3 % movers, 2 % leavers)',
      async () => {
        await imports.apply(actor, input(csv));
        applied = true;
      },
      {
        runs,
        warmup,
        targetMs: 5000,
        before: async () => {
          if (applied) await imports.undoLatest(actor);
          applied = false;
        },
      },
    ),
  );
  const again = await imports.preview(actor, input(csv));
  measurements.push(
    await measure(
      '2 people import',
      'the same file again (no changes)',
      () => imports.apply(actor, input(csv)),
      {
        runs,
        warmup,
      },
    ),
  );
  return { measurements, file: counts, preview: preview.counts, again: again.counts };
}
