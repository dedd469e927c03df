import { Type } from '@sinclair/typebox';
import { ApiToken, CreateApiTokenRequest, CreatedApiToken, RecoveryCodes, TotpCodeRequest, TotpEnrolment } from '@pons/protocol';
import { PonsError } from '../../platform/errors.js';
import { access, requirePrincipal, type Principal } from '../../platform/http/access.js';
import { auditTarget } from '../../platform/http/audit-hook.js';
import type { App } from '../../platform/http/http-app.js';
import { NoContent, responses } from '../../platform/http/responses.js';
import type { ApiTokensService } from './api-tokens.service.js';
import type { IdentityRepository } from './identity.repository.js';
import type { SecondFactor } from './second-factor/second-factor.service.js';

const me = access.authenticated();

/** Your account: the second factor and your API tokens. */
export function accountRoutes(app: App, d: { repo: IdentityRepository; secondFactor: SecondFactor; tokens: ApiTokensService }): void {
  const user = async (principal: Principal) => {
    if (principal.sessionId.startsWith('token:'))
      throw new PonsError('PONS_E_FORBIDDEN', 'Log in to change your second factor; an API token cannot.');
    const row = await d.repo.findUserById(principal.userId);
    if (!row) throw new PonsError('PONS_E_UNAUTHENTICATED', 'Log in first.');
    return row;
  };
  const totp = <S extends object>(action: string, summary: string, schema: S) => ({
    config: { access: me, audit: { action, objectType: 'user' } },
    schema: { tags: ['auth'], summary, ...schema },
  });
  const mine = (request: Parameters<typeof requirePrincipal>[0]) => {
    const principal = requirePrincipal(request);
    auditTarget(request, { objectId: principal.userId, objectName: principal.username });
    return principal;
  };

  app.post(
    '/api/v1/auth/totp/enrol',
    totp('auth.totp.enrol', 'Start enrolling an authenticator app (QR code)', { response: responses(TotpEnrolment) }),
    async (request) => d.secondFactor.enrol(await user(mine(request))),
  );

  app.post(
    '/api/v1/auth/totp/confirm',
    totp('auth.totp.enable', 'Confirm the enrolment with a code; returns recovery codes once', {
      body: TotpCodeRequest,
      response: responses(RecoveryCodes),
    }),
    async (request) => d.secondFactor.confirm(await user(mine(request)), request.body.code),
  );

  app.post(
    '/api/v1/auth/totp/disable',
    totp('auth.totp.disable', 'Turn the second factor off (needs a current code)', {
      body: TotpCodeRequest,
      response: responses(NoContent),
    }),
    async (request) => {
      await d.secondFactor.disable(await user(mine(request)), request.body.code);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/v1/auth/totp/recovery-codes',
    totp('auth.totp.recovery-codes', 'New recovery codes (the old ones stop working)', {
      body: TotpCodeRequest,
      response: responses(RecoveryCodes),
    }),
    async (request) => d.secondFactor.renewRecoveryCodes(await user(mine(request)), request.body.code),
  );

  app.get(
    '/api/v1/api-tokens',
    {
      config: { access: me },
      schema: {
        tags: ['auth'],
        summary: "Your API tokens (user=all: everyone's, Super-Admin)",
        querystring: Type.Object({ user: Type.Optional(Type.Literal('all')) }),
        response: responses(Type.Object({ items: Type.Array(ApiToken) })),
      },
    },
    async (request) => ({ items: await d.tokens.list(requirePrincipal(request), request.query.user === 'all') }),
  );

  app.post(
    '/api/v1/api-tokens',
    {
      config: { access: me, audit: { action: 'api-token.create', objectType: 'api-token' } },
      schema: {
        tags: ['auth'],
        summary: 'Create an API token; its secret is shown once',
        body: CreateApiTokenRequest,
        response: responses(CreatedApiToken, 201),
      },
    },
    async (request, reply) => {
      const created = await d.tokens.create(requirePrincipal(request), request.body);
      auditTarget(request, {
        objectId: created.id,
        objectName: created.name,
        details: { expiresAt: created.expiresAt, narrowing: created.narrowing },
      });
      return reply.status(201).send(created);
    },
  );

  app.delete(
    '/api/v1/api-tokens/:id',
    {
      config: { access: me, audit: { action: 'api-token.revoke', objectType: 'api-token' } },
      schema: {
        tags: ['auth'],
        summary: 'Revoke an API token',
        params: Type.Object({ id: Type.String() }),
        response: responses(NoContent),
      },
    },
    async (request) => {
      const token = await d.tokens.revoke(requirePrincipal(request), request.params.id);
      auditTarget(request, { objectName: `${token.name} (${token.username})` });
      return { ok: true as const };
    },
  );
}
