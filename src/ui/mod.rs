//! The prebuilt UI on `Clerk` (feature `ui`, on by default): `mountUserButton(el, props?)`,
//! `mountSignIn`, `mountSignUp`, `mountManageAccounts` and their `unmount*(el)`. Each mount renders
//! `clerk-ui`'s component into the element's shadow root, re-renders on every SDK change (so every
//! tab's components follow switches, sign-ins and sign-outs) and performs the component's actions
//! through the SDK. Mounting again on the same element replaces the component.

mod props;

use crate::clerk::Clerk;
use clerk_ui::host::Kind;
use props::{read, read_props, ui_error, ui_options};
use wasm_bindgen::prelude::*;
use web_sys::Element;

#[wasm_bindgen(typescript_custom_section)]
const TS_UI_TYPES: &'static str = r#"
/** `appearance.variables`: CSS custom properties of the components (also settable from page CSS
 * as `--clerk-color-primary` etc. on the element or an ancestor). */
export interface AppearanceVariables {
  colorPrimary?: string;
  colorBackground?: string;
  colorText?: string;
  colorTextSecondary?: string;
  colorBorder?: string;
  colorDanger?: string;
  borderRadius?: string;
  fontFamily?: string;
  fontSize?: string;
}
/** Theming of a component. `theme` defaults to `"system"` (follows `prefers-color-scheme`). */
export interface Appearance {
  theme?: "light" | "dark" | "system" | "auto";
  variables?: AppearanceVariables;
}
/** Every overridable string of the components. Templates use `{name}`, `{app}`, `{device}`,
 * `{browser}`, `{os}`, `{email}` and `{n}` placeholders. */
export type LocalizationKey = "openMenu" | "accountMenu" | "manageAccount" | "signOut" | "signOutOf"
  | "signOutAll" | "switchAccount" | "switchTo" | "switchHint" | "addAccount" | "manageAccounts" | "signInTitle"
  | "signUpTitle" | "continueTo" | "emailLabel" | "passwordLabel" | "firstNameLabel" | "lastNameLabel"
  | "continue" | "noAccount" | "signUpLink" | "haveAccount" | "signInLink" | "chooseAccount"
  | "backToAccounts" | "accountsOnBrowser" | "deviceSessions" | "active" | "thisBrowser" | "switch"
  | "revoke" | "revokeOn" | "noSessions" | "unknownDevice" | "browserOnOs" | "justNow" | "minutesAgo"
  | "hoursAgo" | "daysAgo" | "errorRequired" | "errorInvalidCredentials" | "errorIdentifierExists"
  | "errorAlreadySignedIn" | "errorPasswordTooShort" | "errorTooManyRequests" | "errorNetwork"
  | "errorMaxSessions" | "errorSessionExists" | "errorInvalidParam" | "errorGeneric"
  | "forgotPassword" | "emailCodeInstead" | "checkEmail" | "codeSentTo" | "codeLabel" | "resendCode"
  | "resendCodeIn" | "back" | "newPasswordTitle" | "newPasswordLabel" | "signOutOtherDevices"
  | "errorCodeLength" | "errorCodeIncorrect" | "errorCodeFailed" | "errorCodeExpired" | "errorNotReady"
  | "errorStrategyNotAllowed";
/** String overrides; an unknown key throws a `ClerkError` with code `unknown_localization_key`. */
export type Localization = Partial<Record<LocalizationKey, string>>;
/** Props every component takes. A bad `appearance` throws code `invalid_appearance`. */
export interface ComponentProps {
  appearance?: Appearance;
  localization?: Localization;
}
/** `clerk.mountUserButton(el, props)`. */
export interface UserButtonProps extends ComponentProps {
  /** Where switching to another account goes (default: the instance's setting, else stay). */
  afterSwitchSessionUrl?: string;
  /** Where "Add account" goes (default: the instance's sign-in URL). */
  signInUrl?: string;
  /** Where "Manage account" goes (default: `/account/`). */
  userProfileUrl?: string;
}
/** `clerk.mountSignIn(el, props)`. */
export interface SignInProps extends ComponentProps {
  /** The first view: the form (default), the sign-up form, or "Choose an account". */
  initialView?: "signIn" | "signUp" | "chooser";
  /** Where a successful sign-in (or a pick in the chooser) goes; default: stay. */
  afterSignInUrl?: string;
  /** Where a successful sign-up goes; default: stay. */
  afterSignUpUrl?: string;
  /** Default of both `afterSignInUrl` and `afterSignUpUrl`. */
  redirectUrl?: string;
  /** Where picking an account in the chooser goes (before `afterSignInUrl`). */
  afterSwitchSessionUrl?: string;
}
/** `clerk.mountSignUp(el, props)`. */
export interface SignUpProps extends ComponentProps {
  /** Where a successful sign-up goes; default: stay. */
  afterSignUpUrl?: string;
  /** Default of `afterSignUpUrl` (and of `afterSignInUrl` after switching to sign-in). */
  redirectUrl?: string;
  afterSignInUrl?: string;
}
/** `clerk.mountManageAccounts(el, props)`. */
export interface ManageAccountsProps extends ComponentProps {
  /** Where switching to another account goes. */
  afterSwitchSessionUrl?: string;
  /** Where "Add account" goes (default: the instance's sign-in URL). */
  signInUrl?: string;
}
"#;

#[wasm_bindgen]
extern "C" {
    /// `UserButtonProps`.
    #[wasm_bindgen(typescript_type = "UserButtonProps")]
    pub type UserButtonPropsArg;
    /// `SignInProps`.
    #[wasm_bindgen(typescript_type = "SignInProps")]
    pub type SignInPropsArg;
    /// `SignUpProps`.
    #[wasm_bindgen(typescript_type = "SignUpProps")]
    pub type SignUpPropsArg;
    /// `ManageAccountsProps`.
    #[wasm_bindgen(typescript_type = "ManageAccountsProps")]
    pub type ManageAccountsPropsArg;
}

fn mount(clerk: &Clerk, el: &Element, kind: Kind, props: JsValue) -> Result<(), JsValue> {
    let mut props = read(&props)?;
    let options = ui_options(&mut props)?;
    let props = read_props(&mut props)?;
    clerk_ui::host::mount(clerk.sdk(), el, kind, options, props).map_err(|e| ui_error(&e))
}

fn props(value: Option<impl Into<JsValue>>) -> JsValue {
    value.map(Into::into).unwrap_or(JsValue::UNDEFINED)
}

#[wasm_bindgen]
impl Clerk {
    /// Mounts the UserButton (avatar button and account panel) on `el`.
    #[wasm_bindgen(js_name = mountUserButton)]
    pub fn mount_user_button(
        &self,
        el: &Element,
        props: Option<UserButtonPropsArg>,
    ) -> Result<(), JsValue> {
        mount(self, el, Kind::UserButton, self::props(props))
    }

    /// Removes the UserButton mounted on `el`.
    #[wasm_bindgen(js_name = unmountUserButton)]
    pub fn unmount_user_button(&self, el: &Element) {
        clerk_ui::host::unmount(el, Kind::UserButton);
    }

    /// Mounts the sign-in form (with a sign-up link), or the account chooser with
    /// `initialView: "chooser"`, on `el`.
    #[wasm_bindgen(js_name = mountSignIn)]
    pub fn mount_sign_in(
        &self,
        el: &Element,
        props: Option<SignInPropsArg>,
    ) -> Result<(), JsValue> {
        mount(self, el, Kind::SignIn, self::props(props))
    }

    /// Removes the sign-in component mounted on `el`.
    #[wasm_bindgen(js_name = unmountSignIn)]
    pub fn unmount_sign_in(&self, el: &Element) {
        clerk_ui::host::unmount(el, Kind::SignIn);
    }

    /// Mounts the sign-up form (with a sign-in link) on `el`.
    #[wasm_bindgen(js_name = mountSignUp)]
    pub fn mount_sign_up(
        &self,
        el: &Element,
        props: Option<SignUpPropsArg>,
    ) -> Result<(), JsValue> {
        mount(self, el, Kind::SignUp, self::props(props))
    }

    /// Removes the sign-up component mounted on `el`.
    #[wasm_bindgen(js_name = unmountSignUp)]
    pub fn unmount_sign_up(&self, el: &Element) {
        clerk_ui::host::unmount(el, Kind::SignUp);
    }

    /// Mounts ManageAccounts (this browser's accounts and the user's sessions on every device,
    /// each revocable) on `el`.
    #[wasm_bindgen(js_name = mountManageAccounts)]
    pub fn mount_manage_accounts(
        &self,
        el: &Element,
        props: Option<ManageAccountsPropsArg>,
    ) -> Result<(), JsValue> {
        mount(self, el, Kind::ManageAccounts, self::props(props))
    }

    /// Removes the ManageAccounts component mounted on `el`.
    #[wasm_bindgen(js_name = unmountManageAccounts)]
    pub fn unmount_manage_accounts(&self, el: &Element) {
        clerk_ui::host::unmount(el, Kind::ManageAccounts);
    }
}
