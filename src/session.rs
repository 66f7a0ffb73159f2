//! The methods of a `Session`: `getToken({skipCache?, template?})`, `touch()`, `end()`/`remove()`,
//! each a promise over the Rust SDK's call.

use crate::args::{decode, Str, TOKEN_OPTIONS};
use crate::objects::Session;
use crate::ops::{run, Op};
use crate::options::get;
use clerk_sdk::GetTokenOptions;
use js_sys::Promise;
use wasm_bindgen::prelude::*;

/// `options` as [`GetTokenOptions`] (nothing, `null` or an unreadable value: the defaults).
pub(crate) fn token_options(options: &JsValue) -> GetTokenOptions {
    let mut read = decode(options, TOKEN_OPTIONS).unwrap_or_default();
    GetTokenOptions {
        skip_cache: read.skip_cache || get(options, "skipCache").as_bool() == Some(true),
        template: read.take(Str::Template),
    }
}

#[wasm_bindgen]
impl Session {
    /// A session token (JWT) for this session: from the cache while it has more than ~10 s left,
    /// else one shared request. `null` once the session is gone; a 401 drops the session and
    /// rejects with the server's code.
    #[wasm_bindgen(js_name = getToken, unchecked_return_type = "Promise<string | null>")]
    pub fn get_token(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "GetTokenOptions | null")] options: JsValue,
    ) -> Promise {
        let op = Op::GetToken(self.id.clone(), token_options(&options));
        run(self.sdk.clone(), op)
    }

    /// Marks the session active on the server; resolves with the fresh `Session` (or `null`).
    #[wasm_bindgen(unchecked_return_type = "Promise<Session | null>")]
    pub fn touch(&self) -> Promise {
        let op = Op::Touch(self.id.clone(), self.cache.clone());
        run(self.sdk.clone(), op)
    }

    /// Signs out of this one session (no navigation); the others stay signed in.
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn remove(&self) -> Promise {
        run(self.sdk.clone(), Op::Remove(self.id.clone()))
    }

    /// The same as [`Session::remove`] (ClerkJS spelling).
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn end(&self) -> Promise {
        self.remove()
    }
}
