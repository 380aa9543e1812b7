/**
 * What the end-to-end files share: `browserJourney()` starts the real server (./server) with a demo seed
 * and Chromium for one test file, hands out fresh zh-CN pages and takes screenshots into
 * test/e2e/.work/screenshots (git-ignored); the plain helpers below sign in, switch the language and
 * wait for the UI, which updates asynchronously.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { type RunningServer, startServer } from './server';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const screenshotDir = fileURLToPath(new URL('./.work/screenshots/', import.meta.url));

/** The password of every demo user. */
export const DEMO_PASSWORD = 'qingshou-demo';

export interface BrowserJourneyOptions {
  /** Size of the demo seed the server starts with. */
  demoAccounts: number;
  /** Put before every screenshot name, e.g. "money-" for money-01-payments-upload.png. */
  screenshotPrefix?: string;
  /** Scroll to the top before each full-page screenshot. */
  scrollToTop?: boolean;
}

export interface BrowserJourney {
  /** The running server (from the beforeAll hook on). */
  server(): RunningServer;
  /** A fresh context (its own cookies) and page: 1440×900, zh-CN, Shanghai time, 20 s default timeout. */
  newPage(): Promise<{ context: BrowserContext; page: Page }>;
  /** The file a screenshot called `name` is written to (for screenshots of a single element). */
  screenshotPath(name: string): string;
  /**
   * A full-page screenshot; with `modal`, the window as the user sees it instead (never scrolled: the
   * modal is where the user left it).
   */
  shot(page: Page, name: string, options?: { modal?: boolean }): Promise<void>;
}

/**
 * Call at the top level of a test file: registers the beforeAll hook that starts the server and Chromium,
 * and the afterAll hook that closes both.
 */
export function browserJourney(options: BrowserJourneyOptions): BrowserJourney {
  const prefix = options.screenshotPrefix ?? '';
  let server: RunningServer | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium or set CHROMIUM_PATH`);
    }
    mkdirSync(screenshotDir, { recursive: true });
    server = await startServer({ demoAccounts: options.demoAccounts });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const started = (): { server: RunningServer; browser: Browser } => {
    if (!server || !browser) throw new Error('the server and browser start in beforeAll');
    return { server, browser };
  };

  const screenshotPath = (name: string) => `${screenshotDir}${prefix}${name}.png`;

  return {
    server: () => started().server,

    async newPage() {
      const { server, browser } = started();
      const context = await browser.newContext({
        baseURL: server.baseUrl,
        viewport: { width: 1440, height: 900 },
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
      });
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);
      return { context, page };
    },

    screenshotPath,

    async shot(page, name, shotOptions = {}) {
      // From the top: a scrolled page would show the fixed header and menu in the middle of the picture.
      if (options.scrollToTop && !shotOptions.modal) await page.evaluate('window.scrollTo(0, 0)');
      // Let menu and table transitions finish, so the picture shows the settled page.
      await page.waitForTimeout(300);
      await page.screenshot({ path: screenshotPath(name), fullPage: !shotOptions.modal });
    },
  };
}

/** Polling options for assertions on the page (the UI updates asynchronously). */
export const wait = { timeout: 20_000, interval: 100 };

/** Text of all matching elements, without waiting (for expect.poll). */
export async function allText(locator: Locator): Promise<string> {
  return (await locator.allInnerTexts()).join('\n');
}

/**
 * Waits until no table or panel shows its loading state (for screenshots of settled pages); with
 * `skeletons`, also until no skeleton placeholder is left.
 */
export async function settled(page: Page, options: { skeletons?: boolean } = {}): Promise<void> {
  const loading = options.skeletons
    ? '.ant-spin-blur, .ant-spin-spinning, .ant-skeleton'
    : '.ant-spin-blur, .ant-spin-spinning';
  await expect.poll(() => page.locator(loading).count(), wait).toBe(0);
}

/** Fills in the login form on the current page as a demo user and submits it. */
export async function submitLogin(page: Page, username: string): Promise<void> {
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(DEMO_PASSWORD);
  await page.locator('.login-card button[type=submit]').click();
}

/** Signs in as a demo user from the login page and waits for the home page. */
export async function login(page: Page, username: string): Promise<void> {
  await page.goto('/login');
  await submitLogin(page, username);
  await page.waitForURL((url) => url.pathname === '/');
}

/**
 * Switches the UI language with the header's 中文 / English switch. With `waitForSave`, also waits until
 * the server has kept the choice for the user (what the next page load uses).
 */
export async function switchLanguage(
  page: Page,
  label: '中文' | 'English',
  options: { waitForSave?: boolean } = {},
): Promise<void> {
  await page.locator('.app-header .ant-segmented-item', { hasText: label }).click();
  if (options.waitForSave) {
    await expect
      .poll(async () => (await (await page.request.get('/api/v1/auth/me')).json()).locale, wait)
      .toBe(label === 'English' ? 'en' : 'zh-CN');
  }
}
