import type { ProblemList } from './problems.ts';
import { looksDoubleEncoded, parseDate, parseEmail, type Parsed } from './values.ts';

/**
 * Reads the cells of one row, adding a problem (row, field, code) for each bad value; the row
 * readers of units, people, seats and completions share it, so the same mistake gets the same
 * message.
 */
export function cellReader(row: number, cell: (field: string) => string, problems: ProblemList) {
  const problemsBefore = problems.total;
  const parsed = <T>(field: string, parse: (text: string) => Parsed<T>): T | null => {
    if (!cell(field).trim()) return null;
    const result = parse(cell(field));
    if (result.ok) return result.value;
    problems.add(row, field, result.code, result.params);
    return null;
  };
  return {
    text: (field: string) => cell(field).trim(),
    required(field: string): string {
      const value = cell(field).trim();
      if (!value) problems.add(row, field, 'empty');
      return value;
    },
    /** Text that was double-encoded somewhere on its way (Ã¥ for å). */
    garbled(fields: readonly string[]) {
      for (const field of fields) {
        if (looksDoubleEncoded(cell(field))) {
          problems.add(row, field, 'double_encoded', { value: cell(field) });
        }
      }
    },
    email: (field: string) => parsed(field, parseEmail),
    date: (field: string) => parsed(field, parseDate),
    /** Did this row add any problem? */
    failed: () => problems.total > problemsBefore,
  };
}
