import type { DomainProblemCode, ProblemParams } from '../problems.ts';

/**
 * One problem with an imported file, pointing at the row (1 = header row) and the column as
 * the file names it (its header), with a code and the values its message is filled with.
 */
export interface RowProblem {
  row: number | null;
  column: string | null;
  code: DomainProblemCode;
  params?: ProblemParams;
}

/** Errors beyond this many are counted, not listed: a broken file must not flood the screen. */
export const MAX_LISTED_PROBLEMS = 1000;

export class ProblemList {
  readonly items: RowProblem[] = [];
  total = 0;
  /** The file's header of a field, once the columns are known (problems name headers). */
  private headerOf: (field: string) => string | undefined = () => undefined;

  useHeaders(headerOf: (field: string) => string | undefined) {
    this.headerOf = headerOf;
  }

  add(row: number | null, field: string | null, code: DomainProblemCode, params?: ProblemParams) {
    this.total += 1;
    if (this.items.length >= MAX_LISTED_PROBLEMS) return;
    const column = field === null ? null : (this.headerOf(field) ?? field);
    const withParams = params && Object.keys(params).length > 0;
    this.items.push({ row, column, code, ...(withParams ? { params } : {}) });
  }
}

/** Rows that share an id (employee id, unit code …): the second and later ones are errors. */
export function duplicateIds(
  rows: readonly { row: number; id: string }[],
  column: string,
  problems: ProblemList,
) {
  const first = new Map<string, number>();
  for (const { row, id } of rows) {
    const earlier = first.get(id);
    if (earlier === undefined) first.set(id, row);
    else problems.add(row, column, 'id_again', { value: id, row: earlier });
  }
}
