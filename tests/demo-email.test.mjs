// Email through the demo pages as a user would (issue 12), against the real clerk-server sending
// real SMTP to a sink this test starts (tests/harness/mail-sink.mjs): sign up with the code from
// the mail; add a second account with an emailed sign-in code; forget the first account's
// password and reset it with "Sign out of other devices" while a second browser context holds
// that account: it is signed out there, and the other account stays signed in here.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { configFile, emailTo, startApp, startMailSink } from './harness/index.mjs';
import { ADA, GRACE, PASSWORD, accountCount, avatar, panel, signUpWithMouse, waitForPath } from './demo-helpers.mjs';
import { assertAccessible } from './a11y.mjs';

const NEW_PASSWORD = 'a brand new passphrase';

/** The server's settings: verified sign-ups, emailed sign-in codes, mail to the sink. */
const settings = (sink) => [
  'email_verification = "required"',
  'email_code_sign_in = true',
  ...emailTo(sink, 'clerk-wasm demo <no-reply@example.com>'),
];

/** The code field of the sign-in component on `page`. */
const codeField = (page) => page.getByLabel('Verification code');

/** Signs up on `page` and enters the mailed code; lands on the home page. */
async function signUpWithCode(page, sink, person) {
  await signUpWithMouse(page, person);
  await page.getByRole('heading', { name: 'Check your email' }).waitFor();
  await assertAccessible(page, 'the sign-up code step');
  await codeField(page).fill(await sink.nextCode(person.email));
  await waitForPath(page, '/');
}

test('sign-up, an emailed sign-in code and a password reset that signs out the other device', async () => {
  const sink = await startMailSink();
  const config = await configFile(settings(sink));
  const app = await startApp({
    staticDirs: ['www', 'pkg=pkg'],
    args: config.args,
    context: { viewport: { width: 1000, height: 800 } },
  });
  const { browser, server, open, pageErrors } = app;
  const laptop = await browser.newContext();
  const elsewhere = await browser.newContext();
  try {
    // 1. Ada signs up here: no account until the mailed code is entered.
    const page = await open('/sign-up/');
    await signUpWithMouse(page, ADA);
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();
    assert.equal(await accountCount(page), 0, 'no session before the address is verified');
    const field = codeField(page);
    assert.equal(await field.getAttribute('autocomplete'), 'one-time-code');
    assert.equal(await field.getAttribute('inputmode'), 'numeric');
    const resend = page.getByRole('button', { name: /^Resend code in \d+ s$/ });
    assert.ok(await resend.isDisabled(), 'resend waits out its cooldown, visibly');
    const code = await sink.nextCode(ADA.email);
    // Pasting the code with a space in it works: the digits are taken and submitted.
    await field.focus();
    await page.keyboard.insertText(`${code.slice(0, 3)} ${code.slice(3)}`);
    await waitForPath(page, '/');
    assert.equal(await accountCount(page), 1);

    // 2. Ada also signs in on a laptop (another browser context) with her password.
    const other = await laptop.newPage();
    await other.goto(`${server.url}/sign-in/`);
    await other.getByLabel('Email address').fill(ADA.email);
    await other.getByLabel('Password').fill(PASSWORD);
    await other.getByRole('button', { name: 'Continue' }).click();
    await waitForPath(other, '/');

    // 3. Grace has an account (made elsewhere) and adds it here with an emailed code.
    const gracePage = await elsewhere.newPage();
    await gracePage.goto(`${server.url}/sign-up/`);
    await signUpWithCode(gracePage, sink, GRACE);
    await page.goto(`${server.url}/sign-in/`);
    await page.getByLabel('Email address').fill(GRACE.email);
    await page.getByRole('button', { name: 'Email me a code instead' }).click();
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();
    const graceCode = await sink.nextCode(GRACE.email);
    // A wrong code first: plain words next to the field, announced, tied to it.
    await codeField(page).fill(graceCode === '000000' ? '111111' : '000000');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.textContent(), /That code isn't right/);
    assert.equal(await codeField(page).getAttribute('aria-describedby'), 'e-code');
    assert.equal(await codeField(page).getAttribute('aria-invalid'), 'true');
    await assertAccessible(page, 'the sign-in code step with a wrong code');
    await codeField(page).fill(graceCode);
    await waitForPath(page, '/');
    assert.equal(await accountCount(page), 2);

    // 4. Ada signs out here, forgets her password and resets it, signing out other devices.
    await avatar(page).click();
    await panel(page).getByRole('button', { name: `Sign out of ${ADA.first} ${ADA.last}` }).click();
    await page.waitForFunction(() => window.Clerk.client?.sessions.length === 1, null, { timeout: 5_000 });
    await page.goto(`${server.url}/sign-in/`);
    await page.getByLabel('Email address').fill(ADA.email);
    await page.getByRole('button', { name: 'Forgot password?' }).click();
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();
    await codeField(page).fill(await sink.nextCode(ADA.email));
    await page.getByRole('heading', { name: 'Set a new password' }).waitFor();
    const signOutOthers = page.getByLabel('Sign out of other devices');
    assert.ok(await signOutOthers.isChecked(), 'checked by default');
    await assertAccessible(page, 'the new-password step');
    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Continue' }).click();
    await waitForPath(page, '/');

    // Here: Ada (newly signed in) beside Grace, who stays signed in with a working token.
    assert.equal(await accountCount(page), 2);
    const here = await page.evaluate(async () => {
      const sessions = window.Clerk.client.sessions;
      const grace = sessions.find((s) => s.user.primaryEmailAddress.emailAddress === 'grace@example.com');
      const token = await grace.getToken({ skipCache: true });
      return {
        emails: sessions.map((s) => s.user.primaryEmailAddress.emailAddress).sort(),
        active: window.Clerk.user.primaryEmailAddress.emailAddress,
        graceToken: typeof token === 'string' && token.length > 0,
      };
    });
    assert.deepEqual(here, { emails: [ADA.email, GRACE.email], active: ADA.email, graceToken: true });

    // The laptop's Ada session is over: its next token request fails and drops it.
    const token = await other.evaluate(() => window.Clerk.session.getToken({ skipCache: true }).then(() => 'token', (e) => e.code));
    assert.notEqual(token, 'token');
    await other.waitForFunction(() => (window.Clerk.client?.sessions.length ?? 0) === 0, null, { timeout: 5_000 });

    // And the new password is the one that works now.
    await other.goto(`${server.url}/sign-in/`);
    await other.getByLabel('Email address').fill(ADA.email);
    await other.getByLabel('Password').fill(NEW_PASSWORD);
    await other.getByRole('button', { name: 'Continue' }).click();
    await waitForPath(other, '/');
    assert.deepEqual(pageErrors, []);
  } finally {
    await laptop.close();
    await elsewhere.close();
    await app.done();
    await sink.stop();
    await config.remove();
  }
});
