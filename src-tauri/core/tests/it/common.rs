//! Shared test helpers: temporary storage roots and generated images.

use std::io::Cursor;

use huaben_core::paths::StoragePaths;
use huaben_core::Core;

pub struct TempCore {
    pub core: Core,
    pub dir: tempfile::TempDir,
}

pub async fn temp_core() -> TempCore {
    let dir = tempfile::tempdir().expect("temp dir");
    let core = Core::open(StoragePaths::new(dir.path().join("storage"))).await.expect("open core");
    TempCore { core, dir }
}

/// A PNG of `w`×`h` whose pixels derive from `seed`, so different seeds give different bytes.
pub fn png(w: u32, h: u32, seed: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        let v = x.wrapping_mul(31).wrapping_add(y.wrapping_mul(17)).wrapping_add(seed.wrapping_mul(101));
        image::Rgb([(v & 0xff) as u8, ((v >> 3) & 0xff) as u8, (seed & 0xff) as u8])
    });
    let mut out = Vec::new();
    img.write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png).expect("encode png");
    out
}

pub fn encode(img: &image::DynamicImage, format: image::ImageFormat) -> Vec<u8> {
    let mut out = Vec::new();
    img.write_to(&mut Cursor::new(&mut out), format).expect("encode");
    out
}

/// A syntactically valid PNG whose header declares `w`×`h` pixels but carries
/// only a few bytes of data: a decompression bomb if anyone decoded it.
pub fn png_declaring(w: u32, h: u32) -> Vec<u8> {
    fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let start = out.len();
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        let crc = crc32(&out[start..]);
        out.extend_from_slice(&crc.to_be_bytes());
    }
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&w.to_be_bytes());
    ihdr.extend_from_slice(&h.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &ihdr);
    // A zlib stream of a few zero bytes; a decoder would expand it to w*h*3.
    chunk(&mut out, b"IDAT", &[0x78, 0x9c, 0x63, 0x60, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01]);
    chunk(&mut out, b"IEND", &[]);
    out
}

pub fn crc32(bytes: &[u8]) -> u32 {
    let mut h = crc32fast::Hasher::new();
    h.update(bytes);
    h.finalize()
}
