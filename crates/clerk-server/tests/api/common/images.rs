//! Images for the profile picture tests, made here: real PNG and JPEG files (the `image`
//! crate), a JPEG with an EXIF segment inserted by hand, and decompression bombs written byte by
//! byte (a PNG header that lies, and a real PNG of many pixels in few bytes); and the multipart
//! body the SDK sends.

use image::{ImageFormat, RgbImage};
use std::io::Cursor;

/// The text hidden in the EXIF segment of [`jpeg_with_exif`].
pub const EXIF_SECRET: &[u8] = b"SECRET-GPS-48.8584N-2.2945E";

/// A `w`×`h` picture with a gradient, encoded as `format`.
pub fn picture(w: u32, h: u32, format: ImageFormat) -> Vec<u8> {
    let img = RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([(x * 255 / w.max(1)) as u8, (y * 255 / h.max(1)) as u8, 120])
    });
    let mut out = Vec::new();
    img.write_to(&mut Cursor::new(&mut out), format).unwrap();
    out
}

/// A JPEG whose APP1 segment carries EXIF (orientation 1) and `padding` bytes of
/// [`EXIF_SECRET`] repeated.
pub fn jpeg_with_exif(w: u32, h: u32, padding: usize) -> Vec<u8> {
    let jpeg = picture(w, h, ImageFormat::Jpeg);
    assert_eq!(&jpeg[..2], [0xFF, 0xD8]);
    let mut exif = b"Exif\0\0II*\0\x08\0\0\0".to_vec();
    // One IFD entry: Orientation (0x0112), SHORT, count 1, value 1; no next IFD.
    exif.extend_from_slice(&[1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]);
    while exif.len() < padding {
        exif.extend_from_slice(EXIF_SECRET);
    }
    exif.truncate(65_000);
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&((exif.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(&exif);
    out.extend_from_slice(&jpeg[2..]);
    out
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let mut body = kind.to_vec();
    body.extend_from_slice(data);
    out.extend_from_slice(&body);
    out.extend_from_slice(&crc32(&body).to_be_bytes());
}

/// A PNG's signature and IHDR for `w`×`h`, 1-bit greyscale.
fn png_head(w: u32, h: u32) -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = w.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&h.to_be_bytes());
    ihdr.extend_from_slice(&[1, 0, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &ihdr);
    out
}

/// A tiny file whose header claims `w`×`h` pixels, with no pixel data.
pub fn lying_png_header(w: u32, h: u32) -> Vec<u8> {
    let mut out = png_head(w, h);
    chunk(&mut out, b"IEND", &[]);
    out
}

/// Bits written least significant first, as DEFLATE wants.
struct Bits {
    out: Vec<u8>,
    acc: u64,
    n: u32,
}

impl Bits {
    fn put(&mut self, value: u64, count: u32) {
        self.acc |= value << self.n;
        self.n += count;
        while self.n >= 8 {
            self.out.push(self.acc as u8);
            self.acc >>= 8;
            self.n -= 8;
        }
    }

    /// A Huffman code, most significant bit first.
    fn code(&mut self, code: u64, len: u32) {
        let reversed = (0..len).fold(0, |r, i| (r << 1) | ((code >> i) & 1));
        self.put(reversed, len);
    }
}

/// zlib data of `n` zero bytes in one fixed-Huffman block: a literal 0, then copies of 258
/// bytes at distance 1 (13 bits each), then literals for the rest.
fn zlib_zeros(n: usize) -> Vec<u8> {
    let mut bits = Bits {
        out: vec![0x78, 0x01],
        acc: 0,
        n: 0,
    };
    bits.put(1, 1); // the last block
    bits.put(1, 2); // fixed Huffman codes
    let literal_zero = |b: &mut Bits| b.code(0x30, 8);
    literal_zero(&mut bits);
    let mut left = n - 1;
    while left >= 258 {
        bits.code(0b1100_0101, 8); // length code 285: 258 bytes
        bits.code(0, 5); // distance code 0: 1 byte back
        left -= 258;
    }
    for _ in 0..left {
        literal_zero(&mut bits);
    }
    bits.code(0, 7); // end of block (256)
    if bits.n > 0 {
        bits.put(0, 8 - bits.n);
    }
    let mut out = bits.out;
    let b = (n as u64 % 65_521) as u32;
    out.extend_from_slice(&((b << 16) | 1).to_be_bytes());
    out
}

/// A valid, all-black `w`×`h` 1-bit PNG: many pixels in few bytes.
pub fn zero_png(w: u32, h: u32) -> Vec<u8> {
    let row = 1 + (w as usize).div_ceil(8);
    let mut out = png_head(w, h);
    chunk(&mut out, b"IDAT", &zlib_zeros(row * h as usize));
    chunk(&mut out, b"IEND", &[]);
    out
}

/// The chunk types of a PNG, in order.
pub fn png_chunks(png: &[u8]) -> Vec<String> {
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let mut at = 8;
    let mut kinds = Vec::new();
    while at + 8 <= png.len() {
        let len = u32::from_be_bytes(png[at..at + 4].try_into().unwrap()) as usize;
        kinds.push(String::from_utf8_lossy(&png[at + 4..at + 8]).into_owned());
        at += 12 + len;
    }
    assert_eq!(at, png.len(), "trailing bytes after the last chunk");
    kinds
}

/// The boundary of [`multipart`] bodies.
pub const BOUNDARY: &str = "clerk-test-boundary-7f3a";

/// A `multipart/form-data` body with one file field `name` (`filename`, `content_type`).
pub fn multipart(name: &str, filename: &str, content_type: &str, bytes: &[u8]) -> Vec<u8> {
    let mut body = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"; \
         filename=\"{filename}\"\r\nContent-Type: {content_type}\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    body
}
