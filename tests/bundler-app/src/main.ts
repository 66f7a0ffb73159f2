// clerk-wasm as an npm user writes it: the package's default export instantiates the wasm (Vite
// emits it as a hashed asset), then load, mount the UserButton, and sign up from a form.
import init, { Clerk, type ClerkError, type Resources } from 'clerk-wasm';

function byId<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing from index.html`);
  return el as T;
}

await init();
const clerk = new Clerk(location.origin);
await clerk.load();
clerk.mountUserButton(byId('user-button'));

function render({ user }: Resources): void {
  byId('status').textContent = clerk.status;
  byId('active').textContent = user ? user.primaryEmailAddress.emailAddress : 'none';
}
render(clerk);
clerk.addListener(render);

const form = byId<HTMLFormElement>('sign-up');
form.addEventListener('submit', async (event: SubmitEvent) => {
  event.preventDefault();
  const fields = new FormData(form);
  const error = byId('error');
  error.textContent = '';
  try {
    const client = clerk.client;
    if (!client) throw new Error('clerk.load() gave no client');
    await client.signUp.create({
      emailAddress: String(fields.get('email')),
      password: String(fields.get('password')),
    });
  } catch (e) {
    const failure = e as ClerkError;
    error.textContent = failure.code ? `${failure.code}: ${failure.message}` : String(e);
  }
});
// Type-checked only (tsc under strict): the emailed-code flows with ClerkJS's names.
export async function emailFlows(code: string): Promise<string | null> {
  const client = clerk.client;
  if (!client) return null;
  const up = await client.signUp.create({ emailAddress: 'a@example.com', password: 'pw' });
  if (up.status === 'missing_requirements' && up.unverifiedFields.includes('email_address')) {
    await up.prepareEmailAddressVerification({ strategy: 'email_code' });
    const done = await up.attemptEmailAddressVerification({ code });
    const expires: Date | null = done.verifications.emailAddress?.expireAt ?? null;
    void expires;
  }
  const reset = await client.signIn.create({
    strategy: 'reset_password_email_code',
    identifier: 'a@example.com',
  });
  const factor = reset.supportedFirstFactors.find((f) => f.strategy === 'email_code');
  void factor?.safeIdentifier;
  const again = await reset.prepareFirstFactor({ strategy: 'reset_password_email_code' });
  const next = await again.attemptFirstFactor({ strategy: 'reset_password_email_code', code });
  if (next.status === 'needs_new_password') {
    const done = await next.resetPassword({ password: 'new pw', signOutOfOtherSessions: true });
    return done.createdSessionId;
  }
  try {
    const viaCode = await client.signIn.create({ strategy: 'email_code', identifier: 'b@x.io' });
    const left = viaCode.firstFactorVerification?.attempts ?? 0;
    return (await viaCode.attemptFirstFactor({ strategy: 'email_code', code })).id ?? String(left);
  } catch (e) {
    const failure = e as ClerkError;
    return failure.code === 'form_code_incorrect' ? (failure.meta.attemptsLeft ?? null) : null;
  }
}
document.body.dataset.ready = 'true';
