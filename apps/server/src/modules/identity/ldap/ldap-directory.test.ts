import { describe, expect, it } from 'vitest';
import { escapeFilterValue, mapGroups, normalizeDn } from './ldap-directory.js';

describe('escapeFilterValue', () => {
  it('escapes the five characters RFC 4515 reserves', () => {
    expect(escapeFilterValue('*')).toBe('\\2a');
    expect(escapeFilterValue('(')).toBe('\\28');
    expect(escapeFilterValue(')')).toBe('\\29');
    expect(escapeFilterValue('\\')).toBe('\\5c');
    expect(escapeFilterValue('\0')).toBe('\\00');
  });

  it('defuses filter injection and leaves ordinary names alone', () => {
    expect(escapeFilterValue('alice)(uid=*')).toBe('alice\\29\\28uid=\\2a');
    expect(escapeFilterValue('a*')).toBe('a\\2a');
    expect(escapeFilterValue('jean-luc.o.brien')).toBe('jean-luc.o.brien');
    expect(escapeFilterValue('zoë')).toBe('zoë');
  });

  it('escapes a backslash once, not the backslashes it adds', () => {
    expect(escapeFilterValue('\\*')).toBe('\\5c\\2a');
  });
});

describe('normalizeDn', () => {
  it('lower-cases and drops spaces around separators but keeps escaped ones', () => {
    expect(normalizeDn(' CN=Pons Admins, OU=Groups ,DC=Example,DC=org')).toBe('cn=pons admins,ou=groups,dc=example,dc=org');
    expect(normalizeDn('CN=Martin\\, Alice,DC=org')).toBe('cn=martin\\, alice,dc=org');
  });
});

describe('mapGroups', () => {
  const admins = 'cn=pons-admins,ou=groups,dc=example,dc=org';
  const techs = 'cn=pons-techs,ou=groups,dc=example,dc=org';
  const mappings = [
    { group: 'CN=Pons-Admins,OU=Groups,DC=Example,DC=org', entityId: 'root', profileId: 'admin' },
    { group: techs, entityId: 'root', profileId: 'technician' },
    { group: techs, entityId: 'paris', profileId: 'technician' },
    { group: 'cn=other,dc=example,dc=org', entityId: 'lyon', profileId: 'admin' },
  ];

  it('compares DNs without regard to case', () => {
    expect(mapGroups([admins], mappings)).toEqual([{ entityId: 'root', profileId: 'admin' }]);
  });

  it('gives one role per entity, the first mapping in list order winning', () => {
    expect(mapGroups([techs, admins], mappings)).toEqual([
      { entityId: 'root', profileId: 'admin' },
      { entityId: 'paris', profileId: 'technician' },
    ]);
    expect(mapGroups([techs], mappings)).toEqual([
      { entityId: 'root', profileId: 'technician' },
      { entityId: 'paris', profileId: 'technician' },
    ]);
  });

  it('gives nothing for groups that no mapping names', () => {
    expect(mapGroups(['cn=nobody,dc=example,dc=org'], mappings)).toEqual([]);
    expect(mapGroups([], mappings)).toEqual([]);
  });
});
