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
document.body.dataset.ready = 'true';
