//! `application/x-www-form-urlencoded` bodies: what the SDK sends, so browsers make no CORS
//! preflight.

/// Encodes `pairs` as a form body; `None` values are left out.
pub fn encode(pairs: &[(&str, Option<&str>)]) -> String {
    let mut out = String::new();
    for (key, value) in pairs {
        let Some(value) = value else { continue };
        if !out.is_empty() {
            out.push('&');
        }
        push_encoded(&mut out, key, "+");
        out.push('=');
        push_encoded(&mut out, value, "+");
    }
    out
}

/// Percent-encodes one path segment (ids and templates go into URLs).
pub fn path_segment(segment: &str) -> String {
    let mut out = String::new();
    push_encoded(&mut out, segment, "%20");
    out
}

fn push_encoded(out: &mut String, text: &str, space: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'*' => {
                out.push(byte as char)
            }
            b' ' => out.push_str(space),
            _ => {
                out.push('%');
                out.push(HEX[(byte >> 4) as usize] as char);
                out.push(HEX[(byte & 15) as usize] as char);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_characters_and_unicode_are_percent_encoded() {
        let body = encode(&[
            ("identifier", Some("a+b@x.io")),
            ("password", Some("p&ss= w😀")),
            ("first_name", None),
        ]);
        assert_eq!(
            body,
            "identifier=a%2Bb%40x.io&password=p%26ss%3D+w%F0%9F%98%80"
        );
    }

    #[test]
    fn path_segments_cannot_escape_their_segment() {
        assert_eq!(path_segment("../x y"), "..%2Fx%20y");
    }
}
