import { existsSync, readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { z } from 'zod';
import { ProgrammeFile } from '../contracts/programmes.ts';
import { checkProgramme, type FileProblem } from '../domain/programme-file.ts';

/** The JSON Schema of programme files, generated from the zod contract (what editors validate against). */
export function programmeSchema(): string {
  const schema = z.toJSONSchema(ProgrammeFile, { io: 'input' });
  return `${JSON.stringify({ ...schema, title: 'Tryggve programme file' }, null, 2)}\n`;
}

/** Every problem of a programme file's text, each with the path of the field it concerns. */
export function programmeFileProblems(text: string): FileProblem[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return [
      {
        path: '',
        message: `The file is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
      },
    ];
  }
  const parsed = ProgrammeFile.safeParse(json);
  if (!parsed.success) {
    return parsed.error.issues.map((issue) => ({
      path: issue.path.join('.'),
      message: issue.message,
    }));
  }
  return checkProgramme(parsed.data);
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
        console.error(`error: No such file: ${file}`);
        process.exitCode = 1;
        return;
      }
      const problems = programmeFileProblems(readFileSync(file, 'utf8'));
      for (const problem of problems)
        console.log(`${problem.path || '(file)'}: ${problem.message}`);
      if (problems.length) process.exitCode = 1;
      else console.log(`${file}: valid programme file.`);
    });
}
