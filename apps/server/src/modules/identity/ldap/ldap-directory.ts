import net from 'node:net';
import tls from 'node:tls';
import { getSystemErrorMap } from 'node:util';
import { Client, ResultCodeError, type Entry } from 'ldapts';

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

const AD_REASONS: Record<string, string> = {
  '52e': 'wrong password',
  '532': 'password expired',
  '533': 'account disabled',
  '701': 'account expired',
  '773': 'the user must change the password',
  '775': 'account locked',
};

function reason(error: unknown, timeoutMs: number): string {
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

function values(entry: Entry, name: string): string[] {
  const key = Object.keys(entry).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
  const value = key === undefined ? [] : entry[key];
  return (Array.isArray(value) ? value : [value]).filter((item) => item !== undefined).map((item) => item.toString());
}

type Session = { client: Client; close(): Promise<void> };

/** An LDAP or Active Directory server that checks user passwords and tells group memberships. */
export class LdapDirectory {
  private readonly secure: boolean;
  private readonly host: string;
  private readonly port: number;

  constructor(private readonly settings: LdapSettings) {
    const target = new URL(settings.url);
    this.secure = target.protocol === 'ldaps:';
    this.host = target.hostname.replace(/^\[(.*)\]$/, '$1');
    this.port = Number(target.port) || (this.secure ? 636 : 389);
  }

  private fail(stage: LdapStage, what: string, error: unknown): LdapError {
    return error instanceof LdapError ? error : new LdapError(stage, `${what}: ${reason(error, this.settings.timeoutMs)}`);
  }

  private async open(): Promise<Session> {
    const { url, timeoutMs, caPem } = this.settings;
    const { host, port, secure } = this;
    const ca = caPem ? [...tls.rootCertificates, caPem] : undefined;
    const tlsOptions = { host, port, servername: net.isIP(host) ? undefined : host, ca };
    const socket = await new Promise<net.Socket>((resolve, reject) => {
      const raw = secure ? tls.connect(tlsOptions) : net.connect({ host, port });
      const timer = setTimeout(() => raw.destroy(Object.assign(new Error('connect timeout'), { code: 'ETIMEDOUT' })), timeoutMs);
      raw.once(secure ? 'secureConnect' : 'connect', () => {
        clearTimeout(timer);
        resolve(raw.removeAllListeners('error').on('error', () => undefined));
      });
      raw.once('error', (error) => {
        clearTimeout(timer);
        raw.destroy();
        reject(this.fail('connect', `Could not ${secure ? 'connect securely to' : 'reach'} ${url}`, error));
      });
    });
    // The client gets the socket opened above and no other: a silent reconnection would skip StartTLS.
    let handedOver = false;
    const handOver = () => {
      if (handedOver) throw new Error('Connection closed');
      handedOver = true;
      return socket;
    };
    const client = secure
      ? new Client({ url, timeout: timeoutMs, createSecureConnection: () => handOver() as tls.TLSSocket })
      : new Client({ url, timeout: timeoutMs, createConnection: handOver });
    const close = async () => {
      await client.unbind().catch(() => undefined);
      socket.destroy();
    };
    if (this.settings.startTls && !secure) {
      try {
        await client.startTLS({ ...tlsOptions, port: undefined });
      } catch (error) {
        await close();
        const refused = error instanceof ResultCodeError ? 'the server refused it: ' : '';
        throw new LdapError('starttls', `StartTLS with ${url} failed: ${refused}${reason(error, timeoutMs)}`);
      }
    }
    return { client, close };
  }

  private async bind(session: Session, dn: string, password: string, stage: LdapStage): Promise<void> {
    const who = stage === 'service-bind' ? `The service account ${dn}` : `The password of ${dn}`;
    await session.client
      .bind(dn, password)
      .catch((error: unknown) => Promise.reject(this.fail(stage, `${who} was refused by ${this.settings.url}`, error)));
  }

  private async search(session: Session, filter: string, attributes: string[], sizeLimit: number, stage: LdapStage): Promise<Entry[]> {
    const { baseDn, url } = this.settings;
    const search = session.client.search(baseDn, { scope: 'sub', filter, attributes, sizeLimit });
    const result = await search.catch((error: unknown) =>
      Promise.reject(this.fail(stage, `Searching ${filter} under ${baseDn} on ${url} failed`, error)),
    );
    return result.searchEntries;
  }

  private userFilter(value: string): string {
    const { userFilter } = this.settings;
    if (!userFilter.includes('{username}')) throw new LdapError('search', `The user filter ${userFilter} must contain {username}.`);
    const filter = userFilter.replaceAll('{username}', value);
    return filter.startsWith('(') ? filter : `(${filter})`;
  }

  private async groupsOf(session: Session, entry: Entry): Promise<string[]> {
    const { groupFilter } = this.settings;
    if (!groupFilter) return values(entry, 'memberOf').map(normalizeDn);
    const filter = groupFilter.replaceAll('{dn}', escapeFilterValue(entry.dn));
    return (await this.search(session, filter, ['1.1'], 0, 'groups')).map((group) => normalizeDn(group.dn));
  }

  /** Checks a user's password with a bind as that user, and reads the user's attributes and groups. */
  async authenticate(username: string, password: string): Promise<LdapUser> {
    const { attributes, baseDn, url, groupFilter } = this.settings;
    if (!username.trim()) throw new LdapError('user-not-found', 'Enter a user name.');
    if (!password) throw new LdapError('user-bind', 'Enter a password: the server would take an empty one for an anonymous login.');
    const filter = this.userFilter(escapeFilterValue(username));
    const service = await this.open();
    try {
      await this.bind(service, this.settings.bindDn, this.settings.bindPassword, 'service-bind');
      const wanted = [attributes.username, attributes.mail, attributes.givenName, attributes.sn, ...(groupFilter ? [] : ['memberOf'])];
      const found = await this.search(service, filter, wanted, 2, 'search');
      const entry = found[0];
      if (!entry) throw new LdapError('user-not-found', `No user "${username}" was found under ${baseDn} on ${url}.`);
      if (found.length > 1)
        throw new LdapError('user-ambiguous', `The user name "${username}" matches several entries under ${baseDn} on ${url}.`);
      const user = await this.open();
      await this.bind(user, entry.dn, password, 'user-bind').finally(() => user.close());
      const groups = await this.groupsOf(service, entry);
      const first = (name: string) => values(entry, name)[0] ?? null;
      const { mail, givenName, sn } = attributes;
      return {
        dn: entry.dn,
        username: first(attributes.username) ?? username,
        mail: first(mail),
        givenName: first(givenName),
        sn: first(sn),
        groups,
      };
    } finally {
      await service.close();
    }
  }

  /** Goes through the steps of a login with the service account and says which one fails. Never throws. */
  async testConnection(): Promise<{ ok: boolean; steps: LdapStep[] }> {
    const { url, baseDn, bindDn, startTls } = this.settings;
    const steps: LdapStep[] = [];
    const pass = (stage: LdapStage, message: string) => steps.push({ stage, ok: true, message });
    let session: Session | undefined;
    try {
      session = await this.open();
      pass('connect', `Reached ${url}.`);
      if (startTls && !this.secure) pass('starttls', "StartTLS succeeded and the server's certificate is trusted.");
      await this.bind(session, bindDn, this.settings.bindPassword, 'service-bind');
      pass('service-bind', `The service account ${bindDn} was accepted.`);
      const filter = this.userFilter('*');
      const count = (await this.search(session, filter, ['1.1'], 20, 'search')).length;
      if (!count)
        throw new LdapError('user-not-found', `No user matches ${filter} under ${baseDn}: check the base DN and the user filter.`);
      pass('search', `${count === 20 ? 'At least 20' : count} users match ${filter} under ${baseDn}.`);
    } catch (error) {
      const failure = this.fail('connect', `Testing ${url} failed`, error);
      if (failure.stage === 'starttls') pass('connect', `Reached ${url}.`);
      steps.push({ stage: failure.stage, ok: false, message: failure.message });
    } finally {
      await session?.close();
    }
    return { ok: steps.every((step) => step.ok), steps };
  }
}
