import { Link } from 'react-router';
import type { ApiError } from '../lib/api-client.ts';
import { useI18n } from '../lib/i18n.tsx';

/** An address whose id is malformed names nothing: to its reader that is "not found" too. */
const namesNothing = (error: ApiError) =>
  error.code === 'not_found' ||
  (error.code === 'validation_failed' &&
    Array.isArray(error.details) &&
    error.details.some(
      (problem: unknown) =>
        typeof problem === 'object' &&
        problem !== null &&
        String((problem as { path?: unknown }).path).startsWith('params'),
    ));

/** Why a page could not be shown, said as what it means for the reader, with a way on. */
export function LoadError({ error }: { error: ApiError }) {
  const { t, errorText } = useI18n();
  const text = namesNothing(error)
    ? t('error.not_found')
    : error.code === 'network_error'
      ? t('error.network_error')
      : error.code === 'internal_error'
        ? t('error.generic')
        : errorText(error);
  return (
    <>
      <p className="error" role="alert">
        {text}
      </p>
      {namesNothing(error) && <Link to="/">{t('notFound.back')}</Link>}
    </>
  );
}
