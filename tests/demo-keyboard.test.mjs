// The demo app's multi-session story with the keyboard only: Tab and Enter through the forms,
// arrow keys through the account panel, Escape closing it and returning focus to the avatar.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  ADA, GRACE, PASSWORD, accountCount, activeEmail, focusedName, panel, pressUntil, setUp, signUpWithKeyboard,
  waitForPath,
} from './demo-helpers.mjs';

test('the whole multi-session story works with the keyboard only', async () => {
  const { open, pageErrors, done } = await setUp();
  try {
    const page = await open('/sign-up/');
    await page.locator('#sign-up').getByLabel('First name').waitFor();
    await signUpWithKeyboard(page, ADA);
    await waitForPath(page, '/');
    assert.equal(await activeEmail(page), ADA.email);

    // Open the panel from the avatar with Enter; Escape closes it and focus returns.
    const menu = /^Open account menu for /;
    await pressUntil(page, 'Tab', menu);
    await page.keyboard.press('Enter');
    await panel(page).waitFor();
    await page.keyboard.press('Escape');
    await panel(page).waitFor({ state: 'detached' });
    assert.match(await focusedName(page), menu);

    // Add account → sign-in page → "Sign up" → second account.
    await page.keyboard.press('Enter');
    await pressUntil(page, 'ArrowDown', 'Add account');
    await page.keyboard.press('Enter');
    await waitForPath(page, '/sign-in/');
    await page.locator('#sign-in').getByLabel('Email address').waitFor();
    await pressUntil(page, 'Tab', 'Sign up');
    await page.keyboard.press('Enter');
    await signUpWithKeyboard(page, GRACE);
    await waitForPath(page, '/');
    assert.equal(await activeEmail(page), GRACE.email);

    // Switch to Ada with the arrow keys.
    await pressUntil(page, 'Tab', menu);
    await page.keyboard.press('Enter');
    await pressUntil(page, 'ArrowDown', /^Switch to .*Ada Lovelace/);
    await page.keyboard.press('Enter');
    await page.locator('#active-email', { hasText: ADA.email }).waitFor();

    // Sign out of Ada (the active one): the chooser; pick Grace with Tab and Enter.
    await page.locator('#user-button').getByRole('button', { name: 'Open account menu for Ada Lovelace, AL' }).focus();
    await page.keyboard.press('Enter');
    await pressUntil(page, 'ArrowDown', 'Sign out');
    await page.keyboard.press('Enter');
    await waitForPath(page, '/sign-in/choose/');
    await page.getByRole('heading', { name: 'Choose an account' }).waitFor();
    await pressUntil(page, 'Tab', new RegExp(GRACE.email));
    await page.keyboard.press('Enter');
    await waitForPath(page, '/');
    assert.equal(await activeEmail(page), GRACE.email);

    // Sign in to Ada again from the keyboard, then sign out of all accounts.
    await pressUntil(page, 'Tab', menu);
    await page.keyboard.press('Enter');
    await pressUntil(page, 'ArrowUp', 'Add account');
    await page.keyboard.press('Enter');
    await waitForPath(page, '/sign-in/');
    await page.locator('#sign-in').getByLabel('Email address').waitFor();
    await pressUntil(page, 'Tab', 'Email address');
    await page.keyboard.type(ADA.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await waitForPath(page, '/');
    assert.equal(await activeEmail(page), ADA.email);
    await pressUntil(page, 'Tab', menu);
    await page.keyboard.press('Enter');
    await pressUntil(page, 'ArrowDown', 'Sign out of all accounts');
    await page.keyboard.press('Enter');
    await waitForPath(page, '/sign-in/');
    assert.equal(await accountCount(page), 0);
    assert.deepEqual(pageErrors, []);
  } finally {
    await done();
  }
});
