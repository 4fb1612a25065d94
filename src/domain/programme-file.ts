/**
 * Checks of a programme file that a schema cannot express: references between its parts and
 * the order of its dates. Pure; the messages name the path, like every other validation.
 */
export interface FileProblem {
  path: string;
  message: string;
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
      message: `The period ends (${file.period.end}) before it starts (${file.period.start}).`,
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
        message: `The course code "${course.code}" is used twice.`,
      });
    courses.set(course.code, course);
  });
  file.courses.forEach((course, index) => {
    course.requires.forEach((required, r) => {
      const prerequisite = courses.get(required);
      if (!prerequisite) {
        problems.push({
          path: `courses.${index}.requires.${r}`,
          message: `"${required}" is not a course of this programme.`,
        });
      } else if (prerequisite.level >= course.level) {
        problems.push({
          path: `courses.${index}.requires.${r}`,
          message: `${course.code} (level ${course.level}) cannot require ${required} (level ${prerequisite.level}): prerequisites come from lower levels.`,
        });
      }
    });
  });
  const seenTargets = new Set<string>();
  file.targets.forEach((target, index) => {
    if (seenTargets.has(target.code))
      problems.push({
        path: `targets.${index}.code`,
        message: `The target code "${target.code}" is used twice.`,
      });
    seenTargets.add(target.code);
    if (target.by < file.period.start || target.by > file.period.end) {
      problems.push({
        path: `targets.${index}.by`,
        message: `The target date ${target.by} is outside the programme period.`,
      });
    }
    target.courses.forEach((code, c) => {
      if (!courses.has(code))
        problems.push({
          path: `targets.${index}.courses.${c}`,
          message: `"${code}" is not a course of this programme.`,
        });
      else if (courses.get(code)?.forTrainers)
        problems.push({
          path: `targets.${index}.courses.${c}`,
          message: `"${code}" is a trainer course: targets count the audience's courses.`,
        });
    });
  });
  if (file.courses.every((course) => course.forTrainers))
    problems.push({
      path: 'courses',
      message:
        'The programme needs at least one course for its audience, not only trainer courses.',
    });
  if (file.due.kind === 'fixed' && file.due.date && file.due.date < file.period.start) {
    problems.push({ path: 'due.date', message: 'The due date is before the programme starts.' });
  }
  return problems;
}
