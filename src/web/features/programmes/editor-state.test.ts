import { describe, expect, it } from 'vitest';
import { ProgrammeFile } from '../../../contracts/programmes.ts';
import {
  addCourse,
  addTarget,
  editorFields,
  fieldOf,
  removeCourse,
  renameCourse,
  setAt,
  splitList,
  toggle,
} from './editor-state.ts';
import example from '../../../../docs/examples/equality-and-anti-discrimination.json' with { type: 'json' };

const draft = ProgrammeFile.parse(example);

describe('the programme editor draft', () => {
  it('replaces one value by its path, leaving the rest and the original alone', () => {
    const next = setAt(draft, 'courses.1.name', 'Fördjupning');
    expect(next.courses[1]?.name).toBe('Fördjupning');
    expect(draft.courses[1]?.name).not.toBe('Fördjupning');
    expect(next.courses[0]).toBe(draft.courses[0]);
    expect(setAt(draft, 'due', { kind: 'after_assignment', days: 30 }).due).toEqual({
      kind: 'after_assignment',
      days: 30,
    });
    expect('description' in setAt(draft, 'description', undefined)).toBe(false);
  });

  it('renames and removes a course with every reference to it', () => {
    const [first, second] = draft.courses;
    const renamed = renameCourse(draft, 0, 'GRUND');
    expect(renamed.courses[0]?.code).toBe('GRUND');
    expect(renamed.courses[1]?.requires).toEqual(
      second?.requires.map((r) => (r === first?.code ? 'GRUND' : r)),
    );
    const removed = removeCourse(draft, 0);
    expect(removed.courses.map((c) => c.code)).not.toContain(first?.code);
    expect(removed.courses.flatMap((c) => c.requires)).not.toContain(first?.code);
    expect(removed.targets.flatMap((t) => t.courses)).not.toContain(first?.code);
  });

  it('adds a course and a target with codes nobody has, valid once named', () => {
    const more = addTarget(addCourse(addCourse(draft)));
    const codes = more.courses.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    const named = setAt(
      setAt(
        setAt(more, `courses.${codes.length - 1}.name`, 'Ny'),
        `courses.${codes.length - 2}.name`,
        'Ny 2',
      ),
      `targets.${more.targets.length - 1}.name`,
      'Nytt mål',
    );
    expect(ProgrammeFile.safeParse(named).success).toBe(true);
  });

  it('finds the field a problem belongs to, and splits lists as typed', () => {
    const fields = new Set(['courses.0.requires', 'targets.1.by', 'name']);
    expect(fieldOf('courses.0.requires.2', fields)).toBe('courses.0.requires');
    expect(fieldOf('targets.1.by', fields)).toBe('targets.1.by');
    expect(fieldOf('owners.0', fields)).toBeNull();
    expect(splitList(' a, b ,, c')).toEqual(['a', 'b', 'c']);
    expect(toggle(['a'], 'b', true)).toEqual(['a', 'b']);
    expect(toggle(['a', 'b'], 'a', false)).toEqual(['b']);
  });

  it("names every field a problem can land on, the server's paths included", () => {
    const fields = editorFields(draft);
    expect(fieldOf('owners.0', fields)).toBe('owners');
    expect(fieldOf('courses.1.requires.0', fields)).toBe('courses.1.requires');
    expect(fields.get('courses.1.requires')).toEqual({
      label: 'editor.requires',
      within: { label: 'editor.course', values: { n: 2, name: draft.courses[1]?.name } },
    });
    expect(fieldOf('audience.include.0.units.3', fields)).toBe('audience.include.0.units');
    expect(fieldOf('targets.0.scope.level', fields)).toBe('targets.0.scope');
    expect(fieldOf('courses', fields)).toBe('courses');
  });
});
