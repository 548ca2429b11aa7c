import { fill } from '../../src/documents/fill.js';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { WEB_DIR } from '../../src/common/paths.js';
import { PASSWORD } from './factories.js';

// Page-side code (page.evaluate) runs in the browser; these names exist there, not in this Node program.
declare const document: any, window: any;
type HTMLElement = any;

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const OUTPUT_DIR = join(ROOT, 'test-output', 'screens');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const VIEWPORTS = { phone: { width: 360, height: 800 }, desktop: { width: 1280, height: 800 } } as const;
/** The labels people read: the Indonesian catalog (the console's default language). */
export const id: Record<string, string> = JSON.parse(readFileSync(join(ROOT, 'web/src/i18n/id.json'), 'utf8'));
/** An Indonesian catalog text with its `{placeholders}` filled, as the console shows it. */
export const say = (key: string, values: Record<string, string | number>): string =>
  fill(id[key], Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)])));

/** The console as `npm start` serves it: built once if dist/web is missing (CI builds it before the tests). */
export function ensureConsoleBuilt(): void {
  if (existsSync(join(WEB_DIR, 'index.html'))) return;
  execFileSync(join(ROOT, 'node_modules/.bin/vite'), ['build', '--config', join(ROOT, 'web/vite.config.ts'), '--logLevel', 'error'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production' }, // jest sets NODE_ENV=test, which would bundle React's development build
    stdio: 'inherit',
  });
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}

/**
 * A person at a phone: a fresh browser context whose every console error, page error, failed request and HTTP error
 * answer is recorded; `problems()` lists them so a test can require none.
 */
export async function openPerson(
  browser: Browser,
  baseURL: string,
  locale = 'id-ID',
): Promise<{ context: BrowserContext; page: Page; problems: () => string[] }> {
  const context = await browser.newContext({ baseURL, viewport: VIEWPORTS.phone, locale });
  const page = await context.newPage();
  const found: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') found.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => found.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => found.push(`request failed: ${request.method()} ${request.url()} ${request.failure()?.errorText}`));
  page.on('response', (response) => {
    if (response.status() >= 400) found.push(`HTTP ${response.status()}: ${response.request().method()} ${response.url()}`);
  });
  return { context, page, problems: () => found.splice(0) };
}

/**
 * One screen checked as the issue asks: screenshots at 360 and 1280 px into test-output/screens, no horizontal scroll
 * at 360, touch targets of at least 44 px, and axe with no serious or critical violation. Returns what is wrong.
 */
export async function checkScreen(page: Page, name: string): Promise<string[]> {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const wrong: string[] = [];
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => !document.querySelector('.loading'));
  for (const [label, viewport] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: join(OUTPUT_DIR, `${name}-${viewport.width}.png`), fullPage: true });
    await page.evaluate(() => window.scrollTo(0, 0)); // a click further down had scrolled: the top is what a person opens on
    await page.screenshot({ path: join(OUTPUT_DIR, `${name}-${viewport.width}-top.png`) }); // the first screenful, as a person sees it
    if (label === 'phone') {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (overflow > 0) wrong.push(`${name}: scrolls ${overflow}px sideways at 360px`);
      const small = await page.evaluate(() =>
        (
          Array.from(
            document.querySelectorAll('button, a.button, input:not([type=checkbox]):not([type=radio]), select, nav a, .list a'),
          ) as HTMLElement[]
        )
          .filter((el) => el.offsetParent !== null)
          .map((el) => ({ el, box: el.getBoundingClientRect() }))
          .filter(({ box }) => box.height < 44 - 0.5)
          .map(
            ({ el, box }) =>
              `${el.tagName.toLowerCase()} "${(el.textContent ?? el.getAttribute('aria-label') ?? '').trim().slice(0, 30)}" ${Math.round(box.height)}px`,
          ),
      );
      for (const target of small) wrong.push(`${name}: touch target under 44px: ${target}`);
      const results = await new AxeBuilder({ page }).analyze();
      for (const violation of results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')) {
        wrong.push(
          `${name}: axe ${violation.impact} ${violation.id}: ${violation.help} (${violation.nodes.map((n) => n.target.join(' ')).join(', ')})`,
        );
      }
    }
  }
  await page.setViewportSize(VIEWPORTS.phone);
  return wrong;
}

/** Opens `path` signed out and logs in there with the factories' password; the console comes back to `path`. */
export async function logIn(page: Page, who: { email: string }, path: string): Promise<void> {
  await page.goto(path);
  await page.getByLabel(id['field.email'], { exact: true }).fill(who.email);
  await page.getByLabel(id['field.password'], { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: id['login.submit'] }).click();
}
