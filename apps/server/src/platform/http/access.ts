import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AccessLevel, Feature } from '@pons/protocol';
import { PonsError } from '../errors.js';

/**
 * What a route needs before its handler runs. Every route must declare one; a route without it
 * is refused at registration and, should one slip through, denied at request time.
 */
export type Access =
  | { kind: 'public' }
  | { kind: 'authenticated'; allowPendingPasswordChange?: boolean }
  | { kind: 'feature'; feature: Feature; level: AccessLevel };

export const access = {
  public: (): Access => ({ kind: 'public' }),
  authenticated: (options: { allowPendingPasswordChange?: boolean } = {}): Access => ({ kind: 'authenticated', ...options }),
  feature: (feature: Feature, level: AccessLevel): Access => ({ kind: 'feature', feature, level }),
};

/** `all` for Super-Admins; otherwise the entity ids (sub-entities included) where a grant applies. */
export type EntityScope = 'all' | ReadonlySet<string>;

export interface Principal {
  userId: string;
  username: string;
  superAdmin: boolean;
  passwordChangeRequired: boolean;
  sessionId: string;
  /** How the request authenticated; only cookie sessions need a CSRF token. */
  via: 'cookie' | 'bearer';
  csrfToken: string;
  can(feature: Feature, level: AccessLevel): boolean;
  scope(feature: Feature, level: AccessLevel): EntityScope;
}

export interface Authenticator {
  authenticate(request: FastifyRequest): Promise<Principal | null>;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The onRequest hook that enforces each route's declared access. */
export function accessHook(authenticator: Authenticator) {
  return async function enforceAccess(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
    request.principal = null;
    if (request.is404) return;
    const rule = request.routeOptions.config.access;
    if (!rule) throw new PonsError('PONS_E_FORBIDDEN', 'This route declares no permission and is denied by default.');
    if (rule.kind === 'public') return;
    const principal = await authenticator.authenticate(request);
    if (!principal) throw new PonsError('PONS_E_UNAUTHENTICATED', 'Log in first: this request carries no valid session or token.');
    request.principal = principal;
    if (principal.via === 'cookie' && !SAFE_METHODS.has(request.method)) {
      if (request.headers['x-csrf-token'] !== principal.csrfToken) {
        throw new PonsError('PONS_E_CSRF', 'The request lacks the X-CSRF-Token header of this session; reload the console and try again.');
      }
    }
    const allowPending = rule.kind === 'authenticated' && rule.allowPendingPasswordChange === true;
    if (principal.passwordChangeRequired && !allowPending) {
      throw new PonsError('PONS_E_PASSWORD_CHANGE_REQUIRED', 'This account must choose a new password before doing anything else.');
    }
    if (rule.kind === 'feature' && !principal.can(rule.feature, rule.level)) {
      const what = rule.level === 'rw' ? 'change' : 'read';
      throw new PonsError('PONS_E_FORBIDDEN', `Your profile does not allow you to ${what} ${rule.feature}.`, {
        feature: rule.feature,
        level: rule.level,
      });
    }
  };
}

export function requirePrincipal(request: FastifyRequest): Principal {
  if (!request.principal) throw new PonsError('PONS_E_UNAUTHENTICATED', 'Log in first.');
  return request.principal;
}
