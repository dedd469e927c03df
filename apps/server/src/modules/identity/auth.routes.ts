import { Type } from '@sinclair/typebox';
import {
  ChangePasswordRequest,
  CurrentUser,
  LoginMethods,
  LoginRequest,
  LoginResponse,
  SecondFactorChallenge,
  SecondFactorRequest,
  SessionInfo,
} from '@pons/protocol';
import { PonsError } from '../../platform/errors.js';
import { access, requirePrincipal } from '../../platform/http/access.js';
import { auditTarget } from '../../platform/http/audit-hook.js';
import { clearedCookie, sessionCookie } from '../../platform/http/cookies.js';
import type { App } from '../../platform/http/http-app.js';
import { NoContent, responses } from '../../platform/http/responses.js';
import type { DirectorySettings } from './directory-settings.js';
import type { IdentityService } from './identity.service.js';
import type { LoginResult, LoginService } from './login.service.js';
import type { PasswordChange } from './password-change.js';
import { SESSION_COOKIE, type SessionService } from './sessions.js';

const tags = ['auth'];

export interface AuthDeps {
  identity: IdentityService;
  login: LoginService;
  passwords: PasswordChange;
  sessions: SessionService;
  settings: DirectorySettings;
  now: () => number;
}

/** Login (password, second factor, OIDC), logout, the current user and their sessions. */
export function authRoutes(app: App, d: AuthDeps): void {
  const answer = (result: LoginResult, kind: 'browser' | 'cli', reply: { header(k: string, v: string): unknown }) => {
    if (kind === 'browser') reply.header('set-cookie', sessionCookie(SESSION_COOKIE, result.token, (result.expiresAt - d.now()) / 1000));
    return {
      user: result.user,
      csrfToken: result.csrfToken,
      expiresAt: result.expiresAt,
      ...(kind === 'cli' ? { token: result.token } : {}),
    };
  };

  app.get(
    '/api/v1/auth/methods',
    {
      config: { access: access.public() },
      schema: { tags, summary: 'How one can log in here (LDAP, OIDC providers)', response: responses(LoginMethods) },
    },
    async () => d.settings.loginMethods(),
  );

  app.post(
    '/api/v1/auth/login',
    {
      config: { access: access.public(), audit: 'self' },
      schema: {
        tags,
        summary: 'Log in with a user name and password (local or LDAP); may ask for the second factor',
        body: LoginRequest,
        response: responses(Type.Union([LoginResponse, SecondFactorChallenge])),
      },
    },
    async (request, reply) => {
      const kind = request.body.client ?? 'browser';
      const result = await d.login.password({
        username: request.body.username,
        password: request.body.password,
        address: request.ip,
        kind,
      });
      return 'secondFactorRequired' in result ? result : answer(result, kind, reply);
    },
  );

  app.post(
    '/api/v1/auth/login/second-factor',
    {
      config: { access: access.public(), audit: 'self' },
      schema: {
        tags,
        summary: 'Finish a login with a TOTP or recovery code',
        body: SecondFactorRequest,
        response: responses(LoginResponse),
      },
    },
    async (request, reply) => {
      const result = await d.login.secondFactor({ ...request.body, address: request.ip });
      return answer(result, result.kind, reply);
    },
  );

  app.post(
    '/api/v1/auth/logout',
    {
      config: { access: access.authenticated({ allowPendingPasswordChange: true }), audit: { action: 'auth.logout', objectType: 'user' } },
      schema: { tags, summary: 'End this session', response: responses(NoContent) },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      auditTarget(request, { objectId: principal.userId, objectName: principal.username });
      await d.sessions.end(principal.sessionId);
      void reply.header('set-cookie', clearedCookie(SESSION_COOKIE));
      return { ok: true as const };
    },
  );

  app.post(
    '/api/v1/auth/logout-everywhere',
    {
      config: {
        access: access.authenticated({ allowPendingPasswordChange: true }),
        audit: { action: 'auth.logout-everywhere', objectType: 'user' },
      },
      schema: { tags, summary: 'End every session of yours, this one included', response: responses(NoContent) },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const ended = await d.sessions.endAll(principal.userId);
      auditTarget(request, { objectId: principal.userId, objectName: principal.username, details: { sessions: ended } });
      void reply.header('set-cookie', clearedCookie(SESSION_COOKIE));
      return { ok: true as const };
    },
  );

  app.get(
    '/api/v1/auth/sessions',
    {
      config: { access: access.authenticated() },
      schema: { tags, summary: 'Your open sessions', response: responses(Type.Object({ items: Type.Array(SessionInfo) })) },
    },
    async (request) => ({ items: await d.sessions.list(requirePrincipal(request)) }),
  );

  app.delete(
    '/api/v1/auth/sessions/:id',
    {
      config: { access: access.authenticated(), audit: { action: 'auth.session.end', objectType: 'session' } },
      schema: { tags, summary: 'End one of your sessions', params: Type.Object({ id: Type.String() }), response: responses(NoContent) },
    },
    async (request) => {
      if (!(await d.sessions.endOne(requirePrincipal(request), request.params.id)))
        throw new PonsError('PONS_E_NOT_FOUND', 'No session of yours has this id.');
      return { ok: true as const };
    },
  );

  app.get(
    '/api/v1/auth/me',
    {
      config: { access: access.authenticated({ allowPendingPasswordChange: true }) },
      schema: {
        tags,
        summary: 'The logged-in user and their grants',
        response: responses(Type.Object({ user: CurrentUser, csrfToken: Type.String() })),
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      return { user: await d.identity.describe(principal), csrfToken: principal.csrfToken };
    },
  );

  app.post(
    '/api/v1/auth/password',
    {
      config: {
        access: access.authenticated({ allowPendingPasswordChange: true }),
        audit: { action: 'auth.password.change', objectType: 'user' },
      },
      schema: {
        tags,
        summary: 'Change your password (required after the first login)',
        body: ChangePasswordRequest,
        response: responses(Type.Object({ user: CurrentUser })),
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      auditTarget(request, { objectId: principal.userId, objectName: principal.username });
      await d.passwords.changePassword(principal, request.body.currentPassword, request.body.newPassword, request.ip);
      return { user: await d.identity.describe({ ...principal, passwordChangeRequired: false }) };
    },
  );
}
