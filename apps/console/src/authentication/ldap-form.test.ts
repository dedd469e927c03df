import { describe, expect, it } from 'vitest';
import type { LdapSettingsView } from '@pons/protocol';
import { emptyLdapForm, ldapFormFrom, ldapRequest, type LdapForm } from './ldap-form.js';

const entities = [{ id: 'root', name: 'Root' }];
const profiles = [{ id: 'p-tech', name: 'Technician' }];
const filled: LdapForm = {
  ...emptyLdapForm,
  enabled: true,
  url: ' ldap://dc1.example.org ',
  startTls: true,
  bindDn: 'cn=pons,dc=example,dc=org',
  baseDn: 'ou=people,dc=example,dc=org',
};

describe('ldapRequest', () => {
  it('sends the settings, leaving out the empty optional fields and the unchanged password', () => {
    expect(ldapRequest(filled).request).toEqual({
      enabled: true,
      url: 'ldap://dc1.example.org',
      startTls: true,
      bindDn: 'cn=pons,dc=example,dc=org',
      baseDn: 'ou=people,dc=example,dc=org',
      userFilter: '(uid={username})',
      attributes: { username: 'uid', mail: 'mail', givenName: 'givenName', sn: 'sn' },
      groupMappings: [],
      defaultRole: null,
      timeoutMs: 10_000,
    });
  });

  it('sends a new bind password, the CA, the group filter, mappings and the default role', () => {
    const request = ldapRequest({
      ...filled,
      bindPassword: 's3cret',
      caPem: '-----BEGIN CERTIFICATE-----\n…',
      groupFilter: '(member={dn})',
      groupMappings: [{ match: ' cn=admins,dc=example,dc=org ', entity: 'root', profile: 'p-tech' }],
      defaultRole: { entity: 'root', profile: 'p-tech', match: '' },
      timeoutSeconds: '5',
    }).request;
    expect(request).toMatchObject({
      bindPassword: 's3cret',
      caPem: '-----BEGIN CERTIFICATE-----\n…',
      groupFilter: '(member={dn})',
      groupMappings: [{ group: 'cn=admins,dc=example,dc=org', entity: 'root', profile: 'p-tech' }],
      defaultRole: { entity: 'root', profile: 'p-tech' },
      timeoutMs: 5_000,
    });
  });

  it('says every mistake at once', () => {
    const result = ldapRequest({
      ...emptyLdapForm,
      url: 'https://dc1',
      userFilter: '(uid=x)',
      attributes: { ...emptyLdapForm.attributes, mail: ' ' },
      timeoutSeconds: '0',
      groupMappings: [{ match: '', entity: 'root', profile: 'p-tech' }],
    });
    expect(result.errors).toEqual([
      'Server: an ldap:// or ldaps:// URL, such as ldaps://dc1.example.org:636.',
      'Give the bind DN of the read-only service account.',
      'Give the base DN where users are searched.',
      'User filter: it must hold {username}, e.g. (uid={username}).',
      'Give the attribute holding the mail.',
      'Timeout: a whole number of seconds from 1 to 60.',
      'Group mapping 1: choose the value to match.',
    ]);
  });
});

describe('ldapFormFrom', () => {
  it('reads the saved settings, names resolved to ids, the password kept as set', () => {
    const view: LdapSettingsView = {
      ...(ldapRequest(filled).request as Omit<LdapSettingsView, 'bindPasswordSet'>),
      groupMappings: [{ group: 'cn=ops', entity: 'Root', profile: 'Technician' }],
      defaultRole: null,
      bindPasswordSet: true,
    };
    const form = ldapFormFrom(view, entities, profiles);
    expect(form.bindPassword).toBe('');
    expect(form.bindPasswordSet).toBe(true);
    expect(form.groupMappings).toEqual([{ match: 'cn=ops', entity: 'root', profile: 'p-tech' }]);
    expect(form.timeoutSeconds).toBe('10');
    expect(ldapRequest(form).request?.groupMappings).toEqual([{ group: 'cn=ops', entity: 'root', profile: 'p-tech' }]);
  });

  it('starts from the usual defaults when nothing is saved', () => {
    expect(ldapFormFrom(null, entities, profiles)).toEqual(emptyLdapForm);
  });
});
