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
