import type { LdapSettingsRequest, LdapSettingsView } from '@pons/protocol';
import { defaultRoleErrors, defaultRoleTarget, defaultRowFrom, roleErrors, roleTarget, rowFrom, type RoleRow } from '../admin/role-rows.js';
import type { Result } from '../users/user-form.js';

/** The LDAP form as typed (numbers as text, the bind password write-only), and its request. Pure, tested. */
export interface LdapForm {
  enabled: boolean;
  url: string;
  startTls: boolean;
  caPem: string;
  bindDn: string;
  /** Empty keeps the stored one. */
  bindPassword: string;
  bindPasswordSet: boolean;
  baseDn: string;
  userFilter: string;
  groupFilter: string;
  attributes: { username: string; mail: string; givenName: string; sn: string };
  /** `match` is the group's DN. */
  groupMappings: RoleRow[];
  defaultRole: RoleRow;
  timeoutSeconds: string;
}

interface Named {
  id: string;
  name: string;
}

export const emptyLdapForm: LdapForm = {
  enabled: false,
  url: '',
  startTls: false,
  caPem: '',
  bindDn: '',
  bindPassword: '',
  bindPasswordSet: false,
  baseDn: '',
  userFilter: '(uid={username})',
  groupFilter: '',
  attributes: { username: 'uid', mail: 'mail', givenName: 'givenName', sn: 'sn' },
  groupMappings: [],
  defaultRole: { entity: '', profile: '', match: '' },
  timeoutSeconds: '10',
};

export function ldapFormFrom(view: LdapSettingsView | null, entities: readonly Named[], profiles: readonly Named[]): LdapForm {
  if (!view) return emptyLdapForm;
  return {
    enabled: view.enabled,
    url: view.url,
    startTls: view.startTls,
    caPem: view.caPem ?? '',
    bindDn: view.bindDn,
    bindPassword: '',
    bindPasswordSet: view.bindPasswordSet,
    baseDn: view.baseDn,
    userFilter: view.userFilter,
    groupFilter: view.groupFilter ?? '',
    attributes: { ...view.attributes },
    groupMappings: view.groupMappings.map((m) => rowFrom(m, entities, profiles, m.group)),
    defaultRole: defaultRowFrom(view.defaultRole, entities, profiles),
    timeoutSeconds: String(Math.round(view.timeoutMs / 1000)),
  };
}

const ATTRIBUTE_NAMES = { username: 'user name', mail: 'mail', givenName: 'given name', sn: 'surname' } as const;

export function ldapRequest(form: LdapForm): Result<LdapSettingsRequest> {
  const errors: string[] = [];
  const url = form.url.trim();
  if (!/^ldaps?:\/\/\S+$/.test(url)) errors.push('Server: an ldap:// or ldaps:// URL, such as ldaps://dc1.example.org:636.');
  if (!form.bindDn.trim()) errors.push('Give the bind DN of the read-only service account.');
  if (!form.baseDn.trim()) errors.push('Give the base DN where users are searched.');
  if (!form.userFilter.includes('{username}')) errors.push('User filter: it must hold {username}, e.g. (uid={username}).');
  for (const key of ['username', 'mail', 'givenName', 'sn'] as const) {
    if (!form.attributes[key].trim()) errors.push(`Give the attribute holding the ${ATTRIBUTE_NAMES[key]}.`);
  }
  const seconds = /^\s*\d+\s*$/.test(form.timeoutSeconds) ? Number(form.timeoutSeconds) : NaN;
  if (!(seconds >= 1 && seconds <= 60)) errors.push('Timeout: a whole number of seconds from 1 to 60.');
  errors.push(...roleErrors(form.groupMappings, 'Group mapping', true), ...defaultRoleErrors(form.defaultRole));
  if (errors.length > 0) return { errors };

  const request: LdapSettingsRequest = {
    enabled: form.enabled,
    url,
    startTls: form.startTls,
    bindDn: form.bindDn.trim(),
    baseDn: form.baseDn.trim(),
    userFilter: form.userFilter.trim(),
    attributes: {
      username: form.attributes.username.trim(),
      mail: form.attributes.mail.trim(),
      givenName: form.attributes.givenName.trim(),
      sn: form.attributes.sn.trim(),
    },
    groupMappings: form.groupMappings.map((row) => ({ group: row.match.trim(), ...roleTarget(row) })),
    defaultRole: defaultRoleTarget(form.defaultRole),
    timeoutMs: seconds * 1000,
  };
  if (form.caPem.trim()) request.caPem = form.caPem.trim();
  if (form.groupFilter.trim()) request.groupFilter = form.groupFilter.trim();
  if (form.bindPassword) request.bindPassword = form.bindPassword;
  return { request };
}
