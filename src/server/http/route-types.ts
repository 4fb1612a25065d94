import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Actor } from '../auth/actor.ts';
import { unauthenticated } from './errors.ts';

/** The Fastify instance feature routes are written against: zod schemas type the handlers. */
export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** The actor of a signed-in route (the access hook has already required one). */
export function actorOf(request: { actor: Actor | null }): Actor {
  if (!request.actor) throw unauthenticated();
  return request.actor;
}
