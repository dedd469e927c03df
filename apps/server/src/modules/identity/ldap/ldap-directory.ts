import net from 'node:net';
import tls from 'node:tls';
import { Client, ResultCodeError, type Entry } from 'ldapts';
import {
  entryValues as values,
  escapeFilterValue,
  LdapError,
  normalizeDn,
  reason,
  type LdapSettings,
  type LdapStage,
  type LdapStep,
  type LdapUser,
} from './ldap-basics.js';

export * from './ldap-basics.js';

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
