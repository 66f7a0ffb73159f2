// Shared steps of the SDK end-to-end tests: a server serving www/sdk/ at / and pkg/ at /pkg/,
// unique emails, and SDK calls made from inside a page.

import { startApp } from './harness/index.mjs';

export const PASSWORD = 'correct horse battery staple';

/** A unique email address. */
export const email = (tag) => `${tag}-${Date.now()}-${Math.floor(Math.random() * 1e9)}@example.com`;

/** Starts the server (www/sdk/ at /, pkg/ at /pkg/) and a browser; `done()` closes both. */
export function setUp() {
  return startApp({ staticDirs: ['www/sdk', 'pkg=pkg'] });
}

/** Signs up from the page through `window.Clerk` (script tag) or `window.clerk` (module). */
export function signUp(page, address, global = 'Clerk') {
  return page.evaluate(async ([address, password, global]) => {
    const attempt = await window[global].client.signUp.create({ emailAddress: address, password });
    return attempt.createdSessionId;
  }, [address, PASSWORD, global]);
}

/** Waits until the script-tag page has loaded the SDK. */
export async function scriptTagReady(page) {
  await page.waitForFunction(() => window.Clerk && window.Clerk.loaded, null, { timeout: 10_000 });
}
