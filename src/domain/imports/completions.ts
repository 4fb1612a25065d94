import { cellReader } from './cells.ts';
import type { ProblemList } from './problems.ts';
import type { ProblemParams } from '../problems.ts';

/**
 * A course provider's list of who completed a course: each row names a person by employee id,
 * official id or e-mail (the first given wins) and the date. Pure: reading, matching and
 * planning; the service writes the plan.
 */
export interface CompletionRow {
  row: number;
  employeeId: string;
  officialId: string;
  email: string;
  completedOn: string;
}

export interface PeopleIndex {
  byEmployeeId: ReadonlyMap<string, string>;
  byOfficialId: ReadonlyMap<string, string>;
  /** Lower-case e-mail → every person with it (more than one: ambiguous). */
  byEmail: ReadonlyMap<string, readonly string[]>;
}

export function readCompletionRow(
  row: number,
  cell: (field: string) => string,
  problems: ProblemList,
  today: string,
): CompletionRow | null {
  const read = cellReader(row, cell, problems);
  const employeeId = read.text('employee_id');
  const officialId = read.text('official_id');
  const email = read.text('email') ? (read.email('email') ?? '') : '';
  const completedOn = read.date('completed_on');
  if (!cell('completed_on').trim()) problems.add(row, 'completed_on', 'empty');
  if (!employeeId && !officialId && !cell('email').trim()) problems.add(row, null, 'names_nobody');
  if (completedOn && completedOn > today)
    problems.add(row, 'completed_on', 'date_in_future', { date: completedOn });
  if (read.failed() || !completedOn) return null;
  return { row, employeeId, officialId, email: email.toLowerCase(), completedOn };
}

/** The person a row names, or the problem (with its column) when nobody or several match. */
export function matchPerson(
  row: CompletionRow,
  index: PeopleIndex,
):
  | { personId: string }
  | { column: string; code: 'no_match' | 'several_matches'; params: ProblemParams } {
  if (row.employeeId) {
    const id = index.byEmployeeId.get(row.employeeId);
    return id
      ? { personId: id }
      : { column: 'employee_id', code: 'no_match', params: { value: row.employeeId } };
  }
  if (row.officialId) {
    const id = index.byOfficialId.get(row.officialId);
    return id
      ? { personId: id }
      : { column: 'official_id', code: 'no_match', params: { value: row.officialId } };
  }
  const matches = index.byEmail.get(row.email) ?? [];
  if (matches.length === 1 && matches[0]) return { personId: matches[0] };
  return matches.length
    ? {
        column: 'email',
        code: 'several_matches',
        params: { value: row.email, count: matches.length },
      }
    : { column: 'email', code: 'no_match', params: { value: row.email } };
}

export interface CompletionPlan {
  create: { personId: string; completedOn: string; row: number }[];
  unchanged: number;
}

/**
 * Which rows are new: a completion already recorded for the same person and date is unchanged,
 * so importing the same list again changes nothing. A person listed twice is an error.
 */
export function planCompletions(
  rows: readonly CompletionRow[],
  index: PeopleIndex,
  existing: ReadonlySet<string>,
  problems: ProblemList,
  /** The person importing (null: the command line): nobody records their own training. */
  importer: string | null = null,
): CompletionPlan {
  const plan: CompletionPlan = { create: [], unchanged: 0 };
  const firstRow = new Map<string, number>();
  for (const row of rows) {
    const match = matchPerson(row, index);
    if (!('personId' in match)) {
      problems.add(row.row, match.column, match.code, match.params);
      continue;
    }
    if (match.personId === importer) {
      problems.add(row.row, null, 'own_training');
      continue;
    }
    const earlier = firstRow.get(match.personId);
    if (earlier !== undefined) {
      problems.add(row.row, null, 'same_person_again', { row: earlier });
      continue;
    }
    firstRow.set(match.personId, row.row);
    if (existing.has(`${match.personId}|${row.completedOn}`)) plan.unchanged += 1;
    else plan.create.push({ personId: match.personId, completedOn: row.completedOn, row: row.row });
  }
  return plan;
}
