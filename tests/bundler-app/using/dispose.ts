// Type-checked by `tsc -p tsconfig.using.json` (lib ESNext): where the app's lib declares
// `Symbol.dispose`, clerk-wasm's classes are `Disposable`, so `using` frees them.
import { Clerk } from 'clerk-wasm';

export function frontendApiOf(origin: string): string {
  using clerk = new Clerk(origin);
  return clerk.frontendApi;
}
