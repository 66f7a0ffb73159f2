//! JWT templates: named variants of the session token, configured as `[jwt_templates.NAME]`
//! with their own `lifetime_seconds` and `claims`, and minted by
//! `POST /v1/client/sessions/{id}/tokens` with `template=NAME` (form or JSON).
//!
//! A template's claims are merged over the `[custom_claims]`; neither can override the
//! registered claims `sub sid iss iat nbf exp` ([`crate::jwt::Keys::sign`] writes those last).

use crate::error::AppError;
use crate::http::body::Params;
use serde::Deserialize;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashMap};

/// A template's token lifetime when `lifetime_seconds` is not given.
pub const DEFAULT_LIFETIME_SECS: u64 = 60;
/// The longest lifetime a template may give its tokens (one hour).
pub const MAX_LIFETIME_SECS: u64 = 3600;
/// The longest template name.
pub const MAX_NAME_LEN: usize = 64;

/// One `[jwt_templates.NAME]` table of the config file.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct JwtTemplateConfig {
    /// Lifetime of the template's tokens in seconds, `1..=3600` (default 60).
    pub lifetime_seconds: u64,
    /// Claims merged over the custom claims.
    pub claims: toml::Table,
}

impl Default for JwtTemplateConfig {
    fn default() -> Self {
        Self {
            lifetime_seconds: DEFAULT_LIFETIME_SECS,
            claims: toml::Table::new(),
        }
    }
}

/// Whether `name` can name a template: 1 to 64 characters of `[A-Za-z0-9_-]`.
pub fn is_valid_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= MAX_NAME_LEN
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// Refuses templates that could never be requested or whose lifetime is out of bounds.
pub fn validate(templates: &BTreeMap<String, JwtTemplateConfig>) -> Result<(), AppError> {
    for (name, template) in templates {
        if !is_valid_name(name) {
            return Err(AppError::Config(format!(
                "jwt_templates.{name:?}: a template name is 1 to {MAX_NAME_LEN} characters of \
                 A-Z a-z 0-9 _ -"
            )));
        }
        if !(1..=MAX_LIFETIME_SECS).contains(&template.lifetime_seconds) {
            return Err(AppError::Config(format!(
                "jwt_templates.{name}.lifetime_seconds must be between 1 and {MAX_LIFETIME_SECS} \
                 (got {})",
                template.lifetime_seconds
            )));
        }
    }
    Ok(())
}

/// A template ready to sign with.
#[derive(Debug, Clone)]
pub struct JwtTemplate {
    /// Token lifetime in seconds.
    pub lifetime_secs: i64,
    /// The custom claims with the template's claims merged over them.
    pub claims: Map<String, Value>,
}

/// Every configured template, by name.
#[derive(Debug, Clone, Default)]
pub struct JwtTemplates(HashMap<String, JwtTemplate>);

impl JwtTemplates {
    /// Validates the configured templates and merges each one's claims over `custom`.
    pub fn build(
        custom: &Map<String, Value>,
        configs: &BTreeMap<String, JwtTemplateConfig>,
    ) -> Result<Self, AppError> {
        validate(configs)?;
        let mut templates = HashMap::with_capacity(configs.len());
        for (name, config) in configs {
            let Ok(Value::Object(own)) = serde_json::to_value(&config.claims) else {
                return Err(AppError::Config(format!(
                    "jwt_templates.{name}.claims must be a table"
                )));
            };
            let mut claims = custom.clone();
            claims.extend(own);
            let lifetime_secs = i64::try_from(config.lifetime_seconds)
                .map_err(|_| AppError::Config(format!("jwt_templates.{name}.lifetime_seconds")))?;
            templates.insert(
                name.clone(),
                JwtTemplate {
                    lifetime_secs,
                    claims,
                },
            );
        }
        Ok(Self(templates))
    }

    /// The template named `name`; `template_not_found` for an unknown one.
    pub fn get(&self, name: &str) -> Result<&JwtTemplate, AppError> {
        self.0.get(name).ok_or_else(|| AppError::TemplateNotFound {
            template: name.to_owned(),
        })
    }
}

/// The optional `template` parameter of a token request: `None` when absent or null;
/// `invalid_param` (param_name `template`) when empty, too long or not `[A-Za-z0-9_-]`.
pub fn template_param(params: &Params) -> Result<Option<&str>, AppError> {
    const NAME: &str = "template";
    if params.is_empty_text(NAME) {
        return Err(AppError::param(NAME, "template must not be empty"));
    }
    match params.optional(NAME, MAX_NAME_LEN)? {
        Some(name) if !is_valid_name(name) => Err(AppError::param(
            NAME,
            "template may contain only A-Z a-z 0-9 _ -",
        )),
        other => Ok(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn configs(toml_text: &str) -> BTreeMap<String, JwtTemplateConfig> {
        toml::from_str(toml_text).unwrap()
    }

    #[test]
    fn names_are_short_words_of_letters_digits_dashes_and_underscores() {
        assert!(is_valid_name("supabase"));
        assert!(is_valid_name("Hasura_v2-x"));
        assert!(is_valid_name(&"a".repeat(64)));
        assert!(!is_valid_name(""));
        assert!(!is_valid_name(&"a".repeat(65)));
        assert!(!is_valid_name("a b"));
        assert!(!is_valid_name("a.b"));
        assert!(!is_valid_name("é"));
    }

    #[test]
    fn template_claims_are_merged_over_the_custom_claims_and_lifetime_defaults_to_a_minute() {
        let mut custom = Map::new();
        custom.insert("org".into(), json!("acme"));
        custom.insert("role".into(), json!("member"));
        let t = JwtTemplates::build(
            &custom,
            &configs("[a]\nlifetime_seconds = 300\nclaims = { role = \"authenticated\" }\n[b]\n"),
        )
        .unwrap();
        let a = t.get("a").unwrap();
        assert_eq!(a.lifetime_secs, 300);
        assert_eq!(a.claims["role"], "authenticated");
        assert_eq!(a.claims["org"], "acme");
        assert_eq!(t.get("b").unwrap().lifetime_secs, 60);
        assert!(matches!(t.get("c"), Err(AppError::TemplateNotFound { .. })));
    }

    #[test]
    fn out_of_bounds_lifetimes_and_unrequestable_names_are_config_errors() {
        for text in [
            "[a]\nlifetime_seconds = 0",
            "[a]\nlifetime_seconds = 3601",
            "[\"a b\"]\n",
        ] {
            assert!(
                matches!(validate(&configs(text)), Err(AppError::Config(_))),
                "{text}"
            );
        }
        assert!(
            toml::from_str::<BTreeMap<String, JwtTemplateConfig>>("[a]\nlifetime = 5").is_err()
        );
        assert!(validate(&configs("[a]\nlifetime_seconds = 3600")).is_ok());
    }

    #[test]
    fn the_template_param_is_absent_valid_or_invalid_param() {
        let form = |body: &str| Params::parse(None, body.as_bytes()).unwrap();
        assert_eq!(template_param(&form("")).unwrap(), None);
        assert_eq!(
            template_param(&form("template=supa_base-1")).unwrap(),
            Some("supa_base-1")
        );
        for bad in ["template=", "template=a%20b", "template=a.b"] {
            assert!(
                matches!(template_param(&form(bad)), Err(AppError::InvalidParam { ref param, .. }) if param == "template"),
                "{bad}"
            );
        }
        let long = format!("template={}", "a".repeat(65));
        assert!(template_param(&form(&long)).is_err());
        let json = Params::parse(Some("application/json"), br#"{"template":null}"#).unwrap();
        assert_eq!(template_param(&json).unwrap(), None);
    }
}
