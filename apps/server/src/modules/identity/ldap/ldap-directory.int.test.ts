import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from 'ldapts';
import { freePort, SlapdServer } from '@pons/test-kit';
import { LdapDirectory, type LdapSettings } from './ldap-directory.js';

const admins = SlapdServer.adminsGroupDn;
const techs = SlapdServer.techsGroupDn;

function settingsFor(slapd: SlapdServer, overrides: Partial<LdapSettings> = {}): LdapSettings {
  return { ...slapd.connection(), ...overrides };
}

describe('LDAP directory against a real slapd', () => {
  let slapd: SlapdServer;
  let tlsSlapd: SlapdServer;
  let directory: LdapDirectory;
  beforeAll(async () => {
    [slapd, tlsSlapd] = await Promise.all([SlapdServer.start(), SlapdServer.start({ tls: true })]);
    directory = new LdapDirectory(settingsFor(slapd));
  });
  afterAll(async () => {
    await Promise.all([slapd?.stop(), tlsSlapd?.stop()]);
  });

  it('logs alice in with her attributes and groups, and bob with his', async () => {
    await expect(directory.authenticate('alice', SlapdServer.alicePassword)).resolves.toEqual({
      dn: SlapdServer.aliceDn,
      username: 'alice',
      mail: 'alice@example.org',
      givenName: 'Alice',
      sn: 'Martin',
      groups: [admins],
    });
    await expect(directory.authenticate('BOB', SlapdServer.bobPassword)).resolves.toMatchObject({
      username: 'bob',
      mail: null,
      givenName: null,
      groups: [techs],
    });
  });

  it('refuses a wrong password at the user bind, without repeating it', async () => {
    const error = await directory.authenticate('alice', 'Wrong-Password-9').catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'LdapError', stage: 'user-bind' });
    expect((error as Error).message).toContain(`The password of ${SlapdServer.aliceDn} was refused by ${slapd.url}: invalid credentials`);
    expect((error as Error).message).not.toContain('Wrong-Password-9');
    await expect(directory.authenticate('alice', SlapdServer.bobPassword)).rejects.toMatchObject({ stage: 'user-bind' });
  });

  it('says when no user or several users match', async () => {
    await expect(directory.authenticate('carol', 'Carol-Secret-1')).rejects.toMatchObject({
      stage: 'user-not-found',
      message: expect.stringContaining('No user "carol" was found under dc=example,dc=org'),
    });
    const loose = new LdapDirectory(settingsFor(slapd, { userFilter: '(&(objectClass=inetOrgPerson)(|(uid={username})(sn=Martin)))' }));
    await expect(loose.authenticate('bob', SlapdServer.bobPassword)).rejects.toMatchObject({ stage: 'user-ambiguous' });
  });

  it.each(['*', 'a*', 'alice)(uid=*', 'alice)(|(uid=*', '*)(objectClass=*'])(
    'does not let the user name %s through the filter',
    async (name) => {
      await expect(directory.authenticate(name, SlapdServer.alicePassword)).rejects.toMatchObject({ stage: 'user-not-found' });
    },
  );

  it('refuses an empty password before talking to the server, which would take it for a successful anonymous bind', async () => {
    const anonymous = new Client({ url: slapd.url });
    await expect(anonymous.bind(SlapdServer.aliceDn, '')).resolves.toBeUndefined();
    await anonymous.unbind();
    const unreachable = new LdapDirectory(settingsFor(slapd, { url: `ldap://127.0.0.1:${await freePort()}` }));
    await expect(unreachable.authenticate('alice', '')).rejects.toMatchObject({
      stage: 'user-bind',
      message: expect.stringMatching(/empty/),
    });
    await expect(directory.authenticate('alice', '')).rejects.toMatchObject({ stage: 'user-bind' });
  });

  it('reports each step of a good configuration', async () => {
    const result = await directory.testConnection();
    expect(result.ok).toBe(true);
    expect(result.steps.map((step) => [step.stage, step.ok])).toEqual([
      ['connect', true],
      ['service-bind', true],
      ['search', true],
    ]);
    expect(result.steps[2]!.message).toContain('2 users match (&(objectClass=inetOrgPerson)(uid=*))');
  });

  it('blames the service account when its password is wrong', async () => {
    const wrong = new LdapDirectory(settingsFor(slapd, { bindPassword: 'Not-The-Reader-1' }));
    const result = await wrong.testConnection();
    expect(result.ok).toBe(false);
    expect(result.steps.map((step) => [step.stage, step.ok])).toEqual([
      ['connect', true],
      ['service-bind', false],
    ]);
    expect(result.steps[1]!.message).toBe(`The service account ${slapd.serviceDn} was refused by ${slapd.url}: invalid credentials`);
    expect(JSON.stringify(result)).not.toContain('Not-The-Reader-1');
    await expect(wrong.authenticate('alice', SlapdServer.alicePassword)).rejects.toMatchObject({ stage: 'service-bind' });
  });

  it('says the server cannot be reached on a closed port', async () => {
    const url = `ldap://127.0.0.1:${await freePort()}`;
    const closed = new LdapDirectory(settingsFor(slapd, { url }));
    await expect(closed.authenticate('alice', SlapdServer.alicePassword)).rejects.toMatchObject({
      stage: 'connect',
      message: `Could not reach ${url}: connection refused`,
    });
    expect(await closed.testConnection()).toEqual({
      ok: false,
      steps: [{ stage: 'connect', ok: false, message: `Could not reach ${url}: connection refused` }],
    });
  });

  it('upgrades with StartTLS when the CA is given, and says the certificate is not trusted without it', async () => {
    const trusted = new LdapDirectory(settingsFor(tlsSlapd, { startTls: true, caPem: tlsSlapd.caPem }));
    await expect(trusted.authenticate('alice', SlapdServer.alicePassword)).resolves.toMatchObject({ username: 'alice', groups: [admins] });
    expect((await trusted.testConnection()).steps.map((step) => [step.stage, step.ok])).toEqual([
      ['connect', true],
      ['starttls', true],
      ['service-bind', true],
      ['search', true],
    ]);

    const untrusted = new LdapDirectory(settingsFor(tlsSlapd, { startTls: true }));
    const error = await untrusted.authenticate('alice', SlapdServer.alicePassword).catch((e: unknown) => e);
    expect(error).toMatchObject({ stage: 'starttls' });
    expect((error as Error).message).toMatch(/^StartTLS with ldap:\/\/127\.0\.0\.1:\d+ failed: the server's certificate is not trusted/);
    expect((error as Error).message).toMatch(/self-signed certificate\); paste its CA in the settings$/);
    const steps = (await untrusted.testConnection()).steps;
    expect(steps.map((step) => [step.stage, step.ok])).toEqual([
      ['connect', true],
      ['starttls', false],
    ]);
  });

  it('says when the server does not offer StartTLS', async () => {
    const plain = new LdapDirectory(settingsFor(slapd, { startTls: true }));
    await expect(plain.authenticate('alice', SlapdServer.alicePassword)).rejects.toMatchObject({
      stage: 'starttls',
      message: expect.stringContaining('the server refused it'),
    });
  });

  it('logs in over ldaps:// when the CA is given, and refuses an untrusted certificate', async () => {
    const ldaps = new LdapDirectory(settingsFor(tlsSlapd, { url: tlsSlapd.ldapsUrl!, caPem: tlsSlapd.caPem }));
    await expect(ldaps.authenticate('bob', SlapdServer.bobPassword)).resolves.toMatchObject({ username: 'bob', groups: [techs] });
    const untrusted = new LdapDirectory(settingsFor(tlsSlapd, { url: tlsSlapd.ldapsUrl! }));
    await expect(untrusted.authenticate('bob', SlapdServer.bobPassword)).rejects.toMatchObject({
      stage: 'connect',
      message: expect.stringMatching(/^Could not connect securely to ldaps:.*not trusted \(self-signed certificate\)/),
    });
  });
});
