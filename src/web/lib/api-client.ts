import type { ErrorBody, ErrorCode, ErrorParams } from '../../contracts/errors.ts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'network_error',
    message: string,
    readonly details?: unknown,
    readonly params?: ErrorParams,
  ) {
    super(message);
  }
}

let onUnauthenticated: (code: ErrorCode) => void = () => {};

/** Called when a signed-in request finds the session gone (expired or logged out elsewhere). */
export function setUnauthenticatedHandler(handler: (code: ErrorCode) => void) {
  onUnauthenticated = handler;
}

export function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  return send<T>(path, {
    method: init.method ?? 'GET',
    headers: init.body === undefined ? {} : { 'content-type': 'application/json' },
    body: init.body === undefined ? null : JSON.stringify(init.body),
  });
}

/** Sends a file as the raw request body (the server streams it, nothing is buffered whole). */
export function upload<T>(path: string, file: File): Promise<T> {
  const type = /\.xlsx$/i.test(file.name)
    ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
    : 'text/csv';
  return send<T>(path, { method: 'POST', headers: { 'content-type': type }, body: file });
}

async function send<T>(path: string, init: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { ...init, credentials: 'same-origin' });
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
    throw new ApiError(
      response.status,
      code,
      error?.message ?? response.statusText,
      error?.details,
      error?.params,
    );
  }
  return payload as T;
}
