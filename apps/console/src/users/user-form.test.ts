import { describe, expect, it } from 'vitest';
import type { UserSummary } from '@pons/protocol';
import { createUserRequest, emptyUserForm, updateUserRequest, userFormFrom } from './user-form.js';

const role = { entity: 'root', profile: 'p-admin', match: '' };

describe('createUserRequest', () => {
  it('sends the user with its roles, leaving out empty names', () => {
    expect(createUserRequest({ ...emptyUserForm, username: ' jdoe ', password: 'Initial-Passw0rd', sn: ' Doe ', roles: [role] })).toEqual({
      request: { username: 'jdoe', password: 'Initial-Passw0rd', sn: 'Doe', roles: [{ entity: 'root', profile: 'p-admin' }] },
    });
  });

  it('says every mistake at once', () => {
    expect(createUserRequest({ ...emptyUserForm, username: 'j doe', mail: 'nope', roles: [{ ...role, profile: '' }] }).errors).toEqual([
      'User name: letters, digits and . _ @ - only.',
      'Give an initial password; the user changes it at first login.',
      'Mail: give an address such as jane@example.org, or leave it empty.',
      'Role 1: choose a profile.',
    ]);
    expect(createUserRequest(emptyUserForm).errors?.[0]).toBe('Give the user name.');
  });
});

describe('updateUserRequest', () => {
  const user: UserSummary = {
    id: 'u1',
    username: 'jdoe',
    source: 'local',
    givenName: 'Jane',
    sn: null,
    mail: 'jane@example.org',
    disabled: false,
    totpEnabled: false,
    createdAt: 0,
    lastLoginAt: null,
    roles: [
      { entityId: 'root', entityName: 'Root', profileId: 'p-admin', profileName: 'Admin' },
      { entityId: 'lyon', entityName: 'Lyon', profileId: 'p-tech', profileName: 'Technician' },
    ],
  };

  it('sends nothing when nothing changed, whatever the order of the roles', () => {
    const form = userFormFrom(user);
    expect(updateUserRequest(user, { ...form, roles: [...form.roles].reverse() })).toEqual({ request: null });
  });

  it('sends only the changed fields, a cleared one as empty', () => {
    const form = userFormFrom(user);
    expect(updateUserRequest(user, { ...form, sn: 'Doe', mail: '', roles: [role] })).toEqual({
      request: { sn: 'Doe', mail: '', roles: [{ entity: 'root', profile: 'p-admin' }] },
    });
  });
});
