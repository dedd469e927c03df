import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultProfileGrants, satisfies, type AccessLevel, type Feature } from '@pons/protocol';
import { ApiClient } from '@pons/test-kit';
import { TestServer } from '../../testing/test-server.js';

type ErrorBody = { error?: { code?: string; details?: { feature?: string } } };

const concrete = (url: string) => url.replace(/:(\w+)/g, 'x').replace('*', 'x');
const methodOf = (m: string | string[]) => (Array.isArray(m) ? m[0]! : m);

describe('every route enforces its declared permission, for every profile', () => {
  const server = new TestServer('sqlite');
  const clients: Record<string, ApiClient> = {};
  const grants: Record<string, Partial<Record<Feature, AccessLevel>>> = {
    ...defaultProfileGrants,
    Viewer: { dashboard: 'ro', inventory: 'ro' },
  };

  beforeAll(async () => {
    await server.start();
    const admin = await server.admin();
    await admin.call('POST', '/api/v1/profiles', { name: 'Viewer', permissions: grants.Viewer });
    for (const profile of ['Admin', 'Technician', 'Viewer', 'Super-Admin'])
      clients[profile] = await server.userClient(`u-${profile.toLowerCase()}`, [{ entity: 'root', profile }]);
  }, 120_000);
  afterAll(() => server.dispose());

  it('answers 403 exactly where the profile lacks the feature, and never elsewhere', async () => {
    const routes = server.server.app.declaredRoutes().filter((r) => r.access?.kind === 'feature' && methodOf(r.method) !== 'HEAD');
    expect(routes.length).toBeGreaterThan(40);
    const mismatches: string[] = [];
    for (const [profile, client] of Object.entries(clients)) {
      for (const route of routes) {
        const rule = route.access as { feature: Feature; level: AccessLevel };
        const allowed = profile === 'Super-Admin' || satisfies(grants[profile]![rule.feature], rule.level);
        // A permitted event stream would stay open: only its refusal is checked.
        if (allowed && route.url.endsWith('/events')) continue;
        const method = methodOf(route.method);
        const res = await client.raw(method, concrete(route.url), method === 'GET' || method === 'DELETE' ? undefined : {});
        const refusedForFeature = res.status === 403 && (res.body as ErrorBody).error?.details?.feature === rule.feature;
        if (refusedForFeature === allowed) mismatches.push(`${profile} ${method} ${route.url} → ${res.status}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('keeps a Technician out of the admin routes', async () => {
    for (const url of ['/api/v1/users', '/api/v1/profiles', '/api/v1/admin/entities', '/api/v1/settings/ldap', '/api/v1/oidc-providers']) {
      const res = await clients.Technician!.raw('GET', url);
      expect({ url, status: res.status }).toEqual({ url, status: 403 });
    }
    const create = await clients.Technician!.raw('POST', '/api/v1/users', { username: 'x', password: 'Whatever-Pass-1!', roles: [] });
    expect(create.body).toMatchObject({ error: { code: 'PONS_E_FORBIDDEN', message: 'Your profile does not allow you to change admin.' } });
  });

  it('writes an audit line for every state-changing route, refused or not', async () => {
    const admin = clients['Super-Admin']!;
    const routes = server.server.app
      .declaredRoutes()
      .filter((r) => typeof r.audit === 'object' && !r.url.startsWith('/api/v1/auth/logout'));
    expect(routes.length).toBeGreaterThan(30);
    const missing: string[] = [];
    for (const route of routes) {
      const action = (route.audit as { action: string }).action;
      const method = methodOf(route.method);
      await admin.raw(method, concrete(route.url), method === 'DELETE' ? undefined : {});
      const page = await admin.call<{ items: Array<{ actor: string; address: string }> }>(
        'GET',
        `/api/v1/audit?action=${encodeURIComponent(action)}`,
      );
      if (!page.items.some((e) => e.actor === 'u-super-admin' && e.address === '127.0.0.1'))
        missing.push(`${method} ${route.url} (${action})`);
    }
    expect(missing).toEqual([]);
  });

  it('records nothing for a request without a session', async () => {
    const stranger = new ApiClient(server.url, server.server.caPem);
    expect((await stranger.raw('POST', '/api/v1/profiles', { name: 'Intruder', permissions: {} })).status).toBe(401);
    const lines = await clients['Super-Admin']!.call<{ items: Array<{ actor: string | null }> }>(
      'GET',
      '/api/v1/audit?action=profile.create',
    );
    expect(lines.items.map((e) => e.actor)).toContain('admin');
    expect(lines.items.map((e) => e.actor)).not.toContain(null);
  });
});
