import { describe, expect, it } from 'vitest';
import type { Grants } from '@pons/protocol';
import { grantsSummary, profileRequest } from './profile-form.js';

describe('profileRequest', () => {
  it('sends the trimmed name and the granted features in order', () => {
    const grants = { history: 'ro', inventory: 'rw' } as Grants;
    const result = profileRequest('  Helpdesk ', grants);
    expect(result.request).toEqual({ name: 'Helpdesk', permissions: { inventory: 'rw', history: 'ro' } });
    expect(Object.keys(result.request?.permissions ?? {})).toEqual(['inventory', 'history']);
  });

  it('drops anything that is not a feature and a level', () => {
    const grants = { inventory: 'rw', nonsense: 'rw', history: 'none' } as unknown as Grants;
    expect(profileRequest('P', grants).request?.permissions).toEqual({ inventory: 'rw' });
  });

  it('needs a name', () => {
    expect(profileRequest('  ', {}).errors).toEqual(['Give the profile a name.']);
  });
});

describe('grantsSummary', () => {
  it('counts the features and the read-write ones', () => {
    expect(grantsSummary({})).toBe('nothing');
    expect(grantsSummary({ inventory: 'rw' })).toBe('1 feature, 1 read-write');
    expect(grantsSummary({ inventory: 'rw', history: 'ro', admin: 'ro' })).toBe('3 features, 1 read-write');
  });
});
