// The SDK through one plain <script> tag: the loader sets window.Clerk and fires clerk:ready; a
// reload keeps the tab's account; the focused tab keeps the __session cookie on the page's domain.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setUp as setUpDemo } from './demo-helpers.mjs';
import { email, scriptTagReady, setUp, signUp } from './sdk-helpers.mjs';

test('a plain page with one script tag signs in, keeps its account on reload and sets __session', async () => {
  const env = await setUp();
  try {
    const page = await env.open('/index.html');
    await scriptTagReady(page);
    assert.equal(await page.evaluate(() => Clerk instanceof ClerkWasm.Clerk), true);
    assert.equal(await page.evaluate(() => Clerk.frontendApi), env.server.url);

    const a = email('script-a');
    const b = email('script-b');
    const sessA = await signUp(page, a);
    await signUp(page, b);
    await page.evaluate((id) => Clerk.setActive({ session: id }), sessA);
    await page.waitForFunction((a) => document.querySelector('#active').textContent === a, a);

    await page.bringToFront();
    assert.equal(await page.evaluate(() => document.hasFocus()), true);
    const jwt = await page.evaluate(() => Clerk.session.getToken());
    const cookies = await env.context.cookies(env.server.url);
    assert.equal(cookies.find((c) => c.name === '__session')?.value, jwt, 'the focused tab sets __session');

    await page.reload();
    await scriptTagReady(page);
    await page.waitForFunction((a) => document.querySelector('#active').textContent === a, a);
    assert.equal(await page.evaluate(() => Clerk.client.sessions.length), 2);
    assert.equal(await page.evaluate(() => Clerk.status), 'ready');
    assert.deepEqual(env.pageErrors, []);
  } finally {
    await env.done();
  }
});

test('clerk:ready never fires before the page is parsed, even with the SDK cached and preloaded', async () => {
  const env = await setUpDemo();
  try {
    // Recorded from the first script of every document: the order of DOMContentLoaded and
    // clerk:ready. With the files in the HTTP cache (second and third load) and preload hints,
    // the SDK can be ready before the page's last scripts ran.
    await env.context.addInitScript(() => {
      window.order = [];
      document.addEventListener('DOMContentLoaded', () => window.order.push('parsed'));
      addEventListener('clerk:ready', () => window.order.push('ready'));
    });
    for (let load = 0; load < 3; load += 1) {
      const page = await env.open('/');
      await page.waitForFunction(() => window.order.includes('ready'), null, { timeout: 10_000 });
      assert.deepEqual(await page.evaluate(() => window.order), ['parsed', 'ready']);
      // The demo's own listener (added by its last script) mounted the UserButton.
      await page.waitForFunction(() => document.querySelector('#user-button')?.shadowRoot, null, { timeout: 10_000 });
      await page.close();
    }
    assert.deepEqual(env.pageErrors, []);
  } finally {
    await env.done();
  }
});

test('the loader starts GET /v1/client and /v1/environment early and the SDK uses those answers instead of asking again', async () => {
  const env = await setUp();
  try {
    const page = await env.open('/index.html');
    await scriptTagReady(page);
    const a = email('early');
    await signUp(page, a);
    const requests = [];
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (path === '/v1/client' || path === '/v1/environment') requests.push(`${r.method()} ${path}`);
    });
    await page.reload({ waitUntil: 'networkidle' });
    await scriptTagReady(page);
    assert.equal(await page.evaluate(() => Clerk.user.primaryEmailAddress.emailAddress), a);
    assert.equal(await page.evaluate(() => Clerk.status), 'ready');
    // One of each for the new document: a second would mean the SDK asked again.
    assert.deepEqual(requests.sort(), ['GET /v1/client', 'GET /v1/environment']);
    assert.deepEqual(env.pageErrors, []);
  } finally {
    await env.done();
  }
});
