/** One problem with an imported file, pointing at the row (1 = header row) and column. */
export interface RowProblem {
  row: number | null;
  column: string | null;
  message: string;
}

/** Errors beyond this many are counted, not listed: a broken file must not flood the screen. */
export const MAX_LISTED_PROBLEMS = 1000;

export class ProblemList {
  readonly items: RowProblem[] = [];
  total = 0;

  add(row: number | null, column: string | null, message: string) {
    this.total += 1;
    if (this.items.length < MAX_LISTED_PROBLEMS) this.items.push({ row, column, message });
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
    else problems.add(row, column, `The id "${id}" appears again (first on row ${earlier}).`);
  }
}
