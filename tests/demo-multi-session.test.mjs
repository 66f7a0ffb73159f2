// The demo app (www/) used as a user would, through the prebuilt UI against the real server:
// sign up two accounts, see both in the UserButton, switch, sign out of one, land on the account
// chooser, pick the other, sign in again and sign out of all. Once with the mouse, once with the
// keyboard only; and a second tab that follows along without a reload.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  ADA, GRACE, PASSWORD, accountCount, activeEmail, avatar, panel, pathOf, setUp, signUpWithMouse, waitForPath,
} from './demo-helpers.mjs';
import { assertAccessible } from './a11y.mjs';

test('a user signs up two accounts, switches, signs out of one, picks the other in the chooser and signs out of all', async () => {
  const { open, pageErrors, done } = await setUp();
  try {
    const page = await open('/sign-up/');
    await page.getByLabel('First name').waitFor();
    await assertAccessible(page, 'the sign-up page');
    await signUpWithMouse(page, ADA);
    await waitForPath(page, '/');
    assert.equal(await activeEmail(page), ADA.email);
    await assertAccessible(page, 'the home page signed in');

    // Add a second account from the avatar menu; the sign-in page links to sign-up.
    await avatar(page).click();
    await panel(page).getByRole('button', { name: 'Add account' }).click();
    await waitForPath(page, '/sign-in/');
    await page.getByLabel('Email address').waitFor();
    await assertAccessible(page, 'the sign-in page (adding an account)');
    await page.getByRole('button', { name: 'Sign up' }).click();
    await signUpWithMouse(page, GRACE);
    await waitForPath(page, '/');
    assert.equal(await activeEmail(page), GRACE.email);
    assert.equal(await page.locator('#account-count').textContent(), '2');

    // Both accounts are in the UserButton; switch to Ada with one click.
    await avatar(page).click();
    await assert.doesNotReject(panel(page).getByText(GRACE.email).waitFor());
    await assertAccessible(page, 'the UserButton open with two accounts');
    await panel(page).getByRole('button', { name: 'Switch to Ada Lovelace' }).click();
    await page.locator('#active-email', { hasText: ADA.email }).waitFor();
    assert.equal(await page.locator('#account-count').textContent(), '2');

    // The protected endpoint answers for the active account.
    await page.getByRole('button', { name: 'Call a protected endpoint' }).click();
    await page.locator('#api-result', { hasText: `→ 200: 1 session(s) of ${ADA.email}` }).waitFor();

    // Sign out of the active account only: the chooser lists the one left; pick it.
    await avatar(page).click();
    await panel(page).getByRole('button', { name: 'Sign out', exact: true }).click();
    await waitForPath(page, '/sign-in/choose/');
    await page.getByRole('heading', { name: 'Choose an account' }).waitFor();
    await assertAccessible(page, 'the account chooser');
    assert.equal(await page.getByText(ADA.email).count(), 0);
    await page.getByRole('button', { name: new RegExp(GRACE.email) }).click();
    await waitForPath(page, '/');
    assert.equal(await activeEmail(page), GRACE.email);
    assert.equal(await page.locator('#account-count').textContent(), '1');

    // Sign in to Ada again (the sign-in form), then sign out of all accounts.
    await avatar(page).click();
    await panel(page).getByRole('button', { name: 'Add account' }).click();
    await waitForPath(page, '/sign-in/');
    await page.getByLabel('Email address').fill(ADA.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Continue' }).click();
    await waitForPath(page, '/');
    assert.equal(await activeEmail(page), ADA.email);
    await avatar(page).click();
    await panel(page).getByRole('button', { name: 'Sign out of all accounts' }).click();
    await waitForPath(page, '/sign-in/');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    assert.equal(await accountCount(page), 0);
    assert.deepEqual(pageErrors, []);
  } finally {
    await done();
  }
});

test('a wrong password is shown next to the password field in plain words', async () => {
  const { open, done } = await setUp();
  try {
    const page = await open('/sign-in/');
    await page.getByLabel('Email address').fill('nobody@example.com');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Continue' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.textContent(), /don't match/);
    await assertAccessible(page, 'the sign-in form with an error');
    assert.equal(pathOf(page), '/sign-in/');
  } finally {
    await done();
  }
});

test('a second tab follows sign-ins, switches and sign-outs without a reload', async () => {
  const { open, done } = await setUp();
  try {
    const first = await open('/sign-up/');
    await signUpWithMouse(first, ADA);
    await waitForPath(first, '/');
    const second = await open('/');
    assert.equal(await activeEmail(second), ADA.email);

    // A new account signed up in the first tab appears in the second tab's UserButton.
    await first.goto(first.url().replace(/\/$/, '/sign-up/'));
    await signUpWithMouse(first, GRACE);
    await waitForPath(first, '/');
    await second.locator('#account-count', { hasText: '2' }).waitFor();
    await avatar(second).click();
    await panel(second).getByRole('button', { name: 'Switch to Grace Hopper' }).waitFor();
    // Each tab keeps its own active account.
    assert.equal(await activeEmail(second), ADA.email);
    assert.equal(await activeEmail(first), GRACE.email);

    // Signing out of Grace in the second tab (without switching to it) removes her in the first.
    await panel(second).getByRole('button', { name: 'Sign out of Grace Hopper' }).click();
    await second.locator('#account-count', { hasText: '1' }).waitFor();
    await first.waitForFunction(() => (window.Clerk.client?.sessions.length ?? 0) === 1, null, { timeout: 5_000 });
    assert.equal(await second.evaluate(() => window.Clerk.user?.primaryEmailAddress.emailAddress), ADA.email);
  } finally {
    await done();
  }
});
