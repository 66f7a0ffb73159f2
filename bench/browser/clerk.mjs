// The clerk-wasm half of the browser benchmark: two accounts signed up on the demo's origin, then
// the `rendered` mark of the navigations (navigate.mjs): the signed-in UserButton; the switch by API
// and by a click in the UserButton, and getToken() cached and refreshed (on loopback).

import { renderTime } from './navigate.mjs';

const PEOPLE = [['Ada', 'Bench'], ['Grace', 'Bench']];
const PASSWORD = 'bench-password-0123456789';

const WATCH_RENDER = () => {
  window.__bench.when('rendered', () =>
    (window.__bench.find('[aria-haspopup="dialog"]')?.getAttribute('aria-label') ?? '').startsWith('Open account menu'));
};

/** Signs up the two accounts; resolves to { cookies, init }: the signed-in browser's cookies and
 * the init script (probe and its `rendered` watch) of every measured page. */
export async function clerkSetUp({ browser, url, probe }) {
  const init = `${probe}\n;(${WATCH_RENDER})();`;
  // Sign up two accounts in one profile (the second is active afterwards).
  const setup = await browser.newContext();
  const page0 = await setup.newPage();
  await page0.goto(`${url}/app.css`);
  for (const [first, last] of PEOPLE) {
    const status = await page0.evaluate(async ({ first, last, password }) => {
      const body = new URLSearchParams({
        email_address: `${first.toLowerCase()}@bench.example`, password, first_name: first, last_name: last,
      });
      const r = await fetch('/v1/client/sign_ups', { method: 'POST', body, credentials: 'include' });
      return r.status;
    }, { first, last, password: PASSWORD });
    if (status !== 200) throw new Error(`clerk sign-up answered ${status}`);
  }
  const { cookies } = await setup.storageState();
  await setup.close();

  return { cookies, init };
}

/** Everything but the navigations (navigate.mjs), on loopback. */
export async function clerkFigures({ browser, url, cookies, init, runs, log }) {
  const context = await browser.newContext({ storageState: { cookies, origins: [] } });
  await context.addInitScript(init);
  const page = await context.newPage();
  await renderTime(page, `${url}/`);
  await page.waitForLoadState('networkidle');
  const sessions = await page.evaluate(() => Clerk.client.sessions.map((s) => s.id));
  const names = await page.evaluate(() => Clerk.client.sessions.map((s) => s.user.fullName));

  log('clerk-wasm: switch by API');
  const switchApi = [];
  const switchDone = [];
  for (let i = 0; i < runs; i += 1) {
    const id = sessions[i % sessions.length];
    const r = await page.evaluate(async (id) => {
      let seen = null;
      const t0 = performance.now();
      const off = Clerk.addListener(({ session }) => { if (seen === null && session?.id === id) seen = performance.now(); });
      await Clerk.setActive({ session: id });
      const done = performance.now();
      if (typeof off === 'function') off();
      if (seen === null && Clerk.session?.id === id) seen = done;
      return { state: seen - t0, done: done - t0 };
    }, id);
    switchApi.push(r.state);
    switchDone.push(r.done);
  }

  log('clerk-wasm: switch in the UserButton');
  const switchUi = [];
  const frames = [];
  for (let i = 0; i < runs; i += 1) {
    const active = await page.evaluate(() => Clerk.user.fullName);
    const target = names.find((n) => n !== active);
    const trigger = page.locator('#user-button').getByRole('button', { name: /^Open account menu/ });
    const button = page.locator('#user-button').getByRole('button', { name: `Switch to ${target}` });
    if (!(await button.isVisible())) await trigger.click();
    await button.waitFor();
    await page.evaluate((target) => {
      window.__bench.armClick('sw');
      window.__bench.when('sw', () =>
        (window.__bench.find('[aria-haspopup="dialog"]')?.getAttribute('aria-label') ?? '').endsWith(target));
    }, target);
    await button.click();
    await page.waitForFunction(() => window.__bench.marks.sw, null, { timeout: 10_000 });
    const m = await page.evaluate(() => ({ click: window.__bench.marks['sw:click'], seen: window.__bench.marks.sw }));
    switchUi.push(m.seen.t - m.click.t);
    frames.push(m.seen.frame - m.click.frame);
    await page.waitForLoadState('networkidle');
  }

  log('clerk-wasm: getToken');
  const tokens = await page.evaluate(async (runs) => {
    await Clerk.session.getToken();
    const cached = [];
    const fresh = [];
    for (let i = 0; i < runs; i += 1) {
      // performance.now() is coarse (0.1 ms) on pages without cross-origin isolation: time a
      // batch of 100 cached calls and take the mean.
      let t = performance.now();
      let a;
      for (let k = 0; k < 100; k += 1) a = await Clerk.session.getToken();
      cached.push((performance.now() - t) / 100);
      t = performance.now();
      const b = await Clerk.session.getToken({ skipCache: true });
      fresh.push(performance.now() - t);
      if (!a || !b) throw new Error('getToken gave no token');
    }
    return { cached, fresh };
  }, runs);
  await context.close();
  return {
    switchApi, switchDone, switchUi, frames,
    tokenCached: tokens.cached, tokenFresh: tokens.fresh,
  };
}
