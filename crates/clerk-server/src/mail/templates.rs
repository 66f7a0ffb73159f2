//! The subject, plain-text body and HTML body of each kind of message: English defaults, each
//! replaceable in `[email.templates.KIND]` (so an instance can localise them).
//!
//! Placeholders `{application_name}`, `{code}` and `{minutes}` (whole minutes left, rounded up)
//! are replaced in one pass, so a value that itself looks like a placeholder stays as it is; any
//! other `{...}` is left alone. In the HTML body the values are HTML-escaped (the template's own
//! markup is the operator's, taken as it is).

use super::MailKind;
use crate::config::email::{TemplateOverride, TemplateSettings};

/// One kind's texts, with placeholders.
#[derive(Debug, Clone)]
pub struct Template {
    /// The subject line.
    pub subject: String,
    /// The plain-text body.
    pub text: String,
    /// The HTML body.
    pub html: String,
}

/// The three kinds' texts, defaults merged with the configuration.
#[derive(Debug, Clone)]
pub struct Templates {
    sign_up_verification: Template,
    sign_in_code: Template,
    password_reset: Template,
}

/// The values a template is filled with.
#[derive(Debug, Clone, Copy)]
pub struct Values<'a> {
    /// `{application_name}`.
    pub application_name: &'a str,
    /// `{code}`.
    pub code: &'a str,
    /// `{minutes}`.
    pub minutes: i64,
}

fn html_page(lead: &str) -> String {
    format!(
        "<!doctype html>\n<html><body style=\"font-family: sans-serif; color: #222\">\n\
         <p>{lead}</p>\n\
         <p style=\"font-size: 28px; font-weight: bold; letter-spacing: 4px\">{{code}}</p>\n\
         <p>This code expires in {{minutes}} minutes. If you did not ask for it, you can ignore \
         this message.</p>\n</body></html>\n"
    )
}

fn text_body(lead: &str) -> String {
    format!(
        "{lead}\n\n    {{code}}\n\nThis code expires in {{minutes}} minutes. If you did not ask \
         for it, you can ignore this message.\n"
    )
}

fn default_for(kind: MailKind) -> Template {
    let (subject, lead) = match kind {
        MailKind::SignUpVerification => (
            "{application_name}: verify your email address",
            "Enter this code in {application_name} to verify your email address:",
        ),
        MailKind::SignInCode => (
            "{application_name}: your sign-in code",
            "Enter this code in {application_name} to sign in:",
        ),
        MailKind::PasswordReset => (
            "{application_name}: reset your password",
            "Enter this code in {application_name} to choose a new password:",
        ),
    };
    Template {
        subject: subject.into(),
        text: text_body(lead),
        html: html_page(lead),
    }
}

fn merged(kind: MailKind, o: &TemplateOverride) -> Template {
    let d = default_for(kind);
    Template {
        subject: o.subject.clone().unwrap_or(d.subject),
        text: o.text.clone().unwrap_or(d.text),
        html: o.html.clone().unwrap_or(d.html),
    }
}

impl Templates {
    /// The defaults with `settings` over them.
    pub fn new(settings: &TemplateSettings) -> Self {
        Self {
            sign_up_verification: merged(
                MailKind::SignUpVerification,
                &settings.sign_up_verification,
            ),
            sign_in_code: merged(MailKind::SignInCode, &settings.sign_in_code),
            password_reset: merged(MailKind::PasswordReset, &settings.password_reset),
        }
    }

    /// The texts of `kind`.
    pub fn get(&self, kind: MailKind) -> &Template {
        match kind {
            MailKind::SignUpVerification => &self.sign_up_verification,
            MailKind::SignInCode => &self.sign_in_code,
            MailKind::PasswordReset => &self.password_reset,
        }
    }

    /// `(subject, text, html)` of `kind` filled with `values`.
    pub fn render(&self, kind: MailKind, values: Values<'_>) -> (String, String, String) {
        let t = self.get(kind);
        (
            fill(&t.subject, values, false).replace(['\r', '\n'], " "),
            fill(&t.text, values, false),
            fill(&t.html, values, true),
        )
    }
}

/// `template` with its placeholders replaced, in one pass.
fn fill(template: &str, values: Values<'_>, html: bool) -> String {
    let minutes = values.minutes.to_string();
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start..];
        let value = [
            ("{application_name}", values.application_name),
            ("{code}", values.code),
            ("{minutes}", minutes.as_str()),
        ]
        .into_iter()
        .find(|(name, _)| after.starts_with(name));
        match value {
            Some((name, value)) => {
                if html {
                    escape_html(value, &mut out);
                } else {
                    out.push_str(value);
                }
                rest = &after[name.len()..];
            }
            None => {
                out.push('{');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Appends `value` with `& < > " '` escaped.
fn escape_html(value: &str, out: &mut String) {
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values<'a>(name: &'a str) -> Values<'a> {
        Values {
            application_name: name,
            code: "042917",
            minutes: 10,
        }
    }

    #[test]
    fn defaults_name_the_application_the_code_and_the_minutes_left() {
        let t = Templates::new(&TemplateSettings::default());
        for kind in [
            MailKind::SignUpVerification,
            MailKind::SignInCode,
            MailKind::PasswordReset,
        ] {
            let (subject, text, html) = t.render(kind, values("Acme"));
            assert!(subject.starts_with("Acme: "), "{subject}");
            assert!(
                text.contains("042917") && text.contains("10 minutes"),
                "{text}"
            );
            assert!(
                html.contains("042917") && html.contains("in Acme"),
                "{html}"
            );
        }
    }

    #[test]
    fn overrides_replace_each_text_and_html_values_are_escaped() {
        let settings = TemplateSettings {
            sign_in_code: TemplateOverride {
                subject: Some("Votre code {code} pour {application_name}\n".into()),
                text: None,
                html: Some("<b>{application_name}</b> {code} {unknown} {".into()),
            },
            ..TemplateSettings::default()
        };
        let t = Templates::new(&settings);
        let (subject, text, html) = t.render(MailKind::SignInCode, values("<A&B> {code}"));
        assert_eq!(subject, "Votre code 042917 pour <A&B> {code} ");
        assert!(
            text.contains("to sign in"),
            "the text stays the default: {text}"
        );
        assert_eq!(html, "<b>&lt;A&amp;B&gt; {code}</b> 042917 {unknown} {");
    }
}
