import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import { access } from './access.js';
import type { App } from './http-app.js';
import { PonsError } from '../errors.js';

// Images may come from https origins: the logos of OIDC providers, set by an administrator.
const CSP =
  "default-src 'self'; connect-src 'self'; img-src 'self' data: https:; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/**
 * Serves the built console (a single-page app) and answers unknown API paths with a JSON error.
 * When the console is not built, `/` says how to build it instead of failing obscurely.
 */
export async function registerConsole(app: App, consoleDir: string | null): Promise<void> {
  const index = consoleDir ? path.join(consoleDir, 'index.html') : null;
  const available = index !== null && existsSync(index);
  app.addHook('onSend', async (_request, reply, payload) => {
    void reply.header('x-content-type-options', 'nosniff');
    void reply.header('referrer-policy', 'no-referrer');
    void reply.header('strict-transport-security', 'max-age=31536000');
    return payload;
  });
  if (available) {
    await app.register(async (scope) => {
      scope.addHook('onRoute', (route) => {
        route.config = { ...(route.config ?? {}), access: access.public() };
      });
      scope.addHook('onSend', async (_request, reply, payload) => {
        if (String(reply.getHeader('content-type') ?? '').startsWith('text/html')) {
          void reply.header('content-security-policy', CSP);
          void reply.header('x-frame-options', 'DENY');
          void reply.header('cache-control', 'no-cache');
        }
        return payload;
      });
      await scope.register(fastifyStatic, { root: consoleDir!, prefix: '/', wildcard: false, index: ['index.html'] });
      scope.setNotFoundHandler((request, reply) => {
        if (request.method !== 'GET' || /^\/(api|agent|metrics|healthz)(\/|$)/.test(request.url)) {
          throw new PonsError('PONS_E_ROUTE_NOT_FOUND', `There is no ${request.method} ${request.url.split('?')[0]} here.`);
        }
        return reply.type('text/html').sendFile('index.html');
      });
    });
    return;
  }
  app.get('/', { config: { access: access.public() }, schema: { hide: true } }, async (_request, reply) =>
    reply
      .type('text/html')
      .send(
        '<!doctype html><title>Pons</title><p>The console is not built. Run <code>npm run build</code>, then restart the server. The API is at <a href="/api/docs">/api/docs</a>.</p>',
      ),
  );
  app.setNotFoundHandler((request) => {
    throw new PonsError('PONS_E_ROUTE_NOT_FOUND', `There is no ${request.method} ${request.url.split('?')[0]} here.`);
  });
}
