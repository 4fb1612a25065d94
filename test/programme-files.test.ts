import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { programmeFileProblems, programmeSchema } from '../src/cli/programme.ts';
import { ProgrammeFile } from '../src/contracts/programmes.ts';
import { checkProgramme } from '../src/domain/programme-file.ts';

const EXAMPLES = 'docs/examples/';
const files = readdirSync(EXAMPLES).filter(
  (name) => name.endsWith('.json') && name !== 'programme.schema.json',
);

describe('programme files', () => {
  it('ship one example for each of the five cases', () => {
    const topics = files
      .map((name) => (JSON.parse(readFileSync(EXAMPLES + name, 'utf8')) as { topic: string }).topic)
      .sort();
    expect(topics).toEqual([
      'equality_and_anti_discrimination',
      'lgbtq_inclusion',
      'safety_of_elected_officials',
      'threats_and_violence_at_work',
      'violence_in_close_relationships',
    ]);
  });

  it.each(files)('%s is a valid programme', (name) => {
    const parsed = ProgrammeFile.safeParse(JSON.parse(readFileSync(EXAMPLES + name, 'utf8')));
    expect(parsed.error?.issues ?? []).toEqual([]);
    if (parsed.success) expect(checkProgramme(parsed.data)).toEqual([]);
  });

  it('keeps the committed JSON Schema equal to the one generated from the contract', () => {
    const committed: unknown = JSON.parse(readFileSync(`${EXAMPLES}programme.schema.json`, 'utf8'));
    expect(committed).toEqual(JSON.parse(programmeSchema()));
  });

  it('names the path of every cross-reference problem', () => {
    const example = ProgrammeFile.parse(
      JSON.parse(readFileSync(`${EXAMPLES}equality-and-anti-discrimination.json`, 'utf8')),
    );
    const broken = {
      ...example,
      period: { start: '2026-04-01', end: '2026-01-01' },
      courses: [...example.courses, { ...example.courses[0]!, requires: ['LIKA-9'] }],
      targets: [{ ...example.targets[0]!, courses: ['NOPE'] }],
    };
    expect(checkProgramme(broken).map((p) => p.path)).toEqual([
      'period.end',
      'courses.4.code',
      'courses.4.requires.0',
      'targets.0.by',
      'targets.0.courses.0',
    ]);
  });

  it('rejects unknown fields and impossible values with the field named', () => {
    const result = ProgrammeFile.safeParse({ code: 'X', name: 'X', topic: 'x', colour: 'red' });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((issue) => issue.path.join('.')) ?? [];
    expect(paths).toEqual(expect.arrayContaining(['topic', 'decision', 'courses']));
    expect(result.error?.issues.some((issue) => issue.code === 'unrecognized_keys')).toBe(true);
  });

  it('reports JSON syntax errors and schema problems with their paths', () => {
    expect(programmeFileProblems('{ "code": ')[0]?.code).toBe('not_json');
    const example = JSON.parse(readFileSync(`${EXAMPLES}lgbtq-web-training.json`, 'utf8')) as {
      targets: { percent: number }[];
    };
    example.targets[0]!.percent = 130;
    expect(programmeFileProblems(JSON.stringify(example))).toEqual([
      { path: 'targets.0.percent', code: 'too_big', params: { maximum: 100 } },
    ]);
  });
});
