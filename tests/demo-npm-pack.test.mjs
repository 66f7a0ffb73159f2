// `pkg/` is a proper npm package: `npm pack` works and the tarball holds the wasm, the JS glue,
// the TypeScript types (with the prebuilt UI's mount functions and props), the script-tag
// loader and the README, with package.json pointing at them.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { repoRoot } from './harness/index.mjs';

const run = promisify(execFile);
const pkg = join(repoRoot, 'pkg');

test('npm pack of pkg/ makes a tarball with the wasm, glue, types, loader and README', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'clerk-pack-'));
  try {
    const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', dir], { cwd: pkg });
    const [info] = JSON.parse(stdout);
    const { stdout: listing } = await run('tar', ['tzf', join(dir, info.filename)]);
    const files = listing.split('\n').filter(Boolean).map((f) => f.replace(/^package\//, ''));
    for (const file of ['package.json', 'clerk_wasm_bg.wasm', 'clerk_wasm.js', 'clerk_wasm.d.ts', 'clerk-loader.js', 'README.md']) {
      assert.ok(files.includes(file), `${file} is missing from ${JSON.stringify(files)}`);
    }
    const manifest = JSON.parse(await readFile(join(pkg, 'package.json'), 'utf8'));
    assert.equal(manifest.name, info.name);
    assert.match(manifest.version, /^\d+\.\d+\.\d+/);
    assert.equal(manifest.type, 'module');
    assert.ok(files.includes(manifest.types), `types ${manifest.types}`);
    assert.ok(files.includes(manifest.module.replace(/^\.\//, '')), `module ${manifest.module}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('the packaged TypeScript types declare the UI mount functions with typed props', async () => {
  const types = await readFile(join(pkg, 'clerk_wasm.d.ts'), 'utf8');
  for (const decl of [
    'mountUserButton(el: Element, props?: UserButtonProps | null): void;',
    'unmountUserButton(el: Element): void;',
    'mountSignIn(el: Element, props?: SignInProps | null): void;',
    'mountSignUp(el: Element, props?: SignUpProps | null): void;',
    'mountManageAccounts(el: Element, props?: ManageAccountsProps | null): void;',
    'initialView?: "signIn" | "signUp" | "chooser";',
    'afterSwitchSessionUrl?: string;',
    'export type Localization = Partial<Record<LocalizationKey, string>>;',
  ]) {
    assert.ok(types.includes(decl), `clerk_wasm.d.ts lacks ${decl}`);
  }
});
