import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { App } from '../../platform/http/http-app.js';
import { access } from '../../platform/http/access.js';

/** OpenAPI document at `/api/docs/json`, browsable at `/api/docs`. Must be registered before routes. */
export async function registerOpenApi(app: App, version: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Pons API',
        version,
        description: 'Endpoint management: machines, inventory, enrollment. Errors carry a stable code in `error.code`.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'Session token from POST /api/v1/auth/login with client=cli' },
          cookie: {
            type: 'apiKey',
            in: 'cookie',
            name: 'pons_session',
            description: 'Browser session; unsafe methods also need X-CSRF-Token',
          },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
  });
  await app.register(async (scope) => {
    // The documentation's own routes are public; declare it so the default-deny rule holds.
    scope.addHook('onRoute', (route) => {
      route.config = { ...(route.config ?? {}), access: access.public() };
    });
    await scope.register(swaggerUi, { routePrefix: '/api/docs' });
  });
}
