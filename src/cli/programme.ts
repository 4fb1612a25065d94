import { existsSync, readFileSync } from 'node:fs';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { z } from 'zod';
import { ProgrammeFile, type ProgrammeProgress } from '../contracts/programmes.ts';
import { stockholmDate } from '../domain/dates.ts';
import { parseDate } from '../domain/imports/values.ts';
import { problemText } from '../contracts/error-messages.ts';
import { zodIssueProblem, type ErrorParams, type ProblemCode } from '../contracts/errors.ts';
import { checkProgramme } from '../domain/programme-file.ts';
import { firstUnstorableText } from '../domain/problems.ts';
import { lockTenantOrganisation } from '../server/db/locks.ts';
import { refreshStatistics } from '../server/db/statistics.ts';
import { applyProgrammeFile, invalidFile } from '../server/features/programmes/apply.ts';
import { programmeProgress } from '../server/features/programmes/progress.ts';
import { findProgrammeByCode } from '../server/features/programmes/repository.ts';
import { syncAssignments } from '../server/features/programmes/sync.ts';
import { resolveTenant } from '../server/features/tenants/service.ts';
import { AppError } from '../server/http/errors.ts';
import { withDatabase } from './database.ts';
import { cliLocale, number, say } from './language.ts';

const CLI = { userId: null, label: 'command line' };
const tenantOption = () =>
  new Option('--tenant <code>', 'the municipality (default: the only one)');
const dateOption = (flags: string, description: string) =>
  new Option(flags, description).argParser((value) => {
    const parsed = parseDate(value);
    if (!parsed.ok) throw new InvalidArgumentError(problemText(parsed, cliLocale()));
    return parsed.value;
  });

/** The JSON Schema of programme files, generated from the zod contract (what editors validate against). */
export function programmeSchema(): string {
  const schema = z.toJSONSchema(ProgrammeFile, { io: 'input' });
  return `${JSON.stringify({ ...schema, title: 'Tryggve programme file' }, null, 2)}\n`;
}

type Problem = { path: string; code: ProblemCode; params?: ErrorParams };

/** Every problem of a programme file's text, each with the path of the field it concerns. */
export function programmeFileProblems(text: string): Problem[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return [{ path: '', code: 'not_json' }];
  }
  const badText = firstUnstorableText(json, 'file');
  if (badText) return [{ path: badText.replace(/^file\.?/, ''), code: 'invalid_text' }];
  const parsed = ProgrammeFile.safeParse(json);
  if (!parsed.success) {
    return parsed.error.issues.map((issue) => {
      const { code, params, key } = zodIssueProblem(issue.code, { ...issue });
      const path = [...issue.path.map(String), ...(key ? [key] : [])].join('.');
      return { path, code, ...(params ? { params } : {}) };
    });
  }
  return checkProgramme(parsed.data);
}

function readProgrammeFile(file: string): ProgrammeFile {
  if (!existsSync(file)) throw new AppError('not_found', { thing: 'file' });
  const text = readFileSync(file, 'utf8');
  const problems = programmeFileProblems(text);
  if (problems.length) throw invalidFile(problems);
  return ProgrammeFile.parse(JSON.parse(text));
}

/** What `progress --json` prints: per target, its nodes with the figures of each. */
export function progressJson(progress: ProgrammeProgress, rootName: string) {
  return {
    programme: progress.programme.code,
    asOf: progress.asOf,
    targets: progress.targets.map((target) => ({
      code: target.code,
      name: target.name,
      targetPercent: target.targetPercent,
      by: target.by,
      scope: target.scope,
      population: target.population,
      summary: target.summary,
      nodes: (target.scope === 'overall'
        ? [{ code: 'KOMMUN', name: rootName, level: 'municipality', ...target.overall }]
        : target.nodes.filter((node) => node.targetNode)
      ).map((node) => ({
        code: node.code,
        name: node.name,
        level: node.level,
        eligible: node.eligible,
        completed: node.completed,
        percent: node.percent,
        status: node.status,
        forecastAtDeadline: node.forecastAtDeadline,
        paceNeeded: node.paceNeeded,
      })),
    })),
  };
}

/** The progress as a table in the user's language: Swedish statuses and decimal commas. */
function printProgress(json: ReturnType<typeof progressJson>) {
  const n = (value: number | null) => (value === null ? '–' : number(value));
  console.log(say('progressHeader', { code: json.programme, date: json.asOf }));
  for (const target of json.targets) {
    console.log(
      `\n${say('progressTarget', { code: target.code, name: target.name, percent: target.targetPercent, date: target.by })}`,
    );
    for (const node of target.nodes) {
      const status = node.status ? say(`status.${node.status}`) : '';
      console.log(
        `  ${node.name.padEnd(40).slice(0, 40)} ${n(node.completed).padStart(6)} / ${n(node.eligible).padEnd(6)} ${n(node.percent).padStart(5)} %  ${status.padEnd(9)} ${say('forecast', { percent: n(node.forecastAtDeadline) })}`,
      );
    }
  }
}

export function registerProgrammeCommand(program: Command) {
  const programme = program
    .command('programme')
    .description('programme files (see docs/examples/ and docs/targets.md)');
  programme
    .command('schema')
    .description('print the JSON Schema of programme files (docs/examples/programme.schema.json)')
    .action(() => {
      process.stdout.write(programmeSchema());
    });
  programme
    .command('check')
    .description(
      'check a programme file without a database: every problem with the path of its field',
    )
    .argument('<file>', 'a programme file (JSON)')
    .addHelpText('after', '\nExit codes: 0 the file is valid, 1 it has problems, 2 wrong usage.')
    .action((file: string) => {
      if (!existsSync(file)) {
        console.error(say('noFile', { file }));
        process.exitCode = 1;
        return;
      }
      const problems = programmeFileProblems(readFileSync(file, 'utf8'));
      for (const problem of problems)
        console.log(`${problem.path || say('wholeFile')}: ${problemText(problem, cliLocale())}`);
      if (problems.length) process.exitCode = 1;
      else console.log(say('validFile', { file }));
    });
  programme
    .command('apply')
    .description('create or update a programme from its file, by its code (assigns when active)')
    .argument('<file>', 'a programme file (JSON)')
    .option('--json', 'print the result as JSON')
    .addOption(tenantOption())
    .addHelpText(
      'after',
      '\nExit codes: 0 applied, 1 the file has problems (nothing applied), 2 wrong usage.',
    )
    .action((file: string, options: { json?: boolean; tenant?: string }) =>
      withDatabase(async ({ db }) => {
        const parsed = readProgrammeFile(file);
        const tenant = await resolveTenant(db, options.tenant);
        const result = await applyProgrammeFile(
          db,
          tenant.id,
          parsed,
          CLI,
          stockholmDate(new Date()),
        );
        if (options.json) console.log(JSON.stringify(result, null, 2));
        else
          console.log(
            say('programmeApplied', {
              verb: say(result.created ? 'created' : 'updated'),
              code: result.code,
              status: say(`programmeStatus.${result.status}`),
              courses: result.courses,
              targets: result.targets,
            }) +
              (result.sync
                ? say('synced', { assigned: result.sync.assigned, ended: result.sync.ended })
                : '.'),
          );
      }),
    );
  programme
    .command('sync')
    .description(
      "re-evaluate every active programme's audience and assign or end assignments (run daily)",
    )
    .addOption(tenantOption())
    .action((options: { tenant?: string }) =>
      withDatabase(async ({ db }) => {
        const tenant = await resolveTenant(db, options.tenant);
        const counts = await db.transaction().execute(async (trx) => {
          await lockTenantOrganisation(trx, tenant.id);
          return syncAssignments(trx, tenant.id, stockholmDate(new Date()));
        });
        await refreshStatistics(db);
        for (const c of counts)
          console.log(
            say('syncLine', { code: c.programmeCode, assigned: c.assigned, ended: c.ended }),
          );
        if (counts.length === 0) console.log(say('noActive'));
      }),
    );
}

export function registerProgressCommand(program: Command) {
  program
    .command('progress')
    .description("a programme's progress against each of its targets, per node")
    .argument('<code>', 'the programme code')
    .addOption(dateOption('--at <date>', 'as of this date (YYYY-MM-DD, default today)'))
    .option(
      '--json',
      'print { programme, asOf, targets: [{ code, nodes: [{ code, name, eligible, completed, percent, status, forecastAtDeadline }] }] }',
    )
    .addOption(tenantOption())
    .action((code: string, options: { at?: string; json?: boolean; tenant?: string }) =>
      withDatabase(async ({ db }) => {
        const tenant = await resolveTenant(db, options.tenant);
        const programme = await findProgrammeByCode(db, tenant.id, code);
        if (!programme) throw new AppError('not_found', { thing: 'programme' });
        const progress = await programmeProgress(
          db,
          tenant.id,
          programme,
          options.at ?? stockholmDate(new Date()),
        );
        const json = progressJson(progress, tenant.name);
        if (options.json) console.log(JSON.stringify(json, null, 2));
        else printProgress(json);
      }),
    );
}
