//! String helpers for the wasm build: concatenation, decimal numbers and byte-wise search.
//!
//! Why they exist: `format!`/`{}` link `core::fmt`, `str::contains` links the two-way searcher and
//! `split_once(char)` a char searcher; `core::fmt` is the largest of these costs in the wasm
//! (DEVELOPERS.md, "Size budget"). These few functions do what the components need without them,
//! and live here so that no other module has to know the trick.

/// `a + b` as a new string (one small function instead of `format!` at every call site).
pub(crate) fn join(a: &str, b: &str) -> String {
    join3(a, b, "")
}

/// `a + b + c` as a new string.
pub(crate) fn join3(a: &str, b: &str, c: &str) -> String {
    let mut s = String::with_capacity(a.len() + b.len() + c.len());
    s.push_str(a);
    s.push_str(b);
    s.push_str(c);
    s
}

/// `n` in decimal, without `core::fmt`.
pub(crate) fn decimal(n: u64) -> String {
    let mut out = String::new();
    push_decimal(&mut out, n);
    out
}

/// Appends `n` in decimal. Recursive rather than through a digit buffer: no indexing, so no
/// bounds check, and no UTF-8 validation of the buffer (the same shape as clerk-core's).
fn push_decimal(out: &mut String, n: u64) {
    if n >= 10 {
        push_decimal(out, n / 10);
    }
    out.push(char::from(b'0' + (n % 10) as u8));
}

/// A decimal index (as written by [`decimal`]), without `str::parse`'s machinery.
pub(crate) fn parse_index(text: &str) -> Option<usize> {
    let mut n: usize = 0;
    for b in text.bytes() {
        if !b.is_ascii_digit() {
            return None;
        }
        n = n.checked_mul(10)?.checked_add(usize::from(b - b'0'))?;
    }
    Some(n)
}

/// Substring test without the two-way searcher (smaller wasm; the haystacks are short).
pub(crate) fn has(haystack: &str, needle: &str) -> bool {
    haystack
        .as_bytes()
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

/// `s` around the first `byte` (an ASCII byte, so both sides are valid strings). Byte search, not
/// `split_once(char)`: no char searcher (and no slice-panic path) ends up in the wasm.
pub(crate) fn split_at_byte(s: &str, byte: u8) -> Option<(&str, &str)> {
    let i = s.bytes().position(|b| b == byte)?;
    Some((s.get(..i)?, s.get(i + 1..)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_concatenate_in_order() {
        assert_eq!(join("data-", "click"), "data-click");
        assert_eq!(join3("[", "data-k", "]"), "[data-k]");
        assert_eq!(join3("", "", ""), "");
    }

    #[test]
    fn decimals_round_trip_through_parse_index() {
        for n in [0_u64, 7, 10, 359, 1_000_000, u64::from(u32::MAX)] {
            assert_eq!(decimal(n), n.to_string());
            assert_eq!(parse_index(&decimal(n)), Some(n as usize));
        }
        assert_eq!(parse_index("12a"), None);
        assert_eq!(parse_index("-1"), None);
        assert_eq!(parse_index("99999999999999999999999"), None, "overflow");
    }

    #[test]
    fn byte_search_finds_substrings_and_splits_at_the_first_byte() {
        assert!(has("Mozilla/5.0 Chrome/126.0", "Chrome/"));
        assert!(!has("curl/8.0", "Chrome/"));
        assert!(!has("ab", "abc"));
        assert_eq!(split_at_byte("a{b}c", b'{'), Some(("a", "b}c")));
        assert_eq!(split_at_byte("émile{x", b'{'), Some(("émile", "x")));
        assert_eq!(split_at_byte("abc", b'{'), None);
    }
}
