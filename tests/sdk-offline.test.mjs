// A server that goes away mid-test: load() resolves with the cached state and `degraded`, calls
// fail with `network_error`, and nothing crashes.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { email, scriptTagReady, setUp, signUp } from './sdk-helpers.mjs';

test('when the server goes away the SDK degrades to the last known state', async () => {
  const env = await setUp();
  try {
    const page = await env.open('/index.html');
    await scriptTagReady(page);
    const a = email('offline');
    const sess = await signUp(page, a);
    assert.equal(await page.evaluate(() => Clerk.status), 'ready');

    await env.server.stop();

    const fresh = await page.evaluate(async () => {
      const clerk = new ClerkWasm.Clerk(location.origin);
      await clerk.load();
      return { loaded: clerk.loaded, status: clerk.status, sessions: clerk.client.sessions.map((s) => s.id), active: clerk.session?.id };
    });
    assert.deepEqual(fresh, { loaded: true, status: 'degraded', sessions: [sess], active: sess });

    const codes = await page.evaluate(async () => {
      const code = (p) => p.then(() => 'resolved', (e) => e.code);
      return {
        token: await code(Clerk.session.getToken({ skipCache: true })),
        signIn: await code(Clerk.client.signIn.create({ identifier: 'x@example.com', password: 'whatever it is' })),
        signOut: await code(Clerk.signOutOne()),
      };
    });
    assert.deepEqual(codes, { token: 'network_error', signIn: 'network_error', signOut: 'network_error' });
    assert.equal(await page.evaluate(() => Clerk.status), 'degraded');
    assert.equal(await page.evaluate(() => Clerk.session.id), sess, 'nothing is lost');
    assert.deepEqual(env.pageErrors, []);
  } finally {
    await env.done();
  }
});
