import { SESSION_REFUSALS } from '../../contracts/errors.ts';
import { ApiError } from './api-client.ts';
import type { MessageKey } from './messages.ts';

type Refusal = (typeof SESSION_REFUSALS)[number];

/** Every refusal has its own message (a missing one does not compile). */
const refusalKey = (code: Refusal): MessageKey => `error.${code}`;
const isRefusal = (code: string): code is Refusal =>
  (SESSION_REFUSALS as readonly string[]).includes(code);

/** What to tell the user about a failed request, in their language where the code allows. */
export function errorText(t: (key: MessageKey) => string, caught: unknown): string {
  if (!(caught instanceof ApiError)) return t('error.generic');
  // Refusals say what to do; other errors show the server's text, which names the field.
  if (isRefusal(caught.code)) return t(refusalKey(caught.code));
  return caught.message;
}
