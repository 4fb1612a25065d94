import { ApiError } from './api-client.ts';
import type { MessageKey } from './messages.ts';

/** Error codes whose own message says what to do; others show the server's (field-naming) text. */
const TRANSLATED = new Set<string>([
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
]);

/** What to tell the user about a failed request, in their language where the code allows. */
export function errorText(t: (key: MessageKey) => string, caught: unknown): string {
  if (!(caught instanceof ApiError)) return t('error.generic');
  if (TRANSLATED.has(caught.code)) return t(`error.${caught.code}` as MessageKey);
  return caught.message;
}
