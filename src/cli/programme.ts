import type { Command } from 'commander';
import { z } from 'zod';
import { ProgrammeFile } from '../contracts/programmes.ts';

/** The JSON Schema of programme files, generated from the zod contract (what editors validate against). */
export function programmeSchema(): string {
  const schema = z.toJSONSchema(ProgrammeFile, { io: 'input' });
  return `${JSON.stringify({ ...schema, title: 'Tryggve programme file' }, null, 2)}\n`;
}

export function registerProgrammeCommand(program: Command) {
  const programme = program
    .command('programme')
    .description('programme files (see docs/examples/)');
  programme
    .command('schema')
    .description('print the JSON Schema of programme files (docs/examples/programme.schema.json)')
    .action(() => {
      process.stdout.write(programmeSchema());
    });
}
