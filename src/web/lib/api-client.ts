import type { ErrorBody, ErrorCode } from '../../contracts/errors.ts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'network_error',
    message: string,
  ) {
    super(message);
  }
}

let onUnauthenticated: (code: ErrorCode) => void = () => {};

/** Called when a signed-in request finds the session gone (expired or logged out elsewhere). */
export function setUnauthenticatedHandler(handler: (code: ErrorCode) => void) {
  onUnauthenticated = handler;
}

export async function api<T>(
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? 'GET',
      credentials: 'same-origin',
      headers: init.body === undefined ? {} : { 'content-type': 'application/json' },
      body: init.body === undefined ? null : JSON.stringify(init.body),
    });
  } catch {
    throw new ApiError(0, 'network_error', 'The server could not be reached.');
  }
  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (payload as ErrorBody | null)?.error;
    const code = error?.code ?? 'internal_error';
    if (
      (code === 'unauthenticated' || code === 'session_expired') &&
      !path.startsWith('/api/auth/')
    ) {
      onUnauthenticated(code);
    }
    throw new ApiError(response.status, code, error?.message ?? response.statusText);
  }
  return payload as T;
}
