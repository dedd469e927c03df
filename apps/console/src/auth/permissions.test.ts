import { describe, expect, it } from 'vitest';
import type { CurrentUser } from '@pons/protocol';
import { can, entitiesWith, highestLevel } from './permissions.js';

type Grant = CurrentUser['grants'][number];
const grant = (entityId: string, permissions: Partial<Grant['permissions']>): Grant => ({
  entityId,
  entityName: entityId,
  profile: 'Custom',
  permissions,
});
const user = (grants: Grant[], superAdmin = false) => ({ superAdmin, grants });

describe('can', () => {
  it('needs the level on at least one entity; read-write includes read', () => {
    const tech = user([grant('lyon', { inventory: 'rw', history: 'ro' }), grant('paris', { admin: 'ro' })]);
    expect(can(tech, 'inventory', 'rw')).toBe(true);
    expect(can(tech, 'inventory', 'ro')).toBe(true);
    expect(can(tech, 'history', 'ro')).toBe(true);
    expect(can(tech, 'history', 'rw')).toBe(false);
    expect(can(tech, 'admin', 'ro')).toBe(true);
    expect(can(tech, 'admin', 'rw')).toBe(false);
    expect(can(tech, 'packaging', 'ro')).toBe(false);
    expect(can(user([]), 'admin', 'ro')).toBe(false);
  });

  it('lets a super administrator do everything', () => {
    expect(can(user([], true), 'admin', 'rw')).toBe(true);
  });
});

describe('highestLevel', () => {
  it('is the best level over every entity', () => {
    const u = user([grant('a', { inventory: 'ro' }), grant('b', { inventory: 'rw', history: 'ro' })]);
    expect(highestLevel(u, 'inventory')).toBe('rw');
    expect(highestLevel(u, 'history')).toBe('ro');
    expect(highestLevel(u, 'admin')).toBeUndefined();
  });
});

describe('entitiesWith', () => {
  const tree = [
    { id: 'root', name: 'Root', parentId: null },
    { id: 'fr', name: 'France', parentId: 'root' },
    { id: 'lyon', name: 'Lyon', parentId: 'fr' },
    { id: 'de', name: 'Germany', parentId: 'root' },
  ];

  it('covers each granted entity and its sub-entities', () => {
    const u = user([grant('fr', { inventory: 'rw' }), grant('de', { inventory: 'ro' })]);
    expect(entitiesWith(u, 'inventory', 'rw', tree).map((e) => e.id)).toEqual(['fr', 'lyon']);
    expect(entitiesWith(u, 'inventory', 'ro', tree).map((e) => e.id)).toEqual(['fr', 'lyon', 'de']);
    expect(entitiesWith(u, 'admin', 'ro', tree)).toEqual([]);
  });

  it('gives a super administrator every entity, and survives a loop in the tree', () => {
    expect(entitiesWith(user([], true), 'admin', 'rw', tree)).toHaveLength(4);
    const loop = [
      { id: 'a', name: 'A', parentId: 'b' },
      { id: 'b', name: 'B', parentId: 'a' },
    ];
    expect(entitiesWith(user([grant('x', { inventory: 'rw' })]), 'inventory', 'rw', loop)).toEqual([]);
  });
});
