// Proves the end-to-end pipeline: clerk-server serves a static page (--static-dir), system
// Chromium opens it through playwright-core, and the page's fetch of /v1/environment reaches the
// real API on the same origin.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startApp } from './harness/index.mjs';

test('a page served by clerk-server fetches /v1/environment from it', async () => {
  const app = await startApp({ staticDirs: ['tests/fixtures/smoke'] });
  try {
    const page = await app.context.newPage();
    const environmentAnswer = page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/v1/environment',
    );
    const pageAnswer = await page.goto(`${app.server.url}/`);
    assert.equal(pageAnswer?.status(), 200, 'the static page is served');

    const answer = await environmentAnswer;
    assert.equal(answer.status(), 200);
    assert.equal(answer.request().method(), 'GET');

    await page.waitForSelector('#status[data-state="done"]', { timeout: 10_000 });
    const environment = JSON.parse(await page.textContent('#result'));
    assert.equal(typeof environment.auth_config.single_session_mode, 'boolean');
    assert.ok(Number.isInteger(environment.auth_config.max_sessions_per_client));
    assert.ok(Number.isInteger(environment.auth_config.password_min_length));
    assert.equal(typeof environment.display_config.application_name, 'string');
    assert.equal(typeof environment.display_config.sign_in_url, 'string');
  } finally {
    await app.done();
  }
});
