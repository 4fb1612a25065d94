/** Parsing and checking of single cell values from HR and roster exports. Pure. */

import type { DomainProblemCode } from '../problems.ts';

export type Parsed<T> =
  { ok: true; value: T } | { ok: false; code: DomainProblemCode; params: { value: string } };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (code: DomainProblemCode, value: string): Parsed<never> => ({
  ok: false,
  code,
  params: { value },
});

/** Accepts 2026-03-01, 20260301 and 2026/03/01; rejects impossible dates such as 2023-02-30. */
export function parseDate(text: string): Parsed<string> {
  const match = /^(\d{4})[-/]?(\d{2})[-/]?(\d{2})$/.exec(text.trim());
  if (!match) return fail('not_a_date', text);
  const [, y, m, d] = match as unknown as [string, string, string, string];
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  const iso = `${y}-${m}-${d}`;
  if (date.toISOString().slice(0, 10) !== iso) return fail('no_such_date', iso);
  return ok(iso);
}

const TRUE = new Set(['ja', 'j', 'yes', 'y', 'x', '1', 'true', 'sant']);
const FALSE = new Set(['nej', 'n', 'no', '0', 'false', 'falskt', '']);

/** Yes/no columns such as `chef`: ja/nej, yes/no, 1/0, x/empty. */
export function parseBoolean(text: string): Parsed<boolean> {
  const value = text.trim().toLowerCase();
  if (TRUE.has(value)) return ok(true);
  if (FALSE.has(value)) return ok(false);
  return fail('not_yes_no', text);
}

const EMAIL = /^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>"]{2,}$/;

export function parseEmail(text: string): Parsed<string> {
  const value = text.trim().toLowerCase();
  if (!EMAIL.test(value)) return fail('not_an_email', text);
  return ok(value);
}

/**
 * Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading
 * apostrophe. Every export Tryggve writes passes cells through this; imports store text as is
 * and never evaluate it.
 */
const FORMULA_STARTS = new Set(['=', '+', '-', '@', '\t', '\r']);

export function neutraliseFormula(text: string): string {
  return FORMULA_STARTS.has(text.charAt(0)) ? `'${text}` : text;
}

/** Double-encoded UTF-8 (å read as Windows-1252 and saved again as UTF-8) shows as Ã¥, Ã¤, Ã¶ … */
const MOJIBAKE = /Ã[\u0080-\u00BF¥¤¶…„–]/;

export function looksDoubleEncoded(text: string): boolean {
  return MOJIBAKE.test(text);
}
