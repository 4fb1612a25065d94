import type { ProgrammeFile } from '../../../contracts/programmes.ts';
import type { MessageKey } from '../../lib/messages.ts';

/**
 * The programme editor's draft: the programme file itself, changed one field at a time. Pure,
 * so what the editor shows, checks and saves is one object (the file it amounts to).
 */
export type Draft = ProgrammeFile;
type Course = Draft['courses'][number];
type Rule = Draft['audience']['include'][number];
type Target = Draft['targets'][number];

/** A copy of `value` with the value at `path` (dot-separated keys and indexes) replaced. */
export function setAt<T>(value: T, path: string, next: unknown): T {
  const [head, ...rest] = path.split('.');
  if (head === undefined || head === '') return next as T;
  const key: string | number = Array.isArray(value) ? Number(head) : head;
  const current: unknown = (value as Record<string | number, unknown>)[key];
  const replaced = rest.length ? setAt(current, rest.join('.'), next) : next;
  if (Array.isArray(value))
    return (value as unknown[]).map((item, i) => (i === key ? replaced : item)) as T;
  const copy = { ...(value as Record<string, unknown>) };
  if (replaced === undefined) delete copy[head];
  else copy[head] = replaced;
  return copy as T;
}

/** The first code `PREFIX-n` no course or target has. */
function freshCode(prefix: string, taken: readonly string[]) {
  for (let n = taken.length + 1; ; n++)
    if (!taken.includes(`${prefix}-${n}`)) return `${prefix}-${n}`;
}

export function addCourse(draft: Draft): Draft {
  const course: Course = {
    code: freshCode(
      'KURS',
      draft.courses.map((c) => c.code),
    ),
    name: '',
    kind: 'web_course',
    modules: [],
    level: 1,
    requires: [],
    evidence: 'none',
    approval: 'none',
    forTrainers: false,
  };
  return { ...draft, courses: [...draft.courses, course] };
}

/** Removes a course and every reference to it (prerequisites, targets' course lists). */
export function removeCourse(draft: Draft, index: number): Draft {
  const code = draft.courses[index]?.code;
  return {
    ...draft,
    courses: draft.courses
      .filter((_, i) => i !== index)
      .map((c) => ({ ...c, requires: c.requires.filter((r) => r !== code) })),
    targets: draft.targets.map((t) => ({ ...t, courses: t.courses.filter((c) => c !== code) })),
  };
}

/** Changes a course's code and every reference to it. */
export function renameCourse(draft: Draft, index: number, code: string): Draft {
  const old = draft.courses[index]?.code;
  const swap = (list: readonly string[]) => list.map((c) => (c === old ? code : c));
  return {
    ...draft,
    courses: draft.courses.map((c, i) => ({
      ...c,
      ...(i === index ? { code } : {}),
      requires: swap(c.requires),
    })),
    targets: draft.targets.map((t) => ({ ...t, courses: swap(t.courses) })),
  };
}

export const newRule = (): Rule => ({ roles: ['employee'], units: [], titles: [], bodies: [] });

export function addTarget(draft: Draft): Draft {
  const target: Target = {
    code: freshCode(
      'MAL',
      draft.targets.map((t) => t.code),
    ),
    name: '',
    percent: 100,
    by: draft.period.end,
    population: 'all',
    scope: { kind: 'overall' },
    courses: [],
  };
  return { ...draft, targets: [...draft.targets, target] };
}

/** Adds or removes an item of a list of strings (roles, codes). */
export function toggle<T extends string>(list: readonly T[], item: T, on: boolean): T[] {
  return on ? (list.includes(item) ? [...list] : [...list, item]) : list.filter((x) => x !== item);
}

/** The id of the field a path is edited in (problem links lead there). */
export const fieldId = (path: string) => `f-${path.replaceAll('.', '-')}`;

/**
 * The field a problem's path belongs to: the longest path among the editor's fields that it is
 * or lies within (a problem of a list item's part lands on the list's field).
 */
export function fieldOf(path: string, fields: { has(path: string): boolean }): string | null {
  let parts = path.split('.');
  while (parts.length) {
    const candidate = parts.join('.');
    if (fields.has(candidate)) return candidate;
    parts = parts.slice(0, -1);
  }
  return null;
}

/** How a field is named: its label, within the course, rule or target it belongs to. */
export interface FieldName {
  label: MessageKey;
  values?: Record<string, string | number>;
  within?: { label: MessageKey; values: Record<string, string | number> };
}

const COURSE_FIELDS: Record<string, MessageKey> = {
  code: 'wizard.courseCode',
  name: 'wizard.courseName',
  kind: 'wizard.courseKind',
  provider: 'wizard.provider',
  url: 'wizard.url',
  level: 'editor.level',
  requires: 'editor.requires',
  validForMonths: 'editor.validFor',
  evidence: 'wizard.evidence',
  approval: 'wizard.approval',
  sessionCapacity: 'editor.capacity',
  modules: 'editor.modules',
};
const RULE_FIELDS: Record<string, MessageKey> = {
  roles: 'editor.ruleRoles',
  units: 'editor.ruleUnits',
  bodies: 'editor.ruleBodies',
  titles: 'editor.ruleTitles',
  startedWithinDays: 'wizard.newWithin',
};
const TARGET_FIELDS: Record<string, MessageKey> = {
  code: 'editor.targetCode',
  name: 'editor.targetName',
  percent: 'wizard.targetPercent',
  by: 'wizard.targetBy',
  population: 'editor.population',
  scope: 'wizard.targetScope',
  courses: 'editor.targetCourses',
};
const TOP_FIELDS: Record<string, MessageKey> = {
  name: 'wizard.name',
  topic: 'wizard.topic',
  description: 'editor.description',
  'decision.body': 'wizard.decisionBody',
  'decision.date': 'wizard.decisionDate',
  'decision.reference': 'wizard.reference',
  'period.start': 'wizard.periodStart',
  'period.end': 'wizard.periodEnd',
  owners: 'editor.owners',
  'due.kind': 'editor.due',
  'due.date': 'editor.dueDate',
  'due.days': 'editor.dueDays',
  courses: 'editor.courses',
  audience: 'editor.audience',
  targets: 'editor.targets',
};

/**
 * Every field the editor shows for the draft, by path, with how it is named: where a problem's
 * link leads (`fieldOf`) and what the problem list calls it.
 */
export function editorFields(draft: Draft): Map<string, FieldName> {
  const fields = new Map<string, FieldName>();
  for (const [path, label] of Object.entries(TOP_FIELDS)) fields.set(path, { label });
  draft.courses.forEach((course, i) => {
    const within = {
      label: 'editor.course' as const,
      values: { n: i + 1, name: course.name || course.code },
    };
    for (const [field, label] of Object.entries(COURSE_FIELDS))
      fields.set(`courses.${i}.${field}`, { label, within });
    course.modules.forEach((_, m) => {
      fields.set(`courses.${i}.modules.${m}.code`, {
        label: 'editor.moduleCode',
        values: { n: m + 1 },
        within,
      });
      fields.set(`courses.${i}.modules.${m}.name`, {
        label: 'editor.moduleName',
        values: { n: m + 1 },
        within,
      });
    });
  });
  for (const kind of ['include', 'exclude'] as const)
    draft.audience[kind].forEach((_, r) => {
      const within = {
        label:
          kind === 'include' ? ('editor.includeRule' as const) : ('editor.excludeRule' as const),
        values: { n: r + 1 },
      };
      for (const [field, label] of Object.entries(RULE_FIELDS))
        fields.set(`audience.${kind}.${r}.${field}`, { label, within });
    });
  draft.targets.forEach((target, i) => {
    const within = {
      label: 'editor.target' as const,
      values: { n: i + 1, name: target.name || target.code },
    };
    for (const [field, label] of Object.entries(TARGET_FIELDS))
      fields.set(`targets.${i}.${field}`, { label, within });
  });
  return fields;
}

/** A list of short texts as typed in one field ("a, b"), and back. */
export const splitList = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
export const joinList = (list: readonly string[]) => list.join(', ');
