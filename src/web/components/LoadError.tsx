import type { ApiError } from '../lib/api-client.ts';
import { useI18n } from '../lib/i18n.tsx';

export function LoadError({ error }: { error: ApiError }) {
  const { t } = useI18n();
  const key =
    error.code === 'not_found'
      ? 'error.not_found'
      : error.code === 'network_error'
        ? 'error.network_error'
        : 'error.generic';
  return (
    <p className="error" role="alert">
      {t(key)}
    </p>
  );
}
