import type { ProgrammeFile } from '../../src/contracts/programmes.ts';
import { exampleProgrammes } from '../../src/server/features/demo/programmes.ts';
import { applyProgrammeFile } from '../../src/server/features/programmes/apply.ts';
import { syncAssignments, type SyncCounts } from '../../src/server/features/programmes/sync.ts';
import type { BenchContext } from '../context.ts';
import { measure } from '../measure.ts';

const BENCH = { userId: null, label: 'bench' };

/** A copy of a programme under other codes, so a municipality can run ten at once. */
function copyOf(file: ProgrammeFile, suffix: string): ProgrammeFile {
  const code = (c: string) => `${c}-${suffix}`;
  return {
    ...file,
    code: code(file.code),
    status: 'active',
    courses: file.courses.map((c) => ({
      ...c,
      code: code(c.code),
      requires: c.requires.map(code),
    })),
    targets: file.targets.map((t) => ({ ...t, courses: t.courses.map(code) })),
  };
}

/**
 * Scenario 3: ten active programmes; every run changes one programme's audience (an exclusion
 * of the social office comes and goes) and re-evaluates every audience, then the daily run with
 * nothing to change.
 */
export async function syncScenario(context: BenchContext) {
  const { db, tenantId, today } = context;
  for (const file of exampleProgrammes()) {
    await applyProgrammeFile(db, tenantId, { ...file, status: 'active' }, BENCH, today);
    await applyProgrammeFile(db, tenantId, copyOf(file, 'B'), BENCH, today);
  }
  const changing = exampleProgrammes()[0];
  if (!changing) throw new Error('no example programme');
  const office = await db
    .selectFrom('org_units')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('code', '=', 'SOC')
    .executeTakeFirstOrThrow();
  const row = await db
    .selectFrom('programmes')
    .select(['id', 'audience'])
    .where('tenant_id', '=', tenantId)
    .where('code', '=', copyOf(changing, 'B').code)
    .executeTakeFirstOrThrow();
  let excluded = false;
  const sync = () => db.transaction().execute((trx) => syncAssignments(trx, tenantId, today));
  const results: SyncCounts[][] = [];
  const active = await db
    .selectFrom('programmes')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  const ruleChange = await measure(
    '3 assignment sync',
    `after a rule change, ${Number(active.n)} programmes`,
    async () => results.push(await sync()),
    {
      runs: context.options.runs,
      warmup: context.options.warmup,
      targetMs: 5000,
      before: async () => {
        excluded = !excluded;
        await db
          .updateTable('programmes')
          .set({
            audience: JSON.stringify({
              ...row.audience,
              exclude: excluded ? [{ roles: ['employee'], unitSubtrees: [office.id] }] : [],
            }),
          })
          .where('id', '=', row.id)
          .execute();
      },
    },
  );
  const unchanged = await measure('3 assignment sync', 'daily run, nothing to change', sync, {
    runs: context.options.runs,
    warmup: context.options.warmup,
  });
  return {
    measurements: [ruleChange, unchanged],
    programmes: Number(active.n),
    lastRuleChange: results[results.length - 1] ?? [],
  };
}
