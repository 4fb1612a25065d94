import { createReadStream, existsSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { CommanderError, InvalidArgumentError, Option } from 'commander';
import type { TenantId } from '../domain/ids.ts';
import type { Db } from '../server/db/connection.ts';
import { importCompletions } from '../server/features/programmes/completions-import.ts';
import { parseDate } from '../domain/imports/values.ts';
import type { ImportPreview } from '../contracts/imports.ts';
import { problemText } from '../contracts/error-messages.ts';
import {
  createImportService,
  SUPPORTED_KINDS,
  type SupportedKind,
} from '../server/features/imports/service.ts';
import { resolveTenant } from '../server/features/tenants/service.ts';
import { AppError } from '../server/http/errors.ts';
import { withDatabase } from './database.ts';
import { cliLocale, rowProblemText, say } from './language.ts';

interface ImportOptions {
  course?: string;
  dryRun?: boolean;
  json?: boolean;
  confirmLeavers?: boolean;
  createAccounts?: boolean;
  partial?: boolean;
  effectiveDate?: string;
  profile?: string;
  tenant?: string;
}

function printHuman(preview: ImportPreview, applied: boolean) {
  const { counts } = preview;
  console.log(
    say('importCounts', { file: preview.fileName, ...counts }) +
      (preview.errorTotal ? say('errorCount', { n: preview.errorTotal }) : ''),
  );
  for (const error of preview.errors) {
    console.log(`  ${rowProblemText(error)}`);
  }
  if (preview.errorTotal > preview.errors.length)
    console.log(say('moreErrors', { n: preview.errorTotal - preview.errors.length }));
  if (preview.leaverGuard?.blocked) {
    const { leaving, active } = preview.leaverGuard;
    console.log(say('leavers', { leaving, active }));
  }
  if (preview.errorTotal) console.log(say('nothingApplied'));
  else if (applied) console.log(say('applied'));
  else if (!preview.leaverGuard?.blocked) console.log(say('dryRun'));
}

async function importCompletionsFile(
  db: Db,
  tenantId: TenantId,
  file: string,
  options: ImportOptions,
) {
  if (!options.course) throw new CommanderError(2, 'tryggve.invalidArgument', say('courseNeeded'));
  const summary = await importCompletions(db, {
    tenantId,
    courseCode: options.course,
    source: createReadStream(file),
    fileName: basename(file),
    dryRun: options.dryRun === true,
    by: { userId: null, label: 'command line' },
  });
  if (options.json) {
    const { created, updated, unchanged, ended, errors } = summary;
    console.log(JSON.stringify({ created, updated, unchanged, ended, errors }, null, 2));
  } else {
    console.log(
      say('completionCounts', {
        file: basename(file),
        created: summary.created,
        unchanged: summary.unchanged,
      }) + (summary.errorTotal ? say('errorCount', { n: summary.errorTotal }) : ''),
    );
    for (const error of summary.errors) console.log(`  ${rowProblemText(error)}`);
    if (summary.errorTotal) console.log(say('nothingApplied'));
    else console.log(say(summary.applied ? 'applied' : 'dryRun'));
  }
  if (summary.errorTotal) process.exitCode = 1;
}

export function registerImportCommand(program: Command) {
  program
    .command('import')
    .description(
      "import units, people, seats of elected officials or a course provider's completions from a CSV or XLSX file (see docs/imports.md)",
    )
    .addArgument(
      program
        .createArgument('<kind>', 'what the file holds')
        .choices([...SUPPORTED_KINDS, 'completions']),
    )
    .argument('<file>', 'the CSV (; or , separated, UTF-8 or Windows-1252) or XLSX file')
    .option('--dry-run', 'show what would change, apply nothing')
    .option(
      '--json',
      'print { created, updated, unchanged, ended, errors: [{ row, column, message }] }',
    )
    .option(
      '--confirm-leavers',
      'apply even if a full import ends more than 10 % of the active staff',
    )
    .option(
      '--create-accounts',
      'people and seats: accounts (named by e-mail, no password: single sign-on) for those in the file who have none',
    )
    .option(
      '--partial',
      'the file holds only some people or units: nobody missing from it is ended',
    )
    .addOption(
      new Option(
        '--effective-date <date>',
        'the date the export describes (YYYY-MM-DD, default today)',
      ).argParser((value) => {
        const parsed = parseDate(value);
        if (!parsed.ok) throw new InvalidArgumentError(problemText(parsed, cliLocale()));
        return parsed.value;
      }),
    )
    .addOption(new Option('--tenant <code>', 'the municipality (default: the only one)'))
    .option('--course <code>', 'completions: the course the list is for (required)')
    .addHelpText(
      'after',
      '\nExit codes: 0 applied (or a clean dry run), 1 the file has errors or needs --confirm-leavers (nothing applied), 2 wrong usage.',
    )
    .action((kind: SupportedKind | 'completions', file: string, options: ImportOptions) =>
      withDatabase(async ({ db }) => {
        if (!existsSync(file)) throw new AppError('not_found', { thing: 'file' });
        const tenant = await resolveTenant(db, options.tenant);
        if (kind === 'completions') {
          await importCompletionsFile(db, tenant.id, file, options);
          return;
        }
        const service = createImportService(db);
        const actor = { tenantId: tenant.id, userId: null, label: 'command line' };
        const input = {
          kind,
          fileName: basename(file),
          source: createReadStream(file),
          mode: options.partial ? ('partial' as const) : ('full' as const),
          confirmLeavers: options.confirmLeavers === true,
          createAccounts: options.createAccounts === true,
          profile: await service.mappingFor(actor, kind, { profile: options.profile }),
          ...(options.effectiveDate ? { effectiveDate: options.effectiveDate } : {}),
        };
        const { preview, run, accounts } = options.dryRun
          ? { preview: await service.preview(actor, input), run: null, accounts: null }
          : await service.apply(actor, input);
        if (options.json) {
          console.log(
            JSON.stringify(
              { ...preview.counts, errors: preview.errors, ...(accounts ? { accounts } : {}) },
              null,
              2,
            ),
          );
        } else {
          printHuman(preview, run !== null);
          if (accounts) console.log(say('accountsCreated', accounts));
        }
        if (!preview.canApply) process.exitCode = 1;
      }),
    );
}
