// A clerk-server config file for one test: TOML lines written to a fresh temporary directory,
// handed to the server as `--config FILE`, removed with the directory afterwards.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The `[email]` table that sends mail to `sink` (tests/harness/mail-sink.mjs) as `from`. */
export const emailTo = (sink, from) => ['[email]', `smtp_url = "${sink.url}"`, `from = "${from}"`];

/** Writes `lines` to `server.toml` in a new temporary directory: `args` for the server
 * (`['--config', file]`) and `remove()`, which deletes the directory. */
export async function configFile(lines) {
  const dir = await mkdtemp(join(tmpdir(), 'clerk-config-'));
  const file = join(dir, 'server.toml');
  await writeFile(file, `${lines.join('\n')}\n`);
  return { args: ['--config', file], remove: () => rm(dir, { recursive: true, force: true }) };
}
