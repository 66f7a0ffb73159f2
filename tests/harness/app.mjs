// One call for the usual end-to-end set-up: a real clerk-server serving some static folders, a
// headless Chromium with one browser context, a way to open pages that records page errors, and
// one `done()` that closes the browser and stops the server (call it in `finally`/`t.after`).

import { launchBrowser } from './browser.mjs';
import { startServer } from './server.mjs';

/**
 * @param {{staticDirs?: string[], args?: string[], dev?: boolean,
 *          context?: import('playwright-core').BrowserContextOptions}} [options]
 *   `staticDirs`/`args`/`dev` go to `startServer`, `context` to `browser.newContext`.
 */
export async function startApp({ staticDirs = [], args = [], dev = true, context: contextOptions = {} } = {}) {
  const server = await startServer({ staticDirs, args, dev });
  let browser;
  try {
    browser = await launchBrowser();
  } catch (error) {
    await server.stop();
    throw error;
  }
  const context = await browser.newContext(contextOptions);
  /** @type {Error[]} uncaught errors of every page opened with `open`. */
  const pageErrors = [];
  /** Opens `path` (e.g. `/sign-in/`) of the server in a new tab of the context. */
  const open = async (path) => {
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error));
    await page.goto(`${server.url}${path}`);
    return page;
  };
  const done = async () => {
    try {
      await browser.close();
    } finally {
      await server.stop();
    }
  };
  return { server, browser, context, open, pageErrors, done };
}
