//! The steps after the sign-in and sign-up forms: entering a mailed code (with the resend
//! cooldown) and choosing a new password (with "Sign out of other devices", checked by default).
//! Plain state changed by the sign-in component's update (`sign_in_state.rs`); rendered by
//! `sign_in_code.rs`.

use crate::model::Step;

/// How long "Resend code" stays disabled after a code was sent, unless the server says
/// otherwise (`Retry-After` of a `too_many_requests`).
pub(crate) const RESEND_COOLDOWN_SECS: u32 = 30;

/// The digits in a code.
pub(crate) const CODE_LEN: usize = 6;

/// The state of one step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CodeStep {
    /// Which step, and for a code where it was sent.
    pub step: Step,
    /// Seconds until "Resend code" works again.
    pub cooldown: u32,
    /// "Sign out of other devices" (the new-password step).
    pub sign_out_others: bool,
}

impl CodeStep {
    /// A step just entered: a code step starts its cooldown (a code was just sent).
    pub fn new(step: Step) -> Self {
        let cooldown = match step {
            Step::Code { .. } => RESEND_COOLDOWN_SECS,
            Step::NewPassword => 0,
        };
        CodeStep {
            step,
            cooldown,
            sign_out_others: true,
        }
    }

    /// One second passed; whether the cooldown changed.
    pub fn tick(&mut self) -> bool {
        if self.cooldown == 0 {
            return false;
        }
        self.cooldown -= 1;
        true
    }

    /// True for the code step.
    pub fn is_code(&self) -> bool {
        matches!(self.step, Step::Code { .. })
    }
}

/// The digits of a typed or pasted code (`"123 456"`, `"123-456"` or `" 123456\n"` all give
/// `"123456"`), at most [`CODE_LEN`].
pub(crate) fn code_digits(value: &str) -> String {
    // Byte-wise, each digit pushed as a one-byte slice: collecting `char`s linked the iterator
    // chain and UTF-8 encoding into the wasm.
    let mut out = String::new();
    for (i, b) in value.bytes().enumerate() {
        if b.is_ascii_digit() && out.len() < CODE_LEN {
            out.push_str(value.get(i..=i).unwrap_or(""));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::CodePurpose;

    #[test]
    fn a_pasted_code_keeps_only_its_six_digits() {
        assert_eq!(code_digits("123 456"), "123456");
        assert_eq!(code_digits(" 123-456\n"), "123456");
        assert_eq!(code_digits("1234567"), "123456");
        assert_eq!(code_digits("12a"), "12");
        assert_eq!(code_digits("١٢٣"), "", "only ASCII digits");
    }

    #[test]
    fn a_code_step_starts_its_cooldown_and_counts_down_to_zero() {
        let mut s = CodeStep::new(Step::Code {
            purpose: CodePurpose::SignIn,
            email: "a@x.io".into(),
        });
        assert_eq!(s.cooldown, RESEND_COOLDOWN_SECS);
        assert!(s.sign_out_others);
        s.cooldown = 1;
        assert!(s.tick());
        assert_eq!(s.cooldown, 0);
        assert!(!s.tick(), "stays at zero");
        assert_eq!(CodeStep::new(Step::NewPassword).cooldown, 0);
    }
}
