// Main-thread CPU of a cold load, A/B: `node bench/browser/cpu-ab.mjs RUNS PKG_DIR...` (from the
// repository root, after `cargo xtask build`; copy pkg/ aside for each build to compare). Each
// PKG_DIR is served by its own clerk-server beside www/ (the demo page), with two signed-up
// accounts; the builds take turns, one cold navigation each (new browser profile), under a Chrome
// trace. Printed per build, medians: navigation → signed-in UserButton (the browser benchmark's
// `rendered` mark), the main thread's *thread time* in tasks until then (wall time in those
// tasks beside it), V8's lazy wasm compiles until then, and the CPU and wall time of the
// microtask checkpoint that handles the `/v1/client` body (found by a `performance.mark` at the
// body's read: the init script wraps `Response.prototype.json` and `.text`), and the CPU of the
// task that dispatches `clerk:ready` (where the demo mounts the UserButton).
//
// Why: on this 2-core machine shared with other work, wall-clock medians of 10 (`cargo xtask
// bench browser`) move by ±10 ms between identical runs, while the main thread's thread time
// until the render is ~25 ms; a change of 1-2 ms of CPU shows here and nowhere else.
//
// Env: CLERK_SERVER_BIN (default target/debug/clerk-server).

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { launchBrowser, startServer, repoRoot } from '../../tests/harness/index.mjs';

const [runsArg, ...pkgs] = process.argv.slice(2);
const RUNS = Number(runsArg);
if (!RUNS || pkgs.length === 0) {
  console.error('usage: node bench/browser/cpu-ab.mjs RUNS PKG_DIR...');
  process.exit(2);
}
const probe = await readFile(join(repoRoot, 'bench/browser/probe.js'), 'utf8');
const WATCH_RENDER = () => {
  window.__bench.when('rendered', () =>
    (window.__bench.find('[aria-haspopup="dialog"]')?.getAttribute('aria-label') ?? '').startsWith('Open account menu'));
};
const MARK_BODY = () => {
  for (const method of ['json', 'text']) {
    const read = Response.prototype[method];
    Response.prototype[method] = function () {
      const url = this.url;
      return read.call(this).then((value) => {
        if (url.endsWith('/v1/client')) performance.mark('client-body');
        return value;
      });
    };
  }
};
const MARK_READY = () => {
  addEventListener('clerk:ready', () => performance.mark('clerk-ready'));
};
const init = `${probe}\n;(${WATCH_RENDER})();(${MARK_BODY})();(${MARK_READY})();`;
const CATEGORIES = ['toplevel', 'devtools.timeline', 'v8.wasm', 'loading', 'blink.user_timing'];
const TASKS = new Set(['ThreadControllerImpl::RunTask', 'RunTask']);

/** A server for `pkg` with two accounts signed up; resolves to { pkg, server, cookies, rows }. */
async function site(browser, pkg) {
  const server = await startServer({ staticDirs: ['www', `pkg=${pkg}`] });
  const setup = await browser.newContext();
  const page = await setup.newPage();
  await page.goto(`${server.url}/app.css`);
  for (const [first, last] of [['Ada', 'Bench'], ['Grace', 'Bench']]) {
    const status = await page.evaluate(async ({ first, last }) => {
      const body = new URLSearchParams({
        email_address: `${first.toLowerCase()}@bench.example`, password: 'bench-password-0123456789', first_name: first, last_name: last,
      });
      return (await fetch('/v1/client/sign_ups', { method: 'POST', body, credentials: 'include' })).status;
    }, { first, last });
    if (status !== 200) throw new Error(`sign-up answered ${status}`);
  }
  const { cookies } = await setup.storageState();
  await setup.close();
  return { pkg, server, cookies, rows: [] };
}

/** One traced cold navigation: the figures of one row. */
async function coldLoad(browser, s) {
  const context = await browser.newContext({ storageState: { cookies: s.cookies, origins: [] } });
  await context.addInitScript(init);
  const page = await context.newPage();
  await browser.startTracing(page, { categories: CATEGORIES });
  await page.goto(`${s.server.url}/`, { waitUntil: 'commit' });
  const rendered = (await page.evaluate(() => window.__bench.until('rendered'))).t;
  const { traceEvents: events } = JSON.parse((await browser.stopTracing()).toString());
  await context.close();
  const nav = events.find((e) => e.name === 'navigationStart' && e.args?.data?.isLoadingMainFrame
    && e.args.data.documentLoaderURL?.startsWith('http'));
  const tid = events.find((e) => e.name === 'thread_name' && e.args.name === 'CrRendererMain' && e.pid === nav.pid).tid;
  const main = events.filter((e) => e.pid === nav.pid && e.tid === tid && e.ph === 'X');
  const end = nav.ts + rendered * 1000;
  const tasks = main.filter((e) => TASKS.has(e.name) && e.ts >= nav.ts && e.ts < end);
  const lazy = main.filter((e) => e.name === 'wasm.CompileLazy' && e.ts < end);
  // The outermost timed event around a mark: the task (or microtask checkpoint) it ran in.
  const around = (name) => {
    const mark = events.find((e) => e.name === name && e.pid === nav.pid);
    return (mark && main.filter((e) => e.tdur !== undefined && e.ts <= mark.ts && e.ts + e.dur >= mark.ts)
      .sort((a, b) => b.dur - a.dur)[0]) || { tdur: NaN, dur: NaN };
  };
  const answer = around('client-body');
  const ready = around('clerk-ready');
  const sum = (list, key) => list.reduce((total, e) => total + (e[key] ?? e.dur), 0) / 1000;
  return {
    rendered,
    cpu: sum(tasks, 'tdur'),
    wall: sum(tasks, 'dur'),
    lazy: lazy.length,
    lazyCpu: sum(lazy, 'tdur'),
    answerCpu: answer.tdur / 1000,
    answerWall: answer.dur / 1000,
    readyCpu: ready.tdur / 1000,
  };
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[(s.length - 1) >> 1]; };
const browser = await launchBrowser();
const sites = [];
try {
  for (const pkg of pkgs) sites.push(await site(browser, pkg));
  for (let i = 0; i < RUNS; i += 1) {
    for (const s of (i % 2 ? [...sites].reverse() : sites)) s.rows.push(await coldLoad(browser, s));
  }
} finally {
  await browser.close();
  for (const s of sites) await s.server.stop();
}
console.log(`cold loads, median of ${RUNS} per build (builds taking turns):`);
for (const s of sites) {
  const m = (key, digits = 1) => median(s.rows.map((r) => r[key])).toFixed(digits);
  console.log(`${s.pkg}: rendered at ${m('rendered')} ms; main-thread thread time until then ${m('cpu')} ms `
    + `(wall in those tasks ${m('wall')}); lazy wasm compiles until then ${m('lazy', 0)} (${m('lazyCpu')} ms CPU); `
    + `the task of \`clerk:ready\` (the demo mounts the UserButton): CPU ${m('readyCpu')} ms; `
    + `the /v1/client answer's microtask checkpoint: CPU ${m('answerCpu')} ms, wall ${m('answerWall')} ms`);
}
