import { describe, expect, it } from 'vitest';
import { DEFAULT_OIDC_CLAIMS, claimValues, mapClaims } from './oidc-client.js';

describe('claimValues', () => {
  const claims = {
    groups: ['admins', ' ', 'ops', 7, null, { nested: true }],
    group: 'solo',
    empty: '',
    count: 3,
    flag: false,
    nothing: null,
  };

  it('reads a claim sent as an array of strings, dropping empty and non-scalar entries', () => {
    expect(claimValues(claims, 'groups')).toEqual(['admins', 'ops', '7']);
  });

  it('reads a claim sent as a single string, number or boolean', () => {
    expect(claimValues(claims, 'group')).toEqual(['solo']);
    expect(claimValues(claims, 'count')).toEqual(['3']);
    expect(claimValues(claims, 'flag')).toEqual(['false']);
  });

  it('gives nothing for a missing, empty or null claim', () => {
    expect(claimValues(claims, 'missing')).toEqual([]);
    expect(claimValues(claims, 'empty')).toEqual([]);
    expect(claimValues(claims, 'nothing')).toEqual([]);
  });
});

describe('mapClaims', () => {
  it('maps the default claim names', () => {
    const claims = { sub: 'x1', preferred_username: 'jdoe', given_name: 'Jane', family_name: 'Doe', email: 'jane@example.com' };
    expect(mapClaims(claims, DEFAULT_OIDC_CLAIMS)).toEqual({ uid: 'jdoe', givenName: 'Jane', sn: 'Doe', mail: 'jane@example.com' });
  });

  it('follows a custom mapping, trims values and takes the first of several', () => {
    const claims = { upn: ' jdoe@corp ', first: 'Jane', last: ['Doe', 'Smith'], emails: [] };
    const mapping = { uid: 'upn', givenName: 'first', sn: 'last', mail: 'emails' };
    expect(mapClaims(claims, mapping)).toEqual({ uid: 'jdoe@corp', givenName: 'Jane', sn: 'Doe', mail: null });
  });

  it('gives null for every claim the provider did not send', () => {
    expect(mapClaims({ sub: 'x1' }, DEFAULT_OIDC_CLAIMS)).toEqual({ uid: null, givenName: null, sn: null, mail: null });
  });
});
