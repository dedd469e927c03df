import { describe, expect, it } from 'vitest';
import { EntityTree } from './entity-tree.js';
import { buildPrincipal, narrowPrincipal } from './principal.js';

const tree = new EntityTree([
  { id: 'root', name: 'root', parentId: null },
  { id: 'acme', name: 'Acme', parentId: 'root' },
  { id: 'acme-paris', name: 'Acme Paris', parentId: 'acme' },
  { id: 'globex', name: 'Globex', parentId: 'root' },
]);
const base = { userId: 'u', username: 'tech', passwordChangeRequired: false, sessionId: 's', via: 'bearer' as const, csrfToken: 'c' };

describe('per-entity permissions', () => {
  it('applies a profile to its entity and the entities below, nowhere else', () => {
    const principal = buildPrincipal(
      { ...base, roles: [{ entityId: 'acme', superAdmin: false, permissions: { inventory: 'rw', enrollment: 'ro' } }] },
      tree,
    );
    expect(principal.scope('inventory', 'rw')).toEqual(new Set(['acme', 'acme-paris']));
    expect(principal.can('enrollment', 'ro')).toBe(true);
    expect(principal.can('enrollment', 'rw')).toBe(false);
    expect(principal.can('admin', 'ro')).toBe(false);
  });

  it('does not spread the most permissive profile to other entities', () => {
    const principal = buildPrincipal(
      {
        ...base,
        roles: [
          { entityId: 'acme', superAdmin: false, permissions: { inventory: 'rw' } },
          { entityId: 'globex', superAdmin: false, permissions: { inventory: 'ro' } },
        ],
      },
      tree,
    );
    expect(principal.scope('inventory', 'ro')).toEqual(new Set(['acme', 'acme-paris', 'globex']));
    expect(principal.scope('inventory', 'rw')).toEqual(new Set(['acme', 'acme-paris']));
  });

  it('gives a Super-Admin on root every entity', () => {
    const principal = buildPrincipal({ ...base, roles: [{ entityId: 'root', superAdmin: true, permissions: {} }] }, tree);
    expect(principal.scope('admin', 'rw')).toBe('all');
  });

  it('resolves entities by id or name and refuses unknown ones', () => {
    expect(tree.resolve('acme paris').id).toBe('acme-paris');
    expect(() => tree.resolve('Initech')).toThrow('No entity is called "Initech".');
  });
});

describe('API token narrowing', () => {
  const admin = buildPrincipal({ ...base, roles: [{ entityId: 'root', superAdmin: true, permissions: {} }] }, tree);

  it('keeps a token to its permissions and entities, below what its user holds', () => {
    const token = narrowPrincipal(admin, { permissions: { inventory: 'ro' }, entityIds: ['acme'] }, tree);
    expect(token.superAdmin).toBe(false);
    expect(token.scope('inventory', 'ro')).toEqual(new Set(['acme', 'acme-paris']));
    expect(token.can('inventory', 'rw')).toBe(false);
    expect(token.can('admin', 'ro')).toBe(false);
  });

  it('never grants more than the user holds', () => {
    const tech = buildPrincipal({ ...base, roles: [{ entityId: 'globex', superAdmin: false, permissions: { inventory: 'ro' } }] }, tree);
    const token = narrowPrincipal(tech, { permissions: { inventory: 'rw', admin: 'rw' }, entityIds: ['acme', 'globex'] }, tree);
    expect(token.can('inventory', 'rw')).toBe(false);
    expect(token.scope('inventory', 'ro')).toEqual(new Set(['globex']));
    expect(token.can('admin', 'ro')).toBe(false);
  });
});
