// Shared steps of the demo end-to-end tests (tests/demo-*.test.mjs): a server serving www/ at /
// and pkg/ at /pkg/ (as `cargo xtask dev` does), and the steps a user takes on the demo pages.
// Playwright's role and label locators pierce the components' open shadow roots.

import { startApp } from './harness/index.mjs';

export const PASSWORD = 'correct horse battery staple';
export const ADA = { first: 'Ada', last: 'Lovelace', email: 'ada@example.com' };
export const GRACE = { first: 'Grace', last: 'Hopper', email: 'grace@example.com' };

/** Starts the server (www/ at /, pkg/ at /pkg/) and a browser; `done()` closes both. */
export function setUp() {
  return startApp({ staticDirs: ['www', 'pkg=pkg'], context: { viewport: { width: 1000, height: 800 } } });
}

/** The path of the page's URL, e.g. `/sign-in/choose/`. */
export const pathOf = (page) => new URL(page.url()).pathname;

/** Waits until the page is at `path` (after a navigation the UI started). */
export async function waitForPath(page, path) {
  await page.waitForURL((url) => url.pathname === path, { timeout: 10_000 });
}

/** The home page's "Active in this tab" email once the SDK has rendered it. */
export async function activeEmail(page) {
  const section = page.locator('#signed-in');
  await section.waitFor({ state: 'visible', timeout: 10_000 });
  return page.locator('#active-email').textContent();
}

/** Fills the sign-up form (mouse user) and submits it. */
export async function signUpWithMouse(page, person) {
  await page.getByLabel('First name').fill(person.first);
  await page.getByLabel('Last name').fill(person.last);
  await page.getByLabel('Email address').fill(person.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Continue' }).click();
}

/** The avatar button of the UserButton in the header. */
export const avatar = (page) => page.locator('#user-button').getByRole('button', { name: /^Open account menu/ });

/** The account panel of the UserButton. */
export const panel = (page) => page.locator('#user-button').getByRole('dialog', { name: 'Account menu' });

/** A short name of the focused element, looking through shadow roots: its aria-label, its
 * label's text, or its own text. */
export function focusedName(page) {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el || el === document.body) return '';
    return (el.getAttribute('aria-label') || el.labels?.[0]?.textContent || el.textContent || '').trim();
  });
}

/** Presses `key` until the focused element's name matches `name` (a RegExp or exact string). */
export async function pressUntil(page, key, name, max = 40) {
  const matches = (n) => (name instanceof RegExp ? name.test(n) : n === name);
  const seen = [];
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press(key);
    const now = await focusedName(page);
    if (matches(now)) return;
    seen.push(now);
  }
  throw new Error(`pressing ${key} never focused ${name}; saw ${JSON.stringify(seen)}`);
}

/** Fills the sign-up form with the keyboard only and submits it with Enter. */
export async function signUpWithKeyboard(page, person) {
  await pressUntil(page, 'Tab', 'First name');
  await page.keyboard.type(person.first);
  await page.keyboard.press('Tab');
  await page.keyboard.type(person.last);
  await page.keyboard.press('Tab');
  await page.keyboard.type(person.email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
}

/** How many accounts the page's SDK holds, once it has loaded. */
export async function accountCount(page) {
  await page.waitForFunction(() => window.Clerk?.loaded, null, { timeout: 10_000 });
  return page.evaluate(() => window.Clerk.client?.sessions.length ?? 0);
}
