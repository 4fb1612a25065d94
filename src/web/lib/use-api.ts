import { useEffect, useState } from 'react';
import { api, ApiError } from './api-client.ts';

export type Loadable<T> =
  { state: 'loading' } | { state: 'ready'; data: T } | { state: 'error'; error: ApiError };

/**
 * Loads `path` and reloads when it or `version` changes (bump `version` after a change);
 * stale answers from an earlier request are dropped. The last answer stays shown while reloading.
 */
export function useApi<T>(path: string, version = 0): Loadable<T> {
  const [result, setResult] = useState<{ path: string; value: Loadable<T> }>({
    path,
    value: { state: 'loading' },
  });
  useEffect(() => {
    let current = true;
    api<T>(path).then(
      (data) => current && setResult({ path, value: { state: 'ready', data } }),
      (error: unknown) =>
        current &&
        setResult({
          path,
          value: {
            state: 'error',
            error:
              error instanceof ApiError ? error : new ApiError(0, 'internal_error', String(error)),
          },
        }),
    );
    return () => {
      current = false;
    };
  }, [path, version]);
  return result.path === path ? result.value : { state: 'loading' };
}
