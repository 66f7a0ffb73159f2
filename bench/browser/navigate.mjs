// Cold and returning navigations of the browser benchmark, shared by both sides (clerk.mjs,
// better-auth.mjs): each run is a new browser profile holding only the cookies (cold), then the
// same page navigating again (returning: HTTP cache, localStorage), optionally under Chrome's
// network emulation. Times are the probe's in-page marks (probe.js).
//
// Latency: CDP `Network.emulateNetworkConditions({ latency })` on the page's own CDP session,
// set before the first navigation and kept for the second. `latency` is what Chrome DevTools
// calls round-trip latency: Chrome adds it once to every request that goes to the network,
// between sending it and its response headers (a 304 revalidation pays it, a response from the
// HTTP cache does not); throughput is not limited.

/** Navigates `page` to `url` and returns the in-page ms until the `rendered` mark. */
export async function renderTime(page, url) {
  await page.goto(url, { waitUntil: 'commit' });
  // Awaited in the page (see probe.js): waitForFunction would compile Playwright's injected
  // script on the main thread in the middle of the navigation it measures.
  return (await page.evaluate(() => window.__bench.until('rendered'))).t;
}

/** Adds `latency` ms of round-trip latency to every network request of `page` (0: none). */
export async function emulateLatency(page, latency) {
  if (!latency) return;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency, downloadThroughput: -1, uploadThroughput: -1,
  });
}

/** A file name without a content hash (`NAME.<16 hex>.EXT` → `NAME.EXT`), so rows line up. */
export const stableName = (path) => path.replace(/\.[0-9a-f]{16}(\.[a-z0-9]+)$/, '$1');

/** What the page fetched, from resource timing: path → {end, network} (ms after navigation
 * start when the response had fully arrived; `network`: it went to the server, a 304 included,
 * instead of coming from the HTTP cache). The document itself is `document`. */
async function resources(page) {
  const list = await page.evaluate(() => [
    ...performance.getEntriesByType('navigation').map((e) => ['document', e.responseEnd, e.transferSize]),
    ...performance.getEntriesByType('resource').map((e) => [new URL(e.name).pathname, e.responseEnd, e.transferSize]),
  ]);
  return Object.fromEntries(list.map(([path, end, size]) => [stableName(path), { end, network: size > 0 }]));
}

/**
 * `runs` cold + returning navigations of `url` with `latency` ms.
 * @returns {Promise<{cold: number[], warm: number[], coldFiles: object[], warmFiles: object[]}>}
 */
export async function navigations({ browser, url, cookies, init, runs, latency = 0 }) {
  const out = { cold: [], warm: [], coldFiles: [], warmFiles: [] };
  for (let i = 0; i < runs; i += 1) {
    const context = await browser.newContext({ storageState: { cookies, origins: [] } });
    await context.addInitScript(init);
    const page = await context.newPage();
    await emulateLatency(page, latency);
    out.cold.push(await renderTime(page, url));
    out.coldFiles.push(await resources(page));
    await page.waitForLoadState('networkidle');
    out.warm.push(await renderTime(page, url));
    out.warmFiles.push(await resources(page));
    await context.close();
  }
  return out;
}
