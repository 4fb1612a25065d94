import type { FastifyInstance, FastifyServerOptions } from 'fastify';

/** Credentials and session ids must never reach a log line. */
export const REDACTED_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  'password',
  '*.password',
  'token',
  '*.token',
];

export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return { level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } };
}

/** A request slower than this is logged at warn, so it shows in the quiet default log. */
export const SLOW_REQUEST_MS = 1000;

/**
 * Quiet by default (warn: errors and slow requests); LOG_LEVEL=info logs every request.
 */
export function logSlowRequests(app: FastifyInstance) {
  app.addHook('onResponse', (request, reply, done) => {
    if (reply.elapsedTime > SLOW_REQUEST_MS)
      request.log.warn(
        {
          method: request.method,
          url: request.routeOptions.url ?? request.url,
          statusCode: reply.statusCode,
          ms: Math.round(reply.elapsedTime),
        },
        'slow request',
      );
    done();
  });
}
