import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { AgentProcess, type ApiClient, ServerProcess, waitFor } from '@pons/test-kit';
import { launchChromium, openPage, Shots, waitForText } from './console-helpers.js';

const PASSWORD = 'Console-Remote-2026!';
/** The colour the test display's root window is painted, as RGB. */
const PAINT = { hex: '#3366cc', rgb: [0x33, 0x66, 0xcc] };

/**
 * Remote sessions in a real browser: an Xvfb display painted a known colour, served by the x11vnc
 * the agent starts for the session, seen through noVNC in the console; a shell through xterm.js;
 * the file page's upload; the user's consent asked on the machine, then refused.
 */
describe('remote desktop, terminal and files in the web console', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pons-e2e-console-remote-'));
  const display = `:${90 + (process.pid % 500)}`;
  const consentScript = path.join(dir, 'consent.sh');
  let xvfb: ChildProcess | undefined;
  const server = new ServerProcess();
  let agent: AgentProcess;
  let browser: Browser | undefined;
  let page: Page | undefined;
  const shots = new Shots(() => page);
  let admin: ApiClient;
  let machineId = '';

  beforeAll(async () => {
    // -noreset: without it the server resets when xsetroot, its last client, leaves, and the paint goes.
    xvfb = spawn('Xvfb', [display, '-screen', '0', '1024x768x24', '-nolisten', 'tcp', '-noreset'], { stdio: 'ignore' });
    await waitFor('the display', () => existsSync(`/tmp/.X11-unix/X${display.slice(1)}`) || undefined, 10_000);
    expect(spawnSync('xsetroot', ['-display', display, '-solid', PAINT.hex]).status).toBe(0);
    // The "user" answers yes unless the file `refuse` exists; the question is written down.
    writeFileSync(consentScript, `#!/bin/sh\necho "$*" > "${dir}/asked"\n[ ! -e "${dir}/refuse" ]\n`);
    chmodSync(consentScript, 0o755);
    const [launched] = await Promise.all([launchChromium(), server.start()]);
    browser = launched;
    admin = server.api();
    await admin.loginAsNewAdmin(server.bootstrapPassword, PASSWORD);
    const { token } = await admin.createToken();
    agent = new AgentProcess({
      server: server.url,
      token,
      caFingerprint: server.caFingerprint,
      hostname: 'desk-01',
      args: ['--vnc', 'x11vnc', '--vnc-display', display, '--consent-command', consentScript],
    }).start();
    await waitFor('the agent online', async () => (await admin.machines('?status=online')).total === 1 || undefined, 30_000);
    machineId = (await admin.machines()).items[0]!.id;
    page = await openPage(browser);
    await page.goto(server.url);
    await page.getByLabel('User name').fill('admin');
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await page.getByRole('heading', { name: 'Machines', level: 1 }).waitFor();
  }, 120_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await agent?.dispose();
    await server.dispose();
    xvfb?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  const guarded = (body: () => Promise<void>) => () => shots.run(body);

  /**
   * Run in the page right after the click: watches the middle of noVNC's canvas on every frame
   * until it shows the painted colour, and answers with the page's clock at that moment.
   */
  const PAINTED_AT = `new Promise((resolve, reject) => {
    const want = ${JSON.stringify(PAINT.rgb)};
    const until = performance.now() + 15000;
    const look = () => {
      const canvas = document.querySelector('[data-testid="remote-screen"] canvas');
      if (canvas && canvas.width > 0) {
        const d = canvas.getContext('2d').getImageData(Math.floor(canvas.width / 2), Math.floor(canvas.height / 2), 1, 1).data;
        if (want.every((v, i) => Math.abs(v - d[i]) <= 2)) return resolve(performance.now());
      }
      if (performance.now() > until) return reject(new Error('the painted colour never reached the canvas'));
      requestAnimationFrame(look);
    };
    look();
  })`;

  it(
    "shows the machine's display through noVNC, painted the colour it was given, within seconds",
    guarded(async () => {
      const p = page!;
      await p.goto(`${server.url}/machines/${machineId}`);
      await p.getByTestId('remote-desktop').waitFor();
      const clickedAt = await p.evaluate<number>('performance.now()');
      await p.getByTestId('remote-desktop').click();
      const paintedAt = await p.evaluate<number>(PAINTED_AT);
      await p.locator('[data-testid="remote-screen"][data-state="connected"]').waitFor();
      const firstFrameMs = Math.round(paintedAt - clickedAt);
      const connectMs = await p.evaluate<number | undefined>('window.__ponsFirstFrameMs');
      console.log(
        `remote desktop: noVNC connected ${Math.round(connectMs ?? -1)} ms after the click; the painted frame was on the canvas after ${firstFrameMs} ms`,
      );
      expect(firstFrameMs).toBeGreaterThan(0);
      // Consent is not required yet: nobody was asked.
      expect(existsSync(path.join(dir, 'asked'))).toBe(false);
      await shots.step('desktop');
      await p.getByRole('button', { name: 'Disconnect' }).click();
    }),
    60_000,
  );

  it(
    'runs a command in the terminal: echo pons-$((6*7)) shows pons-42',
    guarded(async () => {
      const p = page!;
      await p.goto(`${server.url}/machines/${machineId}`);
      await p.getByTestId('remote-terminal').click();
      await p.locator('[data-testid="terminal"][data-state="connected"]').waitFor();
      await p.getByTestId('terminal').click();
      await p.keyboard.type('echo pons-$((6*7))');
      await p.keyboard.press('Enter');
      // The typed line echoes as "echo pons-$((6*7))"; only the shell's answer reads "pons-42".
      await waitForText('the answer in the terminal', p.getByTestId('terminal'), (text) =>
        text.replace('echo pons-$((6*7))', '').includes('pons-42'),
      );
      await shots.step('terminal');
    }),
    60_000,
  );

  it(
    'uploads a file from the Files page, shows the SHA-256 the agent computed, and downloads it back',
    guarded(async () => {
      const p = page!;
      const content = Buffer.from('remote file page\n'.repeat(1000));
      const local = path.join(dir, 'from-browser.txt');
      writeFileSync(local, content);
      const remoteDir = mkdtempSync(path.join(tmpdir(), 'pons-e2e-files-'));
      await p.goto(`${server.url}/machines/${machineId}/files?path=${encodeURIComponent(remoteDir)}`);
      await p.getByTestId('upload-input').setInputFiles(local);
      await p.getByTestId('upload-button').click();
      const sha = createHash('sha256').update(content).digest('hex');
      await waitForText('the upload result', p.getByTestId('upload-sha256'), (text) => text.includes(sha));
      expect(readFileSync(path.join(remoteDir, 'from-browser.txt'))).toEqual(content);
      await p.getByTestId('file-row-from-browser.txt').waitFor();
      const [download] = await Promise.all([
        p.waitForEvent('download'),
        p.getByRole('link', { name: 'Download from-browser.txt' }).click(),
      ]);
      const saved = path.join(dir, 'downloaded.txt');
      await download.saveAs(saved);
      expect(readFileSync(saved)).toEqual(content);
      rmSync(remoteDir, { recursive: true, force: true });
    }),
    60_000,
  );

  it(
    "asks the machine's user when the entity wants consent, and says so when the user refuses",
    guarded(async () => {
      await admin.call('PUT', '/api/v1/entities/root/remote-settings', { consentRequired: true });
      const p = page!;
      await p.goto(`${server.url}/machines/${machineId}/desktop`);
      await p.locator('[data-testid="remote-screen"][data-state="connected"]').waitFor({ timeout: 20_000 });
      expect(readFileSync(path.join(dir, 'asked'), 'utf8')).toContain('admin wants to open a remote desktop session');
      await p.getByRole('button', { name: 'Disconnect' }).click();
      writeFileSync(path.join(dir, 'refuse'), '');
      await p.getByRole('button', { name: 'Connect again' }).click();
      await waitForText('the refusal', p.getByTestId('session-status'), (text) => text.includes('refused the session'));
      await admin.call('PUT', '/api/v1/entities/root/remote-settings', { consentRequired: false });
    }),
    60_000,
  );
});
