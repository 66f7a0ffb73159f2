// ManageAccounts on the demo's account page: the signed-in user's sessions on every device, and
// revoking the one on another device (a second browser context) ends it there.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ADA, GRACE, PASSWORD, accountCount, setUp, signUpWithMouse, waitForPath } from './demo-helpers.mjs';
import { assertAccessible } from './a11y.mjs';

test('a session on another device is listed and can be revoked from the account page', async () => {
  const { browser, server, open, pageErrors, done } = await setUp();
  const laptop = await browser.newContext();
  try {
    const page = await open('/sign-up/');
    await signUpWithMouse(page, ADA);
    await waitForPath(page, '/');

    // The same account signs in on a second "device" (another browser context, its own cookies).
    const other = await laptop.newPage();
    await other.goto(`${server.url}/sign-in/`);
    await other.getByLabel('Email address').fill(ADA.email);
    await other.getByLabel('Password').fill(PASSWORD);
    await other.getByRole('button', { name: 'Continue' }).click();
    await waitForPath(other, '/');

    await page.goto(`${server.url}/account/`);
    const card = page.locator('#manage-accounts');
    await card.getByRole('heading', { name: 'Manage accounts' }).waitFor();
    const revoke = card.getByRole('button', { name: /^Revoke session on / });
    await revoke.nth(1).waitFor();
    assert.equal(await revoke.count(), 2);
    assert.equal(await card.getByText('This browser', { exact: true }).count(), 1);
    await assertAccessible(page, 'the account page with sessions on two devices');

    // Revoke the other device's session (the row without the "This browser" badge).
    const otherRow = card.locator('li').filter({ hasText: 'Revoke' }).filter({ hasNotText: 'This browser' });
    await otherRow.getByRole('button', { name: /^Revoke session on / }).click();
    await revoke.nth(1).waitFor({ state: 'detached' });
    assert.equal(await revoke.count(), 1);
    assert.equal(await accountCount(page), 1);

    // The other device's session is over: its next token request fails and drops it.
    const token = await other.evaluate(() => window.Clerk.session.getToken({ skipCache: true }).then(() => 'token', (e) => e.code));
    assert.notEqual(token, 'token');
    await other.waitForFunction(() => (window.Clerk.client?.sessions.length ?? 0) === 0, null, { timeout: 5_000 });
    assert.deepEqual(pageErrors, []);
  } finally {
    await laptop.close();
    await done();
  }
});

test('revoking this browser\'s own session on the account page signs it out here at once', async () => {
  const { server, open, pageErrors, done } = await setUp();
  try {
    const page = await open('/sign-up/');
    await signUpWithMouse(page, ADA);
    await waitForPath(page, '/');
    await page.goto(`${server.url}/sign-up/`);
    await signUpWithMouse(page, GRACE);
    await waitForPath(page, '/');
    assert.equal(await accountCount(page), 2);

    // Grace is active; her only session is this browser's.
    await page.goto(`${server.url}/account/`);
    const card = page.locator('#manage-accounts');
    const row = card.locator('li').filter({ hasText: 'This browser' });
    await row.getByRole('button', { name: /^Revoke session on / }).click();

    // Signed out of Grace here and now (no token request needed): the SDK lands on the chooser
    // with Ada, the one account left, as for any sign-out of the active account.
    await waitForPath(page, '/sign-in/choose/');
    await page.waitForFunction(() => window.Clerk?.client?.sessions.length === 1, null, { timeout: 5_000 });
    const left = await page.evaluate(() => window.Clerk.client.sessions.map((s) => s.user.primaryEmailAddress.emailAddress));
    assert.deepEqual(left, [ADA.email]);
    assert.deepEqual(pageErrors, []);
  } finally {
    await done();
  }
});
