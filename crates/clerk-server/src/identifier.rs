//! Email addresses as account identifiers: one spelling per account, and no address that looks
//! like another one. Sign-up stores [`normalize_email`]'s answer and sign-in looks accounts up
//! by it, so every spelling that normalises alike reaches the same account.
//!
//! Security rules, in the order they apply (`raw` is what the client sent, trimmed):
//! 1. Refused anywhere in the address: control characters (Cc), format characters (Cf: zero
//!    width space and joiners, soft hyphen, bidirectional embeddings, overrides and isolates),
//!    other default-ignorable code points and white space. They are invisible, or reorder what
//!    is shown, so an address holding one reads as another address.
//! 2. The address is put in NFKC (fullwidth `ａｄｍｉｎ＠…` becomes `admin@…`) and split at its
//!    one `@`; both sides must be non-empty.
//! 3. Local part: full Unicode case folding, then NFKC again (folding can leave a string that is
//!    not in NFKC). It must be single-script under UTS #39's mixed-script rules (Latin `admin`
//!    with a Cyrillic `а` is refused); a non-ASCII character must be allowed in identifiers by
//!    the UTS #39 General Security Profile (letters, marks and digits of scripts in current use:
//!    no symbols, private-use or unassigned code points, whose meaning could change); and a local
//!    part that is not ASCII must not have an ASCII confusable skeleton (UTS #39: all-Cyrillic
//!    `аԁmіn` looks exactly like `admin`).
//! 4. Domain: IDNA UTS #46 `ToASCII` with the strict rules (STD3 ASCII rules, hyphen checks, DNS
//!    lengths, no trailing dot): stored in its ASCII, lower-case (punycode) form, so
//!    `bücher.example` and `xn--bcher-kva.example` are one domain. Each label, read back in
//!    Unicode, obeys the script rules of 3.
//!
//! An ASCII address that the old rules accepted and that passes these ones normalises to what
//! they stored (trimmed, lower-cased), so existing accounts keep signing in. Sign-in alone
//! ([`sign_in_identifier`]) also looks up an ASCII address whose domain fails only the strict
//! hostname rules (`user@my_host`) by its trimmed, lower-cased spelling: such accounts could be
//! created before these rules, and the spelling cannot pass for another address.
//!
//! The tables come from several crates (`unicode-normalization`, `caseless`, `unicode-security`,
//! `icu_properties`, `idna`) that may follow slightly different Unicode versions; a code point
//! assigned in the newest of them only is unassigned for the security profile, hence refused.

use crate::error::AppError;
use caseless::Caseless;
use icu_properties::props::{DefaultIgnorableCodePoint, GeneralCategory};
use icu_properties::{CodePointMapData, CodePointSetData};
use unicode_normalization::UnicodeNormalization;
use unicode_security::{GeneralSecurityProfile, MixedScript};

/// The longest address stored, in characters (NFKC and punycode can lengthen what was sent; an
/// ASCII address keeps its length, and sign-up accepts at most this many characters).
const MAX_CHARS: usize = 254;

/// Why an address cannot be an account identifier (the message is shown to the user).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdentifierError {
    /// Not `local@domain`.
    #[error("must be an email address")]
    Shape,
    /// An invisible, formatting, control or white-space character.
    #[error("must not contain invisible, formatting or control characters")]
    Invisible,
    /// Letters of several scripts in one part.
    #[error("must not mix letters of different scripts in one part")]
    MixedScript,
    /// A character not allowed in identifiers, or one that only looks like ASCII.
    #[error("contains characters that are not allowed in addresses")]
    Disallowed,
    /// Not a valid (internationalised) domain name.
    #[error("has an invalid domain")]
    Domain,
}

/// `raw` as the one stored spelling of its address (see the module's rules).
pub fn normalize_email(raw: &str) -> Result<String, IdentifierError> {
    normalize(raw, false)
}

/// Sign-up's `email_address`, normalised; otherwise `invalid_param` naming it.
pub fn sign_up_email(raw: &str) -> Result<String, AppError> {
    normalize_email(raw).map_err(|e| AppError::param("email_address", format!("email_address {e}")))
}

/// Sign-in's `identifier`, normalised like sign-up's address (plus the ASCII leniency of the
/// module doc); otherwise `invalid_param` naming it.
pub fn sign_in_identifier(raw: &str) -> Result<String, AppError> {
    normalize(raw, true).map_err(|e| AppError::param("identifier", format!("identifier {e}")))
}

fn normalize(raw: &str, lenient_ascii_domain: bool) -> Result<String, IdentifierError> {
    let raw = raw.trim();
    if raw.chars().any(is_invisible) {
        return Err(IdentifierError::Invisible);
    }
    let address: String = raw.nfkc().collect();
    let (local, domain) = address.split_once('@').ok_or(IdentifierError::Shape)?;
    if local.is_empty() || domain.is_empty() || domain.contains('@') {
        return Err(IdentifierError::Shape);
    }
    let local: String = local.chars().default_case_fold().nfkc().collect();
    check_script(&local)?;
    let domain = match domain_to_ascii(domain) {
        Ok(domain) => domain,
        Err(_) if lenient_ascii_domain && raw.is_ascii() => domain.to_ascii_lowercase(),
        Err(e) => return Err(e),
    };
    let normalized = format!("{local}@{domain}");
    if normalized.chars().count() > MAX_CHARS {
        return Err(IdentifierError::Shape);
    }
    Ok(normalized)
}

/// Whether `c` may hide in an address: Cc, Cf, default-ignorable or white space.
fn is_invisible(c: char) -> bool {
    c.is_control()
        || c.is_whitespace()
        || CodePointSetData::new::<DefaultIgnorableCodePoint>().contains(c)
        || CodePointMapData::<GeneralCategory>::new().get(c) == GeneralCategory::Format
}

/// The script rules for one part (a local part, or a domain label in Unicode).
fn check_script(part: &str) -> Result<(), IdentifierError> {
    if part.is_ascii() {
        return Ok(());
    }
    if part.chars().any(is_invisible) {
        return Err(IdentifierError::Invisible);
    }
    if !part.is_single_script() {
        return Err(IdentifierError::MixedScript);
    }
    let allowed = part.chars().all(|c| c.is_ascii() || c.identifier_allowed());
    if !allowed || unicode_security::skeleton(part).all(|c| c.is_ascii()) {
        return Err(IdentifierError::Disallowed);
    }
    Ok(())
}

/// The domain in ASCII (punycode, lower case) under the strict UTS #46 rules, each label
/// checked by [`check_script`].
fn domain_to_ascii(domain: &str) -> Result<String, IdentifierError> {
    if domain.ends_with('.') {
        return Err(IdentifierError::Domain);
    }
    let ascii = idna::domain_to_ascii_strict(domain).map_err(|_| IdentifierError::Domain)?;
    if !ascii.is_ascii() || ascii.is_empty() {
        return Err(IdentifierError::Domain);
    }
    if ascii.split('.').any(|label| label.starts_with("xn--")) {
        let (unicode, result) = idna::domain_to_unicode(&ascii);
        result.map_err(|_| IdentifierError::Domain)?;
        unicode.split('.').try_for_each(check_script)?;
    }
    Ok(ascii.to_ascii_lowercase())
}

#[cfg(test)]
#[path = "identifier_tests.rs"]
mod tests;
