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

/** Types `value` into the component's field `#id` as a user would (an input event). */
function type(id, value) {
  const field = shadow().querySelector(id);
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true }));
  return field;
}

/** Signs up the first person on a server that verifies addresses, with the mailed code. */
async function signUpVerified(clerk) {
  const up = await clerk.client.signUp.create({ ...PEOPLE[0], password: PASSWORD });
  await up.prepareEmailAddressVerification({ strategy: 'email_code' });
  await up.attemptEmailAddressVerification({ code: await mailedCode(PEOPLE[0].emailAddress) });
  await clerk.signOut();
}

/** The code the test read from its mail sink for `email` (the page asks with body[data-need-code]). */
function mailedCode(email) {
  return new Promise((resolve) => {
    window.provideCode = (code) => {
      delete document.body.dataset.needCode;
      resolve(code);
    };
    document.body.dataset.needCode = email;
  });
}

// The email scenarios freeze the resend countdown where the step opened ("Resend code in 30 s"),
// so the picture does not depend on how fast the machine is: no one-second ticks.
if (['verify-email', 'code-error', 'new-password'].includes(scenario)) window.setInterval = () => 0;

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
    case 'sign-in-email': {
      // The instance mails codes: the form offers "Forgot password?" and "Email me a code instead".
      clerk.mountSignIn(host, props);
      await until('the code links', () => shadow()?.querySelector('[data-k=email-code]'));
      await until('the application name', () => shadow().querySelector('.sub'));
      break;
    }
    case 'verify-email': {
      // Sign-up when the address must be verified: the code step.
      clerk.mountSignUp(host, props);
      await until('the email field', () => shadow()?.querySelector('#f-identifier'));
      type('#f-first_name', PEOPLE[0].firstName);
      type('#f-identifier', PEOPLE[0].emailAddress);
      type('#f-password', PASSWORD);
      shadow().querySelector('button[type=submit]').click();
      await until('the code step', () => shadow().querySelector('#f-code'));
      shadow().querySelector('#f-code').blur();
      break;
    }
    case 'code-error': {
      // A wrong code for an emailed sign-in code: the error next to the field.
      await signUpVerified(clerk);
      clerk.mountSignIn(host, props);
      await until('the code links', () => shadow()?.querySelector('[data-k=email-code]'));
      type('#f-identifier', PEOPLE[0].emailAddress);
      shadow().querySelector('[data-k=email-code]').click();
      await until('the code step', () => shadow().querySelector('#f-code'));
      const code = await mailedCode(PEOPLE[0].emailAddress);
      type('#f-code', code === '000000' ? '111111' : '000000');
      await until('the error', () => shadow().querySelector('#e-code'));
      shadow().querySelector('#f-code').blur();
      break;
    }
    case 'new-password': {
      // "Forgot password?": the code, then the new password with "Sign out of other devices".
      await signUpVerified(clerk);
      clerk.mountSignIn(host, props);
      await until('the code links', () => shadow()?.querySelector('[data-k=forgot]'));
      type('#f-identifier', PEOPLE[0].emailAddress);
      shadow().querySelector('[data-k=forgot]').click();
      await until('the code step', () => shadow().querySelector('#f-code'));
      type('#f-code', await mailedCode(PEOPLE[0].emailAddress));
      await until('the new password step', () => shadow().querySelector('#f-others'));
      shadow().querySelector('#f-password').blur();
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
