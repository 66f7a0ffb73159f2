// The UI's JS surface on `Clerk`: mount options are checked (unknown localization keys and unsafe
// appearance values throw errors with stable codes), localization and theme reach the DOM,
// unmount removes the component, and every mounted component follows the SDK's state.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setUp } from './demo-helpers.mjs';

async function ready(page) {
  await page.waitForFunction(() => window.clerk?.loaded, null, { timeout: 10_000 });
}

test('bad mount options throw errors with stable codes', async () => {
  const { open, done } = await setUp();
  try {
    const page = await open('/esm/');
    await ready(page);
    const codes = await page.evaluate(() => {
      const el = document.createElement('div');
      document.body.append(el);
      const codeOf = (fn) => { try { fn(); return 'no error'; } catch (e) { return e.code; } };
      return [
        codeOf(() => clerk.mountSignIn(el, { localization: { signInTitel: 'Typo' } })),
        codeOf(() => clerk.mountSignIn(el, { appearance: { theme: 'purple' } })),
        codeOf(() => clerk.mountSignIn(el, { appearance: { variables: { colorPrimary: 'red;}' } } })),
        codeOf(() => clerk.mountSignIn(el, { initialView: 'nope' })),
      ];
    });
    assert.deepEqual(codes, ['unknown_localization_key', 'invalid_appearance', 'invalid_appearance', 'invalid_param']);
  } finally {
    await done();
  }
});

test('localization and theme reach the DOM and unmount removes the component', async () => {
  const { open, done } = await setUp();
  try {
    const page = await open('/esm/');
    await ready(page);
    const seen = await page.evaluate(() => {
      const el = document.createElement('div');
      document.body.append(el);
      clerk.mountSignIn(el, {
        localization: { signInTitle: 'Anmelden', continue: 'Weiter' },
        appearance: { theme: 'dark', variables: { colorPrimary: '#0a7' } },
      });
      const root = el.shadowRoot;
      const title = root.querySelector('h1').textContent;
      const submit = root.querySelector('button[type=submit]').textContent;
      const dark = root.querySelector('.dark') !== null;
      const styled = root.querySelector('style').textContent.includes('--clerk-color-primary:#0a7');
      clerk.unmountSignIn(el);
      return { title, submit, dark, styled, after: root.childElementCount };
    });
    assert.deepEqual(seen, { title: 'Anmelden', submit: 'Weiter', dark: true, styled: true, after: 0 });
  } finally {
    await done();
  }
});

test('a mounted UserButton appears on sign-up and disappears when its session ends, without a reload', async () => {
  const { open, done } = await setUp();
  try {
    const page = await open('/esm/');
    await ready(page);
    const trigger = page.locator('#user-button').getByRole('button', { name: /^Open account menu/ });
    assert.equal(await trigger.count(), 0);
    await page.evaluate(() => clerk.client.signUp.create({ emailAddress: 'mount@example.com', password: 'correct horse battery staple' }));
    await trigger.waitFor();
    assert.equal(await trigger.getAttribute('aria-label'), 'Open account menu for mount@example.com, m');
    await page.evaluate(() => clerk.session.remove());
    await trigger.waitFor({ state: 'detached' });
  } finally {
    await done();
  }
});

test('a mounted UserButton keeps its DOM when an SDK change alters nothing it shows', async () => {
  const { open, done } = await setUp();
  try {
    const page = await open('/esm/');
    await ready(page);
    await page.evaluate(() => clerk.client.signUp.create({ emailAddress: 'keep@example.com', password: 'correct horse battery staple' }));
    await page.locator('#user-button').getByRole('button', { name: /^Open account menu/ }).waitFor();
    const kept = await page.evaluate(async () => {
      const root = document.querySelector('#user-button').shadowRoot;
      const before = root.querySelector('[data-k=trigger]');
      const seen = [];
      const off = clerk.addListener(({ session }) => { seen.push(session.lastActiveAt.getTime()); });
      // After the server's 1 s activity coalescing, a touch brings a fresh last-active time: the
      // SDK emits (the clock has moved on too), and the UserButton shows the same account.
      await new Promise((resolve) => setTimeout(resolve, 1100));
      await clerk.session.touch();
      off();
      return { changed: seen.length > 1 && seen[seen.length - 1] > seen[0], same: root.querySelector('[data-k=trigger]') === before };
    });
    assert.equal(kept.changed, true, 'touch changed the client and the SDK emitted');
    assert.equal(kept.same, true, 'the trigger button is the same element');
  } finally {
    await done();
  }
});

test('a redirect the UI starts goes through the navigate option, like the SDK\'s own', async () => {
  const { open, done } = await setUp();
  try {
    const page = await open('/esm/');
    await ready(page);
    await page.evaluate(async () => {
      const { Clerk } = await import('/pkg/clerk_wasm.js');
      window.navigated = [];
      const routed = new Clerk(location.origin, { navigate: (to) => { window.navigated.push(to); } });
      await routed.load();
      const el = document.createElement('div');
      el.id = 'routed';
      document.body.append(el);
      routed.mountSignUp(el, { afterSignUpUrl: '/welcome/' });
    });
    const form = page.locator('#routed');
    await form.getByLabel('Email address').fill('router@example.com');
    await form.getByLabel('Password').fill('correct horse battery staple');
    await form.getByRole('button', { name: 'Continue' }).click();
    await page.waitForFunction(() => window.navigated.length > 0, null, { timeout: 10_000 });
    assert.deepEqual(await page.evaluate(() => window.navigated), ['/welcome/']);
    assert.equal(new URL(page.url()).pathname, '/esm/', 'no full page load');
  } finally {
    await done();
  }
});
