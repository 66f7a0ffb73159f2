// Background token refresh in real time: a session token lives 60 s; the SDK fetches a new one
// about 20 s before expiry without being asked, so a later getToken() is served from the cache.
// Requests are counted from the page's own resource timings (the real server answers them).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { email, scriptTagReady, setUp, signUp } from './sdk-helpers.mjs';

/** How many token requests the page has made so far. */
const tokenRequests = (page) =>
  page.evaluate(
    () => performance.getEntriesByType('resource').filter((e) => e.name.includes('/tokens')).length,
  );

/** The `iat` claim of a JWT. */
const issuedAt = (jwt) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString()).iat;

test('the active session token is refreshed in the background before it expires', async () => {
  const env = await setUp();
  try {
    const page = await env.open('/index.html');
    await scriptTagReady(page);
    await page.evaluate(() => performance.setResourceTimingBufferSize(10_000));
    await signUp(page, email('refresh'));

    const first = await page.evaluate(() => Clerk.session.getToken());
    const afterFirst = await tokenRequests(page);
    assert.equal(await page.evaluate(() => Clerk.session.getToken()), first, 'a fresh token is cached');
    assert.equal(await tokenRequests(page), afterFirst, 'the cached token needs no request');

    // 60 s lifetime, refresh due 20 s before expiry: by 45 s it has happened unasked.
    await page.waitForFunction(
      (n) => performance.getEntriesByType('resource').filter((e) => e.name.includes('/tokens')).length > n,
      afterFirst,
      { timeout: 50_000, polling: 500 },
    );
    const refreshed = await tokenRequests(page);
    const second = await page.evaluate(() => Clerk.session.getToken());
    assert.notEqual(second, first, 'getToken serves the refreshed token');
    assert.ok(issuedAt(second) > issuedAt(first));
    assert.equal(await tokenRequests(page), refreshed, 'and waits on no request for it');
    assert.deepEqual(env.pageErrors, []);
  } finally {
    await env.done();
  }
});
