// Every sign-in rotates the client secret (the `__client` cookie). Another tab refreshing its
// tokens at that moment sends requests that still carry the replaced secret: the server's grace
// window must answer them, so nobody is signed out and every tab ends with every account.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { email, scriptTagReady, setUp, signUp } from './sdk-helpers.mjs';

const within = { timeout: 2_000 };

/** The `__client` cookie's value in the browser context. */
async function clientCookie(context) {
  const cookies = await context.cookies();
  return cookies.find((c) => c.name === '__client')?.value;
}

test('a tab refreshing tokens while another signs in more accounts is never signed out', async () => {
  const env = await setUp();
  try {
    const one = await env.open('/index.html');
    const two = await env.open('/index.html');
    await scriptTagReady(one);
    await scriptTagReady(two);
    const first = email('rotation-a');
    const sessA = await signUp(two, first);
    await one.waitForFunction((a) => document.querySelector('#active').textContent === a, first, within);

    // Tab two asks for fresh tokens without pause, four at a time, for the whole test.
    await two.evaluate(() => {
      window.__results = [];
      window.__stop = false;
      const worker = async () => {
        while (!window.__stop) {
          if (!window.Clerk.session) {
            window.__results.push('signed out');
            await new Promise((done) => setTimeout(done, 10));
            continue;
          }
          try {
            const token = await window.Clerk.session.getToken({ skipCache: true });
            window.__results.push(token ? 'ok' : 'no token');
          } catch (error) {
            window.__results.push(`error: ${error.code ?? error.message}`);
          }
        }
      };
      window.__workers = Promise.all([worker(), worker(), worker(), worker()]);
    });

    // Tab one signs up four more accounts, each rotating the client secret.
    const cookies = [await clientCookie(env.context)];
    const sessions = [sessA];
    for (const tag of ['rotation-b', 'rotation-c', 'rotation-d', 'rotation-e']) {
      sessions.push(await signUp(one, email(tag)));
      cookies.push(await clientCookie(env.context));
    }
    await new Promise((done) => setTimeout(done, 200));
    const results = await two.evaluate(async () => {
      window.__stop = true;
      await window.__workers;
      return window.__results;
    });

    assert.equal(new Set(cookies).size, cookies.length, 'each sign-up set a new secret');
    assert.ok(results.length > 20, `tab two kept refreshing (${results.length} tokens)`);
    assert.deepEqual(results.filter((r) => r !== 'ok'), [], 'no token request failed');
    // Tab two kept its account and sees all five; tab one too.
    assert.equal(await two.evaluate(() => window.Clerk.session?.id), sessA);
    for (const page of [one, two]) {
      await page.waitForFunction(() => document.querySelector('#accounts').textContent === '5', null, within);
      const listed = await page.evaluate(() => window.Clerk.client.sessions.map((s) => s.id));
      assert.deepEqual([...listed].sort(), [...sessions].sort());
    }
    assert.deepEqual(env.pageErrors, []);
  } finally {
    await env.done();
  }
});

test('two tabs signing up at the same moment both get their account', async () => {
  const env = await setUp();
  try {
    const one = await env.open('/index.html');
    const two = await env.open('/index.html');
    await scriptTagReady(one);
    await scriptTagReady(two);
    // A first account gives the browser its client; then both tabs sign up at once with the
    // same cookie. The server takes one sign-up first; the other, now carrying a replaced
    // secret, is refused with client_rotated and the SDK sends it again with the new cookie.
    const sessA = await signUp(one, email('race-a'));
    await two.waitForFunction(() => document.querySelector('#accounts').textContent === '1', null, within);
    // Two rounds: 1 + 2 + 2 accounts is the default cap of five sessions per client.
    const all = [sessA];
    for (let round = 0; round < 2; round += 1) {
      const [b, c] = await Promise.all([
        signUp(one, email(`race-b${round}`)),
        signUp(two, email(`race-c${round}`)),
      ]);
      assert.ok(b && c && b !== c, `round ${round}: ${b} ${c}`);
      all.push(b, c);
      for (const page of [one, two]) {
        await page.waitForFunction((n) => document.querySelector('#accounts').textContent === String(n), all.length, within);
      }
    }
    const listed = await one.evaluate(() => window.Clerk.client.sessions.map((s) => s.id));
    assert.deepEqual([...listed].sort(), [...all].sort());
    assert.deepEqual(env.pageErrors, []);
  } finally {
    await env.done();
  }
});
