//! The Frontend API client, over one direct `fetch` binding.
//!
//! Every request goes through one non-generic function ([`FrontendApi::send`]): it sends
//! `credentials: include` (the client cookie is HttpOnly on the API's domain), bodies are
//! `application/x-www-form-urlencoded` (a "simple" request: no CORS preflight), and DELETE is
//! sent as `POST ...?_method=DELETE` for the same reason. Answers are parsed by the browser
//! (`response.json()`); anything that is not the protocol becomes `network_error`.

use super::decode::{self, get};
use super::js::{self, concat};
use crate::error::{ClerkError, Result};
use crate::form;
use clerk_protocol::{routes, Client, ClientEnvelope, Environment, SessionList, SignIn, SignUp};
use js_sys::{Function, Object, Promise};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// A Frontend API at one base URL, e.g. `https://clerk.example.com`.
#[derive(Debug, Clone)]
pub struct FrontendApi {
    base: String,
    /// Answers to GETs started before the SDK ran, by path (see [`FrontendApi::new`]): a JS
    /// object shared by every clone, each entry used once.
    early: JsValue,
}

/// The fields of a sign-up.
#[derive(Debug, Clone, Default)]
pub struct SignUpParams {
    /// The new account's email address.
    pub email_address: String,
    /// Its password.
    pub password: String,
    /// Given name.
    pub first_name: Option<String>,
    /// Family name.
    pub last_name: Option<String>,
}

fn network(detail: &str) -> ClerkError {
    ClerkError::Network(detail.into())
}

/// `POST /v1/client/sessions/{id}/{action}` (and the `/v1/me/...` twin).
fn session_path(prefix: &str, id: &str, action: &str) -> String {
    concat(&[prefix, "/", &form::path_segment(id), "/", action])
}

/// Awaits a promise a method of `obj` returns (`obj[name]()`).
async fn call_async(obj: &JsValue, name: &str) -> std::result::Result<JsValue, JsValue> {
    let method: Function = get(obj, name).dyn_into()?;
    JsFuture::from(Promise::from(method.call0(obj)?)).await
}

impl FrontendApi {
    /// A client for the API at `base_url` (a trailing `/` is ignored). `prefetch` (or
    /// `undefined`) maps paths to answers already on their way: `prefetch["/v1/client"]` is the
    /// `Response` (or a promise of it) to `fetch(base + "/v1/client", {credentials: "include"})`
    /// started before the SDK ran (the script-tag loader starts `/v1/client` and
    /// `/v1/environment` beside the wasm download). The first GET of such a path awaits it
    /// instead of fetching, and removes it from the object; later ones fetch.
    pub fn new(base_url: &str, prefetch: JsValue) -> Self {
        Self {
            base: base_url.trim_end_matches('/').to_owned(),
            early: prefetch,
        }
    }

    /// The base URL, without a trailing `/`.
    pub fn base_url(&self) -> &str {
        &self.base
    }

    /// The one request function: `GET` or `POST`, answered with parsed
    /// JSON on 2xx, else the server's error list (or `network_error`).
    async fn send(
        &self,
        post: bool,
        path: &str,
        body: Option<&str>,
        bearer: Option<&str>,
    ) -> Result<JsValue> {
        let init: JsValue = Object::new().into();
        let headers: JsValue = Object::new().into();
        js::set(
            &init,
            "method",
            &JsValue::from_str(if post { "POST" } else { "GET" }),
        );
        js::set(&init, "credentials", &JsValue::from_str("include"));
        if let Some(body) = body {
            js::set(
                &headers,
                "Content-Type",
                &JsValue::from_str("application/x-www-form-urlencoded"),
            );
            js::set(&init, "body", &JsValue::from_str(body));
        }
        if let Some(token) = bearer {
            js::set(
                &headers,
                "Authorization",
                &JsValue::from_str(&concat(&["Bearer ", token])),
            );
        }
        js::set(&init, "headers", &headers);
        let url = concat(&[&self.base, path]);
        let early = if post || bearer.is_some() {
            JsValue::UNDEFINED
        } else {
            get(&self.early, path)
        };
        let promise = if early.is_undefined() {
            js::fetch(&JsValue::from_str(&url), &init)
                .map_err(|_| network("the request could not be built"))?
        } else {
            js::set(&self.early, path, &JsValue::UNDEFINED);
            // A `Response` or a promise of one.
            Promise::resolve(&early)
        };
        let response = JsFuture::from(promise)
            .await
            .map_err(|_| network("the server could not be reached"))?;
        let status = get(&response, "status").as_f64().unwrap_or(0.0) as u16;
        // Parsed by the browser straight from the body: the text never crosses into the wasm
        // and back (two copies of the body and their UTF-8 conversions).
        let value = call_async(&response, "json")
            .await
            .map_err(|_| network("the answer is not JSON"))?;
        if (200..300).contains(&status) {
            return Ok(value);
        }
        match decode::errors(&value) {
            Some(errors) => Err(ClerkError::Api { status, errors }),
            None => {
                let mut detail = String::from("unexpected answer with status ");
                crate::error::push_int(&mut detail, status.into());
                Err(ClerkError::Network(detail))
            }
        }
    }

    async fn post_for_client(&self, path: &str) -> Result<Option<Client>> {
        decode::opt_client(&get(
            &self.send(true, path, Some(""), None).await?,
            "client",
        ))
    }

    /// `GET /v1/environment`.
    pub async fn environment(&self) -> Result<Environment> {
        decode::environment(&self.send(false, routes::ENVIRONMENT, None, None).await?)
    }

    /// `GET /v1/client`: the browser's client, `None` when it has none.
    pub async fn client(&self) -> Result<Option<Client>> {
        let envelope = self.send(false, routes::CLIENT, None, None).await?;
        // `response`, else `client`: one decode (the other field is not read when unused).
        let response = get(&envelope, "response");
        if response.is_null() || response.is_undefined() {
            decode::opt_client(&get(&envelope, "client"))
        } else {
            decode::opt_client(&response)
        }
    }

    /// `POST /v1/client/sign_ins`.
    pub async fn sign_in(
        &self,
        identifier: &str,
        password: &str,
    ) -> Result<ClientEnvelope<SignIn>> {
        let body = form::encode(&[
            ("identifier", Some(identifier)),
            ("password", Some(password)),
        ]);
        let envelope = self.send(true, routes::SIGN_INS, Some(&body), None).await?;
        Ok(ClientEnvelope {
            response: decode::sign_in(&get(&envelope, "response"))?,
            client: decode::opt_client(&get(&envelope, "client"))?,
        })
    }

    /// `POST /v1/client/sign_ups` when `sign_up`, else `POST /v1/client/sign_ins`, with a form
    /// `body` already encoded: the attempt (a sign-in's has no `created_user_id`) and the fresh
    /// client. One request path for both keeps the SDK's wasm small. Refused with
    /// `client_rotated` (another tab signed in at the same moment), it is sent once more.
    pub async fn create_attempt(
        &self,
        sign_up: bool,
        body: &str,
    ) -> Result<ClientEnvelope<SignUp>> {
        let route = if sign_up {
            routes::SIGN_UPS
        } else {
            routes::SIGN_INS
        };
        let envelope = match self.send(true, route, Some(body), None).await {
            Err(e) => match e.rotation_retry_ms() {
                Some(ms) => {
                    super::timer::sleep(ms).await;
                    self.send(true, route, Some(body), None).await?
                }
                None => return Err(e),
            },
            Ok(envelope) => envelope,
        };
        Ok(ClientEnvelope {
            response: decode::sign_up(&get(&envelope, "response"))?,
            client: decode::opt_client(&get(&envelope, "client"))?,
        })
    }

    /// `POST /v1/client/sessions/{id}/{action}` (`touch`, `remove`): the fresh client.
    pub async fn session_action(&self, session_id: &str, action: &str) -> Result<Option<Client>> {
        self.post_for_client(&session_path(routes::SESSIONS, session_id, action))
            .await
    }

    /// `POST /v1/client/sign_ups`.
    pub async fn sign_up(&self, p: &SignUpParams) -> Result<ClientEnvelope<SignUp>> {
        let body = form::encode(&[
            ("email_address", Some(&p.email_address)),
            ("password", Some(&p.password)),
            ("first_name", p.first_name.as_deref()),
            ("last_name", p.last_name.as_deref()),
        ]);
        let envelope = self.send(true, routes::SIGN_UPS, Some(&body), None).await?;
        Ok(ClientEnvelope {
            response: decode::sign_up(&get(&envelope, "response"))?,
            client: decode::opt_client(&get(&envelope, "client"))?,
        })
    }

    /// `POST /v1/client/sessions/{id}/touch`: the fresh client.
    pub async fn touch(&self, session_id: &str) -> Result<Option<Client>> {
        self.post_for_client(&session_path(routes::SESSIONS, session_id, "touch"))
            .await
    }

    /// `POST /v1/client/sessions/{id}/remove`: the fresh client.
    pub async fn remove(&self, session_id: &str) -> Result<Option<Client>> {
        self.post_for_client(&session_path(routes::SESSIONS, session_id, "remove"))
            .await
    }

    /// `DELETE /v1/client/sessions` (sent as `POST ?_method=DELETE`): the fresh client.
    pub async fn sign_out_all(&self) -> Result<Option<Client>> {
        self.post_for_client(&concat(&[routes::SESSIONS, "?_method=DELETE"]))
            .await
    }

    /// `POST /v1/client/sessions/{id}/tokens` (with `template` as a form field when given): the JWT.
    pub async fn token(&self, session_id: &str, template: Option<&str>) -> Result<String> {
        let path = session_path(routes::SESSIONS, session_id, "tokens");
        let body = form::encode(&[("template", template)]);
        decode::jwt(&self.send(true, &path, Some(&body), None).await?)
    }

    /// `GET /v1/me/sessions`, authorised by a session token.
    pub async fn me_sessions(&self, token: &str) -> Result<SessionList> {
        decode::session_list(
            &self
                .send(false, routes::ME_SESSIONS, None, Some(token))
                .await?,
        )
    }

    /// `POST /v1/me/sessions/{id}/revoke`, authorised by a session token.
    pub async fn revoke(&self, token: &str, session_id: &str) -> Result<()> {
        let path = session_path(routes::ME_SESSIONS, session_id, "revoke");
        self.send(true, &path, None, Some(token)).await.map(drop)
    }
}
