import type { FastifyInstance } from 'fastify';
import { firstUnstorableText } from '../../domain/problems.ts';
import { invalid } from './errors.ts';

/**
 * Checks every request before its schema does: no text anywhere in the body, query or path may
 * hold NUL or half of a surrogate pair (PostgreSQL refuses the one, neither is a character). A
 * 400 names the field, on every route at once — a new route cannot forget it.
 */
export function registerTextCheck(app: FastifyInstance) {
  app.addHook('preValidation', (request, _reply, done) => {
    // The query and path parsers make objects of their own kind: copied into plain ones.
    for (const [part, value] of [
      ['params', { ...(request.params as object) }],
      ['querystring', { ...(request.query as object) }],
      ['body', request.body],
    ] as const) {
      const found = firstUnstorableText(value, part);
      if (found) {
        done(invalid(found, 'invalid_text'));
        return;
      }
    }
    done();
  });
}

/**
 * Answers of the API are never stored by browsers or proxies (they hold people's data and the
 * caller's own view), unless a route says otherwise (the calendar feed).
 */
export function registerNoStore(app: FastifyInstance) {
  app.addHook('onSend', (request, reply, payload, done) => {
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control'))
      void reply.header('cache-control', 'no-store');
    done(null, payload);
  });
}
