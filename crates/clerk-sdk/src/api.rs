//! The Frontend API client: every request goes through gloo-net's `Request`/`Response`, with
//! `credentials: include` (the client cookie is HttpOnly on the API's domain). Bodies are
//! `application/x-www-form-urlencoded` (a "simple" request: no CORS preflight), and DELETE is
//! sent as `POST ...?_method=DELETE` for the same reason. Answers are parsed by the browser
//! (`response.json()`) and decoded by serde-wasm-bindgen straight into clerk-protocol's types,
//! the same serde derives the server writes them with. Anything that is not the protocol
//! becomes `network_error`.
//!
//! The first GET of `/v1/client` and `/v1/environment` may use an answer already on its way
//! ([`Prefetch`]: the script-tag loader starts both beside the wasm download).

use crate::error::{from_api_body, network};

use clerk_core::{ClerkError, Result};
use clerk_protocol::{routes, Client, Environment, ErrorBody, SessionList};
use futures_util::future::LocalBoxFuture;
use gloo_net::http::{Request, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::RequestCredentials;

/// An answer already on its way.
pub type PendingResponse = LocalBoxFuture<'static, std::result::Result<Response, gloo_net::Error>>;

/// Answers to GETs started before the SDK ran, each used once by the first request for its path.
#[derive(Default)]
pub struct Prefetch {
    /// `GET /v1/client`.
    pub client: Option<PendingResponse>,
    /// `GET /v1/environment`.
    pub environment: Option<PendingResponse>,
}

impl std::fmt::Debug for Prefetch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Prefetch")
            .field("client", &self.client.is_some())
            .field("environment", &self.environment.is_some())
            .finish()
    }
}

/// The HTTP method of a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verb {
    Get,
    Post,
    Patch,
    Delete,
}

/// The body of a request.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Body<'a> {
    /// None.
    Empty,
    /// `application/x-www-form-urlencoded` text.
    Form(&'a str),
    /// A `FormData` (multipart) or any other value fetch takes as it is.
    Data(&'a wasm_bindgen::JsValue),
}

/// A Frontend API at one base URL, e.g. `https://clerk.example.com` (cheap to clone: clones share
/// the prefetched answers).
#[derive(Debug, Clone)]
pub struct FrontendApi {
    base: Rc<str>,
    prefetch: Rc<RefCell<Prefetch>>,
}

fn join(parts: &[&str]) -> String {
    parts.concat()
}

/// `prefix/{id}/action`, the id percent-encoded.
pub(crate) fn session_path(prefix: &str, id: &str, action: &str) -> String {
    join(&[
        prefix,
        "/",
        &clerk_core::form::path_segment(id),
        "/",
        action,
    ])
}

impl FrontendApi {
    /// A client for the Frontend API at `base` (a trailing slash is dropped).
    pub fn new(base: &str, prefetch: Prefetch) -> Self {
        Self {
            base: base.trim_end_matches('/').into(),
            prefetch: Rc::new(RefCell::new(prefetch)),
        }
    }

    /// The base URL.
    pub fn base_url(&self) -> &str {
        &self.base
    }

    fn url(&self, path: &str) -> String {
        join(&[&self.base, path])
    }

    fn builder(&self, verb: Verb, path: &str) -> RequestBuilder {
        let url = self.url(path);
        let builder = match verb {
            Verb::Get => Request::get(&url),
            Verb::Post => Request::post(&url),
            Verb::Patch => Request::patch(&url),
            Verb::Delete => Request::delete(&url),
        };
        builder.credentials(RequestCredentials::Include)
    }

    /// Sends one request and decodes its JSON answer: `T` on a 2xx, the server's error list
    /// otherwise. (One non-generic function for the network part, one small generic decode.)
    async fn send_raw(
        &self,
        verb: Verb,
        path: &str,
        body: Body<'_>,
        bearer: Option<&str>,
    ) -> Result<(u16, Option<String>, wasm_bindgen::JsValue)> {
        let early = if verb != Verb::Get {
            None
        } else {
            let mut prefetch = self.prefetch.borrow_mut();
            match path {
                routes::CLIENT => prefetch.client.take(),
                routes::ENVIRONMENT => prefetch.environment.take(),
                _ => None,
            }
        };
        let response = match early {
            Some(pending) => pending.await,
            None => {
                let mut builder = self.builder(verb, path);
                if let Some(token) = bearer {
                    builder = builder.header("Authorization", &join(&["Bearer ", token]));
                }
                // A form body is a string with its content type; a `FormData` sets its own
                // (multipart, with the boundary).
                let body: Option<wasm_bindgen::JsValue> = match body {
                    Body::Empty => None,
                    Body::Form(form) => {
                        builder =
                            builder.header("Content-Type", "application/x-www-form-urlencoded");
                        Some(form.into())
                    }
                    Body::Data(data) => Some(data.clone()),
                };
                match body {
                    Some(body) => {
                        builder
                            .body(body)
                            .map_err(|e| network(&e.to_string()))?
                            .send()
                            .await
                    }
                    None => builder.send().await,
                }
            }
        }
        .map_err(|e| network(&e.to_string()))?;
        let status = response.status();
        // Read only on a 429 (cross-origin, the server must list it in
        // Access-Control-Expose-Headers).
        let retry_after = (status == 429)
            .then(|| response.headers().get("retry-after"))
            .flatten();
        let raw: web_sys::Response = response.into();
        let json = raw
            .json()
            .map_err(|_| network("the answer cannot be read"))?;
        let value = wasm_bindgen_futures::JsFuture::from(json)
            .await
            .map_err(|_| network("the answer is not JSON"))?;
        Ok((status, retry_after, value))
    }

    /// Sends one request; its JSON answer on a 2xx, the server's error list otherwise (one
    /// non-generic function: each caller decodes just the field it needs, so every type has one
    /// decoder, not one per envelope).
    pub(crate) fn send<'a>(
        &'a self,
        post: bool,
        path: &'a str,
        body: Option<&'a str>,
        bearer: Option<&'a str>,
    ) -> crate::tasks::Flow<'a, Result<wasm_bindgen::JsValue>> {
        let verb = if post { Verb::Post } else { Verb::Get };
        let body = body.map_or(Body::Empty, Body::Form);
        self.send_as(verb, path, body, bearer)
    }

    /// [`FrontendApi::send`] with any method and body (the account calls: `PATCH`, `DELETE`,
    /// multipart uploads).
    pub(crate) fn send_as<'a>(
        &'a self,
        verb: Verb,
        path: &'a str,
        body: Body<'a>,
        bearer: Option<&'a str>,
    ) -> crate::tasks::Flow<'a, Result<wasm_bindgen::JsValue>> {
        Box::pin(async move {
            let (status, retry_after, value) = self.send_raw(verb, path, body, bearer).await?;
            if (200..300).contains(&status) {
                Ok(value)
            } else {
                let body: ErrorBody = crate::convert::from_js(value)?;
                Err(from_api_body(status, body, retry_after))
            }
        })
    }

    /// One call answered with the fresh client in the field `key` of the answer.
    ///
    /// Size: `GET /v1/client`, touch, remove, sign out of all and revoke are this one flow with
    /// different data; an `async fn` each was a state machine (and drop glue) each.
    fn client_answer<'a>(
        &'a self,
        post: bool,
        path: String,
        bearer: Option<&'a str>,
        key: &'static str,
    ) -> crate::tasks::Flow<'a, Result<Option<Client>>> {
        Box::pin(async move {
            let value = self.send(post, &path, None, bearer).await?;
            decode_field(&value, key)
        })
    }

    /// `GET /v1/client`: the browser's client, or `None` without one.
    pub fn client(&self) -> crate::tasks::Flow<'_, Result<Option<Client>>> {
        self.client_answer(false, routes::CLIENT.to_owned(), None, "response")
    }

    /// `GET /v1/environment`.
    pub async fn environment(&self) -> Result<Environment> {
        crate::convert::from_js(self.send(false, routes::ENVIRONMENT, None, None).await?)
    }

    /// `POST` to a sign-in or sign-up route (creating the attempt or continuing it) with a form
    /// `body`: the attempt as sent (the caller decodes a `SignIn` or a `SignUp`) and the fresh
    /// client. Refused with `client_rotated` (another tab signed in at the same moment), it is
    /// sent once more when the browser holds the new cookie.
    pub async fn attempt(
        &self,
        path: &str,
        body: &str,
    ) -> Result<(wasm_bindgen::JsValue, Option<Client>)> {
        let value = match self.send(true, path, Some(body), None).await {
            Err(e) => match e.rotation_retry_ms() {
                Some(ms) => {
                    gloo_timers::future::TimeoutFuture::new(ms).await;
                    self.send(true, path, Some(body), None).await?
                }
                None => return Err(e),
            },
            Ok(value) => value,
        };
        let response = js_sys::Reflect::get(&value, &wasm_bindgen::JsValue::from_str("response"))
            .map_err(|_| network("an answer that is not an object"))?;
        Ok((response, decode_field(&value, "client")?))
    }

    /// `POST /v1/client/sessions/{id}/touch` or `/remove`: the fresh client.
    pub fn session_action(
        &self,
        session_id: &str,
        action: &str,
    ) -> crate::tasks::Flow<'_, Result<Option<Client>>> {
        let path = session_path(routes::SESSIONS, session_id, action);
        self.client_answer(true, path, None, "client")
    }

    /// `POST /v1/client/sessions/{id}/tokens` (`template` for a JWT template): the JWT.
    pub async fn token(&self, session_id: &str, template: Option<&str>) -> Result<String> {
        let (path, body) = token_request(session_id, template);
        decode_jwt(self.send(true, &path, body.as_deref(), None).await?)
    }

    /// `DELETE /v1/client/sessions` (as `POST ?_method=DELETE`): the fresh, empty client.
    pub fn sign_out_all(&self) -> crate::tasks::Flow<'_, Result<Option<Client>>> {
        let path = join(&[routes::SESSIONS, "?_method=DELETE"]);
        self.client_answer(true, path, None, "client")
    }

    /// `GET /v1/me/sessions` with a session token: the user's sessions on every device.
    pub async fn my_sessions(&self, token: &str) -> Result<SessionList> {
        crate::convert::from_js(
            self.send(false, routes::ME_SESSIONS, None, Some(token))
                .await?,
        )
    }

    /// `POST /v1/me/sessions/{id}/revoke` with a session token: the fresh client.
    pub fn revoke<'a>(
        &'a self,
        token: &'a str,
        session_id: &str,
    ) -> crate::tasks::Flow<'a, Result<Option<Client>>> {
        let path = session_path(routes::ME_SESSIONS, session_id, "revoke");
        self.client_answer(true, path, Some(token), "client")
    }
}

/// The path and form body of a token request (`POST`).
pub(crate) fn token_request(session_id: &str, template: Option<&str>) -> (String, Option<String>) {
    let path = session_path(routes::SESSIONS, session_id, "tokens");
    let body = template.map(|t| clerk_core::form::encode(&[("template", Some(t))]));
    (path, body)
}

/// The JWT of a token answer.
pub(crate) fn decode_jwt(value: wasm_bindgen::JsValue) -> Result<String> {
    let token: clerk_protocol::Token = crate::convert::from_js(value)?;
    Ok(token.jwt)
}

/// Decodes the field `key` of a parsed answer.
pub fn decode_field<T: DeserializeOwned>(value: &wasm_bindgen::JsValue, key: &str) -> Result<T> {
    let field = js_sys::Reflect::get(value, &wasm_bindgen::JsValue::from_str(key))
        .map_err(|_| network("an answer that is not an object"))?;
    crate::convert::from_js(field)
}

/// Whether `err` came from a request the server never answered.
pub fn is_network(err: &ClerkError) -> bool {
    matches!(err, ClerkError::Network(_))
}
