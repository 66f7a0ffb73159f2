// The Better Auth half of the browser benchmark, doing what clerk.mjs does where Better Auth has an
// equivalent: two accounts signed up with authClient.signUp.email (multiSession keeps both), the
// `rendered` mark of the navigations (navigate.mjs): the user's name shown; switching with
// authClient.multiSession.setActive until its useSession store shows the other account, and a
// token from the jwt plugin's /api/auth/token (the client has no token cache), on loopback.

import { renderTime } from './navigate.mjs';

const PEOPLE = ['Ada Bench', 'Grace Bench'];
const PASSWORD = 'bench-password-0123456789';

const WATCH_RENDER = () => {
  window.__bench.when('rendered', () => (document.getElementById('name')?.textContent ?? '') !== '');
};

/** Signs up the two accounts; resolves to { cookies, init }: the signed-in browser's cookies and
 * the init script (probe and its `rendered` watch) of every measured page. */
export async function betterAuthSetUp({ browser, url, probe }) {
  const init = `${probe}\n;(${WATCH_RENDER})();`;
  const setup = await browser.newContext();
  const page0 = await setup.newPage();
  await page0.goto(`${url}/`);
  await page0.waitForFunction(() => window.authClient);
  for (const name of PEOPLE) {
    const error = await page0.evaluate(async ({ name, password }) => {
      const email = `${name.split(' ')[0].toLowerCase()}@bench.example`;
      const r = await authClient.signUp.email({ email, password, name });
      return r.error ? JSON.stringify(r.error) : null;
    }, { name, password: PASSWORD });
    if (error) throw new Error(`Better Auth sign-up failed: ${error}`);
  }
  const { cookies } = await setup.storageState();
  await setup.close();

  return { cookies, init };
}

/** Everything but the navigations (navigate.mjs), on loopback. */
export async function betterAuthFigures({ browser, url, cookies, init, runs, log }) {
  const context = await browser.newContext({ storageState: { cookies, origins: [] } });
  await context.addInitScript(init);
  const page = await context.newPage();
  await renderTime(page, `${url}/`);
  await page.waitForLoadState('networkidle');
  const tokens = await page.evaluate(async () => {
    const r = await authClient.multiSession.listDeviceSessions();
    return r.data.map((d) => d.session.token);
  });
  if (tokens.length !== 2) throw new Error(`Better Auth lists ${tokens.length} device sessions, not 2`);

  log('Better Auth: switch by API');
  const switchApi = [];
  const switchDone = [];
  for (let i = 0; i < runs; i += 1) {
    const token = tokens[i % tokens.length];
    const r = await page.evaluate(async (token) => {
      const t0 = performance.now();
      const shown = new Promise((resolve) => {
        const off = authClient.useSession.subscribe((v) => {
          if (v.data?.session?.token === token && !v.isPending && !v.isRefetching) {
            resolve(performance.now());
            queueMicrotask(() => off());
          }
        });
      });
      const res = await authClient.multiSession.setActive({ sessionToken: token });
      const done = performance.now();
      if (res.error) throw new Error(JSON.stringify(res.error));
      const seen = await Promise.race([shown, new Promise((r) => setTimeout(() => r(NaN), 5000))]);
      return { state: seen - t0, done: done - t0 };
    }, token);
    switchApi.push(r.state);
    switchDone.push(r.done);
  }

  log('Better Auth: token');
  const fresh = await page.evaluate(async (runs) => {
    const out = [];
    for (let i = 0; i < runs; i += 1) {
      const t = performance.now();
      const r = await authClient.$fetch('/token');
      out.push(performance.now() - t);
      if (!r.data?.token) throw new Error(`no token: ${JSON.stringify(r.error)}`);
    }
    return out;
  }, runs);
  await context.close();
  return { switchApi, switchDone, tokenCached: null, tokenFresh: fresh };
}
