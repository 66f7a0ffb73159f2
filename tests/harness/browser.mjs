// Launches the system Chromium through playwright-core (nothing is downloaded), with the flags
// ../shared/TOOLCHAIN.md requires: --no-sandbox when root, and no background networking.

import { chromium } from 'playwright-core';

/** Chromium flags for headless runs on this machine. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

/** The browser binary ($CHROMIUM_PATH, else Debian's /usr/bin/chromium). */
export const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * @param {import('playwright-core').LaunchOptions} [options] merged over the defaults.
 * @returns {Promise<import('playwright-core').Browser>}
 */
export function launchBrowser(options = {}) {
  return chromium.launch({
    executablePath,
    headless: true,
    ...options,
    args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
  });
}
