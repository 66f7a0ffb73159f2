//! HTTP caching of static files: the `ETag` of a file version, `If-None-Match` matching, and
//! which precompressed variants a request's `Accept-Encoding` allows. Pure functions of headers
//! and file metadata, used by [`crate::static_files`].

use axum::http::{header, HeaderMap};
use std::time::UNIX_EPOCH;

/// A content encoding we may have a precompressed file for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// Brotli, `NAME.br`.
    Brotli,
    /// gzip, `NAME.gz`.
    Gzip,
}

impl Encoding {
    /// The `Content-Encoding` value.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Brotli => "br",
            Encoding::Gzip => "gzip",
        }
    }

    /// The file name suffix of the precompressed variant.
    pub fn suffix(self) -> &'static str {
        match self {
            Encoding::Brotli => ".br",
            Encoding::Gzip => ".gz",
        }
    }
}

/// The encodings `Accept-Encoding` allows, best first (brotli, then gzip). A `q=0` refuses one;
/// `*` allows both unless listed with `q=0`.
pub fn accepted_encodings(headers: &HeaderMap) -> Vec<Encoding> {
    let mut star = false;
    let (mut br, mut gzip) = (None, None);
    for value in headers.get_all(header::ACCEPT_ENCODING) {
        let Ok(value) = value.to_str() else { continue };
        for item in value.split(',') {
            let mut parts = item.split(';');
            let name = parts.next().unwrap_or("").trim().to_ascii_lowercase();
            let refused = parts.any(|p| {
                let p = p.trim();
                p.strip_prefix("q=")
                    .and_then(|q| q.trim().parse::<f32>().ok())
                    .is_some_and(|q| q <= 0.0)
            });
            match name.as_str() {
                "br" => br = Some(!refused),
                "gzip" | "x-gzip" => gzip = Some(!refused),
                "*" => star = !refused,
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    if br.unwrap_or(star) {
        out.push(Encoding::Brotli);
    }
    if gzip.unwrap_or(star) {
        out.push(Encoding::Gzip);
    }
    out
}

/// A strong `ETag` for one version of a file as sent: its size and modification time (ns), and
/// the encoding, since each encoding is a different byte sequence.
pub fn etag(meta: &std::fs::Metadata, encoding: Option<Encoding>) -> String {
    let modified = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    let suffix = encoding.map_or("", |e| e.suffix());
    format!("\"{:x}-{:x}{}\"", meta.len(), modified, suffix)
}

/// Whether `If-None-Match` names `tag` (weak comparison, as RFC 9110 asks for this header) or is
/// `*`.
pub fn etag_matches(headers: &HeaderMap, tag: &str) -> bool {
    let bare = |t: &str| t.trim().trim_start_matches("W/").to_owned();
    let tag = bare(tag);
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|t| t.trim() == "*" || bare(t) == tag)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(name: header::HeaderName, value: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(name, HeaderValue::from_str(value).expect("header"));
        h
    }

    #[test]
    fn brotli_is_preferred_and_q_zero_refuses_an_encoding() {
        let accept = |v| accepted_encodings(&headers(header::ACCEPT_ENCODING, v));
        assert_eq!(
            accept("gzip, deflate, br, zstd"),
            vec![Encoding::Brotli, Encoding::Gzip]
        );
        assert_eq!(accept("gzip"), vec![Encoding::Gzip]);
        assert_eq!(accept("br;q=0, gzip;q=0.5"), vec![Encoding::Gzip]);
        assert_eq!(accept("*"), vec![Encoding::Brotli, Encoding::Gzip]);
        assert_eq!(accept("*, gzip;q=0"), vec![Encoding::Brotli]);
        assert_eq!(accept("identity"), vec![]);
        assert!(accepted_encodings(&HeaderMap::new()).is_empty());
    }

    #[test]
    fn if_none_match_matches_the_tag_weakly_or_star() {
        let tag = "\"1f-abc.br\"";
        let matches = |v| etag_matches(&headers(header::IF_NONE_MATCH, v), tag);
        assert!(matches("\"1f-abc.br\""));
        assert!(matches("W/\"1f-abc.br\""));
        assert!(matches("\"x\", \"1f-abc.br\""));
        assert!(matches("*"));
        assert!(!matches("\"1f-abc\""));
        assert!(!etag_matches(&HeaderMap::new(), tag));
    }

    #[test]
    fn each_encoding_of_a_file_has_its_own_tag() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.js");
        std::fs::write(&path, "let a = 1;").expect("write");
        let meta = std::fs::metadata(&path).expect("metadata");
        let plain = etag(&meta, None);
        assert!(plain.starts_with("\"a-"), "{plain}");
        assert_ne!(plain, etag(&meta, Some(Encoding::Brotli)));
        assert_ne!(
            etag(&meta, Some(Encoding::Gzip)),
            etag(&meta, Some(Encoding::Brotli))
        );
    }
}
