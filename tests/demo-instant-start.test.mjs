// Instant start (issue 3): a returning page renders its signed-in state from the last known client
// in localStorage before the network answers, then reconciles. The real server's answer to
// `GET /v1/client` is held back for 1.5 s (delayed, not mocked); the UserButton and the home page's
// signed-in section must already show the right account while it is held, and still after.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ADA, avatar, panel, activeEmail, setUp, signUpWithMouse, waitForPath } from './demo-helpers.mjs';

const HOLD_MS = 1500;

/** Holds every `GET /v1/client` of `page` for `HOLD_MS`, then lets the real request through.
 * Returns `released()`: whether a held response has been let through yet. */
async function delayClient(page) {
  let released = false;
  await page.route('**/v1/client*', async (route) => {
    if (route.request().method() !== 'GET') return route.continue();
    await new Promise((resolve) => setTimeout(resolve, HOLD_MS));
    released = true;
    return route.continue();
  });
  return () => released;
}

test('a returning page shows the signed-in account before GET /v1/client answers, then reconciles', async () => {
  const { context, server, pageErrors, open, done } = await setUp();
  try {
    const first = await open('/sign-up/');
    await signUpWithMouse(first, ADA);
    await waitForPath(first, '/');
    assert.equal(await activeEmail(first), ADA.email);
    await first.close();

    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error));
    const released = await delayClient(page);
    const started = Date.now();
    await page.goto(`${server.url}/`);

    // Rendered from the cached client while the server's answer is still held back.
    await avatar(page).waitFor({ timeout: HOLD_MS - 200 });
    const early = {
      label: await avatar(page).getAttribute('aria-label'),
      initials: (await avatar(page).textContent()).trim(),
      email: await activeEmail(page),
      loaded: await page.evaluate(() => window.Clerk.loaded),
      elapsed: Date.now() - started,
      released: released(),
    };
    assert.equal(early.released, false, `the held response was released before the check (${early.elapsed} ms)`);
    assert.equal(early.loaded, false, 'load() must still be waiting on the network');
    assert.match(early.label, /Ada Lovelace/);
    assert.equal(early.initials, 'AL');
    assert.equal(early.email, ADA.email);

    // The server answers; the page is still right (and now loaded).
    await page.waitForFunction(() => window.Clerk.loaded, null, { timeout: 10_000 });
    assert.equal(released(), true);
    assert.equal(await page.evaluate(() => window.Clerk.status), 'ready');
    assert.match(await avatar(page).getAttribute('aria-label'), /Ada Lovelace/);
    assert.equal((await avatar(page).textContent()).trim(), 'AL');
    assert.equal(await activeEmail(page), ADA.email);
    assert.equal(await page.locator('#account-count').textContent(), '1');
    await avatar(page).click();
    await panel(page).getByText(ADA.email).waitFor();

    // The account page mounts its components at once too.
    const account = await context.newPage();
    account.on('pageerror', (error) => pageErrors.push(error));
    const accountReleased = await delayClient(account);
    await account.goto(`${server.url}/account/`);
    await avatar(account).waitFor({ timeout: HOLD_MS - 200 });
    assert.equal(accountReleased(), false);
    assert.equal((await avatar(account).textContent()).trim(), 'AL');
    await account.waitForFunction(() => window.Clerk.loaded, null, { timeout: 10_000 });
    assert.equal(new URL(account.url()).pathname, '/account/');
    assert.equal((await avatar(account).textContent()).trim(), 'AL');

    assert.deepEqual(pageErrors, []);
  } finally {
    await done();
  }
});
