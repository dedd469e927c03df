import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { waitFor } from '@pons/test-kit';

/** Debian's Chromium (`apt-get install chromium`), headless, with nothing phoning home. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.PONS_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A page in a fresh browser context that accepts the server's own CA, with a 15 s default
 * timeout; page errors are collected in `pageErrors`, and the browser's console printed when
 * PONS_E2E_BROWSER_LOG is set.
 */
export async function openPage(browser: Browser, pageErrors: string[] = []): Promise<Page> {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (error) => pageErrors.push(error.message));
  if (process.env.PONS_E2E_BROWSER_LOG) page.on('console', (message) => console.log(`[browser ${message.type()}] ${message.text()}`));
  return page;
}

/** Waits until the element's text satisfies `check`; returns that text. */
export function waitForText(what: string, locator: Locator, check: (text: string) => boolean, timeoutMs = 20_000): Promise<string> {
  return waitFor(
    what,
    async () => {
      const text = (await locator.textContent({ timeout: 1_000 })) ?? '';
      return check(text) ? text : false;
    },
    timeoutMs,
    100,
  );
}

/**
 * Screenshots: on failure always (into a temp dir, path printed), and at named steps when
 * PONS_E2E_SCREENSHOTS names a directory, to look at the pages by eye.
 */
export class Shots {
  private readonly stepDir = process.env.PONS_E2E_SCREENSHOTS ?? null;

  constructor(private readonly page: () => Page | undefined) {
    if (this.stepDir) mkdirSync(this.stepDir, { recursive: true });
  }

  async step(name: string): Promise<void> {
    const page = this.page();
    if (this.stepDir && page) await page.screenshot({ path: path.join(this.stepDir, `${name}.png`), fullPage: true });
  }

  /** Runs a scenario; on failure, takes the screenshot and throws on. */
  async run(scenario: () => Promise<void>): Promise<void> {
    try {
      await scenario();
    } catch (error) {
      await this.failure();
      throw error;
    }
  }

  async failure(): Promise<void> {
    const page = this.page();
    if (!page) return;
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'pons-console-e2e-')), 'failure.png');
    await page.screenshot({ path: file, fullPage: true }).then(
      () => console.error(`console e2e failed; screenshot: ${file}`),
      (error: unknown) => console.error(`console e2e failed; no screenshot: ${String(error)}`),
    );
  }
}
