//! Unit tests of [`super`]: each look-alike of the security review, and ordinary addresses.

use super::*;

fn ok(raw: &str) -> String {
    normalize_email(raw).unwrap_or_else(|e| panic!("{raw:?}: {e}"))
}

fn refused(raw: &str) -> IdentifierError {
    match normalize_email(raw) {
        Ok(s) => panic!("{raw:?} was accepted as {s:?}"),
        Err(e) => e,
    }
}

#[test]
fn ascii_addresses_normalise_as_before_trimmed_and_lower_cased() {
    for raw in [
        "admin@example.com",
        " Admin@Example.COM ",
        "First.Last+tag@Sub.Example.CO.UK",
        "o'brien@example.org",
        "x_y-z=1!#$%&*/?^`{|}~@example.com",
        "user@localhost",
        "user@127.0.0.1",
        "USER@XN--BCHER-KVA.EXAMPLE",
        "a@b.c",
    ] {
        assert_eq!(ok(raw), raw.trim().to_lowercase(), "{raw:?}");
    }
}

#[test]
fn fullwidth_and_upper_case_spellings_are_the_ascii_address() {
    assert_eq!(ok("ａｄｍｉｎ@example.com"), "admin@example.com");
    assert_eq!(
        ok("ＡＤＭＩＮ＠ＥＸＡＭＰＬＥ．ＣＯＭ"),
        "admin@example.com"
    );
    assert_eq!(ok("admin@ｅｘａｍｐｌｅ.ｃｏｍ"), "admin@example.com");
    assert_eq!(ok("ADMIN@EXAMPLE.COM"), "admin@example.com");
}

#[test]
fn invisible_and_bidirectional_control_characters_are_refused() {
    for raw in [
        "ad\u{200B}min@example.com", // zero width space
        "ad\u{00AD}min@example.com", // soft hyphen
        "ad\u{200D}min@example.com", // zero width joiner
        "ad\u{2060}min@example.com", // word joiner
        "\u{FEFF}admin@example.com", // byte order mark (inside, after trimming)
        "\u{202E}nimda@example.com", // right-to-left override
        "admin\u{2066}@example.com", // left-to-right isolate
        "admin@exam\u{00AD}ple.com", // soft hyphen in the domain
        "admin@exam\u{200B}ple.com",
        "ad\u{034F}min@example.com", // combining grapheme joiner
        "ad\u{3164}min@example.com", // hangul filler
        "ad min@example.com",
        "ad\u{00A0}min@example.com",
        "ad\u{0007}min@example.com",
    ] {
        assert_eq!(refused(raw), IdentifierError::Invisible, "{raw:?}");
    }
}

#[test]
fn a_local_part_mixing_scripts_is_refused() {
    // Latin "admin" with a Cyrillic а (U+0430), and with a Greek ο (U+03BF).
    assert_eq!(
        refused("\u{0430}dmin@example.com"),
        IdentifierError::MixedScript
    );
    assert_eq!(
        refused("r\u{03BF}ot@example.com"),
        IdentifierError::MixedScript
    );
}

#[test]
fn a_non_ascii_local_part_that_looks_like_ascii_is_refused() {
    // All Cyrillic (а, с, е), single-script, and it reads exactly as "ace".
    assert_eq!(
        refused("\u{0430}\u{0441}\u{0435}@example.com"),
        IdentifierError::Disallowed
    );
}

#[test]
fn symbols_and_unassigned_or_private_characters_are_refused_in_a_local_part() {
    for raw in [
        "☃@example.com",
        "a\u{E000}b@example.com",
        "\u{10FFFD}@example.com",
    ] {
        assert!(normalize_email(raw).is_err(), "{raw:?}");
    }
}

#[test]
fn single_script_unicode_local_parts_are_case_folded() {
    assert_eq!(ok("Müller@example.com"), "müller@example.com");
    // NFC and NFD spellings of ü are one address.
    assert_eq!(ok("mu\u{0308}ller@example.com"), "müller@example.com");
    // Full case folding, not just lower-casing: ß and ẞ fold to "ss".
    assert_eq!(ok("Straße@example.com"), ok("STRASSE@example.com"));
    assert_eq!(ok("ẞtrasse@example.com"), "sstrasse@example.com");
    assert_eq!(ok("Иван@example.com"), "иван@example.com");
    assert_eq!(ok("用户@example.com"), "用户@example.com");
}

#[test]
fn an_idn_domain_is_stored_in_punycode_and_both_spellings_agree() {
    assert_eq!(ok("user@bücher.example"), "user@xn--bcher-kva.example");
    assert_eq!(ok("user@BÜCHER.example"), "user@xn--bcher-kva.example");
    assert_eq!(
        ok("user@xn--bcher-kva.example"),
        "user@xn--bcher-kva.example"
    );
}

#[test]
fn invalid_or_look_alike_domains_are_refused() {
    for raw in [
        "user@exam_ple.com",
        "user@-example.com",
        "user@example..com",
        "user@.example.com",
        "user@example.com.",
        "user@xn--zz.example",
        "user@[127.0.0.1]",
        "user@\u{0435}xample.com", // Cyrillic е in a Latin label
        "user@\u{0441}\u{043E}\u{0441}\u{043E}.com", // all-Cyrillic "сосо", read as "coco"
    ] {
        assert!(normalize_email(raw).is_err(), "{raw:?}");
    }
}

#[test]
fn addresses_without_one_at_sign_and_two_sides_are_refused() {
    for raw in [
        "admin",
        "@example.com",
        "admin@",
        "a@b@example.com",
        "",
        "  ",
    ] {
        assert_eq!(refused(raw), IdentifierError::Shape, "{raw:?}");
    }
    let long = format!("{}@example.com", "a".repeat(250));
    assert_eq!(refused(&long), IdentifierError::Shape);
}

#[test]
fn sign_in_looks_up_an_old_ascii_address_with_a_non_hostname_domain_as_it_was_stored() {
    assert_eq!(
        sign_in_identifier(" User@My_Host ").unwrap(),
        "user@my_host"
    );
    assert!(sign_up_email("user@my_host").is_err());
    // The leniency is for ASCII only and for the domain only.
    assert!(sign_in_identifier("user@bü_cher.example").is_err());
    assert!(sign_in_identifier("\u{0430}dmin@my_host").is_err());
    assert!(sign_in_identifier("admin").is_err());
}

#[test]
fn the_errors_name_the_parameter_they_came_from() {
    let e = sign_up_email("ad\u{200B}min@example.com").unwrap_err();
    assert!(matches!(&e, AppError::InvalidParam { param, .. } if param == "email_address"));
    let e = sign_in_identifier("ad\u{200B}min@example.com").unwrap_err();
    assert!(matches!(&e, AppError::InvalidParam { param, .. } if param == "identifier"));
}
