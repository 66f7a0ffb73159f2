// The account methods (issue 13) in two tabs of www/sdk/index.html against the real server,
// which mails its codes over real SMTP to a sink this test starts: a name change and a new
// primary address made in one tab show in the other within a second; the address is added,
// verified with the mailed code, made primary and the old one removed; deleting the active
// account while another remains sends that tab to the account chooser, and the other tab drops
// it within a second.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { configFile, emailTo, startApp, startMailSink } from './harness/index.mjs';
import { email, scriptTagReady, signUp } from './sdk-helpers.mjs';

const within = { timeout: 1_000 };

test('two tabs see a name change, a new primary address and a deletion within a second', async () => {
  const sink = await startMailSink();
  const config = await configFile(emailTo(sink, 'clerk-wasm tests <no-reply@example.com>'));
  const env = await startApp({ staticDirs: ['www/sdk', 'pkg=pkg'], args: config.args });
  try {
    const one = await env.open('/index.html');
    const two = await env.open('/index.html');
    await scriptTagReady(one);
    await scriptTagReady(two);

    const sessA = await signUp(one, email('keep'));
    const bFirst = email('bea');
    const sessB = await signUp(one, bFirst);
    await two.waitForFunction(() => document.querySelector('#accounts').textContent === '2', null, within);
    assert.equal(await one.evaluate(() => Clerk.session.id), sessB);

    // B's name, changed in tab one, reaches tab two's objects.
    const user = await one.evaluate(async () => {
      const u = await Clerk.user.update({ firstName: 'Bea', lastName: 'Tab' });
      return { fullName: u.fullName, same: u === Clerk.user };
    });
    assert.deepEqual(user, { fullName: 'Bea Tab', same: true });
    await two.waitForFunction(
      (id) => Clerk.client.sessions.find((s) => s.id === id)?.user.fullName === 'Bea Tab',
      sessB,
      within,
    );

    // A second address: added, verified with the mailed code, made primary; the first removed.
    const bSecond = email('bea-new');
    const added = await one.evaluate(async (address) => {
      const a = await Clerk.user.createEmailAddress({ email: address });
      const prepared = await a.prepareVerification({ strategy: 'email_code' });
      return { id: a.id, status: a.verification.status, prepared: prepared.emailAddress };
    }, bSecond);
    assert.equal(added.status, 'unverified');
    assert.equal(added.prepared, bSecond);
    const code = await sink.nextCode(bSecond);
    const primary = await one.evaluate(async ([id, code]) => {
      const a = Clerk.user.emailAddresses.find((e) => e.id === id);
      const wrong = await a.attemptVerification({ code: code === '000000' ? '111111' : '000000' })
        .then(() => 'accepted', (e) => e.code);
      const verified = await a.attemptVerification({ code });
      const u = await Clerk.user.update({ primaryEmailAddressId: id });
      return { wrong, status: verified.verification.status, primary: u.primaryEmailAddress.emailAddress };
    }, [added.id, code]);
    assert.deepEqual(primary, { wrong: 'form_code_incorrect', status: 'verified', primary: bSecond });
    await two.waitForFunction(
      ([id, address]) => Clerk.client.sessions.find((s) => s.id === id)?.user.primaryEmailAddress.emailAddress === address,
      [sessB, bSecond],
      within,
    );
    const left = await one.evaluate(async (first) => {
      const old = Clerk.user.emailAddresses.find((e) => e.emailAddress === first);
      await old.destroy();
      return Clerk.user.emailAddresses.map((e) => e.emailAddress);
    }, bFirst);
    assert.deepEqual(left, [bSecond]);

    // Deleting B (tab one's active account) while A remains: tab one goes to the chooser, tab
    // two drops B within a second and keeps A.
    const chooser = one.waitForURL(/\/choose/, { timeout: 5_000 });
    await one.evaluate(() => { Clerk.user.delete(); });
    await two.waitForFunction(() => document.querySelector('#accounts').textContent === '1', null, within);
    assert.deepEqual(await two.evaluate(() => Clerk.client.sessions.map((s) => s.id)), [sessA]);
    await chooser;
    assert.deepEqual(env.pageErrors, []);
  } finally {
    await env.done();
    await sink.stop();
    await config.remove();
  }
});
