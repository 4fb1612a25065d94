import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/server/db/connection.ts';
import { BACKENDS, freshDatabase } from './helpers/db.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'tryggve-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function tryggve(args: string[], options: { input?: string; env?: Record<string, string> } = {}) {
  const result = spawnSync(process.execPath, ['bin/tryggve.js', ...args], {
    input: options.input ?? '',
    encoding: 'utf8',
    env: { ...process.env, TRYGGVE_DATA_DIR: dataDir, DATABASE_URL: '', ...options.env },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npx tryggve', () => {
  it('prints help for every command and exits 0', () => {
    const help = tryggve(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['serve', 'migrate', 'tenant', 'seed', 'user', 'programme', 'progress'])
      expect(help.stdout).toContain(command);
    expect(tryggve(['user', 'create', '--help']).stdout).toContain('--scope-unit');
  });

  it('exits 2 for wrong usage', () => {
    expect(tryggve(['no-such-command']).code).toBe(2);
    const bad = tryggve(['seed', 'demo', '--employees', 'many']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('fel: --employees måste vara ett positivt heltal');
    expect(tryggve(['--lang', 'en', 'seed', 'demo', '--employees', 'many']).stderr).toContain(
      'error: --employees must be a positive whole number',
    );
  });

  it(
    'migrates, creates tenants and users, and names the problem when it cannot',
    { timeout: 120_000 },
    async () => {
      expect(tryggve(['migrate']).stdout).toMatch(
        /Körda migreringar: 0001_init|Databasen är aktuell/,
      );
      expect(tryggve(['tenant', 'create', 'umea', 'Umeå kommun']).stdout).toContain(
        'Kommunen umea (Umeå kommun) är skapad.',
      );

      const duplicate = tryggve(['tenant', 'create', 'umea', 'Umeå kommun']);
      expect(duplicate.code).toBe(1);
      // Refusals are said in Swedish by default, in English with --lang en.
      expect(duplicate.stderr).toContain('fel: Det finns redan en kommun med koden ”umea”.');
      expect(tryggve(['--lang', 'en', 'tenant', 'create', 'umea', 'Umeå kommun']).stderr).toContain(
        'error: A municipality with code "umea" already exists.',
      );

      // The role by its Swedish name (here without the ring: any keyboard will do).
      const created = tryggve(
        ['user', 'create', '--username', 'anna', '--name', 'Anna Berg', '--role', 'administrator'],
        {
          input: 'a long enough password\n',
        },
      );
      expect(created.stdout).toContain('Kontot anna är skapat i umea med rollen administratör.');
      expect(created.code).toBe(0);
      const owner = tryggve(
        [
          '--lang',
          'en',
          'user',
          'create',
          '--username',
          'olle',
          '--name',
          'Olle',
          '--role',
          'programagare',
        ],
        { input: 'a long enough password\n' },
      );
      expect(owner.stdout).toContain('Created user olle in umea with role programme owner.');
      const unknownRole = tryggve(
        ['user', 'create', '--username', 'per', '--name', 'Per', '--role', 'kung'],
        { input: 'a long enough password\n' },
      );
      expect(unknownRole.code).toBe(2);
      expect(unknownRole.stderr).toContain('använd en av administratör, programägare');

      const weak = tryggve(
        ['user', 'create', '--username', 'bo', '--name', 'Bo', '--role', 'employee'],
        { input: 'short\n' },
      );
      expect(weak.code).toBe(1);
      expect(weak.stderr).toContain('password: måste vara minst 10 tecken');

      const unscoped = tryggve(
        ['user', 'create', '--username', 'cecilia', '--name', 'Cecilia', '--role', 'manager'],
        {
          input: 'a long enough password\n',
        },
      );
      expect(unscoped.stderr).toContain('scope-unit');

      tryggve(['tenant', 'create', 'lulea', 'Luleå kommun']);
      const ambiguous = tryggve(
        ['user', 'create', '--username', 'dan', '--name', 'Dan', '--role', 'employee'],
        {
          input: 'a long enough password\n',
        },
      );
      expect(ambiguous.code).toBe(1);
      expect(ambiguous.stderr).toContain('välj en med --tenant KOD');

      const handle = await openDatabase({ dataDir });
      try {
        const users = await handle.db
          .selectFrom('users')
          .innerJoin('role_grants', 'role_grants.user_id', 'users.id')
          .select(['users.username', 'users.password_hash', 'role_grants.role'])
          .execute();
        expect(users.map((u) => [u.username, u.role]).sort()).toEqual([
          ['anna', 'administrator'],
          ['olle', 'programme_owner'],
        ]);
        expect(users[0]?.password_hash).toMatch(/^\$argon2id\$/);
      } finally {
        await handle.close();
      }
    },
  );

  it('imports units and people with --dry-run, --json and exit codes', { timeout: 120_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'tryggve-cli-import-'));
    const env = { TRYGGVE_DATA_DIR: join(dir, 'data') };
    try {
      tryggve(['tenant', 'create', 'vaxjo', 'Växjö kommun'], { env });
      const unitsFile = join(dir, 'enheter.csv');
      writeFileSync(
        unitsFile,
        Buffer.from(
          'enhetskod;namn;överordnad;typ\nSK;Socialkontoret;;förvaltning\nSK-1;Hemtjänst Öst;SK;enhet\n',
          'latin1',
        ),
      );
      const units = tryggve(['import', 'units', unitsFile, '--json'], { env });
      expect(units.code).toBe(0);
      expect(JSON.parse(units.stdout)).toEqual({
        created: 2,
        updated: 0,
        unchanged: 0,
        ended: 0,
        errors: [],
      });

      const peopleFile = join(dir, 'personal.csv');
      writeFileSync(
        peopleFile,
        'anställningsnummer,förnamn,efternamn,enhetskod,befattning\n1,Åsa,Öberg,SK-1,Undersköterska\n2,Bo,Ek,SK-9,Vårdbiträde\n',
      );
      const broken = tryggve(['import', 'people', peopleFile, '--json'], { env });
      expect(broken.code).toBe(1);
      expect(JSON.parse(broken.stdout)).toMatchObject({
        created: 1,
        errors: [
          {
            row: 3,
            column: 'enhetskod',
            code: 'unknown_unit',
            params: { code: 'SK-9' },
            message: 'unknown unit code "SK-9": import the units first or correct the code',
          },
        ],
      });

      writeFileSync(
        peopleFile,
        'anställningsnummer,förnamn,efternamn,enhetskod,befattning\n1,Åsa,Öberg,SK-1,Undersköterska\n',
      );
      const dry = tryggve(['import', 'people', peopleFile, '--dry-run'], { env });
      expect(dry.code).toBe(0);
      expect(dry.stdout).toContain('1 nya, 0 ändrade, 0 avslutade, 0 oförändrade');
      expect(dry.stdout).toContain('Provkörning: inget genomfördes.');
      expect(
        tryggve(['--lang', 'en', 'import', 'people', peopleFile, '--dry-run'], { env }).stdout,
      ).toContain('1 new, 0 changed, 0 ended, 0 unchanged');
      expect(tryggve(['import', 'people', peopleFile], { env }).stdout).toContain('Genomfört.');
      expect(
        JSON.parse(tryggve(['import', 'people', peopleFile, '--json'], { env }).stdout),
      ).toMatchObject({ created: 0, unchanged: 1 });

      expect(tryggve(['import', 'planets', peopleFile], { env }).code).toBe(2);
      expect(
        tryggve(['import', 'people', peopleFile, '--effective-date', '2023-02-30'], { env }).code,
      ).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it(
    'applies programmes, prints progress as JSON and imports completions, with exit codes',
    { timeout: 180_000 },
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'tryggve-cli-programmes-'));
      const env = { TRYGGVE_DATA_DIR: join(dir, 'data') };
      try {
        expect(tryggve(['seed', 'demo', '--employees', '200'], { env }).code).toBe(0);
        const example = JSON.parse(
          readFileSync('docs/examples/lgbtq-web-training.json', 'utf8'),
        ) as Record<string, unknown>;
        const file = join(dir, 'hbtq.json');
        writeFileSync(file, JSON.stringify({ ...example, name: 'HBTQ på webben 2026' }));
        const applied = tryggve(['programme', 'apply', file], { env });
        expect(applied.code).toBe(0);
        expect(applied.stdout).toContain('HBTQ-2026 uppdaterat (aktivt)');
        expect(applied.stdout).toContain('0 tilldelade, 0 tilldelningar avslutade');

        writeFileSync(
          file,
          JSON.stringify({
            ...example,
            code: 'NY',
            decision: { body: 'XX', date: '2026-01-01', reference: '1' },
          }),
        );
        const unknown = tryggve(['programme', 'apply', file], { env });
        expect(unknown.code).toBe(1);
        expect(unknown.stderr).toContain(
          'decision.body: Det politiska organet med koden ”XX” finns inte',
        );

        const progress = tryggve(['progress', 'HBTQ-2026', '--json', '--at', '2026-11-23'], {
          env,
        });
        expect(progress.code).toBe(0);
        const json = JSON.parse(progress.stdout) as {
          targets: { code: string; nodes: Record<string, unknown>[] }[];
        };
        expect(json.targets.map((t) => t.code)).toEqual(['PERSONAL-30', 'POLITIKER-30']);
        for (const target of json.targets) {
          expect(target.nodes.length).toBeGreaterThan(0);
          for (const node of target.nodes)
            for (const key of [
              'code',
              'name',
              'eligible',
              'completed',
              'percent',
              'status',
              'forecastAtDeadline',
            ])
              expect(node).toHaveProperty(key);
        }
        // The table: Swedish statuses and decimal commas; English with --lang en.
        const table = tryggve(['progress', 'HBTQ-2026', '--at', '2026-11-23'], { env }).stdout;
        expect(table).toContain('HBTQ-2026 per 2026-11-23');
        expect(table).toMatch(/ (uppnått|i fas|risk|efter) /);
        expect(table).toMatch(/prognos \d+(,\d)? %/);
        expect(table).not.toMatch(/\d\.\d/);
        const english = tryggve(['--lang', 'en', 'progress', 'HBTQ-2026', '--at', '2026-11-23'], {
          env,
        }).stdout;
        expect(english).toMatch(/ (met|on track|at risk|behind) /);
        expect(tryggve(['progress', 'NOPE'], { env }).code).toBe(1);
        expect(tryggve(['progress', 'HBTQ-2026', '--at', '2026-13-01'], { env }).code).toBe(2);

        const list = join(dir, 'lista.csv');
        writeFileSync(list, 'Anställningsnummer;Datum\n100001;2026-10-01\n100002;2026-10-02\n');
        const imported = tryggve(
          ['import', 'completions', list, '--course', 'HBTQ-WEBB', '--json'],
          { env },
        );
        expect(imported.code).toBe(0);
        expect(JSON.parse(imported.stdout)).toEqual({
          created: 2,
          updated: 0,
          unchanged: 0,
          ended: 0,
          errors: [],
        });
        expect(
          JSON.parse(
            tryggve(['import', 'completions', list, '--course', 'HBTQ-WEBB', '--json'], { env })
              .stdout,
          ),
        ).toMatchObject({ created: 0, unchanged: 2 });
        writeFileSync(list, 'Anställningsnummer;Datum\n999999;2026-10-01\n');
        const unmatched = tryggve(['import', 'completions', list, '--course', 'HBTQ-WEBB'], {
          env,
        });
        expect(unmatched.code).toBe(1);
        expect(unmatched.stdout).toContain('rad 2, Anställningsnummer: ingen person med ”999999”');
        expect(tryggve(['import', 'completions', list], { env }).code).toBe(2);
        expect(tryggve(['import', 'completions', list, '--course', 'NOPE'], { env }).code).toBe(1);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it('checks programme files without a database', () => {
    const good = tryggve([
      'programme',
      'check',
      'docs/examples/violence-in-close-relationships.json',
    ]);
    expect(good.code).toBe(0);
    expect(good.stdout).toContain('giltig programfil');
    const dir = mkdtempSync(join(tmpdir(), 'tryggve-programme-'));
    try {
      const file = join(dir, 'broken.json');
      writeFileSync(
        file,
        JSON.stringify({
          code: 'X',
          name: 'X',
          topic: 'other',
          decision: { body: 'KF', date: '2026-02-30', reference: '1' },
        }),
      );
      const bad = tryggve(['programme', 'check', file]);
      expect(bad.code).toBe(1);
      expect(bad.stdout).toContain('decision.date:');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it(
    'serves, answers readiness and shuts down gracefully on SIGTERM',
    { timeout: 60_000 },
    async () => {
      const port = 41_000 + Math.floor(Math.random() * 10_000);
      const server = spawn(process.execPath, ['bin/tryggve.js', 'serve'], {
        env: {
          ...process.env,
          TRYGGVE_DATA_DIR: dataDir,
          DATABASE_URL: '',
          PORT: String(port),
          LOG_LEVEL: 'warn',
        },
      });
      let output = '';
      server.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const exited = once(server, 'exit');
      try {
        while (!output.includes('Tryggve körs på')) {
          if (server.exitCode !== null) throw new Error(`server exited: ${output}`);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        expect(output).toContain(`http://localhost:${port}`);
        const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
        expect(await ready.json()).toEqual({ status: 'ok' });
        // A second process on the same embedded database is refused, saying why.
        const second = tryggve(['migrate'], {
          env: { TRYGGVE_DATA_DIR: dataDir, DATABASE_URL: '' },
        });
        expect(second.code).not.toBe(0);
        expect(second.stderr).toContain('är redan öppen i en annan Tryggve-process');
      } finally {
        server.kill('SIGTERM');
      }
      const [code] = await exited;
      expect(code).toBe(0);
      // Released on shutdown: the next command opens it.
      expect(
        tryggve(['migrate'], { env: { TRYGGVE_DATA_DIR: dataDir, DATABASE_URL: '' } }).code,
      ).toBe(0);
    },
  );

  it.runIf(BACKENDS.includes('postgres'))('honours DATABASE_URL', async () => {
    const database = await freshDatabase('postgres');
    try {
      const result = tryggve(['tenant', 'create', 'pg-town', 'PG kommun'], {
        env: { DATABASE_URL: database.url ?? '' },
      });
      expect(result.code).toBe(0);
      const row = await database.db
        .selectFrom('tenants')
        .select('name')
        .where('code', '=', 'pg-town')
        .executeTakeFirst();
      expect(row?.name).toBe('PG kommun');
    } finally {
      await database.close();
    }
  });
});
