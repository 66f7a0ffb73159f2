//! The Frontend API client over gloo-net.
//!
//! Every request sends `credentials: include` (the client cookie is HttpOnly on the API's domain),
//! bodies are `application/x-www-form-urlencoded` (a "simple" request: no CORS preflight), and
//! DELETE is sent as `POST ...?_method=DELETE` for the same reason. Answers are parsed with the
//! browser's JSON parser; anything that is not the protocol becomes `network_error`.

use super::decode::{self, get};
use super::json;
use crate::error::{ClerkError, Result};
use crate::form;
use clerk_protocol::{routes, Client, ClientEnvelope, Environment, SessionList, SignIn, SignUp};
use gloo_net::http::{Request, RequestBuilder};
use wasm_bindgen::JsValue;
use web_sys::RequestCredentials;

/// A Frontend API at one base URL, e.g. `https://clerk.example.com`.
#[derive(Debug, Clone)]
pub struct FrontendApi {
    base: String,
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
        Self {
            base: base_url.trim_end_matches('/').to_owned(),
        }
    }

    /// The base URL, without a trailing `/`.
    pub fn base_url(&self) -> &str {
        &self.base
    }

    async fn send(&self, builder: RequestBuilder, body: Option<String>) -> Result<JsValue> {
        let builder = builder.credentials(RequestCredentials::Include);
        let request = match body {
            Some(body) => builder
                .header("Content-Type", "application/x-www-form-urlencoded")
                .body(body),
            None => builder.build(),
        }
        .map_err(|_| ClerkError::Network("the request could not be built".into()))?;
        let response = request
            .send()
            .await
            .map_err(|_| ClerkError::Network("the server could not be reached".into()))?;
        let status = response.status();
        let text = response
            .text()
            .await
            .map_err(|_| ClerkError::Network("the answer could not be read".into()))?;
        let value = json::parse(&text)?;
        if response.ok() {
            return Ok(value);
        }
        match decode::errors(&value) {
            Some(errors) => Err(ClerkError::Api { status, errors }),
            None => Err(ClerkError::Network(format!(
                "unexpected answer with status {status}"
            ))),
        }
    }

    async fn get(&self, path: &str) -> Result<JsValue> {
        self.send(Request::get(&format!("{}{path}", self.base)), None)
            .await
    }

    async fn post(&self, path: &str, body: String) -> Result<JsValue> {
        self.send(Request::post(&format!("{}{path}", self.base)), Some(body))
            .await
    }

    async fn post_for_client(&self, path: &str) -> Result<Option<Client>> {
        decode::opt_client(&get(&self.post(path, String::new()).await?, "client"))
    }

    fn bearer(&self, builder: RequestBuilder, token: &str) -> RequestBuilder {
        builder.header("Authorization", &format!("Bearer {token}"))
    }

    /// `GET /v1/environment`.
    pub async fn environment(&self) -> Result<Environment> {
        decode::environment(&self.get(routes::ENVIRONMENT).await?)
    }

    /// `GET /v1/client`: the browser's client, `None` when it has none.
    pub async fn client(&self) -> Result<Option<Client>> {
        let envelope = self.get(routes::CLIENT).await?;
        Ok(decode::opt_client(&get(&envelope, "response"))?
            .or(decode::opt_client(&get(&envelope, "client"))?))
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
        let envelope = self.post(routes::SIGN_INS, body).await?;
        Ok(ClientEnvelope {
            response: decode::sign_in(&get(&envelope, "response"))?,
            client: decode::opt_client(&get(&envelope, "client"))?,
        })
    }

    /// `POST /v1/client/sign_ups`.
    pub async fn sign_up(&self, p: &SignUpParams) -> Result<ClientEnvelope<SignUp>> {
        let body = form::encode(&[
            ("email_address", Some(&p.email_address)),
            ("password", Some(&p.password)),
            ("first_name", p.first_name.as_deref()),
            ("last_name", p.last_name.as_deref()),
        ]);
        let envelope = self.post(routes::SIGN_UPS, body).await?;
        Ok(ClientEnvelope {
            response: decode::sign_up(&get(&envelope, "response"))?,
            client: decode::opt_client(&get(&envelope, "client"))?,
        })
    }

    /// `POST /v1/client/sessions/{id}/touch`: the fresh client.
    pub async fn touch(&self, session_id: &str) -> Result<Option<Client>> {
        let path = routes::session_touch(&form::path_segment(session_id));
        self.post_for_client(&path).await
    }

    /// `POST /v1/client/sessions/{id}/remove`: the fresh client.
    pub async fn remove(&self, session_id: &str) -> Result<Option<Client>> {
        let path = routes::session_remove(&form::path_segment(session_id));
        self.post_for_client(&path).await
    }

    /// `DELETE /v1/client/sessions` (sent as `POST ?_method=DELETE`): the fresh client.
    pub async fn sign_out_all(&self) -> Result<Option<Client>> {
        let path = format!("{}?_method=DELETE", routes::SESSIONS);
        self.post_for_client(&path).await
    }

    /// `POST /v1/client/sessions/{id}/tokens` (with `template` as a form field when given): the JWT.
    pub async fn token(&self, session_id: &str, template: Option<&str>) -> Result<String> {
        let path = routes::session_tokens(&form::path_segment(session_id));
        decode::jwt(
            &self
                .post(&path, form::encode(&[("template", template)]))
                .await?,
        )
    }

    /// `GET /v1/me/sessions`, authorised by a session token.
    pub async fn me_sessions(&self, token: &str) -> Result<SessionList> {
        let builder = self.bearer(
            Request::get(&format!("{}{}", self.base, routes::ME_SESSIONS)),
            token,
        );
        decode::session_list(&self.send(builder, None).await?)
    }

    /// `POST /v1/me/sessions/{id}/revoke`, authorised by a session token.
    pub async fn revoke(&self, token: &str, session_id: &str) -> Result<()> {
        let path = routes::me_session_revoke(&form::path_segment(session_id));
        let builder = self.bearer(Request::post(&format!("{}{path}", self.base)), token);
        self.send(builder, None).await.map(drop)
    }
}
