import { ChangePasswordRequest, CurrentUser, Entity, LoginRequest, LoginResponse } from '@pons/protocol';
import { Type } from '@sinclair/typebox';
import { access, requirePrincipal } from '../../platform/http/access.js';
import { clearedCookie, sessionCookie } from '../../platform/http/cookies.js';
import type { App } from '../../platform/http/http-app.js';
import { NoContent, responses } from '../../platform/http/responses.js';
import { SESSION_COOKIE, type IdentityService } from './identity.service.js';
import { inScope } from './principal.js';

export function identityRoutes(app: App, identity: IdentityService): void {
  app.post(
    '/api/v1/auth/login',
    {
      config: { access: access.public() },
      schema: { tags: ['auth'], summary: 'Log in with a user name and password', body: LoginRequest, response: responses(LoginResponse) },
    },
    async (request, reply) => {
      const kind = request.body.client ?? 'browser';
      const result = await identity.login({ username: request.body.username, password: request.body.password, address: request.ip, kind });
      if (kind === 'browser')
        void reply.header('set-cookie', sessionCookie(SESSION_COOKIE, result.token, (result.expiresAt - Date.now()) / 1000));
      return {
        user: result.user,
        csrfToken: result.csrfToken,
        expiresAt: result.expiresAt,
        ...(kind === 'cli' ? { token: result.token } : {}),
      };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    {
      config: { access: access.authenticated({ allowPendingPasswordChange: true }) },
      schema: { tags: ['auth'], summary: 'End this session', response: responses(NoContent) },
    },
    async (request, reply) => {
      await identity.logout(requirePrincipal(request));
      void reply.header('set-cookie', clearedCookie(SESSION_COOKIE));
      return { ok: true as const };
    },
  );

  app.get(
    '/api/v1/auth/me',
    {
      config: { access: access.authenticated({ allowPendingPasswordChange: true }) },
      schema: {
        tags: ['auth'],
        summary: 'The logged-in user and their grants',
        response: responses(Type.Object({ user: CurrentUser, csrfToken: Type.String() })),
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      return { user: await identity.describe(principal), csrfToken: principal.csrfToken };
    },
  );

  app.post(
    '/api/v1/auth/password',
    {
      config: { access: access.authenticated({ allowPendingPasswordChange: true }) },
      schema: {
        tags: ['auth'],
        summary: 'Change your password (required after the first login)',
        body: ChangePasswordRequest,
        response: responses(Type.Object({ user: CurrentUser })),
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      await identity.changePassword(principal, request.body.currentPassword, request.body.newPassword, request.ip);
      return { user: await identity.describe({ ...principal, passwordChangeRequired: false }) };
    },
  );

  app.get(
    '/api/v1/entities',
    {
      config: { access: access.authenticated() },
      schema: { tags: ['entities'], summary: 'Entities you can see', response: responses(Type.Object({ items: Type.Array(Entity) })) },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const tree = await identity.entityTree();
      const scope = principal.scope('inventory', 'ro');
      return { items: tree.all().filter((entity) => inScope(scope, entity.id)) };
    },
  );
}
