//! `TestClient`: a minimal browser stand-in over reqwest, with a one-cookie jar for `__client`
//! and an optional Origin header on every request.

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use reqwest::Method;
use std::sync::Mutex;

/// An answer, fully read.
#[derive(Debug)]
pub struct Resp {
    /// HTTP status.
    pub status: u16,
    /// Headers.
    pub headers: HeaderMap,
    /// Body bytes.
    pub body: Vec<u8>,
}

impl Resp {
    /// The body as JSON (panics if it is not).
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }

    /// The body as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// One header as text.
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    }

    /// Every `Set-Cookie` header.
    pub fn set_cookies(&self) -> Vec<String> {
        self.headers
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .map(str::to_owned)
            .collect()
    }
}

/// A client with its own cookie jar.
pub struct TestClient {
    base: String,
    http: reqwest::Client,
    /// `__client=...` as the browser would send it.
    pub cookie: Mutex<Option<String>>,
    /// The Origin header sent on every request.
    pub origin: Option<String>,
}

impl TestClient {
    /// A client for `base` sending `origin`.
    pub fn new(base: &str, origin: Option<String>) -> Self {
        Self {
            base: base.to_owned(),
            http: reqwest::Client::new(),
            cookie: Mutex::new(None),
            origin,
        }
    }

    /// A client for the same server with a different Origin and no cookie.
    pub fn with_origin(&self, origin: Option<&str>) -> Self {
        Self::new(&self.base, origin.map(str::to_owned))
    }

    /// Sends a request with extra headers and a raw body.
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<Vec<u8>>,
    ) -> Resp {
        let mut req = self.http.request(method, format!("{}{}", self.base, path));
        if let Some(origin) = &self.origin {
            req = req.header("origin", origin.as_str());
        }
        if let Some(cookie) = self.cookie.lock().unwrap().clone() {
            req = req.header("cookie", cookie);
        }
        for (k, v) in headers {
            req = req.header(
                HeaderName::from_bytes(k.as_bytes()).unwrap(),
                HeaderValue::from_str(v).unwrap(),
            );
        }
        if let Some(body) = body {
            req = req.body(body);
        }
        let res = req.send().await.expect("request");
        let status = res.status().as_u16();
        let headers = res.headers().clone();
        let body = res.bytes().await.expect("body").to_vec();
        let resp = Resp {
            status,
            headers,
            body,
        };
        for c in resp.set_cookies() {
            let pair = c.split(';').next().unwrap_or("").to_owned();
            if pair.starts_with("__client=") || pair.starts_with("__Host-client=") {
                *self.cookie.lock().unwrap() = if c.contains("Max-Age=0") {
                    None
                } else {
                    Some(pair)
                };
            }
        }
        resp
    }

    /// GET.
    pub async fn get(&self, path: &str) -> Resp {
        self.send(Method::GET, path, &[], None).await
    }

    /// GET with a Bearer token.
    pub async fn get_bearer(&self, path: &str, token: &str) -> Resp {
        self.send(
            Method::GET,
            path,
            &[("authorization", &format!("Bearer {token}"))],
            None,
        )
        .await
    }

    /// POST with a Bearer token and no body.
    pub async fn post_bearer(&self, path: &str, token: &str) -> Resp {
        self.send(
            Method::POST,
            path,
            &[("authorization", &format!("Bearer {token}"))],
            None,
        )
        .await
    }

    /// POST form-encoded fields, as the SDK does.
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> Resp {
        let body = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields)
            .finish();
        self.send(
            Method::POST,
            path,
            &[("content-type", "application/x-www-form-urlencoded")],
            Some(body.into_bytes()),
        )
        .await
    }

    /// POST a JSON body.
    pub async fn post_json(&self, path: &str, json: serde_json::Value) -> Resp {
        self.send(
            Method::POST,
            path,
            &[("content-type", "application/json")],
            Some(json.to_string().into_bytes()),
        )
        .await
    }

    /// DELETE.
    pub async fn delete(&self, path: &str) -> Resp {
        self.send(Method::DELETE, path, &[], None).await
    }
}
