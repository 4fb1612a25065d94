import { InvalidArgumentError, type Command } from 'commander';
import { DEFAULT_OPTIONS, formatTable, runBench, saveResult } from '../../bench/run.ts';

const positive = (name: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new InvalidArgumentError(`${name} must be a whole number`);
  return n;
};

export function registerBenchCommand(program: Command) {
  program
    .command('bench')
    .description(
      'measure seeding, imports, assignment sync, dashboards and concurrent readers (docs/BENCHMARKS.md)',
    )
    .option(
      '--employees <n>',
      'size of the municipality',
      positive('--employees'),
      DEFAULT_OPTIONS.employees,
    )
    .option('--runs <n>', 'measured runs per scenario', positive('--runs'), DEFAULT_OPTIONS.runs)
    .option('--warmup <n>', 'unmeasured runs first', positive('--warmup'), DEFAULT_OPTIONS.warmup)
    .option(
      '--seconds <n>',
      'how long each concurrency level runs',
      positive('--seconds'),
      DEFAULT_OPTIONS.concurrencySeconds,
    )
    .option(
      '--connections <list>',
      'concurrent clients, comma separated',
      (value) => value.split(',').map((v) => positive('--connections')(v.trim())),
      DEFAULT_OPTIONS.connections,
    )
    .option(
      '--national',
      'also scenario 6 on PostgreSQL: 290 municipalities, about a million people',
    )
    .option(
      '--municipalities <n>',
      'how many municipalities --national builds',
      positive('--municipalities'),
      DEFAULT_OPTIONS.municipalities,
    )
    .addHelpText(
      'after',
      '\nRuns on a fresh embedded database in a temporary folder, or on a new database on the PostgreSQL server of DATABASE_URL (created and dropped). Writes bench/results/<date>-<backend>.json.',
    )
    .action(
      async (options: {
        employees: number;
        runs: number;
        warmup: number;
        seconds: number;
        connections: number[];
        national?: boolean;
        municipalities: number;
      }) => {
        const result = await runBench({
          employees: options.employees,
          runs: options.runs,
          warmup: options.warmup,
          concurrencySeconds: options.seconds,
          connections: options.connections,
          seed: DEFAULT_OPTIONS.seed,
          national: options.national === true,
          municipalities: options.municipalities,
        });
        console.log(formatTable(result));
        if (result.checks.dashboardMismatches.length) {
          console.error(
            `The API and the bare SQL disagree:\n${result.checks.dashboardMismatches.slice(0, 20).join('\n')}`,
          );
          process.exitCode = 1;
        }
        console.log(`\nResults: ${saveResult(result)}`);
      },
    );
}
