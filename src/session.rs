//! The methods of a `Session`: `getToken({skipCache?, template?})`, `touch()`, `end()`/`remove()`.

use crate::inner::Inner;
use crate::objects::Session;
use crate::options::{get_bool, get_string};
use crate::tokens;
use js_sys::Promise;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

impl Session {
    fn with_inner(&self) -> Result<Rc<Inner>, Promise> {
        self.inner
            .upgrade()
            .ok_or_else(|| Promise::reject(&JsValue::from_str("this Clerk instance is gone")))
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
        let inner = match self.with_inner() {
            Ok(inner) => inner,
            Err(rejected) => return rejected,
        };
        tokens::get_token(
            &inner,
            &self.id,
            get_string(&options, "template"),
            get_bool(&options, "skipCache"),
        )
    }

    /// Marks the session active on the server; resolves with the fresh `Session` (or `null`).
    #[wasm_bindgen(unchecked_return_type = "Promise<Session | null>")]
    pub fn touch(&self) -> Promise {
        let (weak, id) = (self.inner.clone(), self.id.clone());
        crate::tasks::promise(async move {
            let Some(inner) = weak.upgrade() else {
                return Ok(JsValue::NULL);
            };
            crate::actions::session_call(&inner, &id, crate::actions::After::Apply).await?;
            let session = inner.objects.borrow().session(&id);
            Ok(session.unwrap_or(JsValue::NULL))
        })
    }

    /// Signs out of this one session (no navigation); the others stay signed in.
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn remove(&self) -> Promise {
        match self.with_inner() {
            Ok(inner) => crate::actions::sign_out_quietly(&inner, self.id.clone()),
            Err(rejected) => rejected,
        }
    }

    /// The same as [`Session::remove`] (ClerkJS spelling).
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn end(&self) -> Promise {
        self.remove()
    }
}
