//! The crate's one error type, [`UiError`], with stable snake_case codes for `err.code` in JS.
//! It is its own module so that the modules that return it (text, appearance) need not import the
//! crate root, which imports them.

/// Everything that can go wrong in this crate.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UiError {
    /// A `localization` key that no component uses (a typo, most likely).
    #[error("unknown localization key `{0}`")]
    UnknownLocalizationKey(String),
    /// An `appearance` option that is unknown or unsafe.
    #[error("invalid appearance option: {0}")]
    InvalidAppearance(String),
    /// The element cannot host a component (e.g. it cannot have a shadow root).
    #[error("cannot mount on this element: {0}")]
    Mount(String),
}

impl UiError {
    /// A stable snake_case code, for `err.code` in JS.
    pub fn code(&self) -> &'static str {
        match self {
            UiError::UnknownLocalizationKey(_) => "unknown_localization_key",
            UiError::InvalidAppearance(_) => "invalid_appearance",
            UiError::Mount(_) => "mount_failed",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_has_a_stable_snake_case_code() {
        let errors = [
            UiError::UnknownLocalizationKey("x".into()),
            UiError::InvalidAppearance("x".into()),
            UiError::Mount("x".into()),
        ];
        let codes: Vec<&str> = errors.iter().map(UiError::code).collect();
        assert_eq!(
            codes,
            [
                "unknown_localization_key",
                "invalid_appearance",
                "mount_failed"
            ]
        );
    }
}
