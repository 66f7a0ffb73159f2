//! [`Params`]: a request body read as `application/json` (an object of strings) or as
//! `application/x-www-form-urlencoded` (what the SDK sends, needing no CORS preflight), with a
//! size limit. Every failure is a structured error naming the parameter at fault.

use crate::error::AppError;
use axum::body::Body;
use axum::extract::FromRequest;
use axum::http::{header, Request};
use serde_json::Value;

/// The largest body accepted, in bytes.
pub const MAX_BODY_BYTES: usize = 16 * 1024;

#[derive(Debug)]
enum Field {
    Text(String),
    Bool(bool),
    Null,
    Other,
}

/// The parameters of a request body.
#[derive(Debug, Default)]
pub struct Params {
    fields: Vec<(String, Field)>,
}

impl Params {
    /// Parses a body given its content type.
    pub fn parse(content_type: Option<&str>, bytes: &[u8]) -> Result<Self, AppError> {
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(Self::default());
        }
        let text = std::str::from_utf8(bytes)
            .map_err(|_| AppError::InvalidBody("the body is not UTF-8".into()))?;
        let is_json = content_type
            .map(|ct| {
                ct.split(';')
                    .next()
                    .unwrap_or("")
                    .trim()
                    .to_ascii_lowercase()
            })
            .is_some_and(|ct| ct == "application/json" || ct.ends_with("+json"));
        if is_json {
            let value: Value = serde_json::from_str(text)
                .map_err(|e| AppError::InvalidBody(format!("the body is not valid JSON: {e}")))?;
            let Value::Object(map) = value else {
                return Err(AppError::InvalidBody(
                    "the JSON body must be an object".into(),
                ));
            };
            let fields = map
                .into_iter()
                .map(|(k, v)| {
                    let field = match v {
                        Value::String(s) => Field::Text(s),
                        Value::Bool(b) => Field::Bool(b),
                        Value::Null => Field::Null,
                        _ => Field::Other,
                    };
                    (k, field)
                })
                .collect();
            Ok(Self { fields })
        } else {
            let fields = form_urlencoded::parse(text.as_bytes())
                .map(|(k, v)| (k.into_owned(), Field::Text(v.into_owned())))
                .collect();
            Ok(Self { fields })
        }
    }

    /// An optional text parameter: `Ok(None)` when absent, null or empty;
    /// `invalid_param` when it is not a string or longer than `max_len` characters.
    pub fn optional(&self, name: &str, max_len: usize) -> Result<Option<&str>, AppError> {
        match self.fields.iter().find(|(k, _)| k == name).map(|(_, f)| f) {
            None | Some(Field::Null) => Ok(None),
            Some(Field::Other | Field::Bool(_)) => {
                Err(AppError::param(name, format!("{name} must be a string")))
            }
            Some(Field::Text(s)) if s.is_empty() => Ok(None),
            Some(Field::Text(s)) if s.chars().count() > max_len || s.contains('\0') => Err(
                AppError::param(name, format!("{name} must be at most {max_len} characters")),
            ),
            Some(Field::Text(s)) => Ok(Some(s)),
        }
    }

    /// Whether `name` was sent as an empty string (which [`Params::optional`] reads as absent).
    pub fn is_empty_text(&self, name: &str) -> bool {
        self.fields
            .iter()
            .any(|(k, f)| k == name && matches!(f, Field::Text(s) if s.is_empty()))
    }

    /// An optional yes/no parameter: a JSON boolean, or the text `true` / `false` (form
    /// bodies); `Ok(None)` when absent, null or empty, `invalid_param` for anything else.
    pub fn optional_bool(&self, name: &str) -> Result<Option<bool>, AppError> {
        match self.fields.iter().find(|(k, _)| k == name).map(|(_, f)| f) {
            None | Some(Field::Null) => Ok(None),
            Some(Field::Bool(b)) => Ok(Some(*b)),
            Some(Field::Text(s)) if s.is_empty() => Ok(None),
            Some(Field::Text(s)) if s == "true" => Ok(Some(true)),
            Some(Field::Text(s)) if s == "false" => Ok(Some(false)),
            Some(_) => Err(AppError::param(
                name,
                format!("{name} must be true or false"),
            )),
        }
    }

    /// A required text parameter.
    pub fn required(&self, name: &str, max_len: usize) -> Result<&str, AppError> {
        self.optional(name, max_len)?
            .ok_or_else(|| AppError::param(name, format!("{name} is required")))
    }
}

impl<S: Send + Sync> FromRequest<S> for Params {
    type Rejection = AppError;

    async fn from_request(req: Request<Body>, _state: &S) -> Result<Self, AppError> {
        let content_type = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let declared = req
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u64>().ok());
        if declared.is_some_and(|n| n > MAX_BODY_BYTES as u64) {
            return Err(AppError::PayloadTooLarge);
        }
        let bytes = axum::body::to_bytes(req.into_body(), MAX_BODY_BYTES)
            .await
            .map_err(|e| {
                let too_large = e.into_inner().is::<http_body_util::LengthLimitError>();
                if too_large {
                    AppError::PayloadTooLarge
                } else {
                    AppError::InvalidBody("the body could not be read".into())
                }
            })?;
        Self::parse(content_type.as_deref(), &bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_and_json_bodies_give_the_same_parameters() {
        let form = Params::parse(
            Some("application/x-www-form-urlencoded"),
            b"identifier=a%40b.c&password=x+y",
        )
        .unwrap();
        let json = Params::parse(
            Some("application/json; charset=utf-8"),
            br#"{"identifier":"a@b.c","password":"x y"}"#,
        )
        .unwrap();
        for p in [form, json] {
            assert_eq!(p.required("identifier", 100).unwrap(), "a@b.c");
            assert_eq!(p.required("password", 100).unwrap(), "x y");
            assert_eq!(p.optional("first_name", 100).unwrap(), None);
        }
    }

    #[test]
    fn wrong_types_and_missing_fields_name_the_parameter() {
        let p = Params::parse(
            Some("application/json"),
            br#"{"password":123,"identifier":null}"#,
        )
        .unwrap();
        for name in ["password", "identifier"] {
            match p.required(name, 10) {
                Err(AppError::InvalidParam { param, .. }) => assert_eq!(param, name),
                other => panic!("{other:?}"),
            }
        }
    }

    #[test]
    fn yes_no_parameters_take_json_booleans_and_the_words_true_and_false() {
        let json =
            Params::parse(Some("application/json"), br#"{"a":false,"b":true,"c":1}"#).unwrap();
        assert_eq!(json.optional_bool("a").unwrap(), Some(false));
        assert_eq!(json.optional_bool("b").unwrap(), Some(true));
        assert!(json.optional_bool("c").is_err());
        assert!(json.optional("a", 10).is_err());
        let form = Params::parse(None, b"a=false&b=true&c=yes").unwrap();
        assert_eq!(form.optional_bool("a").unwrap(), Some(false));
        assert_eq!(form.optional_bool("b").unwrap(), Some(true));
        assert!(form.optional_bool("c").is_err());
        assert_eq!(form.optional_bool("d").unwrap(), None);
    }

    #[test]
    fn bodies_that_are_not_objects_or_not_utf8_are_invalid() {
        assert!(matches!(
            Params::parse(Some("application/json"), b"[1]"),
            Err(AppError::InvalidBody(_))
        ));
        assert!(matches!(
            Params::parse(Some("application/json"), b"{"),
            Err(AppError::InvalidBody(_))
        ));
        assert!(matches!(
            Params::parse(None, b"\xff\xfe"),
            Err(AppError::InvalidBody(_))
        ));
        assert!(Params::parse(Some("application/json"), b"  ")
            .unwrap()
            .optional("x", 1)
            .unwrap()
            .is_none());
    }
}
