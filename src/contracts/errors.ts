import { z } from 'zod';

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
] as const;

/** Stable error codes: clients branch on these, never on messages. */
export const ERROR_CODES = [
  'validation_failed',
  'malformed_json',
  'unsupported_media_type',
  'payload_too_large',
  'unauthenticated',
  'session_expired',
  'invalid_credentials',
  'tenant_required',
  'too_many_attempts',
  'forbidden',
  'not_found',
  'conflict',
  'internal_error',
  ...SESSION_REFUSALS,
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export const ErrorBody = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** One problem with one field of a request (or one row and column of a file). */
export const FieldProblem = z.object({
  path: z.string(),
  message: z.string(),
});
export type FieldProblem = z.infer<typeof FieldProblem>;
