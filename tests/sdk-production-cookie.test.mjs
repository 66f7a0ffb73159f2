// The SDK against clerk-server in production mode (no `--dev`): the client cookie is
// `__Host-client`, `Secure`, `HttpOnly`, host-only, and rotates on every sign-up; none of it is
// visible to the SDK, which keeps both accounts across a reload. (Chromium treats
// http://127.0.0.1 as a secure context, so it keeps `Secure` cookies there.)

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startApp } from './harness/index.mjs';
import { email, scriptTagReady, signUp } from './sdk-helpers.mjs';

test('the production cookie is host-only, secure and rotating, and the SDK keeps both accounts', async () => {
  const env = await startApp({ staticDirs: ['www/sdk', 'pkg=pkg'], dev: false });
  try {
    const page = await env.open('/index.html');
    await scriptTagReady(page);
    const a = await signUp(page, email('prod-a'));
    const first = (await env.context.cookies()).filter((c) => c.name.includes('client'));
    const b = await signUp(page, email('prod-b'));
    const second = (await env.context.cookies()).filter((c) => c.name.includes('client'));
    for (const cookies of [first, second]) {
      assert.equal(cookies.length, 1, JSON.stringify(cookies));
      const [cookie] = cookies;
      assert.equal(cookie.name, '__Host-client');
      assert.equal(cookie.secure, true);
      assert.equal(cookie.httpOnly, true);
      assert.equal(cookie.sameSite, 'Lax');
      assert.equal(cookie.path, '/');
      assert.ok(!cookie.domain.startsWith('.'), `host-only: ${cookie.domain}`);
    }
    assert.notEqual(first[0].value, second[0].value, 'a new secret at each sign-up');
    assert.equal(first[0].value.split('.')[0], second[0].value.split('.')[0], 'the same client');
    assert.equal(await page.evaluate(() => document.cookie.includes('client')), false);

    await page.reload();
    await scriptTagReady(page);
    const listed = await page.evaluate(() => window.Clerk.client.sessions.map((s) => s.id));
    assert.deepEqual([...listed].sort(), [a, b].sort());
    assert.deepEqual(env.pageErrors, []);
  } finally {
    await env.done();
  }
});
