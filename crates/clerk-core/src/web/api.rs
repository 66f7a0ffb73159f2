//! The Frontend API client over gloo-net.
//!
//! Every request sends `credentials: include` (the client cookie is HttpOnly on the API's domain),
//! bodies are `application/x-www-form-urlencoded` (a "simple" request: no CORS preflight), and
//! DELETE is sent as `POST ...?_method=DELETE` for the same reason. Answers are parsed with the
//! browser's JSON parser; anything that is not the protocol becomes `network_error`.

use super::json;
use crate::error::{ClerkError, Result};
use crate::form;
use clerk_protocol::{routes, Client, ClientEnvelope, Environment, ErrorBody, SessionList, SignIn, SignUp, Token};
use gloo_net::http::{Request, RequestBuilder};
use serde::de::DeserializeOwned;
use wasm_bindgen::JsValue;
use web_sys::RequestCredentials;

/// A Frontend API at one base URL, e.g. `https://clerk.example.com`.
#[derive(Debug, Clone)]
pub struct FrontendApi {
    base: String,
}

/// The `client` of an envelope whose `response` the caller does not need.
#[derive(serde::Deserialize)]
struct ClientOnly {
    #[serde(default)]
    client: Option<Client>,
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

impl FrontendApi {
    /// A client for the API at `base_url` (a trailing `/` is ignored).
    pub fn new(base_url: &str) -> Self {
        Self { base: base_url.trim_end_matches('/').to_owned() }
    }

    /// The base URL, without a trailing `/`.
    pub fn base_url(&self) -> &str {
        &self.base
    }

    async fn send(&self, builder: RequestBuilder, body: Option<String>) -> Result<JsValue> {
        let builder = builder.credentials(RequestCredentials::Include);
        let request = match body {
            Some(body) => builder.header("Content-Type", "application/x-www-form-urlencoded").body(body),
            None => builder.build(),
        }
        .map_err(|e| ClerkError::Network(e.to_string()))?;
        let response = request.send().await.map_err(|e| ClerkError::Network(e.to_string()))?;
        let status = response.status();
        let text = response.text().await.map_err(|e| ClerkError::Network(e.to_string()))?;
        let value = json::parse(&text)?;
        if response.ok() {
            return Ok(value);
        }
        match json::from_js::<ErrorBody>(value) {
            Ok(body) if !body.errors.is_empty() => Err(ClerkError::Api { status, errors: body.errors }),
            _ => Err(ClerkError::Network(format!("unexpected answer with status {status}"))),
        }
    }

    async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T> {
        json::from_js(self.send(Request::get(&format!("{}{path}", self.base)), None).await?)
    }

    async fn post<T: DeserializeOwned>(&self, path: &str, body: String) -> Result<T> {
        json::from_js(self.send(Request::post(&format!("{}{path}", self.base)), Some(body)).await?)
    }

    async fn bearer<T: DeserializeOwned>(&self, builder: RequestBuilder, token: &str) -> Result<T> {
        json::from_js(self.send(builder.header("Authorization", &format!("Bearer {token}")), None).await?)
    }

    /// `GET /v1/environment`.
    pub async fn environment(&self) -> Result<Environment> {
        self.get(routes::ENVIRONMENT).await
    }

    /// `GET /v1/client`: the browser's client, `None` when it has none.
    pub async fn client(&self) -> Result<Option<Client>> {
        let envelope: ClientEnvelope<Option<Client>> = self.get(routes::CLIENT).await?;
        Ok(envelope.response.or(envelope.client))
    }

    /// `POST /v1/client/sign_ins`.
    pub async fn sign_in(&self, identifier: &str, password: &str) -> Result<ClientEnvelope<SignIn>> {
        let body = form::encode(&[("identifier", Some(identifier)), ("password", Some(password))]);
        self.post(routes::SIGN_INS, body).await
    }

    /// `POST /v1/client/sign_ups`.
    pub async fn sign_up(&self, p: &SignUpParams) -> Result<ClientEnvelope<SignUp>> {
        let body = form::encode(&[
            ("email_address", Some(&p.email_address)),
            ("password", Some(&p.password)),
            ("first_name", p.first_name.as_deref()),
            ("last_name", p.last_name.as_deref()),
        ]);
        self.post(routes::SIGN_UPS, body).await
    }

    /// `POST /v1/client/sessions/{id}/touch`: the fresh client.
    pub async fn touch(&self, session_id: &str) -> Result<Option<Client>> {
        let path = routes::session_touch(&form::path_segment(session_id));
        Ok(self.post::<ClientOnly>(&path, String::new()).await?.client)
    }

    /// `POST /v1/client/sessions/{id}/remove`: the fresh client.
    pub async fn remove(&self, session_id: &str) -> Result<Option<Client>> {
        let path = routes::session_remove(&form::path_segment(session_id));
        Ok(self.post::<ClientOnly>(&path, String::new()).await?.client)
    }

    /// `DELETE /v1/client/sessions` (sent as `POST ?_method=DELETE`): the fresh client.
    pub async fn sign_out_all(&self) -> Result<Option<Client>> {
        let path = format!("{}?_method=DELETE", routes::SESSIONS);
        Ok(self.post::<ClientOnly>(&path, String::new()).await?.client)
    }

    /// `POST /v1/client/sessions/{id}/tokens` (with `template` as a form field when given): the JWT.
    pub async fn token(&self, session_id: &str, template: Option<&str>) -> Result<String> {
        let path = routes::session_tokens(&form::path_segment(session_id));
        let value = self.send(Request::post(&format!("{}{path}", self.base)), Some(form::encode(&[("template", template)]))).await?;
        let response = js_sys::Reflect::get(&value, &JsValue::from_str("response")).unwrap_or(JsValue::UNDEFINED);
        let token: Token = json::from_js(if response.is_object() { response } else { value })?;
        Ok(token.jwt)
    }

    /// `GET /v1/me/sessions`, authorised by a session token.
    pub async fn me_sessions(&self, token: &str) -> Result<SessionList> {
        self.bearer(Request::get(&format!("{}{}", self.base, routes::ME_SESSIONS)), token).await
    }

    /// `POST /v1/me/sessions/{id}/revoke`, authorised by a session token.
    pub async fn revoke(&self, token: &str, session_id: &str) -> Result<()> {
        let path = routes::me_session_revoke(&form::path_segment(session_id));
        let builder = Request::post(&format!("{}{path}", self.base)).header("Authorization", &format!("Bearer {token}"));
        self.send(builder, None).await.map(drop)
    }
}
