import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import {
  duration,
  featureLevel,
  fingerprint,
  nonNegativeInteger,
  oneOf,
  permissionsOf,
  positiveInteger,
  repeatable,
  roleAssignment,
} from './options.js';

const DAY = 86_400_000;

describe('option parsers', () => {
  const expires = duration(60_000, 366 * DAY);

  it('reads durations', () => {
    expect(expires('7d')).toBe(7 * DAY);
    expect(expires('1h30m')).toBe(5_400_000);
    expect(expires(' 2w ')).toBe(14 * DAY);
  });

  it('refuses what is not a duration, or out of bounds, saying what is accepted', () => {
    expect(() => expires('soon')).toThrow(InvalidArgumentError);
    expect(() => expires('7 days')).toThrow(/such as 30m, 12h, 7d/);
    expect(() => expires('30s')).toThrow('It must be at least 1m.');
    expect(() => expires('400d')).toThrow('It must be at most 366d.');
  });

  it('reads positive integers within bounds', () => {
    const maxUses = positiveInteger(1_000_000);
    expect(maxUses('100')).toBe(100);
    expect(() => maxUses('0')).toThrow('It must be a whole number of 1 or more.');
    expect(() => maxUses('-3')).toThrow(InvalidArgumentError);
    expect(() => maxUses('1.5')).toThrow(InvalidArgumentError);
    expect(() => maxUses('1e3')).toThrow(InvalidArgumentError);
    expect(() => maxUses('2000000')).toThrow('It must be at most 1000000.');
    expect(nonNegativeInteger('0')).toBe(0);
  });

  it('reads a choice case-insensitively', () => {
    const status = oneOf(['online', 'offline'] as const);
    expect(status('Online')).toBe('online');
    expect(() => status('up')).toThrow('It must be one of online, offline.');
  });

  it('normalises fingerprints as people paste them', () => {
    const hex = 'ab'.repeat(32);
    expect(fingerprint(`SHA256:${hex.toUpperCase().match(/../g)!.join(':')}`)).toBe(`sha256:${hex}`);
    expect(() => fingerprint('sha256:1234')).toThrow(InvalidArgumentError);
  });
});

describe('repeatable options', () => {
  it('reads FEATURE=LEVEL, case-insensitively', () => {
    expect(featureLevel('inventory=ro')).toEqual(['inventory', 'ro']);
    expect(featureLevel(' Groups = RW ')).toEqual(['groups', 'rw']);
  });

  it('refuses an unknown feature or level, saying what is accepted', () => {
    expect(() => featureLevel('inventory')).toThrow('It must be FEATURE=ro or FEATURE=rw, such as inventory=ro.');
    expect(() => featureLevel('=ro')).toThrow(InvalidArgumentError);
    expect(() => featureLevel('machines=ro')).toThrow(/^The feature must be one of dashboard, inventory, /);
    expect(() => featureLevel('inventory=write')).toThrow('The level must be ro (read-only) or rw (read-write).');
  });

  it('refuses a feature given twice', () => {
    expect(permissionsOf([featureLevel('inventory=ro'), featureLevel('groups=rw')])).toEqual({ inventory: 'ro', groups: 'rw' });
    expect(() => permissionsOf([featureLevel('inventory=ro'), featureLevel('inventory=rw')])).toThrow('--permission gives inventory twice');
  });

  it('reads ENTITY=PROFILE, splitting at the last "=" as entity names may hold one', () => {
    expect(roleAssignment('Paris=Technician')).toEqual({ entity: 'Paris', profile: 'Technician' });
    expect(roleAssignment('R=D lab = Admin')).toEqual({ entity: 'R=D lab', profile: 'Admin' });
    expect(() => roleAssignment('Paris')).toThrow('It must be ENTITY=PROFILE, such as Paris=Technician.');
    expect(() => roleAssignment('Paris=')).toThrow(InvalidArgumentError);
  });

  it('collects every occurrence in order', () => {
    const role = repeatable(roleAssignment);
    expect(role('Lyon=Admin', role('Paris=Technician', undefined))).toEqual([
      { entity: 'Paris', profile: 'Technician' },
      { entity: 'Lyon', profile: 'Admin' },
    ]);
  });
});
