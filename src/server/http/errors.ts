import type { FastifyError, FastifyInstance } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
} from 'fastify-type-provider-zod';
import type { ErrorBody, ErrorCode, FieldProblem } from '../../contracts/errors.ts';

/** An error meant for the caller: a stable code, an HTTP status and a readable message. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    message: string,
    readonly details?: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const notFound = (what = 'The requested object') =>
  new AppError('not_found', 404, `${what} was not found.`);
export const forbidden = () =>
  new AppError('forbidden', 403, 'You do not have access to this function.');
export const unauthenticated = () => new AppError('unauthenticated', 401, 'You need to sign in.');

function body(code: ErrorCode, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/** Maps Fastify's own error codes to ours; anything unknown becomes a logged 500. */
const FASTIFY_ERRORS: Record<string, [ErrorCode, number, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: ['malformed_json', 400, 'The request body is not valid JSON.'],
  FST_ERR_CTP_EMPTY_JSON_BODY: ['malformed_json', 400, 'The request body is empty.'],
  FST_ERR_CTP_BODY_TOO_LARGE: ['payload_too_large', 413, 'The request body is too large.'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [
    'unsupported_media_type',
    415,
    'Send the request body as application/json.',
  ],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ['malformed_json', 400, 'Content-Length does not match.'],
};

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      return reply
        .code(error.status)
        .headers(error.headers)
        .send(body(error.code, error.message, error.details));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const problems: FieldProblem[] = error.validation.map((issue) => {
        const where = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
        const field = [error.validationContext, where].filter(Boolean).join('.');
        return { path: field, message: issue.message ?? 'Invalid value.' };
      });
      const first = problems[0];
      const message = first
        ? `Invalid value for ${first.path}: ${first.message}`
        : 'The request is not valid.';
      return reply.code(400).send(body('validation_failed', message, problems));
    }
    const mapped = error.code ? FASTIFY_ERRORS[error.code] : undefined;
    if (mapped) return reply.code(mapped[1]).send(body(mapped[0], mapped[2]));
    if (error.statusCode === 429) {
      return reply
        .code(429)
        .send(body('too_many_attempts', 'Too many requests. Wait a moment and try again.'));
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error }, 'response did not match its contract');
    } else {
      request.log.error({ err: error }, 'unhandled error');
    }
    return reply.code(500).send(body('internal_error', 'Something went wrong on our side.'));
  });

  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .send(body('not_found', `No route for ${request.method} ${request.url.split('?')[0]}.`)),
  );
}
