import type { Locale } from '../../../contracts/auth.ts';
import { zodIssueProblem, type ErrorParams, type ProblemCode } from '../../../contracts/errors.ts';
import { problemText } from '../../../contracts/error-messages.ts';
import { ProgrammeFile } from '../../../contracts/programmes.ts';
import { checkProgramme } from '../../../domain/programme-file.ts';
import type { MessageKey } from '../../lib/messages.ts';

/**
 * Where each of the wizard's fields lives: its step, its path in the programme file and its
 * label (as the problem lists name it). The
 * file's checks (the schema and `checkProgramme`, the same as `programme apply`) name paths;
 * this turns them back into the field the user filled in.
 */
export const WIZARD_FIELDS = {
  code: { step: 0, path: 'code', label: 'wizard.code' },
  name: { step: 0, path: 'name', label: 'wizard.name' },
  topic: { step: 0, path: 'topic', label: 'wizard.topic' },
  decisionBody: { step: 0, path: 'decision.body', label: 'wizard.decisionBody' },
  decisionDate: { step: 0, path: 'decision.date', label: 'wizard.decisionDate' },
  reference: { step: 0, path: 'decision.reference', label: 'wizard.reference' },
  periodStart: { step: 0, path: 'period.start', label: 'wizard.periodStart' },
  periodEnd: { step: 0, path: 'period.end', label: 'wizard.periodEnd' },
  courseCode: { step: 1, path: 'courses.0.code', label: 'wizard.courseCode' },
  courseName: { step: 1, path: 'courses.0.name', label: 'wizard.courseName' },
  courseKind: { step: 1, path: 'courses.0.kind', label: 'wizard.courseKind' },
  provider: { step: 1, path: 'courses.0.provider', label: 'wizard.provider' },
  url: { step: 1, path: 'courses.0.url', label: 'wizard.url' },
  evidence: { step: 1, path: 'courses.0.evidence', label: 'wizard.evidence' },
  approval: { step: 1, path: 'courses.0.approval', label: 'wizard.approval' },
  roles: { step: 2, path: 'audience.include.0.roles', label: 'wizard.roles' },
  units: { step: 2, path: 'audience.include.0.units', label: 'wizard.units' },
  newWithin: { step: 2, path: 'audience.include.0.startedWithinDays', label: 'wizard.newWithin' },
  targetPercent: { step: 3, path: 'targets.0.percent', label: 'wizard.targetPercent' },
  targetBy: { step: 3, path: 'targets.0.by', label: 'wizard.targetBy' },
  scope: { step: 3, path: 'targets.0.scope', label: 'wizard.targetScope' },
  dueDays: { step: 3, path: 'due.days', label: 'wizard.due' },
} as const satisfies Record<string, { step: number; path: string; label: MessageKey }>;
export type WizardField = keyof typeof WIZARD_FIELDS;

export interface WizardProblem {
  field: WizardField;
  step: number;
  text: string;
}

interface PathProblem {
  path: string;
  code: ProblemCode;
  params?: ErrorParams | undefined;
}

/** The wizard field a file path belongs to (the longest field path it starts with). */
export function fieldOfPath(path: string): WizardField | null {
  let best: WizardField | null = null;
  for (const [field, { path: fieldPath }] of Object.entries(WIZARD_FIELDS) as [
    WizardField,
    { path: string },
  ][]) {
    const within = path === fieldPath || path.startsWith(`${fieldPath}.`);
    if (within && (!best || fieldPath.length > WIZARD_FIELDS[best].path.length)) best = field;
  }
  if (best) return best;
  // A problem of the whole courses list or a whole target lands on its first field.
  if (path.startsWith('courses')) return 'courseCode';
  if (path.startsWith('targets')) return 'targetPercent';
  if (path.startsWith('audience')) return 'roles';
  return null;
}

const CODE_FORMAT = {
  sv: 'använd 1–60 bokstäver A–Z, siffror, ”.”, ”_” eller ”-” (börja med en bokstav eller siffra)',
  en: 'use 1–60 letters A–Z, digits, ".", "_" or "-" (starting with a letter or digit)',
};

/**
 * Problems named by path (the file's checks, or the server's answer) as the wizard's, one per
 * field: a field left empty "must be filled in", a code in the wrong form says which form.
 */
export function wizardProblems(
  problems: readonly PathProblem[],
  locale: Locale,
  values: Readonly<Record<string, string | readonly string[]>> = {},
): WizardProblem[] {
  const seen = new Set<WizardField>();
  return problems.flatMap((problem) => {
    const field = fieldOfPath(problem.path);
    if (!field || seen.has(field)) return [];
    seen.add(field);
    const value = values[field];
    const empty = value === '' || (Array.isArray(value) && value.length === 0);
    const text =
      empty && field !== 'units'
        ? problemText({ code: 'required' }, locale)
        : problem.code === 'invalid_format' && (field === 'code' || field === 'courseCode')
          ? CODE_FORMAT[locale]
          : problemText(problem, locale);
    return [{ field, step: WIZARD_FIELDS[field].step, text }];
  });
}

/**
 * Every problem of the file the wizard's answers amount to, by the file's own checks: the
 * schema's, and the checks across fields (dates in order) even while other steps are unfilled.
 */
export function fileProblems(file: ProgrammeFile): PathProblem[] {
  const parsed = ProgrammeFile.safeParse(file);
  const schema: PathProblem[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => {
        const { code, params } = zodIssueProblem(issue.code, { ...issue });
        return { path: issue.path.map(String).join('.'), code, params };
      });
  const named = new Set(schema.map((p) => p.path));
  return [...schema, ...checkProgramme(file).filter((p) => !named.has(p.path))];
}
