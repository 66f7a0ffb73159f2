// Delivery of the demo (issue 11): clerk-server sends each page naming its static files by
// content-hashed names, served `immutable`, and the loader takes the glue and the wasm by the
// names the page gives it (`data-module`, `data-wasm`), the same as its preload hints, so each is
// downloaded once; `GET /v1/client` and `/v1/environment` start from the page's own hints too. A returning visit then renders the signed-in UserButton with every API request
// held back (CDP `Fetch` pauses `/v1/*` until the button is there) and every static file taken
// from the HTTP cache: only the page itself went to the server before the render.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ADA, avatar, setUp, signUpWithMouse, waitForPath } from './demo-helpers.mjs';

const HASHED = /\.[0-9a-f]{16}\.[a-z]+$/;

/** Resource timing of the page so far: [{ path, network }] (network: not from the HTTP cache). */
const resources = (page) => page.evaluate(() => performance.getEntriesByType('resource')
  .map((e) => ({ path: new URL(e.name).pathname, network: e.transferSize > 0 })));

test('a returning visit renders the signed-in UserButton before any API answer, with no static file revalidated', async () => {
  const { context, server, pageErrors, open, done } = await setUp();
  try {
    const first = await open('/sign-up/');
    await signUpWithMouse(first, ADA);
    await waitForPath(first, '/');
    await avatar(first).waitFor();
    await first.waitForLoadState('networkidle');

    // The first visit of `/` fetched the fingerprinted names, each once.
    const files = (await resources(first)).filter((r) => !r.path.startsWith('/v1/'));
    for (const stem of ['/app.', '/pkg/clerk-loader.', '/pkg/clerk_wasm.', '/pkg/clerk_wasm_bg.']) {
      const named = files.filter((r) => r.path.startsWith(stem));
      assert.equal(named.length, 1, `one request for ${stem}*: ${JSON.stringify(files)}`);
      assert.match(named[0].path, HASHED);
    }
    // The page's preload hints for the SDK's first two requests are what the loader hands to the
    // SDK (`prefetch`): each is requested once.
    const api = (await resources(first)).map((r) => r.path);
    for (const path of ['/v1/client', '/v1/environment']) {
      assert.equal(api.filter((p) => p === path).length, 1, `${path} once: ${JSON.stringify(api)}`);
    }

    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error));
    await page.goto(`${server.url}/app.css`); // same origin, not the page under test
    const cdp = await context.newCDPSession(page);
    const held = [];
    let holding = true;
    cdp.on('Fetch.requestPaused', (event) => {
      if (holding) held.push(event);
      else cdp.send('Fetch.continueRequest', { requestId: event.requestId }).catch(() => {});
    });
    await cdp.send('Fetch.enable', { patterns: [{ urlPattern: '*/v1/*', requestStage: 'Request' }] });
    await page.goto(`${server.url}/`, { waitUntil: 'commit' });

    await avatar(page).waitFor({ timeout: 10_000 });
    assert.match(await avatar(page).getAttribute('aria-label'), /Ada Lovelace/);
    assert.equal(await page.evaluate(() => window.Clerk.loaded), false, 'load() still waits for the server');
    const before = await resources(page);
    const statics = before.filter((r) => !r.path.startsWith('/v1/'));
    assert.ok(statics.length >= 4, JSON.stringify(before));
    for (const r of statics) {
      assert.match(r.path, HASHED, `${r.path} has a content-hashed name`);
      assert.equal(r.network, false, `${r.path} came from the HTTP cache`);
    }
    // The API requests that were started are all still held: none was answered before the render.
    assert.ok(held.length >= 1, 'the loader started GET /v1/client');
    assert.ok(before.filter((r) => r.path.startsWith('/v1/')).every((r) => !r.network));

    holding = false;
    for (const event of held) await cdp.send('Fetch.continueRequest', { requestId: event.requestId });
    await page.waitForFunction(() => window.Clerk.loaded, null, { timeout: 10_000 });
    assert.equal(await page.evaluate(() => window.Clerk.status), 'ready');
    assert.match(await avatar(page).getAttribute('aria-label'), /Ada Lovelace/);
    await cdp.send('Fetch.disable');
    assert.deepEqual(pageErrors, []);
  } finally {
    await done();
  }
});
