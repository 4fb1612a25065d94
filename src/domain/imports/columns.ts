/**
 * Column recognition for imports: the default profile knows the usual Swedish and English
 * headers of HR and roster exports; a saved profile can name other headers. Pure.
 */

import type { ProblemParams } from '../problems.ts';

export type ImportKind = 'units' | 'people' | 'seats' | 'completions';

export interface FieldSpec {
  field: string;
  required: boolean;
  aliases: string[];
}

/** The longest value each field takes: the same bounds as the API's fields for it. */
const MAX_LENGTH: Record<string, number> = {
  code: 60,
  parent_code: 60,
  unit_code: 60,
  body_code: 60,
  employee_id: 60,
  official_id: 60,
  employment_form: 60,
  kind: 60,
  role: 60,
  start_date: 60,
  end_date: 60,
  term_start: 60,
  term_end: 60,
  completed_on: 60,
  is_manager: 60,
  party: 100,
};
const DEFAULT_MAX_LENGTH = 200;

export const maxLengthOf = (field: string) => MAX_LENGTH[field] ?? DEFAULT_MAX_LENGTH;

const FIELDS: Record<ImportKind, FieldSpec[]> = {
  units: [
    {
      field: 'code',
      required: true,
      aliases: ['enhetskod', 'kod', 'code', 'unit_code', 'unitcode', 'enhet_id'],
    },
    {
      field: 'name',
      required: true,
      aliases: ['namn', 'enhetsnamn', 'benämning', 'name', 'unit_name'],
    },
    {
      field: 'parent_code',
      required: false,
      aliases: ['överordnad', 'överordnad_enhet', 'överordnadkod', 'parent', 'parent_code'],
    },
    { field: 'kind', required: false, aliases: ['typ', 'nivå', 'kind', 'type', 'level'] },
  ],
  people: [
    {
      field: 'employee_id',
      required: true,
      aliases: [
        'anställningsnummer',
        'anställningsnr',
        'anstnr',
        'personalnummer',
        'employee_id',
        'employee_number',
        'employeeid',
      ],
    },
    {
      field: 'first_name',
      required: true,
      aliases: ['förnamn', 'first_name', 'firstname', 'given_name'],
    },
    {
      field: 'last_name',
      required: true,
      aliases: ['efternamn', 'last_name', 'lastname', 'surname', 'family_name'],
    },
    {
      field: 'email',
      required: false,
      aliases: ['e-post', 'epost', 'e-postadress', 'mejl', 'email', 'e-mail', 'mail'],
    },
    {
      field: 'unit_code',
      required: true,
      aliases: ['enhetskod', 'enhet', 'unit_code', 'unit', 'unitcode'],
    },
    {
      field: 'title',
      required: false,
      aliases: ['befattning', 'titel', 'yrke', 'title', 'job_title'],
    },
    {
      field: 'is_manager',
      required: false,
      aliases: ['chef', 'är_chef', 'chefsroll', 'is_manager', 'manager'],
    },
    {
      field: 'employment_form',
      required: false,
      aliases: ['anställningsform', 'employment_form', 'employment_type'],
    },
    {
      field: 'start_date',
      required: false,
      aliases: ['startdatum', 'anställningsdatum', 'från', 'start_date', 'start'],
    },
    { field: 'end_date', required: false, aliases: ['slutdatum', 'till', 'end_date', 'end'] },
  ],
  seats: [
    {
      field: 'official_id',
      required: true,
      aliases: ['id', 'förtroendevald_id', 'official_id', 'person_id'],
    },
    { field: 'first_name', required: true, aliases: ['förnamn', 'first_name', 'firstname'] },
    {
      field: 'last_name',
      required: true,
      aliases: ['efternamn', 'last_name', 'lastname', 'surname'],
    },
    { field: 'email', required: false, aliases: ['e-post', 'epost', 'email', 'e-mail', 'mail'] },
    {
      field: 'body_code',
      required: true,
      aliases: ['organ', 'organkod', 'nämnd', 'body', 'body_code'],
    },
    { field: 'role', required: true, aliases: ['roll', 'uppdrag', 'role'] },
    {
      field: 'term_start',
      required: true,
      aliases: ['från', 'fr.o.m.', 'from', 'term_start', 'start_date'],
    },
    {
      field: 'term_end',
      required: false,
      aliases: ['till', 't.o.m.', 'to', 'term_end', 'end_date'],
    },
    { field: 'party', required: false, aliases: ['parti', 'party'] },
  ],
  // A course provider's list of who finished: matched on any of the three ids.
  completions: [
    {
      field: 'employee_id',
      required: false,
      aliases: ['anställningsnummer', 'anställningsnr', 'anstnr', 'personalnummer', 'employee_id'],
    },
    {
      field: 'official_id',
      required: false,
      aliases: ['förtroendevald_id', 'official_id'],
    },
    {
      field: 'email',
      required: false,
      aliases: ['e-post', 'epost', 'e-postadress', 'mejl', 'email', 'e-mail', 'mail'],
    },
    {
      field: 'completed_on',
      required: true,
      aliases: [
        'datum',
        'slutförd',
        'genomförd',
        'klar',
        'slutfört_datum',
        'completed',
        'completed_on',
        'completion_date',
        'date',
      ],
    },
  ],
};

export function fieldsOf(kind: ImportKind): readonly FieldSpec[] {
  return FIELDS[kind];
}

/** Lower case, letters and digits only: "E-post" and "epost", "First Name" and "first_name" meet. */
export function normaliseHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .normalize('NFC')
    .toLocaleLowerCase('sv')
    .replace(/[^\p{L}\p{N}]/gu, '');
}

export interface ColumnProblem {
  column: string;
  code: 'column_ambiguous' | 'column_missing';
  params: ProblemParams;
}

/** A saved profile: field → the header used in this municipality's files. */
export type MappingProfile = Partial<Record<string, string>>;

/**
 * Finds the column index of every field. A profile entry wins over the defaults. Returns the
 * problems (missing required column, two columns for one field) instead of guessing.
 */
export function resolveColumns(
  kind: ImportKind,
  headers: readonly string[],
  profile: MappingProfile = {},
): { columns: Map<string, number>; problems: ColumnProblem[] } {
  const normalised = headers.map(normaliseHeader);
  const columns = new Map<string, number>();
  const problems: ColumnProblem[] = [];
  for (const spec of FIELDS[kind]) {
    const wanted = profile[spec.field];
    const candidates = (wanted ? [wanted] : spec.aliases).map(normaliseHeader);
    const found = normalised.flatMap((header, index) =>
      candidates.includes(header) ? [index] : [],
    );
    if (found.length > 1) {
      problems.push({
        column: headers[found[1] ?? 0] ?? spec.field,
        code: 'column_ambiguous',
        params: { field: spec.field, headers: found.map((i) => `"${headers[i]}"`).join(', ') },
      });
    } else if (found[0] !== undefined) {
      columns.set(spec.field, found[0]);
    } else if (spec.required) {
      problems.push({
        column: wanted ?? spec.aliases[0] ?? spec.field,
        code: 'column_missing',
        params: {
          field: spec.field,
          example: `"${wanted ?? spec.aliases.slice(0, 2).join('", "')}"`,
        },
      });
    }
  }
  return { columns, problems };
}

export interface ColumnMatch {
  field: string;
  required: boolean;
  /** The header this field is read from, or null when none matched. */
  header: string | null;
}

/** For the wizard's mapping step: which header each field would be read from. */
export function matchColumns(
  kind: ImportKind,
  headers: readonly string[],
  profile: MappingProfile = {},
): ColumnMatch[] {
  const { columns } = resolveColumns(kind, headers, profile);
  return FIELDS[kind].map((spec) => {
    const index = columns.get(spec.field);
    return {
      field: spec.field,
      required: spec.required,
      header: index === undefined ? null : (headers[index] ?? null),
    };
  });
}
