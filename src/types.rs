//! TypeScript declarations of the plain objects the API takes and returns, added to the generated
//! `.d.ts` next to the classes.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** Connection status of the SDK. */
export type ClerkStatus = "loading" | "ready" | "degraded";
/** Lifecycle state of a session. */
export type SessionStatus = "active" | "ended" | "removed" | "revoked" | "expired" | "abandoned";
/** Options of `new Clerk(url, options)` and `clerk.load(options)`. */
export interface ClerkOptions {
  /** Where `signOut()` of every account goes (no navigation when unset). */
  afterSignOutUrl?: string;
  /** Where signing out of the active account goes while others remain (default: the chooser). */
  afterMultiSessionSingleSignOutUrl?: string;
  /** The sign-in page; its `/choose` route is the account chooser. */
  signInUrl?: string;
  /** Called instead of `location.assign(to)` (client-side routers, tests). */
  navigate?: (to: string) => void | Promise<unknown>;
  /** ClerkJS spelling of `navigate`. */
  routerPush?: (to: string) => void | Promise<unknown>;
  /** Constructor only: answers already on their way, so `load()` does not wait for a round trip
   * that could have started earlier: `fetch(frontendApi + path, { credentials: "include" })` for
   * the paths `"/v1/client"` and `"/v1/environment"` (the script-tag loader starts both beside
   * the wasm download). Each is used once, by the first request for its path (`load()`'s). */
  prefetch?: { "/v1/client"?: Promise<Response>; "/v1/environment"?: Promise<Response> };
}
/** What listeners receive. */
export interface Resources {
  client: Client | null;
  session: Session | null;
  user: User | null;
}
/** A `clerk.addListener` callback. */
export type Listener = (resources: Resources) => void;
/** `clerk.setActive(params)`. */
export interface SetActiveParams {
  session: Session | string | null;
  redirectUrl?: string;
  navigate?: (params: { session: Session | null; decorateUrl: (url: string) => string }) => void | Promise<unknown>;
}
/** `clerk.signOut(options)`. */
export interface SignOutOptions {
  sessionId?: string;
  redirectUrl?: string;
}
/** `session.getToken(options)`. */
export interface GetTokenOptions {
  skipCache?: boolean;
  template?: string;
}
/** `client.signIn.create(params)`. */
export interface SignInParams {
  identifier: string;
  password: string;
}
/** `client.signUp.create(params)`. */
export interface SignUpParams {
  emailAddress: string;
  password: string;
  firstName?: string;
  lastName?: string;
}
/** The outcome of a sign-in. */
export interface SignInAttempt {
  object: "sign_in_attempt";
  id: string | null;
  status: "complete";
  createdSessionId: string | null;
}
/** The outcome of a sign-up. */
export interface SignUpAttempt {
  object: "sign_up_attempt";
  id: string | null;
  status: "complete";
  createdSessionId: string | null;
  createdUserId: string | null;
}
/** One entry of a `ClerkError`'s `errors`. */
export interface ClerkErrorEntry {
  code: string;
  message: string;
  longMessage: string;
  meta: Record<string, string>;
}
/** What every SDK call rejects with. `code` is a stable snake_case code, e.g.
 * `invalid_credentials`, `identifier_already_signed_in`, `session_expired`, `network_error`. */
export interface ClerkError extends Error {
  name: "ClerkError";
  code: string;
  longMessage: string;
  /** The HTTP status, 0 for network and argument errors. */
  status: number;
  /** e.g. `{paramName}` for `invalid_param`, `{sessionId}` for `identifier_already_signed_in`. */
  meta: Record<string, string>;
  errors: ClerkErrorEntry[];
}
/** The data of a `Client` (own properties, merged with the class). */
export interface Client {
  /** `client_...` */
  readonly id: string;
  /** The session last signed in to or switched to on this browser (any tab). */
  readonly lastActiveSessionId: string | undefined;
  /** Every signed-in account on this browser, oldest first (the same array until one changes). */
  readonly sessions: Session[];
  /** Sign-in: `client.signIn.create({identifier, password})`. */
  readonly signIn: SignInResource;
  /** Sign-up: `client.signUp.create({emailAddress, password, firstName?, lastName?})`. */
  readonly signUp: SignUpResource;
}
/** The data of a `Session` (own properties, merged with the class). */
export interface Session {
  /** When the session ends unless used before. */
  readonly abandonAt: Date;
  /** When the session ends whatever happens. */
  readonly expireAt: Date;
  /** `sess_...` */
  readonly id: string;
  /** Last sign-in, switch or token refresh. */
  readonly lastActiveAt: Date;
  /** `"active"`, or how it ended. */
  readonly status: SessionStatus;
  /** The account. */
  readonly user: User;
}
/** The data of a `User` (own properties, merged with the class). */
export interface User {
  /** Given name. */
  readonly firstName: string | undefined;
  /** "First Last", or `undefined` without a name. */
  readonly fullName: string | undefined;
  /** `user_...` */
  readonly id: string;
  /** A picture, or `undefined` (UIs show initials). */
  readonly imageUrl: string | undefined;
  /** Family name. */
  readonly lastName: string | undefined;
  /** The primary email address (`user.primaryEmailAddress.emailAddress`). */
  readonly primaryEmailAddress: EmailAddress;
}
/** The data of an `EmailAddress` (own properties, merged with the class). */
export interface EmailAddress {
  /** The address itself. */
  readonly emailAddress: string;
}
"#;
