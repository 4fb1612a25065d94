/**
 * Checks of a programme file that a schema cannot express: references between its parts and
 * the order of its dates. Pure; the problems name the path, like every other validation.
 */
import type { DomainProblemCode, ProblemParams } from './problems.ts';

export interface FileProblem {
  path: string;
  code: DomainProblemCode;
  params?: ProblemParams;
}

interface ProgrammeShape {
  period: { start: string; end: string };
  courses: readonly {
    code: string;
    level: number;
    requires: readonly string[];
    forTrainers: boolean;
  }[];
  targets: readonly { code: string; by: string; courses: readonly string[] }[];
  due: { kind: string; date?: string };
}

export function checkProgramme(file: ProgrammeShape): FileProblem[] {
  const problems: FileProblem[] = [];
  if (file.period.end < file.period.start) {
    problems.push({
      path: 'period.end',
      code: 'ends_before_start',
      params: { start: file.period.start, end: file.period.end },
    });
  }
  const courses = new Map<
    string,
    { level: number; requires: readonly string[]; forTrainers: boolean }
  >();
  file.courses.forEach((course, index) => {
    if (courses.has(course.code))
      problems.push({
        path: `courses.${index}.code`,
        code: 'used_twice',
        params: { code: course.code },
      });
    courses.set(course.code, course);
  });
  file.courses.forEach((course, index) => {
    course.requires.forEach((required, r) => {
      const prerequisite = courses.get(required);
      if (!prerequisite) {
        problems.push({
          path: `courses.${index}.requires.${r}`,
          code: 'not_a_course',
          params: { code: required },
        });
      } else if (prerequisite.level >= course.level) {
        problems.push({
          path: `courses.${index}.requires.${r}`,
          code: 'prerequisite_level',
          params: {
            course: course.code,
            level: course.level,
            required,
            requiredLevel: prerequisite.level,
          },
        });
      }
    });
  });
  const seenTargets = new Set<string>();
  file.targets.forEach((target, index) => {
    if (seenTargets.has(target.code))
      problems.push({
        path: `targets.${index}.code`,
        code: 'used_twice',
        params: { code: target.code },
      });
    seenTargets.add(target.code);
    if (target.by < file.period.start || target.by > file.period.end) {
      problems.push({
        path: `targets.${index}.by`,
        code: 'outside_period',
        params: { date: target.by },
      });
    }
    target.courses.forEach((code, c) => {
      if (!courses.has(code))
        problems.push({
          path: `targets.${index}.courses.${c}`,
          code: 'not_a_course',
          params: { code },
        });
      else if (courses.get(code)?.forTrainers)
        problems.push({
          path: `targets.${index}.courses.${c}`,
          code: 'trainer_course_target',
          params: { code },
        });
    });
  });
  if (file.courses.every((course) => course.forTrainers))
    problems.push({
      path: 'courses',
      code: 'audience_course_missing',
    });
  if (file.due.kind === 'fixed' && file.due.date && file.due.date < file.period.start) {
    problems.push({ path: 'due.date', code: 'due_before_start' });
  }
  return problems;
}
