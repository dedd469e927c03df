import { describe, expect, it } from 'vitest';
import { canOnEntity } from './remote-access.js';

const entities = [
  { id: 'root', name: 'Root', parentId: null },
  { id: 'lyon', name: 'Lyon', parentId: 'root' },
  { id: 'paris', name: 'Paris', parentId: 'root' },
];
const user = (grants: { entityId: string; permissions: Record<string, string> }[], superAdmin = false) =>
  ({ superAdmin, grants }) as unknown as Parameters<typeof canOnEntity>[0];

describe('canOnEntity', () => {
  it('follows grants down the entity tree', () => {
    const technician = user([{ entityId: 'lyon', permissions: { remote: 'rw' } }]);
    expect(canOnEntity(technician, 'remote', 'rw', 'lyon', [])).toBe(true);
    expect(canOnEntity(technician, 'remote', 'rw', 'paris', entities)).toBe(false);
    const admin = user([{ entityId: 'root', permissions: { remote: 'rw' } }]);
    expect(canOnEntity(admin, 'remote', 'rw', 'paris', [])).toBe(false); // the tree is not known yet
    expect(canOnEntity(admin, 'remote', 'rw', 'paris', entities)).toBe(true);
  });

  it('wants read-write for sessions', () => {
    const viewer = user([{ entityId: 'root', permissions: { remote: 'ro' } }]);
    expect(canOnEntity(viewer, 'remote', 'rw', 'lyon', entities)).toBe(false);
    expect(canOnEntity(user([], true), 'remote', 'rw', 'lyon', [])).toBe(true);
  });
});
