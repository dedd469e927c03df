import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { UserSummary } from '@pons/protocol';
import { AgentProcess, type ApiClient, authenticatorCode, ServerProcess, TestOidcProvider, waitFor } from '@pons/test-kit';
import { launchChromium, openPage, Shots, waitForText } from './console-helpers.js';

const ADMIN_PASSWORD = 'Console-Root-2026!';
const TINA_PASSWORD = 'Chosen-By-T-2026!';

/**
 * Identity in a real browser against a real server: a Technician of one entity sees no admin menu
 * and no machine of another entity; TOTP enrolment in the Account page, then a login with the
 * code; a login through an OIDC provider (oidc-provider, started here) that provisions the user
 * with the mapped attributes; an entity made in the Admin view and found in the audit log.
 */
describe('identity in the web console', () => {
  const server = new ServerProcess();
  const agents: AgentProcess[] = [];
  let idp: TestOidcProvider | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  const shots = new Shots(() => page);
  let admin: ApiClient;

  async function newPage(): Promise<Page> {
    page = await openPage(browser!);
    return page;
  }

  async function passwordLogin(page: Page, username: string, password: string): Promise<void> {
    await page.goto(server.url);
    await page.getByLabel('User name').fill(username);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
  }

  beforeAll(async () => {
    const [launched] = await Promise.all([launchChromium(), server.start()]);
    browser = launched;
    admin = server.api();
    await admin.loginAsNewAdmin(server.bootstrapPassword, ADMIN_PASSWORD);
    for (const name of ['Acme', 'Globex']) await admin.call('POST', '/api/v1/entities', { name });
    await admin.call('POST', '/api/v1/users', {
      username: 'tina',
      password: 'First-For-T-2026!',
      roles: [{ entity: 'Acme', profile: 'Technician' }],
    });
    const tina = server.api();
    await tina.login('tina', 'First-For-T-2026!');
    await tina.call('POST', '/api/v1/auth/password', { currentPassword: 'First-For-T-2026!', newPassword: TINA_PASSWORD });
    for (const [entity, hostname] of [
      ['Acme', 'acme-e2e'],
      ['Globex', 'globex-e2e'],
    ] as const) {
      const { token } = await admin.createToken({ entity });
      agents.push(new AgentProcess({ server: server.url, token, caFingerprint: server.caFingerprint, hostname }).start());
    }
    await waitFor('both agents online', async () => (await admin.machines()).counts.online === 2, 30_000);
  }, 120_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await idp?.stop();
    await Promise.all(agents.map((agent) => agent.dispose()));
    await server.dispose();
  });

  const guarded = (body: () => Promise<void>) => () => shots.run(body);

  it(
    "shows a Technician of Acme no admin menu and none of Globex's machines",
    guarded(async () => {
      const page = await newPage();
      await passwordLogin(page, 'tina', TINA_PASSWORD);
      await page.getByRole('heading', { name: 'Machines', level: 1 }).waitFor();
      await page.getByText('acme-e2e').waitFor();
      const nav = page.getByRole('navigation', { name: 'Main' });
      await nav.getByRole('link', { name: 'Account' }).waitFor();
      expect(await nav.getByRole('link', { name: 'Admin' }).count()).toBe(0);
      expect(await page.getByText('globex-e2e').count()).toBe(0);
      await page.goto(`${server.url}/admin/users`);
      await page.getByText('Your profile does not include').waitFor();
      await shots.step('technician');
    }),
  );

  it(
    'enrols an authenticator app in the Account page, then asks for its code at login',
    guarded(async () => {
      const page = await newPage();
      await passwordLogin(page, 'tina', TINA_PASSWORD);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Account' }).click();
      await page.getByRole('button', { name: 'Set up two-factor authentication' }).click();
      await page.getByRole('img', { name: 'QR code for your authenticator app' }).waitFor();
      const secret = (await page.getByTestId('totp-secret').textContent())!.replace(/\s/g, '');
      await page.getByLabel('Code from the app').fill(authenticatorCode(secret, Date.now()));
      await page.getByRole('button', { name: 'Turn on two-factor authentication' }).click();
      const codes = await waitForText('recovery codes', page.getByTestId('recovery-codes'), (t) =>
        /[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}/.test(t),
      );
      expect(codes.match(/[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}/g)).toHaveLength(10);
      await page.getByRole('button', { name: 'Done, I have saved them' }).click();
      await page.getByRole('button', { name: 'Log out', exact: true }).click();

      await passwordLogin(page, 'tina', TINA_PASSWORD);
      await page.getByText('Enter the 6-digit code from your authenticator app, or a recovery code.').waitFor();
      await page.getByLabel('Code').fill('000000');
      await page.getByRole('button', { name: 'Verify' }).click();
      await page.getByRole('alert').waitFor();
      // The next time step: the one used to turn it on is spent.
      await page.getByLabel('Code').fill(authenticatorCode(secret, Date.now() + 30_000));
      await page.getByRole('button', { name: 'Verify' }).click();
      await page.getByRole('heading', { name: 'Machines', level: 1 }).waitFor();
      await shots.step('totp-login');
    }),
  );

  it(
    'logs in through an OIDC provider and provisions the user with the mapped attributes',
    guarded(async () => {
      const redirectUri = `${server.url}/api/v1/auth/oidc/callback`;
      idp = await TestOidcProvider.start({
        clients: [{ clientId: 'pons', clientSecret: 'oidc-e2e-secret', redirectUris: [redirectUri] }],
        users: {
          jdoe: {
            password: 'idp-pass',
            claims: { preferred_username: 'jdoe', given_name: 'Jane', family_name: 'Doe', email: 'jane@example.com', groups: ['it-staff'] },
          },
        },
      });
      await admin.call('POST', '/api/v1/oidc-providers', {
        name: 'Corporate SSO',
        issuer: idp.issuer,
        clientId: 'pons',
        clientSecret: 'oidc-e2e-secret',
        scopes: ['openid', 'profile', 'email', 'groups'],
        claims: { uid: 'preferred_username', givenName: 'given_name', sn: 'family_name', mail: 'email' },
        roleClaim: 'groups',
        roleMappings: [{ value: 'it-staff', entity: 'Acme', profile: 'Technician' }],
        defaultRole: null,
        enabled: true,
      });
      const page = await newPage();
      await page.goto(`${server.url}/machines`);
      await page.getByRole('button', { name: 'Log in with Corporate SSO' }).click();
      await page.locator('input[name="login"]').fill('jdoe');
      await page.locator('input[name="password"]').fill('idp-pass');
      await page.locator('#submit').click();
      await page.getByRole('heading', { name: 'Machines', level: 1 }).waitFor();
      await page.getByText('acme-e2e').waitFor();
      expect(new URL(page.url()).pathname).toBe('/machines');
      await waitForText('user name in the header', page.locator('header .user'), (t) => t === 'jdoe');
      expect(await page.getByText('globex-e2e').count()).toBe(0);
      const users = await admin.call<{ items: UserSummary[] }>('GET', '/api/v1/users');
      expect(users.items.find((u) => u.username === 'jdoe')).toMatchObject({
        source: 'oidc',
        givenName: 'Jane',
        sn: 'Doe',
        mail: 'jane@example.com',
        roles: [expect.objectContaining({ entityName: 'Acme', profileName: 'Technician' })],
      });
      await shots.step('oidc-login');
    }),
  );

  it(
    'makes an entity in the Admin view and shows it in the audit log',
    guarded(async () => {
      const page = await newPage();
      await passwordLogin(page, 'admin', ADMIN_PASSWORD);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
      await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Entities' }).click();
      await page.getByLabel('Entity name').fill('Initech');
      await page.getByRole('button', { name: 'Create entity' }).click();
      await page.getByRole('button', { name: 'Edit Initech' }).waitFor();
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
      await page.getByLabel('Action').fill('entity.create');
      const row = page.locator('[data-testid^="audit-row-"]', { hasText: 'Initech' });
      await waitForText('the audit line', row.first(), (t) => t.includes('admin') && t.includes('entity.create'));
      await shots.step('audit');
    }),
  );
});
