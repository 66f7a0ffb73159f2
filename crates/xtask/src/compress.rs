//! The gzip files the build ships: Zopfli (the `zopfli` crate), an exhaustive DEFLATE encoder
//! whose output any gzip decoder reads, typically 4-6 % smaller than zlib's level 9. It is slow
//! (seconds per file), which is fine for files compressed once at build time and served many times
//! (`clerk-server --static-dir` sends `NAME.gz` to browsers that accept gzip but not brotli).
//!
//! zlib's level 9 stays in `cargo xtask bench size` beside it, the figure everybody can reproduce
//! with `gzip -9` and the one the size history in BENCHMARKS.md was measured with.

use std::fs;
use std::path::Path;

use crate::error::{Result, XtaskError};

/// `raw` as a gzip member compressed by Zopfli with its default options (15 iterations).
pub fn zopfli_gzip(raw: &[u8]) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(raw.len() / 2);
    zopfli::compress(
        zopfli::Options::default(),
        zopfli::Format::Gzip,
        raw,
        &mut out,
    )
    .map_err(|e| XtaskError::io("zopfli cannot compress", e))?;
    Ok(out)
}

/// Writes `file.gz` beside `file` (Zopfli); returns its size.
pub fn write_gzip(file: &Path) -> Result<u64> {
    let raw =
        fs::read(file).map_err(|e| XtaskError::io(format!("cannot read {}", file.display()), e))?;
    let gz = zopfli_gzip(&raw)?;
    let target = file.with_file_name(format!(
        "{}.gz",
        file.file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
    ));
    fs::write(&target, &gz)
        .map_err(|e| XtaskError::io(format!("cannot write {}", target.display()), e))?;
    Ok(gz.len() as u64)
}

/// Bytes of `file` after [`zopfli_gzip`].
pub fn zopfli_size(file: &Path) -> Result<u64> {
    let raw =
        fs::read(file).map_err(|e| XtaskError::io(format!("cannot read {}", file.display()), e))?;
    Ok(zopfli_gzip(&raw)?.len() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn a_zopfli_member_decodes_back_with_a_plain_gzip_decoder_and_is_smaller_than_the_input() {
        let raw: Vec<u8> = (0..1_000u32)
            .flat_map(|i| format!("line {} of the test {}\n", i % 97, i % 13).into_bytes())
            .collect();
        let gz = zopfli_gzip(&raw).unwrap();
        assert!(gz.len() < raw.len() / 4, "{} of {}", gz.len(), raw.len());
        assert_eq!(&gz[..2], &[0x1f, 0x8b], "a gzip header");
        let mut back = Vec::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_end(&mut back)
            .unwrap();
        assert_eq!(back, raw);
    }
}
