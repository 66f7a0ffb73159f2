// The Better Auth client of the browser benchmark's page (bundled with esbuild as an IIFE):
// createAuthClient + multiSessionClient on the page's own origin, as window.authClient.
import { createAuthClient } from 'better-auth/client';
import { multiSessionClient } from 'better-auth/client/plugins';

window.authClient = createAuthClient({ baseURL: location.origin, plugins: [multiSessionClient()] });
