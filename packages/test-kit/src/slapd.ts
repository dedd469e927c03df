import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'ldapts';
import { freePort } from './free-port.js';
import { waitFor } from './wait.js';

const SLAPD = '/usr/sbin/slapd';
const SCHEMAS = ['core', 'cosine', 'inetorgperson', 'nis'];

/** Every slapd started by a test, so that a failing test still leaves nothing running. */
const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export interface SlapdOptions {
  /** Also serve StartTLS on the ldap:// port and listen on an ldaps:// port, with a self-signed certificate. */
  tls?: boolean;
}

/** A throw-away OpenLDAP server on 127.0.0.1 with a small seeded directory. */
export class SlapdServer {
  static readonly baseDn = 'dc=example,dc=org';
  static readonly rootDn = 'cn=admin,dc=example,dc=org';
  static readonly rootPassword = 'Root-Secret-1';
  static readonly serviceDn = 'cn=reader,dc=example,dc=org';
  static readonly servicePassword = 'Reader-Secret-1';
  static readonly alicePassword = 'Alice-Secret-1';
  static readonly bobPassword = 'Bob-Secret-1';
  static readonly aliceDn = 'uid=alice,ou=people,dc=example,dc=org';
  static readonly bobDn = 'uid=bob,ou=people,dc=example,dc=org';
  static readonly adminsGroupDn = 'cn=pons-admins,ou=groups,dc=example,dc=org';
  static readonly techsGroupDn = 'cn=pons-techs,ou=groups,dc=example,dc=org';

  readonly baseDn = SlapdServer.baseDn;
  readonly serviceDn = SlapdServer.serviceDn;
  readonly servicePassword = SlapdServer.servicePassword;
  caPem?: string;
  ldapsUrl?: string;

  /** How a client reaches this directory: URL, service account, base DN, the filters and attributes of its seed. */
  connection() {
    return {
      url: this.url,
      startTls: false,
      bindDn: this.serviceDn,
      bindPassword: this.servicePassword,
      baseDn: this.baseDn,
      userFilter: '(&(objectClass=inetOrgPerson)(uid={username}))',
      groupFilter: '(&(objectClass=groupOfNames)(member={dn}))',
      attributes: { username: 'uid', mail: 'mail', givenName: 'givenName', sn: 'sn' },
      timeoutMs: 5_000,
    };
  }

  private constructor(
    readonly url: string,
    readonly dir: string,
    private readonly child: ChildProcess,
    readonly output: () => string,
  ) {}

  static async start(options: SlapdOptions = {}): Promise<SlapdServer> {
    const dir = mkdtempSync(path.join(tmpdir(), 'pons-slapd-'));
    mkdirSync(path.join(dir, 'data'));
    const port = await freePort();
    const url = `ldap://127.0.0.1:${port}`;
    const urls = [`${url}/`];
    let ldapsUrl: string | undefined;
    const lines = [
      ...SCHEMAS.map((schema) => `include /etc/ldap/schema/${schema}.schema`),
      `pidfile ${path.join(dir, 'slapd.pid')}`,
      `argsfile ${path.join(dir, 'slapd.args')}`,
      'modulepath /usr/lib/ldap',
      'moduleload back_mdb',
      // Like Active Directory and many other servers: a DN with an empty password is an anonymous bind that succeeds.
      'allow bind_anon_dn',
    ];
    if (options.tls) {
      const subject = ['-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'];
      const files = ['-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')];
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', ...subject, ...files], { stdio: 'pipe' });
      lines.push(`TLSCertificateFile ${path.join(dir, 'cert.pem')}`, `TLSCertificateKeyFile ${path.join(dir, 'key.pem')}`);
      ldapsUrl = `ldaps://127.0.0.1:${await freePort()}`;
      urls.push(`${ldapsUrl}/`);
    }
    lines.push(
      'database mdb',
      `suffix "${SlapdServer.baseDn}"`,
      `rootdn "${SlapdServer.rootDn}"`,
      `rootpw ${SlapdServer.rootPassword}`,
      `directory ${path.join(dir, 'data')}`,
      'access to * by users read by anonymous auth by * none',
    );
    writeFileSync(path.join(dir, 'slapd.conf'), `${lines.join('\n')}\n`);

    const child = spawn(SLAPD, ['-f', path.join(dir, 'slapd.conf'), '-h', urls.join(' '), '-d', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.add(child);
    child.on('exit', () => running.delete(child));
    let output = '';
    const keep = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (process.env.PONS_TEST_VERBOSE) process.stderr.write(`[slapd:${port}] ${chunk.toString('utf8')}`);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const server = new SlapdServer(url, dir, child, () => output);
    server.ldapsUrl = ldapsUrl;
    if (options.tls) server.caPem = readFileSync(path.join(dir, 'cert.pem'), 'utf8');

    try {
      const died = exited(child).then(() => {
        throw new Error(`slapd exited before it was ready:\n${output}`);
      });
      died.catch(() => undefined);
      await Promise.race([died, waitFor('slapd to accept a bind', () => server.rootBind().then(() => true), 15_000, 100)]);
      await server.seed();
    } catch (error) {
      await server.stop();
      throw error;
    }
    return server;
  }

  private async rootBind(): Promise<void> {
    const client = new Client({ url: this.url, timeout: 2_000, connectTimeout: 2_000 });
    try {
      await client.bind(SlapdServer.rootDn, SlapdServer.rootPassword);
    } finally {
      await client.unbind().catch(() => undefined);
    }
  }

  private async seed(): Promise<void> {
    const client = new Client({ url: this.url, timeout: 5_000, connectTimeout: 5_000 });
    try {
      await client.bind(SlapdServer.rootDn, SlapdServer.rootPassword);
      const base = SlapdServer.baseDn;
      await client.add(base, { objectClass: ['dcObject', 'organization'], dc: 'example', o: 'Example' });
      await client.add(`ou=people,${base}`, { objectClass: 'organizationalUnit', ou: 'people' });
      await client.add(`ou=groups,${base}`, { objectClass: 'organizationalUnit', ou: 'groups' });
      await client.add(SlapdServer.serviceDn, {
        objectClass: ['organizationalRole', 'simpleSecurityObject'],
        cn: 'reader',
        userPassword: SlapdServer.servicePassword,
      });
      await client.add(SlapdServer.aliceDn, {
        objectClass: 'inetOrgPerson',
        uid: 'alice',
        cn: 'Alice Martin',
        givenName: 'Alice',
        sn: 'Martin',
        mail: 'alice@example.org',
        userPassword: SlapdServer.alicePassword,
      });
      await client.add(SlapdServer.bobDn, {
        objectClass: 'inetOrgPerson',
        uid: 'bob',
        cn: 'Bob Durand',
        sn: 'Durand',
        userPassword: SlapdServer.bobPassword,
      });
      await client.add(SlapdServer.adminsGroupDn, { objectClass: 'groupOfNames', cn: 'pons-admins', member: SlapdServer.aliceDn });
      await client.add(SlapdServer.techsGroupDn, { objectClass: 'groupOfNames', cn: 'pons-techs', member: SlapdServer.bobDn });
    } finally {
      await client.unbind().catch(() => undefined);
    }
  }

  /** Stops slapd (SIGKILL if it lingers) and removes its files. */
  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
      this.child.kill('SIGTERM');
      await exited(this.child);
      clearTimeout(timer);
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
