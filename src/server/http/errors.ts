import type { FastifyError, FastifyInstance } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
} from 'fastify-type-provider-zod';
import {
  englishMessage,
  englishProblem,
  describeProblem,
  type Thing,
} from '../../contracts/error-messages.ts';
import {
  ERROR_STATUS,
  zodIssueProblem,
  type ErrorBody,
  type ErrorCode,
  type ErrorParams,
  type FieldProblem,
  type ProblemCode,
} from '../../contracts/errors.ts';

/**
 * An error meant for the caller: a stable code with the params its message is filled with.
 * The status comes from the one map in src/contracts/errors.ts; the message is the English
 * text of the code (clients show their own language from the code and params).
 */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly params: ErrorParams = {},
    readonly details?: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(
      code === 'validation_failed' && isProblems(details) && details[0]
        ? englishMessage(code, { problem: describeProblem(details[0], 'en') })
        : englishMessage(code, params),
    );
    this.status = ERROR_STATUS[code];
  }
}

const isProblems = (details: unknown): details is FieldProblem[] =>
  Array.isArray(details) && details.every((d) => typeof d === 'object' && d && 'code' in d);

export const problem = (path: string, code: ProblemCode, params?: ErrorParams): FieldProblem => ({
  path,
  code,
  ...(params ? { params } : {}),
  message: englishProblem(code, params),
});

/** A request refused for one field (400), named as the request names it (`body.personId`). */
export const invalid = (path: string, code: ProblemCode, params?: ErrorParams) =>
  new AppError('validation_failed', {}, [problem(path, code, params)]);

/** Missing, out of scope and another municipality's all answer alike. */
export const notFound = (thing: Thing) => new AppError('not_found', { thing });
export const forbidden = () => new AppError('forbidden');
export const unauthenticated = () => new AppError('unauthenticated');

function body(error: AppError): ErrorBody {
  const params = Object.keys(error.params).length ? { params: error.params } : {};
  return {
    error: {
      code: error.code,
      message: error.message,
      ...params,
      ...(error.details === undefined ? {} : { details: error.details }),
    },
  };
}

/** zod's issue as a problem of the request field at `path`. */
function zodProblem(path: string, keyword: string, params: Record<string, unknown>): FieldProblem {
  const found = zodIssueProblem(keyword, params);
  return problem([path, found.key].filter(Boolean).join('.'), found.code, found.params);
}

/** Maps Fastify's own error codes to ours; anything unknown becomes a logged 500. */
const FASTIFY_ERRORS: Record<string, [ErrorCode, ErrorParams?]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: ['malformed_json'],
  FST_ERR_CTP_EMPTY_JSON_BODY: ['malformed_json'],
  FST_ERR_CTP_BODY_TOO_LARGE: ['payload_too_large'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ['unsupported_media_type', { accepted: 'application/json' }],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ['malformed_json'],
};

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      return reply.code(error.status).headers(error.headers).send(body(error));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const problems = error.validation.map((issue) => {
        const where = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
        const path = [error.validationContext, where].filter(Boolean).join('.');
        return zodProblem(path, issue.keyword, issue.params);
      });
      const refusal = new AppError('validation_failed', {}, problems);
      return reply.code(refusal.status).send(body(refusal));
    }
    const mapped = error.code ? FASTIFY_ERRORS[error.code] : undefined;
    if (mapped) {
      const refusal = new AppError(mapped[0], mapped[1]);
      return reply.code(refusal.status).send(body(refusal));
    }
    if (error.statusCode === 429) {
      const refusal = new AppError('too_many_attempts', { minutes: 1 });
      return reply.code(refusal.status).send(body(refusal));
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error }, 'response did not match its contract');
    } else {
      request.log.error({ err: error }, 'unhandled error');
    }
    return reply.code(500).send(body(new AppError('internal_error')));
  });

  app.setNotFoundHandler((_request, reply) => reply.code(404).send(body(notFound('route'))));
}

/** A file's problems as the API answers them: with their English message beside the code. */
export function presentRowProblems(
  items: readonly {
    row: number | null;
    column: string | null;
    code: ProblemCode;
    params?: ErrorParams;
  }[],
) {
  return items.map((item) => ({ ...item, message: englishProblem(item.code, item.params) }));
}
