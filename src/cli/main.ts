import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { ROLES, type Role } from '../domain/roles.ts';
import { migrate } from '../server/db/migrate.ts';
import { seedDemo } from '../server/features/demo/seed.ts';
import { createTenant, resolveTenant } from '../server/features/tenants/service.ts';
import { createUser } from '../server/features/users/service.ts';
import { AppError } from '../server/http/errors.ts';
import { withDatabase } from './database.ts';
import { registerBenchCommand } from './bench.ts';
import { registerImportCommand } from './import.ts';
import { registerProgrammeCommand, registerProgressCommand } from './programme.ts';
import { parseRole, printDemoLogins, printDemoSummary, roleLabel } from './output.ts';
import { refusalText, say, setCliLocale } from './language.ts';
import { readPassword } from './password.ts';
import { serve } from './serve.ts';

const DATABASE_HELP = `
Database: DATABASE_URL=postgres://… for PostgreSQL, otherwise the embedded database in
TRYGGVE_DATA_DIR (default ./data).`;

const tenantOption = () =>
  new Option(
    '--tenant <code>',
    'the municipality (default: the only one, when there is exactly one)',
  );

const program = new Command('tryggve')
  .description('Tryggve: competence and safety programmes for Swedish municipalities')
  .addOption(
    new Option('--lang <language>', 'the language of messages (default sv, or TRYGGVE_LANG)')
      .choices(['sv', 'en'])
      .argParser((value) => {
        if (value !== 'sv' && value !== 'en')
          throw new InvalidArgumentError('use --lang sv or --lang en');
        setCliLocale(value);
        return value;
      }),
  )
  .showHelpAfterError()
  .addHelpText('after', DATABASE_HELP)
  .exitOverride();

program
  .command('serve')
  .description('start the web server (migrates the database first)')
  .option('--seed-demo', 'create the demo municipality when the database has no tenant')
  .addHelpText(
    'after',
    `\nPORT (default 3000), HOST, TRYGGVE_PUBLIC_URL, LOG_LEVEL.${DATABASE_HELP}`,
  )
  .action((options: { seedDemo?: boolean }) =>
    serve({ seedDemoIfEmpty: options.seedDemo === true }),
  );

program
  .command('migrate')
  .description('apply pending database migrations and exit')
  .addHelpText('after', DATABASE_HELP)
  .action(() =>
    withDatabase(async ({ db }) => {
      const ran = await migrate(db);
      console.log(ran.length ? say('migrated', { list: ran.join(', ') }) : say('upToDate'));
    }),
  );

const tenant = program.command('tenant').description('manage municipalities (tenants)');
tenant
  .command('create')
  .description('create a new, empty municipality')
  .argument('<code>', 'short code, e.g. "umea" (a-z, 0-9, -)')
  .argument('<name>', 'display name, e.g. "Umeå kommun"')
  .addHelpText('after', DATABASE_HELP)
  .action((code: string, name: string) =>
    withDatabase(async ({ db }) => {
      const created = await createTenant(db, code, name);
      console.log(say('tenantCreated', { code: created.code, name: created.name }));
    }),
  );

const seed = program.command('seed').description('create example data');
seed
  .command('demo')
  .description('create the demo municipality as tenant "demo"')
  .option('--employees <n>', 'number of employees', (v) => positiveInt(v, '--employees'), 2000)
  .option('--seed <n>', 'random seed (same seed, same municipality)', (v) =>
    positiveInt(v, '--seed'),
  )
  .addHelpText('after', DATABASE_HELP)
  .action((options: { employees: number; seed?: number }) =>
    withDatabase(async ({ db }) => {
      const started = Date.now();
      const result = await seedDemo(db, {
        employees: options.employees,
        ...(options.seed ? { seed: options.seed } : {}),
      });
      printDemoSummary(result);
      printDemoLogins(result);
      console.log(say('seconds', { seconds: Math.round((Date.now() - started) / 100) / 10 }));
    }),
  );

const user = program.command('user').description('manage accounts');
user
  .command('create')
  .description('create a local account with one role; the password is read from a prompt or stdin')
  .requiredOption('--username <name>', 'login name (lower case)')
  .requiredOption('--name <display name>', 'name shown in the app')
  .addOption(
    new Option(
      '--role <role>',
      `the role, in Swedish or English: ${ROLES.map((r) => `${roleLabel(r, 'sv')} (${r})`).join(', ')}`,
    )
      .argParser(parseRole)
      .makeOptionMandatory(),
  )
  .option(
    '--scope-unit <code>',
    'limit the role to this unit and its sub-units (required for manager)',
  )
  .option(
    '--scope-body <code>',
    'limit the role to this political body (required for elected_official)',
  )
  .addOption(
    new Option('--locale <locale>', 'interface language').choices(['sv', 'en']).default('sv'),
  )
  .addOption(tenantOption())
  .addHelpText(
    'after',
    `\nExample: echo "$PASSWORD" | tryggve user create --username anna --name "Anna Berg" --role manager --scope-unit KFK-01-001${DATABASE_HELP}`,
  )
  .action(
    (options: {
      username: string;
      name: string;
      role: Role;
      scopeUnit?: string;
      scopeBody?: string;
      locale: 'sv' | 'en';
      tenant?: string;
    }) =>
      withDatabase(async ({ db }) => {
        const target = await resolveTenant(db, options.tenant);
        const password = await readPassword(say('password'));
        const created = await createUser(db, target, {
          username: options.username,
          displayName: options.name,
          password,
          role: options.role,
          scopeUnitCode: options.scopeUnit ?? null,
          scopeBodyCode: options.scopeBody ?? null,
          locale: options.locale,
        });
        console.log(
          say('userCreated', {
            username: created.username,
            tenant: target.code,
            role: roleLabel(options.role),
          }),
        );
      }),
  );

registerImportCommand(program);
registerProgrammeCommand(program);
registerProgressCommand(program);
registerBenchCommand(program);

function positiveInt(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) {
    throw new CommanderError(2, 'tryggve.invalidArgument', say('positiveInt', { name }));
  }
  return n;
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    const ok =
      error.code === 'commander.helpDisplayed' ||
      error.code === 'commander.help' ||
      error.code === 'commander.version';
    if (!ok && error.code === 'tryggve.invalidArgument') console.error(error.message);
    process.exitCode = ok ? 0 : 2;
  } else if (error instanceof AppError) {
    console.error(say('failed', { message: refusalText(error) }));
    process.exitCode = 1;
  } else {
    // Unexpected failures: the message, and the stack only when asked for (it may hold data).
    console.error(
      say('failed', { message: error instanceof Error ? error.message : String(error) }),
    );
    if (process.env.DEBUG && error instanceof Error) console.error(error.stack);
    process.exitCode = 1;
  }
}
