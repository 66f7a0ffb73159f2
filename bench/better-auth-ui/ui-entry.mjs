// The complete multi-session UI of a Better Auth app, for `cargo xtask bench size`: the
// Better Auth React client with multiSessionClient, and Better Auth UI's <UserButton /> (its
// Switch Account submenu needs `multiSession`) rendered by React, as its docs set it up. esbuild
// bundles only what this path uses; Better Auth UI's Tailwind CSS is not counted.
import { createAuthClient } from 'better-auth/react';
import { multiSessionClient } from 'better-auth/client/plugins';
import { AuthUIProvider, UserButton } from '@daveyplate/better-auth-ui';
import { createElement as h } from 'react';
import { createRoot } from 'react-dom/client';

const authClient = createAuthClient({ plugins: [multiSessionClient()] });
createRoot(document.getElementById('root')).render(
  h(AuthUIProvider, { authClient, multiSession: true, navigate: (href) => location.assign(href) }, h(UserButton)),
);
