/**
 * What is wrong with a value of a file (a cell of an import, a part of a programme file), as a
 * code with the values its message is filled with. Pure: src/contracts turns codes into words
 * in Swedish and English, so the preview, the CLI and the web say the same thing.
 */
export const DOMAIN_PROBLEMS = [
  'empty',
  'invalid_text',
  'cell_too_long',
  'row_too_long',
  'not_a_date',
  'no_such_date',
  'not_yes_no',
  'not_an_email',
  'double_encoded',
  'date_in_future',
  'ends_before_start',
  'column_ambiguous',
  'column_missing',
  'no_person_column',
  'names_nobody',
  'no_match',
  'several_matches',
  'same_person_again',
  'own_training',
  'id_again',
  'no_data_rows',
  'empty_file',
  'too_many_rows',
  'unreadable_file',
  'file_too_large',
  'mixed_encoding',
  'truncated_text',
  'unknown_unit',
  'parent_missing',
  'parent_cycle',
  'unit_kind',
  'body_unknown',
  'seat_role',
  'used_twice',
  'not_a_course',
  'prerequisite_level',
  'outside_period',
  'trainer_course_target',
  'due_before_start',
  'audience_course_missing',
] as const;
export type DomainProblemCode = (typeof DOMAIN_PROBLEMS)[number];
export type ProblemParams = Record<string, string | number>;

/** The longest text any field or cell holds (a description); names and codes are far shorter. */
export const MAX_TEXT_LENGTH = 4000;

/**
 * Text no field may hold: NUL (PostgreSQL refuses it) or half of a UTF-16 surrogate pair (not
 * a character at all).
 */
export function isStorableText(text: string): boolean {
  return (
    !text.includes('\u0000') &&
    !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text)
  );
}

/**
 * The first string anywhere in a parsed JSON value (request body, query, path parameters, a
 * programme file) that is not storable, as its dotted path; null when every string is. Walks
 * without recursion: a hostile body may be nested thousands of levels deep. Only parsed JSON is
 * walked (plain objects and arrays), never a stream or another object.
 */
export function firstUnstorableText(value: unknown, path: string): string | null {
  // Each step knows its parent, so a path is spelled out only when something is found.
  interface Step {
    parent: Step | null;
    key: string;
  }
  const spell = (step: Step) => {
    const keys: string[] = [];
    for (let at: Step | null = step; at; at = at.parent) keys.push(at.key);
    return keys.reverse().join('.');
  };
  const stack: [unknown, Step][] = [[value, { parent: null, key: path }]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [item, step] = next;
    if (typeof item === 'string') {
      if (!isStorableText(item)) return spell(step);
    } else if (Array.isArray(item)) {
      for (let i = item.length - 1; i >= 0; i--)
        stack.push([item[i], { parent: step, key: String(i) }]);
    } else if (isPlainObject(item)) {
      for (const [key, child] of Object.entries(item)) {
        const here = { parent: step, key: key.replace(/[^\x20-\x7e]/g, '?') };
        if (!isStorableText(key)) return spell(here);
        stack.push([child, here]);
      }
    }
  }
  return null;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (!value || typeof value !== 'object') return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
