// clerk-wasm used from a bundler, as npm users do: the `npm pack` tarball of pkg/ installed into
// a copy of tests/bundler-app/ (a Vite vanilla-ts app whose typescript and vite `cargo xtask
// setup` installs; nothing is downloaded here), type-checked by `tsc` under the template's
// strict tsconfig with `skipLibCheck: false`, built by `vite build`, and the built app run in
// Chromium against the real clerk-server: it loads, signs up an account, the UserButton renders.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { access, cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { repoRoot, startApp } from './harness/index.mjs';
import { PASSWORD, email } from './sdk-helpers.mjs';

const execFileAsync = promisify(execFile);
const appSource = join(repoRoot, 'tests', 'bundler-app');
const pkg = join(repoRoot, 'pkg');

let work;
let app;

/** Runs `command` in the app copy; fails with everything it printed. */
async function inApp(command, args) {
  try {
    return await execFileAsync(command, args, { cwd: app, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    throw new Error(`${command} ${args.join(' ')} failed (${error.code}):\n${error.stdout}${error.stderr}`);
  }
}

const bin = (name) => join(app, 'node_modules', '.bin', name);

before(async () => {
  await access(join(appSource, 'node_modules', '.bin', 'vite')).catch(() => {
    throw new Error(`${appSource}/node_modules is not installed: run \`cargo xtask setup\``);
  });
  work = await mkdtemp(join(tmpdir(), 'clerk-bundler-'));
  app = join(work, 'app');
  await cp(appSource, app, {
    recursive: true,
    verbatimSymlinks: true,
    preserveTimestamps: true,
    filter: (path) => path !== join(appSource, 'dist'),
  });
  const { stdout } = await execFileAsync('npm', ['pack', '--json', '--pack-destination', work], { cwd: pkg });
  const [{ filename }] = JSON.parse(stdout);
  await inApp('npm', ['install', `../${filename}`, '--no-save', '--offline', '--no-audit', '--no-fund']);
});

after(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

test('the app and the packaged .d.ts type-check under the Vite template tsconfig, strict, skipLibCheck false', async () => {
  // The template's tsconfig has comments; what matters is that nobody relaxed it.
  const tsconfig = JSON.parse((await readFile(join(app, 'tsconfig.json'), 'utf8')).replace(/\/\*.*?\*\//g, ''));
  assert.equal(tsconfig.compilerOptions.strict, true);
  assert.equal(tsconfig.compilerOptions.skipLibCheck, false);
  assert.ok(!tsconfig.compilerOptions.lib.some((lib) => /^esnext/i.test(lib)), tsconfig.compilerOptions.lib);
  const imported = JSON.parse(await readFile(join(app, 'node_modules', 'clerk-wasm', 'package.json'), 'utf8'));
  assert.equal(imported.name, 'clerk-wasm');
  await inApp(bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']);
});

test('with lib ESNext the classes stay Disposable, so `using` type-checks', async () => {
  await inApp(bin('tsc'), ['--noEmit', '-p', 'tsconfig.using.json']);
});

test('vite build emits the wasm as a hashed asset and the built app signs up and shows the UserButton', async () => {
  await inApp(bin('vite'), ['build']);
  const dist = join(app, 'dist');
  const assets = await readdir(join(dist, 'assets'));
  const wasm = assets.find((name) => /^clerk_wasm_bg-[\w-]+\.wasm$/.test(name));
  assert.ok(wasm, `no hashed clerk_wasm_bg-*.wasm in dist/assets: ${assets}`);
  const scripts = assets.filter((name) => name.endsWith('.js'));
  const bundled = await Promise.all(scripts.map((name) => readFile(join(dist, 'assets', name), 'utf8')));
  assert.ok(bundled.some((js) => js.includes(wasm)), `no script of ${scripts} refers to ${wasm}`);

  const env = await startApp({ staticDirs: [dist] });
  try {
    const consoleErrors = [];
    const wasmAnswers = [];
    env.context.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    env.context.on('response', (response) => {
      if (new URL(response.url()).pathname === `/assets/${wasm}`) {
        wasmAnswers.push([response.status(), response.headers()['content-type']]);
      }
    });
    const page = await env.open('/');
    await page.waitForSelector('body[data-ready="true"]', { timeout: 10_000 });
    assert.equal(await page.textContent('#status'), 'ready');
    assert.equal(await page.textContent('#active'), 'none');
    assert.deepEqual(wasmAnswers, [[200, 'application/wasm']]);

    const address = email('bundler');
    await page.fill('#sign-up input[name=email]', address);
    await page.fill('#sign-up input[name=password]', PASSWORD);
    await page.click('#sign-up button[type=submit]');
    await page.waitForFunction((a) => document.querySelector('#active').textContent === a, address, { timeout: 10_000 });
    assert.equal(await page.textContent('#error'), '');

    // The UserButton lives in the shadow root of #user-button: its avatar button names the account.
    const label = await page.waitForFunction(() => document.querySelector('#user-button').shadowRoot
      ?.querySelector('button[aria-label^="Open account menu"]')?.getAttribute('aria-label'), null, { timeout: 10_000 });
    assert.equal(await label.jsonValue(), `Open account menu for ${address}, ${address[0]}`);
    assert.deepEqual(env.pageErrors, []);
    assert.deepEqual(consoleErrors, []);
  } finally {
    await env.done();
  }
});
