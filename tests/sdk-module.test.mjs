// The SDK through an ES module import of the npm package in pkg/ (bundler-free).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { email, setUp, signUp } from './sdk-helpers.mjs';

test('an ES module import of pkg/ loads, signs up and reports errors with codes', async () => {
  const env = await setUp();
  try {
    const page = await env.open('/module.html');
    await page.waitForSelector('body[data-ready="true"]', { timeout: 10_000 });
    assert.equal(await page.evaluate(() => clerk.loaded), true);

    const a = email('module');
    const sess = await signUp(page, a, 'clerk');
    await page.waitForFunction((a) => document.querySelector('#active').textContent === a, a);
    assert.equal(await page.evaluate(() => clerk.session.id), sess);

    const error = await page.evaluate(async (a) => {
      try {
        await clerk.client.signIn.create({ identifier: a, password: 'not the password' });
        return null;
      } catch (e) {
        return { isError: e instanceof Error, code: e.code, status: e.status, message: e.message, longMessage: e.longMessage };
      }
    }, a);
    assert.equal(error?.isError, true);
    assert.ok(['invalid_credentials', 'identifier_already_signed_in'].includes(error.code), error.code);
    assert.ok(error.message && error.longMessage);
    assert.deepEqual(env.pageErrors, []);
  } finally {
    await env.done();
  }
});
