// The browser benchmark of `cargo xtask bench browser`: the clerk-wasm SDK on the www/ demo
// (served by clerk-server with pkg/) and Better Auth's browser client (createAuthClient +
// multiSessionClient, bundled with esbuild) on its own server, in headless Chromium via Playwright.
// Times are taken in the page (performance.now, requestAnimationFrame frames; see probe.js), each
// measure repeated BENCH_RUNS times (default 10); prints a Markdown table with medians. The cold and
// returning navigations run at every latency of BENCH_LATENCIES (ms of round-trip latency added by
// Chrome's network emulation, navigate.mjs; default `0,40`), on both sides alike.
//
// Env: CLERK_SERVER_BIN (clerk-server binary), BENCH_RUNS, BENCH_LATENCIES. Run from the
// repository root.

import { spawn, execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { launchBrowser, startServer, repoRoot } from '../../tests/harness/index.mjs';
import { clerkFigures, clerkSetUp } from './clerk.mjs';
import { betterAuthFigures, betterAuthSetUp } from './better-auth.mjs';
import { navigations } from './navigate.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const LATENCIES = (process.env.BENCH_LATENCIES ?? '0,40').split(',').map(Number);
if (LATENCIES.some((l) => !Number.isFinite(l) || l < 0)) throw new Error(`bad BENCH_LATENCIES: ${process.env.BENCH_LATENCIES}`);
const probe = await readFile(join(repoRoot, 'bench/browser/probe.js'), 'utf8');
const log = (...a) => console.error('bench browser:', ...a);

/** Starts bench/better-auth/server.mjs serving `staticDir`; resolves to { url, stop }. */
async function startBetterAuth(staticDir) {
  const child = spawn('node', ['server.mjs', '--static', staticDir], {
    cwd: join(repoRoot, 'bench/better-auth'),
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`Better Auth exited (${code})`)));
  });
  const url = line.replace('better-auth listening on ', '').trim();
  return { url, stop: () => { child.kill('SIGKILL'); } };
}

/** The Better Auth page: its client bundled as an IIFE and a page that shows the user's name. */
async function betterAuthPage() {
  const dir = await mkdtemp(join(tmpdir(), 'bench-ba-page-'));
  execFileSync(join(repoRoot, 'bench/better-auth/node_modules/.bin/esbuild'), [
    'page-entry.mjs', '--bundle', '--minify', '--format=iife', '--platform=browser',
    '--log-level=warning', `--outfile=${join(dir, 'ba.js')}`,
  ], { cwd: join(repoRoot, 'bench/better-auth'), stdio: 'inherit' });
  await writeFile(join(dir, 'index.html'), `<!doctype html>
<html><head><meta charset="utf-8"><script src="/ba.js"></script></head>
<body><header><span id="name"></span></header>
<script>
  authClient.useSession.subscribe((v) => {
    window.__sess = v;
    document.getElementById('name').textContent = v.data?.user?.name ?? '';
  });
</script></body></html>
`);
  return dir;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
};
const fmt = (v) => {
  if (!Number.isFinite(v)) return '—';
  if (v < 0.1) return `${(v * 1000).toFixed(1)} µs`;
  return `${v < 10 ? v.toFixed(2) : v.toFixed(0)} ms`;
};

const clerkServer = await startServer({ staticDirs: ['www', 'pkg=pkg'] });
const pageDir = await betterAuthPage();
const ba = await startBetterAuth(pageDir);
const browser = await launchBrowser();
let ours;
let theirs;
try {
  log(`clerk-server at ${clerkServer.url}, Better Auth at ${ba.url}, ${RUNS} runs each, latencies ${LATENCIES.join(', ')} ms`);
  const sides = [
    { name: 'clerk-wasm', url: clerkServer.url, ...await clerkSetUp({ browser, url: clerkServer.url, probe }) },
    { name: 'Better Auth', url: ba.url, ...await betterAuthSetUp({ browser, url: ba.url, probe }) },
  ];
  // The navigations take turns (one cold + returning pair each, the order swapped every run), so a
  // busy moment on the shared machine hits both sides.
  for (const side of sides) side.nav = {};
  for (const latency of LATENCIES) {
    log(`cold and returning navigations, ${latency} ms latency`);
    for (const side of sides) side.nav[latency] = { cold: [], warm: [], coldFiles: [], warmFiles: [] };
    for (let i = 0; i < RUNS; i += 1) {
      for (const side of (i % 2 ? [...sides].reverse() : sides)) {
        const one = await navigations({ browser, url: `${side.url}/`, cookies: side.cookies, init: side.init, runs: 1, latency });
        for (const [key, list] of Object.entries(one)) side.nav[latency][key].push(...list);
      }
    }
  }
  ours = { ...await clerkFigures({ browser, ...sides[0], runs: RUNS, log }), nav: sides[0].nav };
  theirs = { ...await betterAuthFigures({ browser, ...sides[1], runs: RUNS, log }), nav: sides[1].nav };
} finally {
  await browser.close();
  await clerkServer.stop();
  ba.stop();
  await rm(pageDir, { recursive: true, force: true });
}

const at = (latency) => (latency ? `, ${latency} ms round-trip latency` : '');
const rows = [
  ...LATENCIES.flatMap((l) => [
    [`navigation → signed-in UI rendered, cold (new browser profile)${at(l)}`, ours.nav[l].cold, theirs.nav[l].cold],
    [`navigation → signed-in UI rendered, returning (cached client / warm HTTP cache)${at(l)}`, ours.nav[l].warm, theirs.nav[l].warm],
  ]),
  ['switch by API: call → client state shows the other account', ours.switchApi, theirs.switchApi],
  ['switch by API: call → server answered', ours.switchDone, theirs.switchDone],
  ['switch in the UI: click → UserButton shows the other account', ours.switchUi, null],
  ['getToken(), cached', ours.tokenCached, theirs.tokenCached],
  ['getToken(), refreshed from the server', ours.tokenFresh, theirs.tokenFresh],
];
console.log(`\n### Browser: headless Chromium ${browser.version?.() ?? ''}, median of ${RUNS} runs (p90 in brackets)\n`);
console.log('| measure | clerk-wasm | Better Auth client | Better Auth / ours |');
console.log('|---|---:|---:|---:|');
for (const [name, a, b] of rows) {
  const cell = (xs) => (xs && xs.length ? `${fmt(median(xs))} (${fmt([...xs].sort((x, y) => x - y)[Math.ceil(xs.length * 0.9) - 1])})` : 'n/a');
  const ratio = a && b && a.length && b.length && median(a) > 0 ? `${(median(b) / median(a)).toFixed(1)}x` : '—';
  console.log(`| ${name} | ${cell(a)} | ${cell(b)} | ${ratio} |`);
}
if (ours.frames) {
  const same = ours.frames.filter((f) => f === 0).length;
  console.log(`\nUI switch: the UserButton showed the other account before the next animation frame after the click in ${same} of ${ours.frames.length} runs (frames after the click: ${ours.frames.join(', ')}).`);
}
// What each navigation fetched: median ms after navigation start at which each response had fully
// arrived, and in how many runs it went to the network (a 304 counts; the HTTP cache does not).
const files = (label, list, rendered) => {
  const paths = [...new Set(list.flatMap((f) => Object.keys(f)))];
  const parts = paths.map((p) => {
    const ends = list.map((f) => f[p]).filter(Boolean);
    const net = ends.filter((e) => e.network).length;
    return `${p} ${fmt(median(ends.map((e) => e.end)))}${net === list.length ? '' : ` (network in ${net} of ${list.length})`}`;
  });
  console.log(`\n${label}: ${parts.join(', ')}; rendered at ${fmt(median(rendered))}.`);
};
console.log('\nWhen each response had fully arrived (median ms after navigation start; "network in N of M": the other runs took it from the HTTP cache):');
for (const l of LATENCIES) {
  for (const [side, figures] of [['clerk-wasm', ours], ['Better Auth', theirs]]) {
    files(`${side} cold${at(l)}`, figures.nav[l].coldFiles, figures.nav[l].cold);
    files(`${side} returning${at(l)}`, figures.nav[l].warmFiles, figures.nav[l].warm);
  }
}
console.log(`Better Auth has no client-side token cache: its "cached" row is n/a and each token is a request to /api/auth/token (jwt plugin). It ships no UI, so there is no UI switch to measure.`);
