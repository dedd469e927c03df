import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { AgentProcess, ServerProcess, waitFor } from '@pons/test-kit';
import { launchChromium, openPage, Shots, waitForText } from './console-helpers.js';

/**
 * The console in a real browser against a real server and real agents: first login and password
 * change, an enrollment token made in the UI, three agents appearing live, one stopping live, a
 * machine's inventory and its refresh, a deep-link reload, and a server restart the page rides
 * out. Needs `npx tsc -b` and the console built (`npx vite build` in apps/console).
 */
describe('web console', () => {
  const server = new ServerProcess();
  const agents: AgentProcess[] = [];
  let browser: Browser | undefined;
  let page: Page | undefined;
  const pageErrors: string[] = [];
  const shots = new Shots(() => page);

  beforeAll(async () => {
    // Both settle before we go on, so that afterAll never races a half-started server.
    const [launched, started] = await Promise.allSettled([launchChromium(), server.start()]);
    if (launched.status === 'fulfilled') browser = launched.value;
    for (const result of [launched, started]) if (result.status === 'rejected') throw result.reason;
    if (!browser) throw new Error('the browser did not start');
    page = await openPage(browser, pageErrors);
  });

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await Promise.all(agents.map((agent) => agent.dispose()));
    await server.dispose();
  });

  it('enrols agents from the console and follows them live', async () => {
    await shots.run(() => scenario(page!));
  }, 60_000);

  async function scenario(page: Page): Promise<void> {
    // First login with the bootstrap password, which must be replaced before anything else.
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    await shots.step('00-login');
    await page.getByLabel('User name').fill('admin');
    await page.getByLabel('Password').fill(server.bootstrapPassword);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();

    // The server's refusal is shown as it says it.
    await page.getByLabel('Current password').fill(server.bootstrapPassword);
    await page.getByLabel('New password', { exact: true }).fill('too-short');
    await page.getByLabel('Confirm new password').fill('too-short');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await waitForText('the policy refusal', page.getByRole('alert'), (text) => text.includes('at least 12 characters'));
    await shots.step('00-password-refused');

    const newPassword = 'Console-E2E-Passw0rd!';
    await page.getByLabel('New password', { exact: true }).fill(newPassword);
    await page.getByLabel('Confirm new password').fill(newPassword);
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByRole('heading', { name: 'Machines', level: 1 }).waitFor();
    await page.getByText('No machines yet').waitFor();
    await shots.step('01-machines-empty');

    // A token for three machines, made in the console; the secret is shown once.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Enrollment' }).click();
    await page.getByLabel('Maximum uses').fill('3');
    await page.getByLabel('Label').fill('console e2e');
    await page.getByRole('button', { name: 'Create token' }).click();
    const token = ((await page.getByTestId('new-token-value').textContent()) ?? '').trim();
    expect(token.length).toBeGreaterThan(16);
    expect(await page.getByTestId('new-token-command').textContent()).toContain(token);
    await shots.step('02-token-created');

    // Back to the list through the console's own navigation; a marker on window shows that the
    // page is never reloaded from here on.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Machines' }).click();
    await page.getByText('No machines yet').waitFor();
    await waitForText('the live stream', page.getByTestId('live-state'), (text) => text === 'Live');
    await page.evaluate('window.__ponsNoReload = true');

    for (const hostname of ['e2e-alpha', 'e2e-beta', 'e2e-gamma']) {
      agents.push(new AgentProcess({ server: server.url, token, caFingerprint: server.caFingerprint, hostname }).start());
    }
    const ids = await waitFor(
      'three enrolled agents',
      () => {
        const known = agents.map((agent) => agent.machineId);
        return known.every((id): id is string => id !== null) ? known : false;
      },
      30_000,
    );
    for (const id of ids) {
      await waitForText(`machine ${id} online`, page.getByTestId(`machine-status-${id}`), (text) => text.startsWith('online'));
    }
    await waitForText('the online count', page.getByTestId('count-online'), (text) => text.includes('3'));
    expect(await page.getByRole('row').count()).toBe(4); // header + three machines
    await shots.step('03-machines-online');

    // An agent stopped cleanly says goodbye: offline at once, with the reason.
    const [alphaId, betaId, gammaId] = ids as [string, string, string];
    await agents[1]!.stop();
    const status = await waitForText('beta offline', page.getByTestId(`machine-status-${betaId}`), (text) => text.startsWith('offline'));
    expect(status).toContain('agent stopped');
    await waitForText('the offline count', page.getByTestId('count-offline'), (text) => text.includes('1'));
    expect(await page.evaluate('window.__ponsNoReload === true')).toBe(true);
    await shots.step('04-machine-offline');

    // A machine's page with its inventory.
    await page.getByTestId(`machine-row-${alphaId}`).getByRole('link', { name: 'e2e-alpha' }).click();
    await page.getByRole('heading', { name: 'e2e-alpha', level: 1 }).waitFor();
    const software = await waitForText('the software count', page.getByTestId('software-count'), (text) => /[\d,]+ packages/.test(text));
    expect(Number(/([\d,]+) packages/.exec(software)![1]!.replace(/,/g, ''))).toBeGreaterThan(0);
    const addresses = await page.getByTestId('section-network').locator('td li').allTextContents();
    expect(addresses.some((address) => /^\d{1,3}(\.\d{1,3}){3}\/\d+$/.test(address))).toBe(true);
    expect(await page.getByTestId('section-system').textContent()).toContain('e2e-alpha');
    expect(await page.getByTestId('machine-page-status').textContent()).toMatch(/^online/);
    await shots.step('05-machine-page');

    // A fresh inventory on demand: the agent accepts, the new document arrives over the stream.
    await page.getByRole('button', { name: 'Refresh inventory' }).click();
    await page.getByText('Inventory updated.').waitFor();

    // The stopped machine cannot be asked; the server's reason is shown.
    await page.goBack();
    await page.getByTestId(`machine-row-${betaId}`).getByRole('link', { name: 'e2e-beta' }).click();
    await page.getByRole('heading', { name: 'e2e-beta', level: 1 }).waitFor();
    expect(await page.getByTestId('machine-page-status').textContent()).toContain('agent stopped');
    await page.getByRole('button', { name: 'Refresh inventory' }).click();
    await page.getByText('is offline').waitFor();
    expect(await page.evaluate('window.__ponsNoReload === true')).toBe(true);

    // A deep link survives a reload: the server serves the console for any page path.
    await page.reload();
    await page.getByRole('heading', { name: 'e2e-beta', level: 1 }).waitFor();

    // The server restarts: the stream drops, the console reconnects by itself and refetches, and
    // the agents that came back show online again. Still no reload.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Machines' }).click();
    await waitForText('the live stream', page.getByTestId('live-state'), (text) => text === 'Live');
    await page.evaluate('window.__ponsNoReload = true');
    await server.restart();
    await waitForText('the stream back', page.getByTestId('live-state'), (text) => text === 'Live', 30_000);
    for (const id of [alphaId, gammaId]) {
      await waitForText(
        `machine ${id} online again`,
        page.getByTestId(`machine-status-${id}`),
        (text) => text.startsWith('online'),
        30_000,
      );
    }
    expect(await page.getByTestId(`machine-status-${betaId}`).textContent()).toContain('agent stopped');
    await waitForText('the counts', page.getByTestId('count-online'), (text) => text.includes('2'));
    expect(await page.evaluate('window.__ponsNoReload === true')).toBe(true);
    expect(pageErrors).toEqual([]);
  }
});
