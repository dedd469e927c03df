import { describe, expect, it } from 'vitest';
import type { CurrentUser, Grants } from '@pons/protocol';
import { apiTokenRequest, narrowingText, tokenFormFor, userGrants } from './token-request.js';

type Permissions = CurrentUser['grants'][number]['permissions'];
const grant = (entityId: string, permissions: Grants) => ({
  entityId,
  entityName: entityId,
  profile: 'P',
  permissions: permissions as Permissions,
});

describe('userGrants', () => {
  it('takes the best level of each feature over every entity', () => {
    const user = { superAdmin: false, grants: [grant('a', { inventory: 'ro', history: 'ro' }), grant('b', { inventory: 'rw' })] };
    expect(userGrants(user)).toEqual({ inventory: 'rw', history: 'ro' });
    expect(Object.keys(userGrants({ superAdmin: true, grants: [] }))).toHaveLength(12);
  });
});

describe('apiTokenRequest', () => {
  const form = { ...tokenFormFor({ inventory: 'rw', history: 'ro' }), name: ' ci ' };

  it('sends the name and the expiry; no narrowing unless asked', () => {
    expect(apiTokenRequest(form)).toEqual({ request: { name: 'ci', expiresInMs: 90 * 86_400_000 } });
  });

  it('narrows to the permissions and the entities chosen', () => {
    const request = apiTokenRequest({
      ...form,
      expiresInDays: 7,
      limitPermissions: true,
      permissions: { inventory: 'ro' },
      limitEntities: true,
      entities: ['lyon'],
    }).request;
    expect(request).toEqual({
      name: 'ci',
      expiresInMs: 7 * 86_400_000,
      narrowing: { permissions: { inventory: 'ro' }, entities: ['lyon'] },
    });
    expect(apiTokenRequest({ ...form, limitEntities: true, entities: ['lyon'] }).request?.narrowing).toEqual({ entities: ['lyon'] });
  });

  it('refuses an empty name, no permission at all, or no entity', () => {
    expect(apiTokenRequest({ ...form, name: '', limitPermissions: true, permissions: {}, limitEntities: true }).errors).toEqual([
      'Give the token a name, to recognise it in the list.',
      'Give the token at least one permission, or do not limit them.',
      'Choose at least one entity, or do not limit them.',
    ]);
  });
});

describe('narrowingText', () => {
  it('says what a token is limited to', () => {
    expect(narrowingText(null)).toBe('all your rights');
    expect(narrowingText({ permissions: { inventory: 'ro' } })).toBe('1 feature');
    expect(narrowingText({ permissions: {}, entities: ['a', 'b'] })).toBe('0 features, 2 entities');
  });
});
