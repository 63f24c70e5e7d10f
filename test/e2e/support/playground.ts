// Drives the Agents Playground page in chromium: open it, type into the chat box, find the bot's Adaptive Cards.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';

export const RESULTS_DIR = join(__dirname, '..', '..', '..', 'test-results');

const MESSAGE_BOX = 'div[role="textbox"][data-lexical-editor="true"]';
const CARD = '.ac-adaptiveCard';
// The Playground's fonts come from an Office CDN: unreachable offline and irrelevant to the test.
const FONT_CDN = /^https:\/\/res-1\.cdn\.office\.net\/.*\.woff2?$/;

export interface PlaygroundSession {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Page errors and failed requests seen so far, for diagnosing a failure. */
  problems: string[];
  close(): Promise<void>;
}

export async function openPlayground(url: string): Promise<PlaygroundSession> {
  // A fresh browser has an empty profile: no state leaks between runs.
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, timeout: 30_000 });
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    await context.route(FONT_CDN, (route) => route.abort());
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('requestfailed', (request) => {
      if (!FONT_CDN.test(request.url())) problems.push(`request failed: ${request.url()} (${request.failure()?.errorText ?? '?'})`);
    });
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    await page.locator(MESSAGE_BOX).first().waitFor({ state: 'visible' });
    return { browser, context, page, problems, close: () => browser.close() };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

export function cards(page: Page): Locator {
  return page.locator(CARD);
}

/** Types `text` into the chat box and sends it; returns how many cards were on the page before, for waitForCardText. */
export async function sendMessage(page: Page, text: string): Promise<number> {
  const before = await cards(page).count();
  const box = page.locator(MESSAGE_BOX).first();
  await box.click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  return before;
}

/**
 * Waits for a visible card containing `text`, among the cards after index `newerThan` (0: any card).
 * Returns that card so the test can read or click it.
 */
export async function waitForCardText(page: Page, text: string, options: { newerThan?: number; timeoutMs?: number } = {}): Promise<Locator> {
  const newerThan = options.newerThan ?? 0;
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  let seen: string[] = [];
  while (Date.now() < deadline) {
    const all = cards(page);
    const count = await all.count();
    seen = [];
    for (let i = count - 1; i >= newerThan; i--) {
      const card = all.nth(i);
      const cardText = await card.innerText().catch(() => '');
      seen.push(cardText.slice(0, 120).replace(/\s+/g, ' '));
      if (cardText.includes(text)) {
        await card.scrollIntoViewIfNeeded();
        if (await card.isVisible()) return card;
      }
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`no card containing "${text}" appeared (cards after #${newerThan}: ${seen.length ? seen.map((s) => `"${s}"`).join(', ') : 'none'})`);
}

/** Clicks the button named `name` on `card`; returns the card count before, for waitForCardText. */
export async function clickCardButton(page: Page, card: Locator, name: string): Promise<number> {
  const before = await cards(page).count();
  await card.getByRole('button', { name, exact: true }).click();
  return before;
}

/** Saves a screenshot under test-results/ (git-ignored) and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const path = join(RESULTS_DIR, `${name.replace(/[^a-z0-9-]+/gi, '-')}.png`);
  await page.screenshot({ path });
  return path;
}

/** Card screenshots show the whole card, however long, not just what fits in the viewport. */
export async function cardScreenshot(card: Locator, name: string): Promise<string> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const path = join(RESULTS_DIR, `${name.replace(/[^a-z0-9-]+/gi, '-')}.png`);
  const page = card.page();
  const viewport = page.viewportSize();
  const box = await card.boundingBox();
  // A card taller than the window scrolls inside the chat pane: grow the window so the card fits, then restore.
  if (viewport && box && box.height + 200 > viewport.height) await page.setViewportSize({ width: viewport.width, height: Math.ceil(box.height) + 400 });
  try {
    await card.scrollIntoViewIfNeeded();
    await card.screenshot({ path });
  } finally {
    if (viewport) await page.setViewportSize(viewport);
  }
  return path;
}

/**
 * A test step: runs `body` on the open session, keeps a screenshot, and when it fails says what the page and the
 * bot reported alongside the error.
 */
export function stepRunner(session: () => PlaygroundSession | undefined, botOutput: () => string) {
  return async <T>(name: string, body: (s: PlaygroundSession) => Promise<T>): Promise<T> => {
    const current = session();
    if (!current) throw new Error('the Playground page did not open (see beforeAll)');
    try {
      const result = await body(current);
      await screenshot(current.page, name);
      return result;
    } catch (error) {
      const shot = await screenshot(current.page, `${name}-FAILED`).catch(() => 'no screenshot');
      const botTail = botOutput().split('\n').slice(-15).join('\n');
      throw new Error(
        `${error instanceof Error ? error.message : String(error)}\nscreenshot: ${shot}\npage problems: ${current.problems.join('; ') || 'none'}\nbot output:\n${botTail}`,
      );
    }
  };
}
