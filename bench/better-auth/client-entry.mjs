// The Better Auth browser client the benchmarks bundle with esbuild (size, and the browser
// benchmark's page): createAuthClient with the multiSessionClient plugin, as its docs show.
import { createAuthClient } from 'better-auth/client';
import { multiSessionClient } from 'better-auth/client/plugins';

export const authClient = createAuthClient({ plugins: [multiSessionClient()] });
