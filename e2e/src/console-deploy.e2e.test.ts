import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ApiClient } from '@pons/test-kit';
import { AgentProcess, ServerProcess, waitFor } from '@pons/test-kit';
import { launchChromium, openPage, Shots, waitForText } from './console-helpers.js';
import { submitPackage } from './deploy-kit.js';

const PASSWORD = 'Console-Deploy-Passw0rd!';
const HOSTNAMES = ['cd-alpha', 'cd-beta'] as const;
const CONTENT = 'Hello from the console deployment test';
const FILE = Buffer.from(`${CONTENT}\n`);

/**
 * Packages and deployments in a real browser against a real server and two real agents: a
 * package made in the console (a file uploaded, a run step with a branch written in the step
 * editor), the server's refusal to submit it without steps shown as it says it, then submitted,
 * deployed to both machines from the form, and the deployment page following both to success
 * live, with the file's content in the audit. Then a machine's quick actions (a command run,
 * one that fails, both in its history) and a deployment to a group, kept applied. Needs
 * `npx tsc -b` and the console built.
 */
describe('web console: packages and deployments', () => {
  const server = new ServerProcess({ env: { PONS_DEPLOY_TICK: '200ms' } });
  const agents: AgentProcess[] = [];
  let browser: Browser | undefined;
  let page: Page | undefined;
  const pageErrors: string[] = [];
  const shots = new Shots(() => page);
  let api: ApiClient;

  beforeAll(async () => {
    const [launched, started] = await Promise.allSettled([launchChromium(), server.start()]);
    if (launched.status === 'fulfilled') browser = launched.value;
    for (const result of [launched, started]) if (result.status === 'rejected') throw result.reason;
    if (!browser) throw new Error('the browser did not start');

    // The API first: a real password instead of the bootstrap one, a token, two agents online.
    api = server.api();
    await api.loginAsNewAdmin(server.bootstrapPassword, PASSWORD);
    const { token } = await api.createToken({ maxUses: 5 });
    for (const hostname of HOSTNAMES) {
      agents.push(new AgentProcess({ server: server.url, token, caFingerprint: server.caFingerprint, hostname }).start());
    }
    await waitFor('both agents online', async () => (await api.machines('?status=online')).total === HOSTNAMES.length || undefined, 30_000);
    // A group of one machine, for the deployment kept applied.
    await api.call('POST', '/api/v1/groups', { name: 'Lab', machines: [HOSTNAMES[0]] });

    page = await openPage(browser, pageErrors);
  }, 90_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await Promise.all(agents.map((agent) => agent.dispose()));
    await server.dispose();
  });

  it('makes a package, submits it, deploys it to two agents and follows them live', async () => {
    await shots.run(() => scenario(page!));
  }, 60_000);

  it('runs quick actions on a machine, and keeps a package applied to a group', async () => {
    await shots.run(() => quickActionsAndGroup(page!));
  }, 60_000);

  async function login(page: Page): Promise<void> {
    await page.goto(server.url);
    await page.getByLabel('User name').fill('admin');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'Machines', level: 1 }).waitFor();
  }

  async function quickActionsAndGroup(page: Page): Promise<void> {
    // Whatever the first test left, start from a fresh login.
    await page.context().clearCookies();
    await login(page);
    const nav = page.getByRole('navigation', { name: 'Main' });
    const host = HOSTNAMES[1];

    // A command that works: its lines and exit code 0.
    await page.getByRole('link', { name: host, exact: true }).click();
    await page.getByRole('heading', { name: host, level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Quick actions' }).waitFor();
    await page.getByRole('textbox', { name: 'Command' }).fill('echo hello from the console');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const outcome = page.getByTestId('shell-result-outcome');
    await waitForText('the exit code', outcome, (text) => text === 'Exit code 0');
    expect(await outcome.getAttribute('class')).toContain('tone-success');
    expect(await page.getByTestId('shell-result').getByLabel('Output').textContent()).toBe('hello from the console\n');
    await shots.step('20-command-run');

    // One that fails: exit code 3, marked as a failure, its stderr line kept.
    await page.getByRole('textbox', { name: 'Command' }).fill('echo going wrong >&2; exit 3');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await waitForText('the failing exit code', outcome, (text) => text === 'Exit code 3');
    expect(await outcome.getAttribute('class')).toContain('tone-failure');
    const output = page.getByTestId('shell-result').getByLabel('Output');
    expect(await output.textContent()).toBe('! going wrong\n');
    expect(await output.getAttribute('class')).toContain('failed');

    // Both in the history, newest first, sent by admin, the output one click away.
    const history = page.getByTestId('command-history');
    const rows = history.locator('tbody tr');
    await waitForText('the history', history, (text) => text.includes('exit 3') && text.includes('echo hello from the console'));
    expect(await rows.nth(0).textContent()).toContain('Run (sh): echo going wrong >&2; exit 3');
    expect(await rows.nth(0).textContent()).toContain('admin');
    expect(await rows.nth(0).textContent()).toContain('Exit code 3');
    const first = history.getByRole('row', { name: /echo hello from the console/ });
    expect(await first.textContent()).toContain('admin');
    expect(await first.textContent()).toContain('succeeded');
    await first.getByRole('button', { name: 'Output' }).click();
    await waitForText('the expanded output', history.getByLabel('Output'), (text) => text === 'hello from the console\n');
    await shots.step('21-command-history');

    // The power actions ask first (not sent here: the test agents would restart this host).
    await page.getByRole('button', { name: 'Restart…' }).click();
    await page.getByRole('button', { name: `Restart ${host} in 15 s` }).waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Restart…' }).waitFor();

    // A package deployed to the group from the form, kept applied.
    await submitPackage(api, 'Lab tool', {}, [{ action: 'run', shell: 'sh', command: 'echo lab tool' }]);
    await nav.getByRole('link', { name: 'Deployments' }).click();
    await page.getByRole('link', { name: 'New deployment' }).click();
    await page.getByRole('heading', { name: 'New deployment', level: 1 }).waitFor();
    await page.getByRole('combobox', { name: 'Package' }).selectOption({ label: 'Lab tool 1.0' });
    const keep = page.getByRole('checkbox', { name: 'Keep applied (convergence)' });
    expect(await keep.isDisabled()).toBe(true);
    await page.getByRole('radio', { name: 'A group' }).check();
    await page.getByRole('combobox', { name: 'Group' }).selectOption({ label: 'Lab (1 machine, root)' });
    await keep.check();
    await page.getByLabel('Title').fill('Lab kept');
    await shots.step('22-group-form');
    await page.getByRole('button', { name: 'Deploy', exact: true }).click();

    await page.getByRole('heading', { name: 'Lab kept', level: 1 }).waitFor();
    expect(await page.getByTestId('deployment-converge').textContent()).toBe('kept applied');
    await waitForText(
      'the group member done',
      page.getByTestId(`target-state-${HOSTNAMES[0]}`),
      (text) => text === 'DEPLOYMENT SUCCESS',
      30_000,
    );
    expect(await page.getByTestId('deployment-counts').textContent()).toBe('success 1 (of 1)');
    // No end unless one is given, and convergence in the summary.
    const facts = (await page.locator('.summary').textContent()) ?? '';
    expect(facts).toContain('Endnone');
    expect(facts).toContain('Kept appliedyes');
    // Every target has ended, but convergence goes on: it can still be stopped.
    await page.getByRole('button', { name: 'Stop', exact: true }).waitFor();
    await shots.step('23-group-kept');

    await nav.getByRole('link', { name: 'Deployments' }).click();
    const row = page.getByRole('row', { name: /Lab kept/ });
    await waitForText('the kept row', row, (text) => text.includes('kept applied') && text.includes('success 1'));
    expect(pageErrors).toEqual([]);
  }

  async function scenario(page: Page): Promise<void> {
    await page.goto(server.url);
    await page.getByLabel('User name').fill('admin');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'Machines', level: 1 }).waitFor();
    // From here on the console never reloads: everything below happens inside the one page.
    await page.evaluate('window.__ponsNoReload = true');
    const nav = page.getByRole('navigation', { name: 'Main' });

    // A new package, opened at once.
    await nav.getByRole('link', { name: 'Packages' }).click();
    await page.getByText('No packages yet').waitFor();
    await page.getByRole('button', { name: 'New package' }).click();
    await page.getByLabel('Name').fill('Console hello');
    await page.getByLabel('Version').fill('1.0');
    await page.getByRole('checkbox', { name: 'Linux' }).check();
    await page.getByLabel('Description').fill('Prints a file it carries.');
    await page.getByRole('button', { name: 'Create package' }).click();
    await page.getByRole('heading', { name: 'Console hello', level: 1 }).waitFor();
    expect(await page.getByTestId('package-status').textContent()).toBe('1.0 pending');

    // Without steps the server refuses to submit, and says why, step by step.
    await page.getByRole('button', { name: 'Submit', exact: true }).click();
    await waitForText('the refusal', page.getByTestId('submit-problems'), (text) =>
      text.includes('linux: The linux sequence has no steps.'),
    );
    await shots.step('10-package-refused');

    // A file: its name, size and SHA-256 as the server stored it.
    await page.getByLabel('Upload files').setInputFiles({ name: 'hello.txt', mimeType: 'text/plain', buffer: FILE });
    const fileRow = await waitForText('the uploaded file', page.getByTestId('file-hello.txt'), (text) => text.includes('hello.txt'));
    expect(fileRow).toContain(createHash('sha256').update(FILE).digest('hex'));
    expect(fileRow).toContain(`${FILE.length} B`);

    // A run step that prints the file, with a branch sending any other code than 0 to END_ERROR.
    await page.getByRole('combobox', { name: /^New step/ }).selectOption('run');
    await page.getByRole('button', { name: 'Add step' }).click();
    await page.getByRole('textbox', { name: 'Command' }).fill('cat "$PONS_PACKAGE_DIR/hello.txt"');
    await page.getByRole('button', { name: 'Add branch' }).click();
    await page.getByLabel('When the code is').fill('!=0');
    await page.getByRole('combobox', { name: /^go to/ }).selectOption('END_ERROR');
    expect(await page.getByTestId('step-1').textContent()).toContain('sh: cat "$PONS_PACKAGE_DIR/hello.txt" (1 branch)');
    await page.getByRole('button', { name: 'Save steps' }).click();
    await page.getByText('Steps saved.').waitFor();
    await shots.step('11-package-steps');

    await page.getByRole('button', { name: 'Submit', exact: true }).click();
    await page.getByText('Version 1.0 is submitted: it can be deployed now.').waitFor();
    // The sentence comes with the answer; the status, once the page has read the package again.
    await waitForText('the submitted status', page.getByTestId('package-status'), (t) => t === '1.0 submitted');
    await shots.step('12-package-submitted');

    // The deployment form, from the package: both machines, a title.
    await page.getByRole('link', { name: 'Deploy…' }).first().click();
    await page.getByRole('heading', { name: 'New deployment', level: 1 }).waitFor();
    for (const hostname of HOSTNAMES) await page.getByRole('checkbox', { name: new RegExp(`^${hostname}\\b`) }).check();
    await page.getByLabel('Title').fill('Console e2e');
    await shots.step('13-deployment-form');
    await page.getByRole('button', { name: 'Deploy', exact: true }).click();

    // The deployment page follows both machines to success over its own event stream.
    await page.getByRole('heading', { name: 'Console e2e', level: 1 }).waitFor();
    for (const hostname of HOSTNAMES) {
      await waitForText(`${hostname} done`, page.getByTestId(`target-state-${hostname}`), (text) => text === 'DEPLOYMENT SUCCESS', 30_000);
    }
    await waitForText('the status', page.getByTestId('deployment-status'), (text) => text === 'finished');
    expect(await page.getByTestId('deployment-counts').textContent()).toBe('success 2 (of 2)');

    // The audit has the file's content from each machine, and the states on the way.
    const printed = page.getByTestId('audit').locator('.audit-line').filter({ hasText: CONTENT });
    await waitFor('the output of both machines', async () => ((await printed.count()) === HOSTNAMES.length ? true : undefined), 15_000);
    const lines = await printed.allTextContents();
    for (const hostname of HOSTNAMES) expect(lines.some((line) => line.includes(hostname))).toBe(true);
    const audit = (await page.getByTestId('audit').textContent()) ?? '';
    expect(audit).toContain('TRANSFERRING');
    expect(audit).toContain('DEPLOYMENT SUCCESS');
    await shots.step('14-deployment-done');

    // One machine's lines only.
    await page.getByRole('combobox', { name: /^Machine/ }).selectOption({ label: HOSTNAMES[0] });
    await waitFor('the filtered audit', async () => ((await printed.count()) === 1 ? true : undefined), 10_000);
    expect(await page.getByTestId('audit').textContent()).not.toContain(HOSTNAMES[1]);

    // The list of deployments sums it up.
    await nav.getByRole('link', { name: 'Deployments' }).click();
    const row = page.getByRole('row', { name: /Console e2e/ });
    await waitForText('the deployment row', row, (text) => text.includes('success 2') && text.includes('finished'));
    expect(await row.textContent()).toContain('Console hello');
    await shots.step('15-deployments');

    expect(await page.evaluate('window.__ponsNoReload === true')).toBe(true);
    expect(pageErrors).toEqual([]);
  }
});
