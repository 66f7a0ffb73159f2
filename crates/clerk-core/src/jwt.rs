//! Just enough JWT reading to know how long a session token lives: the `iat` and `exp` claims of
//! the payload. The SDK never verifies tokens (the server that receives them does).

/// Seconds between `iat` and `exp` of a compact JWT, or `None` if it cannot be read.
///
/// Using the lifetime rather than `exp` itself makes the cache immune to a skewed browser clock.
pub fn lifetime_secs(jwt: &str) -> Option<i64> {
    let payload = base64url_decode(jwt.split('.').nth(1)?)?;
    let text = std::str::from_utf8(&payload).ok()?;
    let lifetime = numeric_claim(text, "exp")? - numeric_claim(text, "iat")?;
    (lifetime > 0).then_some(lifetime)
}

/// The integer value of a top-level claim in compact JSON such as `{"exp":1700000060,...}`.
fn numeric_claim(json: &str, name: &str) -> Option<i64> {
    let needle = format!("\"{name}\"");
    let mut rest = json;
    while let Some(pos) = rest.find(&needle) {
        rest = &rest[pos + needle.len()..];
        let after = rest.trim_start();
        if let Some(value) = after.strip_prefix(':') {
            let value = value.trim_start();
            let end = value
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(value.len());
            return value[..end].parse().ok();
        }
    }
    None
}

fn base64url_decode(input: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(input.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in input.bytes().filter(|&c| c != b'=') {
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
    }
}
