import { describe, expect, it } from 'vitest';
import {
  defaultRoleErrors,
  defaultRoleTarget,
  defaultRowFrom,
  emptyRow,
  resolveRef,
  roleErrors,
  roleTarget,
  rowFrom,
} from './role-rows.js';

const entities = [
  { id: 'root', name: 'Root' },
  { id: 'e2', name: 'Lyon' },
];
const profiles = [
  { id: 'p1', name: 'Admin' },
  { id: 'p2', name: 'Technician' },
];

describe('resolveRef', () => {
  it('accepts an id or a name, and gives nothing for an unknown one', () => {
    expect(resolveRef('e2', entities)).toBe('e2');
    expect(resolveRef('Lyon', entities)).toBe('e2');
    expect(resolveRef('Paris', entities)).toBe('');
  });
});

describe('rowFrom', () => {
  it('resolves a stored target', () => {
    expect(rowFrom({ entity: 'Root', profile: 'p2' }, entities, profiles, 'cn=ops')).toEqual({
      entity: 'root',
      profile: 'p2',
      match: 'cn=ops',
    });
  });
});

describe('roleErrors', () => {
  it('names what each row lacks', () => {
    expect(roleErrors([{ ...emptyRow, entity: 'root', profile: 'p1' }, emptyRow], 'Role')).toEqual([
      'Role 2: choose an entity and a profile.',
    ]);
    expect(roleErrors([{ ...emptyRow, entity: 'root', profile: 'p1' }], 'Mapping', true)).toEqual([
      'Mapping 1: choose the value to match.',
    ]);
  });

  it('refuses a repeated row', () => {
    const row = { entity: 'root', profile: 'p1', match: 'admins' };
    expect(roleErrors([row, { ...row }], 'Role')).toEqual(['Role 2 repeats an earlier one.']);
    expect(roleErrors([row, { ...row, match: 'ops' }], 'Mapping', true)).toEqual([]);
  });
});

describe('roleTarget', () => {
  it('keeps the entity and the profile', () => {
    expect(roleTarget({ entity: 'root', profile: 'p1', match: 'x' })).toEqual({ entity: 'root', profile: 'p1' });
  });
});

describe('default roles', () => {
  it('reads none as an empty row and back', () => {
    expect(defaultRowFrom(null, entities, profiles)).toEqual(emptyRow);
    expect(defaultRoleTarget(emptyRow)).toBeNull();
    expect(defaultRoleErrors(emptyRow)).toEqual([]);
  });

  it('needs a profile once an entity is chosen', () => {
    const row = defaultRowFrom({ entity: 'Lyon', profile: 'Technician' }, entities, profiles);
    expect(defaultRoleTarget(row)).toEqual({ entity: 'e2', profile: 'p2' });
    expect(defaultRoleErrors({ ...row, profile: '' })).toEqual([
      'Default role: choose its profile, or no entity to refuse unmapped users.',
    ]);
  });
});
