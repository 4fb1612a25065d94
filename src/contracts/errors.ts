import { z } from 'zod';
import { DOMAIN_PROBLEMS } from '../domain/problems.ts';

/** Why a booking, cancellation or attendance mark was refused: each code says what to do. */
export const SESSION_REFUSALS = [
  'session_cancelled',
  'session_started',
  'not_assigned',
  'not_open_to_unit',
  'already_booked',
  'overlapping_booking',
  'after_cutoff',
  'not_booked',
  'attendance_not_yet',
  'not_session_trainer',
  'own_training',
  'session_in_past',
] as const;

/**
 * Every stable error code with its HTTP status: the one place a status is chosen. Clients
 * branch on the code and show its message (with the error's params) in the user's language.
 */
export const ERROR_STATUS = {
  validation_failed: 400,
  malformed_json: 400,
  unsupported_media_type: 415,
  payload_too_large: 413,
  unauthenticated: 401,
  session_expired: 401,
  invalid_credentials: 401,
  tenant_required: 400,
  choose_tenant: 400,
  no_tenants: 404,
  tenant_exists: 409,
  data_dir_locked: 409,
  too_many_attempts: 429,
  forbidden: 403,
  not_found: 404,
  account_not_linked: 403,
  import_has_errors: 422,
  import_needs_confirmation: 422,
  username_taken: 409,
  own_account: 409,
  last_administrator: 409,
  unit_not_empty: 409,
  cannot_split: 409,
  programme_ended: 409,
  already_pending: 409,
  already_completed: 409,
  already_decided: 409,
  already_voided: 409,
  not_qualified_trainer: 409,
  undo_blocked: 409,
  internal_error: 500,
  unavailable: 503,
  session_cancelled: 409,
  session_started: 409,
  not_assigned: 400,
  not_open_to_unit: 400,
  already_booked: 409,
  overlapping_booking: 409,
  after_cutoff: 409,
  not_booked: 400,
  attendance_not_yet: 409,
  not_session_trainer: 403,
  own_training: 403,
  session_in_past: 400,
} as const satisfies Record<string, number> & Record<(typeof SESSION_REFUSALS)[number], number>;

export type ErrorCode = keyof typeof ERROR_STATUS;
export const ERROR_CODES = Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]];

/**
 * What a field problem is, whatever the field: a request's body, query or path, or a cell of an
 * imported file. The message says it in the user's language from the code and its params.
 */
export const PROBLEM_CODES = [
  // From the request schemas (zod).
  'required',
  'invalid_type',
  'too_short',
  'too_long',
  'too_small',
  'too_big',
  'invalid_format',
  'invalid_value',
  'unknown_field',
  'invalid',
  // Objects named by id or code.
  'no_such',
  'no_such_code',
  'closed_or_missing',
  'code_taken',
  'date_too_early',
  // Organisation.
  'cyclic_parent',
  'root_unit',
  // Completions.
  'not_assigned_to_you',
  'course_locked',
  'trainer_course',
  'attended_course',
  'web_course',
  'attest_required',
  'certificate_required',
  'certificate_too_large',
  'certificate_type',
  'not_in_programme',
  // Sessions and trainers.
  'no_module',
  'trainer_required',
  'include_yourself',
  'not_qualified',
  'not_served',
  'session_too_long',
  'below_bookings',
  'no_place',
  'not_yours_to_book',
  'out_of_scope',
  'registration_ended',
  // Programme files.
  'no_account',
  'may_not_own',
  'course_in_use',
  'course_has_completions',
  'choose_unit',
  // Accounts.
  'username_format',
  'tenant_code',
  'password_too_short',
  'role_needs_scope',
  'needs_unit',
  'needs_body',
  'scope_not_allowed',
  'one_scope_only',
  'grant_exists',
  'person_has_account',
  // Imports.
  'mapping_not_object',
  'unknown_import_field',
  'import_kind',
  'not_json',
  // Cells of imported files and parts of programme files (src/domain/problems.ts).
  ...DOMAIN_PROBLEMS,
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** Values a message is filled with (names, counts, dates, codes). */
export const ErrorParams = z.record(z.string(), z.union([z.string(), z.number()]));
export type ErrorParams = z.infer<typeof ErrorParams>;

/** One problem with one field of a request (or one row and column of a file). */
export const FieldProblem = z.object({
  path: z.string(),
  code: z.enum(PROBLEM_CODES),
  params: ErrorParams.optional(),
  message: z.string(),
});
export type FieldProblem = z.infer<typeof FieldProblem>;

export const ErrorBody = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    /** The message in English, for logs and API clients; people read the code's translation. */
    message: z.string(),
    params: ErrorParams.optional(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/**
 * A zod issue as a field problem: its code, the bounds its message names, and for an unknown
 * field the field's name (to add to the path). Used for request validation and for files.
 */
export function zodIssueProblem(
  keyword: string,
  issue: Record<string, unknown>,
): { code: ProblemCode; params?: ErrorParams; key?: string } {
  const bound = (key: 'minimum' | 'maximum') => {
    const value = issue[key];
    return typeof value === 'number' || typeof value === 'bigint' ? Number(value) : 0;
  };
  const text = issue.origin === 'string';
  switch (keyword) {
    case 'invalid_type':
      return issue.input === undefined
        ? { code: 'required' }
        : { code: 'invalid_type', params: { expected: String(issue.expected) } };
    case 'too_small':
      return text && bound('minimum') === 1
        ? { code: 'required' }
        : { code: text ? 'too_short' : 'too_small', params: { minimum: bound('minimum') } };
    case 'too_big':
      return { code: text ? 'too_long' : 'too_big', params: { maximum: bound('maximum') } };
    case 'invalid_format':
      return { code: 'invalid_format', params: { format: String(issue.format) } };
    case 'invalid_value':
    case 'invalid_union':
    case 'invalid_key':
    case 'invalid_element':
      return { code: 'invalid_value' };
    case 'unrecognized_keys': {
      const keys = Array.isArray(issue.keys) ? issue.keys.map(String) : [];
      return { code: 'unknown_field', ...(keys[0] ? { key: keys[0] } : {}) };
    }
    default:
      return { code: 'invalid' };
  }
}
