import { Type } from '@sinclair/typebox';
import { PonsError } from '../../platform/errors.js';
import { access } from '../../platform/http/access.js';
import { sessionCookie } from '../../platform/http/cookies.js';
import type { App } from '../../platform/http/http-app.js';
import type { OidcLogin } from './oidc-login.js';
import { SESSION_COOKIE } from './sessions.js';

const tags = ['auth'];

/** OIDC login: to the provider, and back with a session (or to the login page with the reason). */
export function oidcRoutes(app: App, d: { oidc: OidcLogin; now: () => number }): void {
  app.get(
    '/api/v1/auth/oidc/:id/start',
    {
      config: { access: access.public() },
      schema: {
        tags,
        summary: 'Go to an OIDC provider to log in',
        params: Type.Object({ id: Type.String() }),
        querystring: Type.Object({ returnTo: Type.Optional(Type.String({ maxLength: 500 })) }),
      },
    },
    async (request, reply) => reply.redirect(await d.oidc.start(request.params.id, request.query.returnTo)),
  );

  app.get(
    '/api/v1/auth/oidc/callback',
    { config: { access: access.public() }, schema: { tags, summary: 'Where the OIDC provider sends the user back' } },
    async (request, reply) => {
      try {
        const url = new URL(request.url, 'https://callback.invalid');
        const { result, returnTo } = await d.oidc.callback(url, request.ip);
        void reply.header('set-cookie', sessionCookie(SESSION_COOKIE, result.token, (result.expiresAt - d.now()) / 1000));
        return reply.redirect(returnTo);
      } catch (error) {
        const message = error instanceof PonsError ? error.message : 'The login failed; the error is in the server log.';
        if (!(error instanceof PonsError)) request.log.error({ err: error }, 'OIDC callback failed');
        return reply.redirect(`/login?error=${encodeURIComponent(message)}`);
      }
    },
  );
}
