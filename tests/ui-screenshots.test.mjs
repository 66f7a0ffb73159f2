// Screenshot tests of the prebuilt UI (issue 4), through the real SDK against the real server:
// each scenario of www/ui-fixtures/ in light and dark, compared pixel by pixel with the baseline
// tests/screenshots/<scenario>-<theme>.png (e.g. user-button-open-3-dark.png).
//
// Baselines: `UPDATE_SCREENSHOTS=1 cargo xtask test e2e` writes missing or changed ones; look at
// every PNG before committing it. A missing baseline fails the test otherwise.
// Rendering is deterministic: fixed viewport, names and emails (avatar colours come from the
// email), a fresh database per scenario, animations off and the caret hidden. Each scenario also
// runs axe-core (tests/a11y.mjs) and must have no violation.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { configFile, emailTo, launchBrowser, repoRoot, startMailSink, startServer } from './harness/index.mjs';
import { assertAccessible } from './a11y.mjs';

const SCENARIOS = [
  'user-button-closed',
  'user-button-open-1',
  'user-button-open-3',
  'sign-in-error',
  'chooser',
  'manage-accounts',
  'sign-in-email',
  'verify-email',
  'code-error',
  'new-password',
];
/** The scenarios of a server that mails codes (to a sink the test starts). */
const EMAIL = new Set(['sign-in-email', 'verify-email', 'code-error', 'new-password']);
const THEMES = ['light', 'dark'];
const BASELINES = join(repoRoot, 'tests', 'screenshots');
const UPDATE = process.env.UPDATE_SCREENSHOTS === '1';
/** Differing pixels tolerated (anti-aliasing noise); a real change differs in thousands. */
const MAX_DIFFERENT_PIXELS = 40;

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

/** Counts pixels that differ by more than a small per-channel tolerance, in the page's canvas. */
async function differentPixels(page, actual, expected) {
  return page.evaluate(async ([a, b]) => {
    const load = async (b64) => createImageBitmap(await (await fetch(`data:image/png;base64,${b64}`)).blob());
    const [ia, ib] = await Promise.all([load(a), load(b)]);
    if (ia.width !== ib.width || ia.height !== ib.height) return Number.POSITIVE_INFINITY;
    const pixels = (img) => {
      const canvas = new OffscreenCanvas(img.width, img.height);
      const ctx = canvas.getContext('2d');
      ctx.drawImage(img, 0, 0);
      return ctx.getImageData(0, 0, img.width, img.height).data;
    };
    const [pa, pb] = [pixels(ia), pixels(ib)];
    let count = 0;
    for (let i = 0; i < pa.length; i += 4) {
      if (Math.abs(pa[i] - pb[i]) + Math.abs(pa[i + 1] - pb[i + 1]) + Math.abs(pa[i + 2] - pb[i + 2]) > 24) count += 1;
    }
    return count;
  }, [actual.toString('base64'), expected.toString('base64')]);
}

for (const scenario of SCENARIOS) {
  for (const theme of THEMES) {
    const name = `${scenario}-${theme}`;
    test(`the ${scenario} scenario looks like its ${theme} baseline`, async () => {
      const sink = EMAIL.has(scenario) ? await startMailSink() : null;
      const config = sink
        ? await configFile(['email_verification = "required"', 'email_code_sign_in = true', ...emailTo(sink, 'shots <no-reply@example.com>')])
        : null;
      const server = await startServer({ staticDirs: ['www', 'pkg=pkg'], args: config?.args ?? [] });
      const context = await browser.newContext({ viewport: { width: 520, height: 700 }, colorScheme: theme });
      try {
        const page = await context.newPage();
        await page.goto(`${server.url}/ui-fixtures/index.html?scenario=${scenario}&theme=${theme}`);
        // Hand the page each code it asks for, read from the mail the server sent.
        while (sink) {
          const handle = await page.waitForSelector('body[data-need-code], body[data-ready]', { timeout: 20_000 });
          const email = await handle.getAttribute('data-need-code');
          if (email === null) break;
          const code = await sink.nextCode(email);
          await page.evaluate((c) => window.provideCode(c), code);
        }
        await page.waitForSelector('body[data-ready]', { timeout: 20_000 });
        const state = await page.getAttribute('body', 'data-ready');
        assert.equal(state, '1', await page.textContent('#error'));
        const actual = await page.locator('#stage').screenshot({ animations: 'disabled', caret: 'hide' });
        // Every view the screenshots show passes the accessibility engine too, in both themes.
        await assertAccessible(page, name);
        const file = join(BASELINES, `${name}.png`);
        if (!existsSync(file)) {
          if (!UPDATE) assert.fail(`no baseline ${file}; run with UPDATE_SCREENSHOTS=1 and look at it`);
          await mkdir(BASELINES, { recursive: true });
          await writeFile(file, actual);
          return;
        }
        const diff = await differentPixels(page, actual, await readFile(file));
        if (diff > MAX_DIFFERENT_PIXELS && UPDATE) {
          await writeFile(file, actual);
          return;
        }
        if (diff > MAX_DIFFERENT_PIXELS) await writeFile(join(BASELINES, `${name}.actual.png`), actual);
        assert.ok(diff <= MAX_DIFFERENT_PIXELS, `${name}: ${diff} pixels differ (see ${name}.actual.png)`);
      } finally {
        await context.close();
        await server.stop();
        await sink?.stop();
        await config?.remove();
      }
    });
  }
}
