// Starts the real clerk-server for an end-to-end test: the built binary, 127.0.0.1 port 0, a
// fresh SQLite database in a temp directory, `--dev` (unless `dev: false`: production mode, with
// the `__Host-client` cookie), and any `--static-dir`s. The URL comes
// from the server's one line on stdout. `stop()` kills it and removes the database.
//
// The binary is $CLERK_SERVER_BIN (set by `cargo xtask test e2e`), else target/debug/clerk-server.

import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

/** The repository root ($CLERK_REPO_ROOT, else the parent of tests/). */
export const repoRoot = process.env.CLERK_REPO_ROOT
  ?? resolve(new URL('../..', import.meta.url).pathname);

const LISTENING = 'clerk-server listening on ';
const START_TIMEOUT_MS = 30_000;

/**
 * @param {{staticDirs?: string[], args?: string[], dev?: boolean}} [options] `staticDirs` are
 *   `--static-dir` values relative to the repository root, e.g. `['www', 'pkg=pkg']`.
 * @returns {Promise<{url: string, stop: () => Promise<void>, log: () => string}>}
 */
export async function startServer({ staticDirs = [], args = [], dev = true } = {}) {
  const binary = process.env.CLERK_SERVER_BIN ?? join(repoRoot, 'target', 'debug', 'clerk-server');
  const dir = await mkdtemp(join(tmpdir(), 'clerk-e2e-'));
  const argv = ['--listen', '127.0.0.1:0', '--database-url', `sqlite://${join(dir, 'clerk.sqlite')}`];
  if (dev) argv.push('--dev');
  for (const staticDir of staticDirs) argv.push('--static-dir', staticDir);
  argv.push(...args);

  const child = spawn(binary, argv, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => { stderr = (stderr + chunk).slice(-20_000); });
  const exited = new Promise((done) => child.once('exit', done));

  const cleanUp = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
    await rm(dir, { recursive: true, force: true });
  };

  let url;
  try {
    url = await firstLineUrl(child, exited);
  } catch (error) {
    await cleanUp();
    throw new Error(`${error.message}\nclerk-server stderr:\n${stderr}`);
  }
  let stopped;
  return {
    url,
    log: () => stderr,
    stop: () => (stopped ??= cleanUp()),
  };
}

function firstLineUrl(child, exited) {
  const lines = createInterface({ input: child.stdout });
  return new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error('clerk-server did not start in time')), START_TIMEOUT_MS);
    const finish = (fn) => (value) => { clearTimeout(timer); fn(value); };
    lines.once('line', finish((line) => {
      if (line.startsWith(LISTENING)) resolveUrl(line.slice(LISTENING.length).trim());
      else reject(new Error(`unexpected first line from clerk-server: ${JSON.stringify(line)}`));
      // Keep draining stdout so the server never blocks on a full pipe.
      lines.on('line', () => {});
    }));
    exited.then(finish((code) => reject(new Error(`clerk-server exited early (${code}) before listening`))));
    child.once('error', finish(reject));
  });
}
