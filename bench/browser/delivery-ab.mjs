// Delivery A/B of the demo page: `node bench/browser/delivery-ab.mjs RUNS LATENCY_MS WWW_DIR...`
// (from the repository root, after `cargo xtask build`). Each WWW_DIR (a copy of www/ with one
// change to its index.html, say) is served by its own clerk-server at `/`, with pkg/ at /pkg/,
// two accounts signed up; the variants take turns, one cold + returning navigation pair each
// (navigate.mjs, at LATENCY_MS of round-trip latency), the order swapped every run. Printed per
// variant: medians of the `rendered` mark (the signed-in UserButton, as in run.mjs), cold and
// returning, and when each response had fully arrived.
//
// Why: on this 2-core machine shared with other work, wall-clock medians move by tens of ms
// between identical runs; variants taking turns in one run see the same load, so their ratio holds.
//
// Env: CLERK_SERVER_BIN (default target/debug/clerk-server).

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { launchBrowser, startServer, repoRoot } from '../../tests/harness/index.mjs';
import { clerkSetUp } from './clerk.mjs';
import { navigations } from './navigate.mjs';

const [runsArg, latencyArg, ...dirs] = process.argv.slice(2);
const RUNS = Number(runsArg);
const LATENCY = Number(latencyArg);
if (!RUNS || !Number.isFinite(LATENCY) || dirs.length === 0) {
  console.error('usage: node bench/browser/delivery-ab.mjs RUNS LATENCY_MS WWW_DIR...');
  process.exit(2);
}
const probe = await readFile(join(repoRoot, 'bench/browser/probe.js'), 'utf8');
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[(s.length - 1) >> 1]; };

const browser = await launchBrowser();
const sites = [];
try {
  for (const dir of dirs) {
    const server = await startServer({ staticDirs: [dir, 'pkg=pkg'] });
    sites.push({ dir, server, ...await clerkSetUp({ browser, url: server.url, probe }), runs: [] });
  }
  for (let i = 0; i < RUNS; i += 1) {
    for (const s of (i % 2 ? [...sites].reverse() : sites)) {
      s.runs.push(await navigations({ browser, url: `${s.server.url}/`, cookies: s.cookies, init: s.init, runs: 1, latency: LATENCY }));
    }
  }
} finally {
  await browser.close();
  for (const s of sites) await s.server.stop();
}
const load = (await readFile('/proc/loadavg', 'utf8')).split(' ').slice(0, 3).join(' ');
console.log(`${RUNS} runs per variant at ${LATENCY} ms round-trip latency (load average at the end ${load}):`);
for (const s of sites) {
  const cold = median(s.runs.map((r) => r.cold[0]));
  const warm = median(s.runs.map((r) => r.warm[0]));
  const arrived = (key) => {
    const paths = [...new Set(s.runs.flatMap((r) => Object.keys(r[key][0])))];
    return paths.map((p) => {
      const ends = s.runs.map((r) => r[key][0][p]).filter(Boolean);
      const net = ends.filter((e) => e.network).length;
      return `${p} ${median(ends.map((e) => e.end)).toFixed(0)}${net === ends.length ? '' : ` (network ${net}/${ends.length})`}`;
    }).join(', ');
  };
  console.log(`${s.dir}: cold ${cold.toFixed(0)} ms, returning ${warm.toFixed(0)} ms`);
  console.log(`  cold arrivals: ${arrived('coldFiles')}`);
  console.log(`  returning arrivals: ${arrived('warmFiles')}`);
}
