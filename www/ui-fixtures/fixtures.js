// Drives one screenshot scenario of www/ui-fixtures/index.html through the real SDK.

const PEOPLE = [
  { firstName: 'Ada', lastName: 'Lovelace', emailAddress: 'ada@example.com' },
  { firstName: 'Grace', lastName: 'Hopper', emailAddress: 'grace@example.com' },
  { emailAddress: 'linus@example.com' },
];
const PASSWORD = 'correct horse battery staple';

const params = new URLSearchParams(location.search);
const scenario = params.get('scenario') ?? 'user-button-closed';
const theme = params.get('theme') === 'dark' ? 'dark' : 'light';
const stage = document.getElementById('stage');
// The component's host: the stage itself, or (UserButton) a small element at its top right, as in
// a page header; the panel opens below it.
let host = stage;

const shadow = () => host.shadowRoot;
const until = async (what, check) => {
  for (let i = 0; i < 200; i += 1) {
    const found = check();
    if (found) return found;
    await new Promise((done) => setTimeout(done, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
};

async function signUp(clerk, count) {
  for (const person of PEOPLE.slice(0, count)) {
    await clerk.client.signUp.create({ ...person, password: PASSWORD });
  }
  // The first account is the active one in every scenario.
  const first = clerk.client.sessions.find((s) => s.user.primaryEmailAddress?.emailAddress === PEOPLE[0].emailAddress
    || s.user.primaryEmailAddress === PEOPLE[0].emailAddress);
  if (first) await clerk.setActive({ session: first.id });
}

async function run() {
  const clerk = await window.ClerkReady;
  await clerk.load();
  if (typeof clerk.mountUserButton !== 'function') {
    document.body.dataset.ready = 'unwired';
    return;
  }
  if (theme === 'dark') document.body.classList.add('dark');
  const props = { appearance: { theme } };
  switch (scenario) {
    case 'user-button-closed':
    case 'user-button-open-1':
    case 'user-button-open-3': {
      await signUp(clerk, scenario.endsWith('-3') ? 3 : 1);
      stage.className = 'user-button';
      host = document.createElement('div');
      host.id = 'user-button';
      stage.append(host);
      clerk.mountUserButton(host, props);
      const trigger = await until('the avatar button', () => shadow()?.querySelector('[data-k=trigger]'));
      if (scenario !== 'user-button-closed') {
        trigger.click();
        await until('the panel', () => shadow().querySelector('[role=dialog]'));
      }
      break;
    }
    case 'sign-in-error': {
      clerk.mountSignIn(host, props);
      const email = await until('the email field', () => shadow()?.querySelector('#f-identifier'));
      email.value = 'nobody@example.com';
      email.dispatchEvent(new Event('input', { bubbles: true }));
      const password = shadow().querySelector('#f-password');
      password.value = 'wrong password';
      password.dispatchEvent(new Event('input', { bubbles: true }));
      shadow().querySelector('button[type=submit]').click();
      await until('the error', () => shadow().querySelector('#e-password'));
      await until('the application name', () => shadow().querySelector('.sub'));
      password.blur();
      break;
    }
    case 'chooser': {
      await signUp(clerk, 2);
      clerk.mountSignIn(host, { ...props, initialView: 'chooser' });
      await until('the account list', () => shadow()?.querySelector('ul button'));
      await until('the application name', () => shadow().querySelector('.sub'));
      break;
    }
    case 'manage-accounts': {
      await signUp(clerk, 2);
      clerk.mountManageAccounts(host, props);
      await until('the device sessions', () => shadow()?.querySelector('[data-k^="r-"]'));
      break;
    }
    default:
      throw new Error(`unknown scenario ${scenario}`);
  }
  await document.fonts.ready;
  document.body.dataset.ready = '1';
}

run().catch((error) => {
  document.getElementById('error').textContent = String(error?.stack ?? error);
  document.body.dataset.ready = 'error';
});
