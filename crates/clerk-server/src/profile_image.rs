//! Profile pictures: an upload (at most [`MAX_UPLOAD_BYTES`]) becomes a [`SIDE_PX`]-pixel
//! square PNG, named by the SHA-256 of its bytes.
//!
//! Security rules:
//! - Only PNG, JPEG, GIF and WebP, told by their content (magic bytes), never by a file name or
//!   a declared content type; anything else is `image_invalid`, as is a file that fails to
//!   decode (truncated, corrupt). Decoders are the `image` crate's pure-Rust ones (no C).
//! - Decompression bombs are refused before the pixels are decoded: the dimensions are read
//!   from the header first, and a side over [`MAX_SIDE_PX`] or more than [`MAX_PIXELS`] pixels
//!   is `image_too_large`; the decoder itself runs under `Limits` (the same sides, at most
//!   [`MAX_ALLOC_BYTES`] allocated), so a header that lies is stopped too.
//! - Decoding runs off the async executor (`spawn_blocking`), at most [`DECODES_AT_ONCE`] at a
//!   time, so uploads cannot starve other requests or hold more memory than that many decodes.
//! - Nothing of the upload but its pixels survives: the stored file is a fresh PNG written from
//!   RGBA pixels (IHDR, IDAT, IEND only): no EXIF, ICC profile, text chunks or trailing bytes.
//!   A JPEG's EXIF orientation is applied to the pixels first, so the picture stands upright.

use crate::error::AppError;
use image::codecs::png::{CompressionType, FilterType as PngFilter, PngEncoder};
use image::imageops::FilterType;
use image::{DynamicImage, ImageDecoder, ImageEncoder, ImageError, ImageFormat, ImageReader};
use sha2::{Digest, Sha256};
use std::io::Cursor;
use tokio::sync::Semaphore;

/// The largest request body `POST /v1/me/profile_image` reads, in bytes (5 MiB).
pub const MAX_UPLOAD_BYTES: usize = 5 * 1024 * 1024;
/// The longest side an upload may have, in pixels.
pub const MAX_SIDE_PX: u32 = 8192;
/// The most pixels an upload may have (width × height).
pub const MAX_PIXELS: u64 = 40_000_000;
/// The most memory one decoder may allocate, in bytes.
pub const MAX_ALLOC_BYTES: u64 = 200 * 1024 * 1024;
/// The side of the stored square, in pixels.
pub const SIDE_PX: u32 = 256;
/// Uploads decoded at the same time in one process.
pub const DECODES_AT_ONCE: usize = 2;

static DECODES: Semaphore = Semaphore::const_new(DECODES_AT_ONCE);

/// A processed upload: the PNG to store and its name.
#[derive(Debug, Clone)]
pub struct Square {
    /// The PNG bytes.
    pub png: Vec<u8>,
    /// The SHA-256 of `png`, lowercase hex (64 characters).
    pub hash: String,
}

/// Whether `hash` is a name [`Square::hash`] can have (64 lowercase hex digits).
pub fn is_hash(hash: &str) -> bool {
    hash.len() == 64 && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

fn too_large() -> AppError {
    AppError::ImageTooLarge {
        max_side_px: MAX_SIDE_PX,
    }
}

/// A decoder error as the API's: a limit hit is `image_too_large`, anything else
/// `image_invalid` (the decoder's text stays out of the answer).
fn refused(e: ImageError) -> AppError {
    match e {
        ImageError::Limits(_) => too_large(),
        _ => AppError::ImageInvalid("the file could not be decoded"),
    }
}

fn limits() -> image::Limits {
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_SIDE_PX);
    limits.max_image_height = Some(MAX_SIDE_PX);
    limits.max_alloc = Some(MAX_ALLOC_BYTES);
    limits
}

/// A reader of `bytes` under [`limits`], if its content is one of the accepted formats.
fn reader(bytes: &[u8]) -> Result<ImageReader<Cursor<&[u8]>>, AppError> {
    let not_image = || AppError::ImageInvalid("not a PNG, JPEG, GIF or WebP file");
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|_| not_image())?;
    match reader.format() {
        Some(ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::Gif | ImageFormat::WebP) => {}
        _ => return Err(not_image()),
    }
    reader.limits(limits());
    Ok(reader)
}

/// Checks the dimensions in the header of `bytes` (see the module docs), decoding no pixels.
pub fn check_dimensions(bytes: &[u8]) -> Result<(u32, u32), AppError> {
    let (w, h) = reader(bytes)?.into_dimensions().map_err(refused)?;
    if w == 0 || h == 0 {
        return Err(AppError::ImageInvalid("the image has no pixels"));
    }
    if w > MAX_SIDE_PX || h > MAX_SIDE_PX || u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(too_large());
    }
    Ok((w, h))
}

/// Decodes `bytes` (its first frame), stands it upright, crops the centred square, scales it
/// to [`SIDE_PX`] (Lanczos3) and writes it as a new PNG. Blocking: see [`square`].
pub fn square_blocking(bytes: &[u8]) -> Result<Square, AppError> {
    check_dimensions(bytes)?;
    let mut decoder = reader(bytes)?.into_decoder().map_err(refused)?;
    let orientation = decoder.orientation().ok();
    let mut img = DynamicImage::from_decoder(decoder).map_err(refused)?;
    if let Some(orientation) = orientation {
        img.apply_orientation(orientation);
    }
    let side = img.width().min(img.height());
    let x = (img.width() - side) / 2;
    let y = (img.height() - side) / 2;
    let cropped = img.crop_imm(x, y, side, side).to_rgba8();
    let scaled = image::imageops::resize(&cropped, SIDE_PX, SIDE_PX, FilterType::Lanczos3);
    let mut png = Vec::new();
    PngEncoder::new_with_quality(&mut png, CompressionType::Best, PngFilter::Adaptive)
        .write_image(
            scaled.as_raw(),
            SIDE_PX,
            SIDE_PX,
            image::ExtendedColorType::Rgba8,
        )
        .map_err(|e| AppError::Internal(format!("PNG encoding failed: {e}")))?;
    let hash = Sha256::digest(&png)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    Ok(Square { png, hash })
}

/// [`square_blocking`] on the blocking pool, at most [`DECODES_AT_ONCE`] at a time.
pub async fn square(bytes: Vec<u8>) -> Result<Square, AppError> {
    let _permit = DECODES
        .acquire()
        .await
        .map_err(|_| AppError::Internal("the decode semaphore is closed".into()))?;
    tokio::task::spawn_blocking(move || square_blocking(&bytes))
        .await
        .map_err(|e| AppError::Internal(format!("image task failed: {e}")))?
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let img = image::RgbImage::from_fn(w, h, |x, _| image::Rgb([(x % 256) as u8, 10, 200]));
        let mut out = Vec::new();
        img.write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
            .unwrap();
        out
    }

    #[test]
    fn a_wide_image_becomes_a_256_pixel_square_png_named_by_its_hash() {
        let s = square_blocking(&png(300, 120)).unwrap();
        let back = image::load_from_memory(&s.png).unwrap();
        assert_eq!((back.width(), back.height()), (SIDE_PX, SIDE_PX));
        assert!(is_hash(&s.hash));
        // The same upload gives the same name.
        assert_eq!(square_blocking(&png(300, 120)).unwrap().hash, s.hash);
    }

    #[test]
    fn text_and_truncated_files_are_invalid_and_huge_headers_too_large() {
        for bad in [&b"hello, world"[..], &png(20, 20)[..60]] {
            assert!(matches!(
                square_blocking(bad),
                Err(AppError::ImageInvalid(_))
            ));
        }
        assert!(matches!(
            check_dimensions(&png(MAX_SIDE_PX + 1, 1)),
            Err(AppError::ImageTooLarge { .. })
        ));
    }

    #[test]
    fn hashes_are_64_lowercase_hex_digits() {
        assert!(is_hash(&"a".repeat(64)));
        assert!(!is_hash(&"A".repeat(64)));
        assert!(!is_hash(&"a".repeat(63)));
        assert!(!is_hash("../etc/passwd"));
    }
}
