import { Type } from '@sinclair/typebox';
import { CreatedEnrollmentToken, CreateEnrollmentTokenRequest, EnrollmentToken } from '@pons/protocol';
import { access, requirePrincipal } from '../../platform/http/access.js';
import type { App } from '../../platform/http/http-app.js';
import { responses } from '../../platform/http/responses.js';
import type { EnrollmentService } from './enrollment.service.js';

export function enrollmentRoutes(app: App, enrollment: EnrollmentService): void {
  app.post(
    '/api/v1/enrollment-tokens',
    {
      config: { access: access.feature('enrollment', 'rw'), audit: { action: 'enrollment-token.create', objectType: 'enrollment-token' } },
      schema: {
        tags: ['enrollment'],
        summary: 'Create an enrollment token (the secret is shown once)',
        body: CreateEnrollmentTokenRequest,
        response: responses(CreatedEnrollmentToken, 201),
      },
    },
    async (request, reply) => {
      const created = await enrollment.create(requirePrincipal(request), request.body);
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/api/v1/enrollment-tokens',
    {
      config: { access: access.feature('enrollment', 'ro') },
      schema: {
        tags: ['enrollment'],
        summary: 'List enrollment tokens',
        response: responses(Type.Object({ items: Type.Array(EnrollmentToken) })),
      },
    },
    async (request) => ({ items: await enrollment.list(requirePrincipal(request)) }),
  );

  app.delete(
    '/api/v1/enrollment-tokens/:id',
    {
      config: { access: access.feature('enrollment', 'rw'), audit: { action: 'enrollment-token.revoke', objectType: 'enrollment-token' } },
      schema: {
        tags: ['enrollment'],
        summary: 'Revoke an enrollment token',
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        response: responses(EnrollmentToken),
      },
    },
    async (request) => enrollment.revoke(requirePrincipal(request), request.params.id),
  );
}
