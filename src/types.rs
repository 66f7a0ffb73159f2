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
/** How a sign-in proves who it is. */
export type SignInStrategy = "password" | "email_code" | "reset_password_email_code";
/** `client.signIn.create(params)`: `strategy` defaults to `"password"`, which needs `password`. */
export interface SignInParams {
  strategy?: SignInStrategy;
  identifier: string;
  password?: string;
}
/** `signInAttempt.prepareFirstFactor(params)`: mail a (new) code. */
export interface PrepareFirstFactorParams {
  strategy: "email_code" | "reset_password_email_code";
}
/** `signInAttempt.attemptFirstFactor(params)`: the mailed code, or the password. */
export type AttemptFirstFactorParams =
  | { strategy: "email_code" | "reset_password_email_code"; code: string }
  | { strategy: "password"; password: string };
/** `signInAttempt.resetPassword(params)` once the reset code was right. */
export interface ResetPasswordParams {
  password: string;
  /** Revoke the account's other sessions on every device (default `true`). */
  signOutOfOtherSessions?: boolean;
}
/** `client.signUp.create(params)`. */
export interface SignUpParams {
  emailAddress: string;
  password: string;
  firstName?: string;
  lastName?: string;
}
/** The state of a mailed code. */
export interface Verification {
  status: "unverified" | "verified" | "failed" | "expired";
  strategy: string;
  /** Wrong attempts on the current code. */
  attempts: number;
  /** When the current code stops working; `null` before one was sent. */
  expireAt: Date | null;
}
/** One way to complete a sign-in. */
export interface SignInFactor {
  strategy: SignInStrategy;
  /** The address a code goes to, partly masked (`j***@example.com`); `null` for a password. */
  safeIdentifier: string | null;
}
/** A sign-in attempt (own properties, merged with the class). */
export interface SignInAttempt {
  readonly object: "sign_in_attempt";
  /** `sia_...`; `null` when the account was already signed in here and the SDK switched to it. */
  readonly id: string | null;
  readonly status: "needs_first_factor" | "needs_new_password" | "complete";
  /** The email address the attempt is for. */
  readonly identifier: string | null;
  readonly supportedFirstFactors: SignInFactor[];
  /** The mailed code, once one was sent. */
  readonly firstFactorVerification: Verification | null;
  /** The session now active in this tab, once complete. */
  readonly createdSessionId: string | null;
}
/** A sign-up attempt (own properties, merged with the class). */
export interface SignUpAttempt {
  readonly object: "sign_up_attempt";
  readonly id: string | null;
  /** `missing_requirements` until the email address is verified (when the instance asks). */
  readonly status: "missing_requirements" | "complete";
  readonly emailAddress: string | null;
  readonly missingFields: string[];
  /** e.g. `["email_address"]`. */
  readonly unverifiedFields: string[];
  readonly verifications: { emailAddress: Verification | null };
  /** The session now active in this tab, once complete. */
  readonly createdSessionId: string | null;
  readonly createdUserId: string | null;
  /** When an unfinished sign-up is forgotten. */
  readonly abandonAt: Date | null;
}
/** One entry of a `ClerkError`'s `errors`. */
export interface ClerkErrorEntry {
  code: string;
  message: string;
  longMessage: string;
  meta: Record<string, string>;
}
/** What every SDK call rejects with. `code` is a stable snake_case code, e.g.
 * `invalid_credentials`, `identifier_already_signed_in`, `session_expired`, `network_error`,
 * `form_code_incorrect` (`meta.attemptsLeft`), `verification_failed`, `verification_expired`,
 * `too_many_requests` (`meta.retryAfter`, seconds, from `Retry-After`),
 * `reverification_required` (`meta.maxAgeSecs`: verify the session with
 * `session.verifyWithPassword` or an emailed code, then call again), `form_password_incorrect`,
 * `form_identifier_exists`, `image_invalid`, `image_too_large`. */
export interface ClerkError extends Error {
  name: "ClerkError";
  code: string;
  longMessage: string;
  /** The HTTP status, 0 for network and argument errors. */
  status: number;
  /** e.g. `{paramName}` for `invalid_param`, `{sessionId}` for `identifier_already_signed_in`,
   * `{attemptsLeft}` for `form_code_incorrect`, `{retryAfter}` for `too_many_requests`,
   * `{maxAgeSecs}` for `reverification_required`. */
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
  /** Sign-in: `client.signIn.create({strategy?, identifier, password?})`. */
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
  /** Every address of the account, verified or not. */
  readonly emailAddresses: EmailAddress[];
  /** `idn_...` of the primary address. */
  readonly primaryEmailAddressId: string | undefined;
  /** The primary email address: the entry of `emailAddresses` whose id is
   * `primaryEmailAddressId` (`user.primaryEmailAddress.emailAddress`). */
  readonly primaryEmailAddress: EmailAddress;
}
/** The data of an `EmailAddress` (own properties, merged with the class). */
export interface EmailAddress {
  /** `idn_...` */
  readonly id: string;
  /** The address itself. */
  readonly emailAddress: string;
  /** `verified` (strategy `email_code` or `admin`), or the state of its current code. */
  readonly verification: Verification;
}
/** `user.update(params)`: `undefined` leaves a field unchanged, `""` clears a name. Changing
 * the primary address (a verified one) is a sensitive change. */
export interface UpdateUserParams {
  firstName?: string;
  lastName?: string;
  primaryEmailAddressId?: string;
}
/** `user.updatePassword(params)` (a sensitive change). */
export interface UpdatePasswordParams {
  currentPassword: string;
  newPassword: string;
  /** Revoke the account's other sessions on every device (default `true`); this session and
   * the other accounts on this browser stay signed in. */
  signOutOfOtherSessions?: boolean;
}
/** What the session re-verification calls resolve with. */
export interface SessionVerification {
  readonly object: "session_verification";
  /** `complete` once the first factor was right (sensitive changes then pass for
   * `maxAgeSecs`), else `needs_first_factor`. */
  readonly status: "complete" | "needs_first_factor";
  /** `password` (when the account has one) and `email_code` (when mail is configured). */
  readonly supportedFirstFactors: string[];
  /** The session, as it is now. */
  readonly session: Session | null;
}
"#;
