// Two tabs of www/sdk/index.html: signing in, signing out of one account and of all in one tab
// shows in the other within a second, without a reload; each tab keeps its own active account.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { email, scriptTagReady, setUp, signUp } from './sdk-helpers.mjs';

const within = { timeout: 1_000 };

test('changes in one tab reach the other within a second without reload', async () => {
  const env = await setUp();
  try {
    const one = await env.open('/index.html');
    const two = await env.open('/index.html');
    await scriptTagReady(one);
    await scriptTagReady(two);
    let twoLoads = 0;
    two.on('load', () => { twoLoads += 1; });

    const a = email('tab-a');
    const b = email('tab-b');
    const sessA = await signUp(one, a);
    await two.waitForFunction((a) => document.querySelector('#active').textContent === a, a, within);
    const sessB = await signUp(one, b);
    await two.waitForFunction(() => document.querySelector('#accounts').textContent === '2', null, within);

    // Per-tab active accounts: tab one switched to its new sign-up, tab two kept A.
    assert.equal(await one.evaluate(() => Clerk.session.id), sessB);
    assert.equal(await two.evaluate(() => Clerk.session.id), sessA);

    // Sign out of A in tab one: tab two (whose account it was) has none, B remains.
    await one.evaluate((id) => Clerk.signOut(id), sessA);
    await two.waitForFunction(
      () => document.querySelector('#accounts').textContent === '1' && document.querySelector('#active').textContent === 'none',
      null,
      within,
    );
    assert.deepEqual(await two.evaluate(() => Clerk.client.sessions.map((s) => s.id)), [sessB]);

    // Sign out of all in tab two: tab one follows.
    await two.evaluate(() => Clerk.signOut());
    await one.waitForFunction(() => document.querySelector('#accounts').textContent === '0', null, within);
    assert.equal(await one.evaluate(() => Clerk.isSignedIn), false);
    assert.equal(twoLoads, 0, 'no reload happened');
    assert.deepEqual(env.pageErrors, []);
  } finally {
    await env.done();
  }
});
