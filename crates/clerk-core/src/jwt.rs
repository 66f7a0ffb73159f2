//! Just enough JWT reading to know how long a session token lives: the `iat` and `exp` claims of
//! the payload. The SDK never verifies tokens (the server that receives them does).

/// Seconds between `iat` and `exp` of a compact JWT, or `None` if it cannot be read.
///
/// Using the lifetime rather than `exp` itself makes the cache immune to a skewed browser clock.
pub fn lifetime_secs(jwt: &str) -> Option<i64> {
    // The second `.`-separated part, byte-wise: `str` splitting and slicing bring the char
    // searcher and panics whose messages format indices with core::fmt.
    let bytes = jwt.as_bytes();
    let rest = bytes.get(bytes.iter().position(|&b| b == b'.')? + 1..)?;
    let end = rest.iter().position(|&b| b == b'.').unwrap_or(rest.len());
    let payload = base64url_decode(rest.get(..end)?)?;
    let lifetime = numeric_claim(&payload, b"exp")? - numeric_claim(&payload, b"iat")?;
    (lifetime > 0).then_some(lifetime)
}

/// The integer value of a top-level claim in compact JSON such as `{"exp":1700000060,...}`.
///
/// Byte-wise, with no `str` searching or slicing: those pull `core::fmt` panic messages and the
/// two-way searcher into the wasm.
fn numeric_claim(json: &[u8], name: &[u8]) -> Option<i64> {
    let skip_space = |mut i: usize| {
        while json.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        i
    };
    let mut i = 0;
    while i < json.len() {
        let key = json.get(i + 1..i + 1 + name.len());
        let quoted = json.get(i) == Some(&b'"') && json.get(i + 1 + name.len()) == Some(&b'"');
        if !(quoted && key == Some(name)) {
            i += 1;
            continue;
        }
        i = skip_space(i + name.len() + 2);
        if json.get(i) != Some(&b':') {
            continue;
        }
        let mut at = skip_space(i + 1);
        let mut value: Option<i64> = None;
        while let Some(d) = json.get(at).filter(|c| c.is_ascii_digit()) {
            value = value
                .unwrap_or(0)
                .checked_mul(10)?
                .checked_add(i64::from(d - b'0'));
            value?;
            at += 1;
        }
        return value;
    }
    None
}

fn base64url_decode(input: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(input.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for &c in input.iter().filter(|&&c| c != b'=') {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

/// Builds an unsigned test token with the given payload (tests only).
#[cfg(test)]
pub(crate) fn fake_token(payload: &str) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut b64 = String::new();
    for chunk in payload.as_bytes().chunks(3) {
        let n =
            chunk.iter().fold(0u32, |acc, &b| (acc << 8) | u32::from(b)) << (8 * (3 - chunk.len()));
        for i in 0..=chunk.len() {
            b64.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    format!("eyJhbGciOiJFZERTQSJ9.{b64}.sig")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lifetime_is_exp_minus_iat() {
        let jwt = fake_token(
            r#"{"sub":"user_1","iat":1700000000,"nbf":1700000000,"exp":1700000060,"sid":"sess_1"}"#,
        );
        assert_eq!(lifetime_secs(&jwt), Some(60));
    }

    #[test]
    fn payload_lengths_of_every_remainder_decode() {
        for pad in ["", "x", "xy"] {
            let jwt = fake_token(&format!(r#"{{"iat":10,"exp":70,"p":"{pad}"}}"#));
            assert_eq!(lifetime_secs(&jwt), Some(60), "padding {pad:?}");
        }
    }

    #[test]
    fn garbage_has_no_lifetime() {
        assert_eq!(lifetime_secs("not a jwt"), None);
        assert_eq!(lifetime_secs("a.!!!.c"), None);
        assert_eq!(lifetime_secs(&fake_token(r#"{"exp":5,"iat":10}"#)), None);
        assert_eq!(lifetime_secs(&fake_token(r#"{"exp":"soon"}"#)), None);
        assert_eq!(lifetime_secs(&fake_token(r#"{"exp":,"iat":1}"#)), None);
        assert_eq!(
            lifetime_secs(&fake_token(r#"{"exp":99999999999999999999,"iat":1}"#)),
            None
        );
    }

    #[test]
    fn claims_are_found_past_lookalikes_and_spaces() {
        let jwt = fake_token(r#"{"x":"exp", "iat" : 5 ,"exp" :  65}"#);
        assert_eq!(lifetime_secs(&jwt), Some(60));
    }
}
