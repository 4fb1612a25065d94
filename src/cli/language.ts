import type { Locale } from '../contracts/auth.ts';
import { describeError, describeProblem } from '../contracts/error-messages.ts';
import type { ErrorParams, FieldProblem, ProblemCode } from '../contracts/errors.ts';
import type { AppError } from '../server/http/errors.ts';

/**
 * The language the command line speaks to its user: Swedish unless `--lang en` (or
 * TRYGGVE_LANG=en) says otherwise, like the web. JSON output is the same in both.
 */
let locale: Locale = process.env.TRYGGVE_LANG === 'en' ? 'en' : 'sv';

export const setCliLocale = (value: Locale) => {
  locale = value;
};
export const cliLocale = () => locale;

/**
 * A refusal in the user's language, from its code and params (never the server's English); a
 * refused file lists every problem, one a line.
 */
export function refusalText(error: AppError): string {
  const problems = Array.isArray(error.details) ? (error.details as FieldProblem[]) : [];
  if (error.code === 'validation_failed' && problems.length > 1)
    return problems.map((problem) => describeProblem(problem, locale)).join('\n');
  return describeError(
    {
      code: error.code,
      message: error.message,
      params: error.params,
      ...(error.details === undefined ? {} : { details: error.details }),
    },
    locale,
  );
}

/** One problem of a file, by its row and column: "rad 3, Enhetskod: okänd enhetskod …". */
export function rowProblemText(problem: {
  row: number | null;
  column: string | null;
  code: ProblemCode;
  params?: ErrorParams;
}) {
  const where = [
    problem.row === null ? null : `${locale === 'sv' ? 'rad' : 'row'} ${problem.row}`,
    problem.column,
  ]
    .filter(Boolean)
    .join(', ');
  const text = describeProblem(
    { path: '', code: problem.code, ...(problem.params ? { params: problem.params } : {}) },
    locale,
  );
  return where ? `${where}: ${text}` : text;
}
