import { getSystemErrorMap } from 'node:util';
import { ResultCodeError, type Entry } from 'ldapts';

export interface LdapSettings {
  url: string; // ldap://host:389 or ldaps://host:636
  startTls: boolean; // upgrade ldap:// with StartTLS
  caPem?: string; // an extra CA to trust (a self-signed directory CA); the system CAs are trusted anyway
  bindDn: string; // a read-only service account
  bindPassword: string;
  baseDn: string;
  userFilter: string; // '(&(objectClass=inetOrgPerson)(uid={username}))' or '(sAMAccountName={username})'
  groupFilter?: string; // '(&(objectClass=groupOfNames)(member={dn}))'; when absent the user's memberOf attribute (AD)
  attributes: { username: string; mail: string; givenName: string; sn: string };
  timeoutMs: number;
}

export interface LdapUser {
  dn: string;
  username: string;
  mail: string | null;
  givenName: string | null;
  sn: string | null;
  groups: string[]; // group DNs, lower-cased
}

export type LdapStage = 'connect' | 'starttls' | 'service-bind' | 'search' | 'user-not-found' | 'user-ambiguous' | 'user-bind' | 'groups';
export type LdapStep = { stage: LdapStage; ok: boolean; message: string };
export type LdapGroupMapping = { group: string; entityId: string; profileId: string };
export type LdapRole = { entityId: string; profileId: string };

export class LdapError extends Error {
  constructor(
    readonly stage: LdapStage,
    message: string,
  ) {
    super(message);
    this.name = 'LdapError';
  }
}

/** Escapes a value for use inside an LDAP search filter (RFC 4515). */
export function escapeFilterValue(value: string): string {
  return value.replace(/[\\*()\0]/g, (char) => `\\${char.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** Lower-cases a DN and drops the spaces around its separators, so that equal DNs compare equal. */
export function normalizeDn(dn: string): string {
  const lower = dn.trim().toLowerCase();
  return lower.replace(/(?<!\\)\s*([,=])\s*/g, '$1');
}

/** The roles the user's groups give: one per entity, the first mapping in list order winning. */
export function mapGroups(groups: string[], mappings: LdapGroupMapping[]): LdapRole[] {
  const mine = new Set(groups.map(normalizeDn));
  const roles = new Map<string, LdapRole>();
  for (const { group, entityId, profileId } of mappings) {
    if (mine.has(normalizeDn(group)) && !roles.has(entityId)) roles.set(entityId, { entityId, profileId });
  }
  return [...roles.values()];
}

/** Active Directory's sub-codes of "invalid credentials" (`data 52e` in the message). */
const AD_REASONS: Record<string, string> = {
  '52e': 'wrong password',
  '532': 'password expired',
  '533': 'account disabled',
  '701': 'account expired',
  '773': 'the user must change the password',
  '775': 'account locked',
};

/** Why an LDAP step failed, in words a person understands (never a password). */
export function reason(error: unknown, timeoutMs: number): string {
  if (error instanceof ResultCodeError) {
    // ldapts names its errors after the result codes: InvalidCredentialsError, NoSuchObjectError, ...
    const words = error.name.replace(/Error$/, '').replace(/([a-z])(?=[A-Z])/g, '$1 ');
    let text = words.toLowerCase();
    if (error.code === 8 || error.code === 13) text += ' (use ldaps:// or StartTLS)';
    const ad = AD_REASONS[/\bdata ([0-9a-f]{3})\b/i.exec(error.message)?.[1]?.toLowerCase() ?? ''];
    return ad ? `${text} (${ad})` : text;
  }
  const { code = '', errno, message = String(error) } = error as NodeJS.ErrnoException;
  if (code === 'ENOTFOUND') return 'unknown host name';
  if (code === 'ETIMEDOUT' || /timed out|timeout/i.test(message)) return `no answer within ${timeoutMs} ms`;
  if (/SELF_SIGNED|UNABLE_TO_(VERIFY|GET_ISSUER)/.test(code))
    return `the server's certificate is not trusted (${message}); paste its CA in the settings`;
  if (code === 'CERT_HAS_EXPIRED') return "the server's certificate has expired";
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return `the server's certificate does not match the host name (${message})`;
  if (errno !== undefined && getSystemErrorMap().has(errno)) return getSystemErrorMap().get(errno)![1];
  if (/connection closed|socket error/i.test(message)) return 'the server closed the connection';
  return message.split('\n')[0] ?? message;
}

/** The values of an attribute, whatever the case of its name. */
export function entryValues(entry: Entry, name: string): string[] {
  const key = Object.keys(entry).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
  const value = key === undefined ? [] : entry[key];
  return (Array.isArray(value) ? value : [value]).filter((item) => item !== undefined).map((item) => item.toString());
}
