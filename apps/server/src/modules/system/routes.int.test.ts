import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Features } from '@pons/protocol';
import { TestServer } from '../../testing/test-server.js';
import { createHttpApp } from '../../platform/http/http-app.js';
import { createLogger } from '../../platform/logger.js';
import { Metrics } from '../../platform/metrics.js';

// Agent file downloads carry their own credential: a download token signed by the server. The
// login routes are the ways in: password, second factor, OIDC redirect and callback, and the
// list of methods the login page offers.
const PUBLIC = new Set([
  '/healthz',
  '/metrics',
  '/api/v1/server',
  '/api/v1/auth/login',
  '/api/v1/auth/login/second-factor',
  '/api/v1/auth/methods',
  '/api/v1/auth/oidc/:id/start',
  '/api/v1/auth/oidc/callback',
  '/agent/v1/files/:sha256',
]);

describe('every route declares its permission', () => {
  const server = new TestServer('sqlite');
  beforeAll(() => server.start());
  afterAll(() => server.dispose());

  it('lists no route without an access rule, and only the known public ones are public', () => {
    const routes = server.server.app.declaredRoutes().filter((r) => r.method !== 'HEAD');
    expect(routes.length).toBeGreaterThan(10);
    expect(routes.filter((r) => !r.access)).toEqual([]);
    const publicRoutes = routes.filter(
      (r) => r.access?.kind === 'public' && !r.url.startsWith('/api/docs') && r.url !== '/' && !r.url.includes('*'),
    );
    expect(new Set(publicRoutes.map((r) => r.url))).toEqual(PUBLIC);
    for (const route of routes) if (route.access?.kind === 'feature') expect(Features).toContain(route.access.feature);
  });

  it('refuses every non-public API route to a request without a session', async () => {
    const guarded = server.server.app.declaredRoutes().filter((r) => r.access && r.access.kind !== 'public' && r.method !== 'HEAD');
    for (const route of guarded) {
      const method = Array.isArray(route.method) ? route.method[0]! : route.method;
      const url = route.url.replace(/:(\w+)/g, 'x');
      const res = await server.api.raw(method, url, method === 'GET' || method === 'DELETE' ? undefined : {});
      expect({ route: `${method} ${route.url}`, status: res.status }).toEqual({ route: `${method} ${route.url}`, status: 401 });
    }
  });

  it('serves an agent file only with a genuine download token', async () => {
    const file = `/agent/v1/files/${'0'.repeat(64)}`;
    for (const headers of [{}, { authorization: 'Bearer m.d.99999999999999.forged' }] as Array<Record<string, string>>) {
      const res = await server.api.raw('GET', file, undefined, headers);
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({
        error: { code: 'PONS_E_UNAUTHENTICATED', message: 'The download token is missing, altered or expired.' },
      });
    }
  });

  it('refuses to start when a route declares no permission', async () => {
    const app = bareApp(server.server.caPem);
    app.get('/api/v1/forgotten', () => ({ oops: true }));
    await expect(app.ready()).rejects.toThrow('routes without an access rule (every route must declare one): GET /api/v1/forgotten');
  });

  it('refuses to start when a state-changing route declares no audit action', async () => {
    const app = bareApp(server.server.caPem);
    app.post('/api/v1/unaudited', { config: { access: { kind: 'authenticated' } } }, () => ({ oops: true }));
    await expect(app.ready()).rejects.toThrow('state-changing routes without an audit declaration: POST /api/v1/unaudited');
  });

  it('serves health, metrics and the OpenAPI document', async () => {
    expect((await server.api.raw('GET', '/healthz')).body).toMatchObject({ status: 'ok', database: true });
    const metrics = await server.api.raw('GET', '/metrics');
    expect(String(metrics.body)).toMatch(/pons_agents_connected \d+/);
    expect(String(metrics.body)).toContain('pons_http_request_duration_seconds_bucket');
    const doc = (await server.api.raw('GET', '/api/docs/json')).body as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/machines', '/api/v1/machines/{machine}', '/api/v1/enrollment-tokens', '/api/v1/auth/login']),
    );
  });
});

function bareApp(cert: string) {
  return createHttpApp({
    logger: createLogger('silent'),
    metrics: new Metrics({ processMetrics: false }),
    tls: { cert, key: '' },
    trustedProxies: [],
    authenticator: { authenticate: () => Promise.resolve(null) },
    audit: { record: () => Promise.resolve() },
  });
}
