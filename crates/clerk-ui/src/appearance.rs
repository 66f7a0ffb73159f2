//! Theming: the `appearance` option (light, dark or the system's scheme, plus variables) and how
//! it becomes CSS inside the component's shadow root.
//!
//! Pages can also theme without the option, by setting the same custom properties on the host
//! element or any ancestor, e.g. `#user-button { --clerk-color-primary: #0a7; }`.

use crate::error::UiError;
use crate::strings::join3;

/// Light, dark, or following `prefers-color-scheme`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    /// Follow the system (`prefers-color-scheme`).
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl Theme {
    /// Parses `"light"`, `"dark"`, `"system"` or `"auto"`.
    pub fn parse(s: &str) -> Result<Theme, UiError> {
        match s {
            "light" => Ok(Theme::Light),
            "dark" => Ok(Theme::Dark),
            "system" | "auto" => Ok(Theme::System),
            other => Err(UiError::InvalidAppearance(join3("theme `", other, "`"))),
        }
    }

    /// The class of the component's root element.
    pub(crate) fn class(self) -> &'static str {
        match self {
            Theme::System => "r",
            Theme::Light => "r light",
            Theme::Dark => "r dark",
        }
    }
}

/// `(option name, CSS custom property)`: the variables the `appearance` option accepts.
pub const VARIABLES: &[(&str, &str)] = &[
    ("colorPrimary", "--clerk-color-primary"),
    ("colorBackground", "--clerk-color-background"),
    ("colorText", "--clerk-color-text"),
    ("colorTextSecondary", "--clerk-color-text-secondary"),
    ("colorBorder", "--clerk-color-border"),
    ("colorDanger", "--clerk-color-danger"),
    ("borderRadius", "--clerk-border-radius"),
    ("fontFamily", "--clerk-font-family"),
    ("fontSize", "--clerk-font-size"),
];

/// The `appearance` option.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Appearance {
    /// Light, dark or system.
    pub theme: Theme,
    vars: Vec<(&'static str, String)>,
}

impl Appearance {
    /// Sets one variable by its option name (`colorPrimary`) or CSS name (`--clerk-color-primary`).
    /// Values that could escape the declaration (`;`, braces, `<`, comments, backslashes) are refused.
    pub fn set_variable(&mut self, name: &str, value: &str) -> Result<(), UiError> {
        let prop = VARIABLES
            .iter()
            .find(|(opt, css)| *opt == name || *css == name)
            .map(|(_, css)| *css)
            .ok_or_else(|| UiError::InvalidAppearance(join3("unknown variable `", name, "`")))?;
        let value = value.trim();
        let unsafe_value = value.is_empty()
            || value.as_bytes().windows(2).any(|w| w == b"/*")
            // Bytes, not chars: every refused character is ASCII, and UTF-8 never hides an ASCII
            // byte inside another character (no char decoding in the wasm).
            || value
                .bytes()
                .any(|c| matches!(c, b';' | b'{' | b'}' | b'<' | b'>' | b'\\' | b'\n' | b'\r'));
        if unsafe_value {
            return Err(UiError::InvalidAppearance(join3("value of `", name, "`")));
        }
        self.vars.retain(|(p, _)| *p != prop);
        self.vars.push((prop, value.to_owned()));
        Ok(())
    }

    /// The extra CSS this appearance adds to the stylesheet (empty when there are no variables).
    // `push_str` of one-byte strings on purpose: `push(char)` links UTF-8 encoding into the wasm.
    #[allow(clippy::single_char_add_str)]
    pub fn css(&self) -> String {
        if self.vars.is_empty() {
            return String::new();
        }
        let mut css = String::from(":host{");
        for (prop, value) in &self.vars {
            css.push_str(prop);
            css.push_str(":");
            css.push_str(value);
            css.push_str(";");
        }
        css.push_str("}");
        css
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variables_become_host_custom_properties() {
        let mut a = Appearance::default();
        assert_eq!(a.css(), "");
        a.set_variable("colorPrimary", "#0a7").unwrap();
        a.set_variable("--clerk-border-radius", "4px").unwrap();
        a.set_variable("colorPrimary", "rebeccapurple").unwrap();
        assert_eq!(
            a.css(),
            ":host{--clerk-border-radius:4px;--clerk-color-primary:rebeccapurple;}"
        );
    }

    #[test]
    fn values_that_could_inject_css_are_refused() {
        let mut a = Appearance::default();
        for bad in [
            "red;} body{display:none",
            "red /* x */",
            "</style>",
            "",
            "a\\62",
        ] {
            assert!(a.set_variable("colorPrimary", bad).is_err(), "{bad}");
        }
        assert!(a.set_variable("colourPrimary", "red").is_err());
        assert_eq!(a.css(), "");
    }

    #[test]
    fn themes_parse_and_pick_a_root_class() {
        assert_eq!(Theme::parse("dark").unwrap().class(), "r dark");
        assert_eq!(Theme::parse("auto").unwrap(), Theme::System);
        assert!(Theme::parse("sepia").is_err());
    }
}
