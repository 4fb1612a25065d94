import type { Locale } from '../../contracts/auth.ts';
import { describeError } from '../../contracts/error-messages.ts';
import { ApiError } from './api-client.ts';
import type { MessageKey } from './messages.ts';

/**
 * What to tell the user about a failed request, in their language: every refusal is said from
 * its code and params (with the field it names), never with the server's English sentence.
 */
export function errorText(t: (key: MessageKey) => string, locale: Locale, caught: unknown): string {
  if (!(caught instanceof ApiError)) return t('error.generic');
  if (caught.code === 'network_error') return t('error.network_error');
  return describeError(
    {
      code: caught.code,
      message: caught.message,
      ...(caught.params ? { params: caught.params } : {}),
      ...(caught.details === undefined ? {} : { details: caught.details }),
    },
    locale,
  );
}
