import type { FastifyInstance, FastifyReply } from 'fastify';
import { hasAnyRole } from '../../domain/policy.ts';
import type { AccessPolicy } from './actor.ts';
import { AppError, forbidden, unauthenticated } from '../http/errors.ts';
import type { AuthService } from './service.ts';
import { hashToken } from './service.ts';

export interface CookieSettings {
  name: string;
  secure: boolean;
}

/** `__Host-` pins the cookie to this exact origin; browsers only accept it over HTTPS. */
export function cookieSettings(publicUrl: string): CookieSettings {
  const secure = publicUrl.startsWith('https:');
  return { name: secure ? '__Host-tryggve_session' : 'tryggve_session', secure };
}

export function setSessionCookie(
  reply: FastifyReply,
  cookie: CookieSettings,
  token: string,
  expires: Date,
) {
  void reply.setCookie(cookie.name, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: cookie.secure,
    path: '/',
    expires,
  });
}

export function clearSessionCookie(reply: FastifyReply, cookie: CookieSettings) {
  void reply.clearCookie(cookie.name, {
    httpOnly: true,
    sameSite: 'strict',
    secure: cookie.secure,
    path: '/',
  });
}

export interface RegisteredRoute {
  method: string;
  url: string;
  access: AccessPolicy | undefined;
  /** The contract its answers are checked against (absent for files: CSV, XLSX, PDF, iCalendar). */
  hasResponseSchema: boolean;
}

/**
 * Records every route as it is registered, so a test can prove none lacks a policy.
 * The policy is read when asked for: hooks of nested plugins may still set it after this one.
 */
export function collectRoutes(app: FastifyInstance): RegisteredRoute[] {
  const routes: RegisteredRoute[] = [];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      routes.push({
        method,
        url: route.url,
        get access() {
          return route.config?.access;
        },
        hasResponseSchema: route.schema?.response !== undefined,
      });
    }
  });
  return routes;
}

/**
 * Deny by default: a route without an access policy answers 403 to everyone. Signed-in
 * routes resolve the session cookie into `request.actor` before the body is parsed.
 */
export function registerAccessControl(
  app: FastifyInstance,
  auth: AuthService,
  cookie: CookieSettings,
) {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionTokenHash', null);
  app.addHook('onRequest', async (request, reply) => {
    if (request.is404) return;
    const policy = request.routeOptions.config.access;
    if (!policy) throw forbidden();
    if (policy.kind === 'public') return;
    const token = request.cookies[cookie.name];
    if (!token) throw unauthenticated();
    const session = await auth.resolveSession(token);
    if (session.state === 'expired') {
      clearSessionCookie(reply, cookie);
      throw new AppError('session_expired');
    }
    if (session.state === 'none') {
      clearSessionCookie(reply, cookie);
      throw unauthenticated();
    }
    request.actor = session.actor;
    request.sessionTokenHash = hashToken(token);
    if (policy.kind === 'roles' && !hasAnyRole(session.actor.grants, policy.roles))
      throw forbidden();
  });
}
