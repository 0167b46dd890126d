//! Derived, smaller images for grids (`?w=N`). They live in `temp/image-cache/`
//! (safe to delete), are made once per (hash, width) and written atomically,
//! so two concurrent requests at worst both do the work.

use std::fs;
use std::io::Write;
use std::path::PathBuf;

use fast_image_resize::images::Image as FirImage;
use fast_image_resize::{IntoImageView, Resizer};
use image::{DynamicImage, ImageEncoder};

use super::store::TEMP_PREFIX;
use super::{ImageError, ImageFormat, ImageHash, ImageStore};

/// The widths offered; any other `w` is refused so the cache stays bounded.
pub const WIDTHS: [u32; 4] = [128, 256, 512, 1024];

/// A file to answer a thumbnail request with.
#[derive(Debug, Clone)]
pub struct Thumbnail {
    pub path: PathBuf,
    pub format: ImageFormat,
    /// True when the original is not wider than asked and is served as is.
    pub is_original: bool,
}

fn cache_path(store: &ImageStore, hash: &ImageHash, width: u32, format: ImageFormat) -> PathBuf {
    store.cache_dir().join(format!("{hash}-w{width}.{}", format.ext()))
}

/// A cached thumbnail if one exists; no decoding.
pub fn cached(store: &ImageStore, hash: &ImageHash, width: u32) -> Option<Thumbnail> {
    [ImageFormat::Jpeg, ImageFormat::Png].into_iter().find_map(|format| {
        let path = cache_path(store, hash, width, format);
        path.is_file().then_some(Thumbnail { path, format, is_original: false })
    })
}

/// The thumbnail of `hash` at `width`, made and cached on first request.
pub fn get_or_create(store: &ImageStore, hash: &ImageHash, width: u32) -> Result<Thumbnail, ImageError> {
    if !WIDTHS.contains(&width) {
        return Err(ImageError::BadWidth(width));
    }
    if let Some(t) = cached(store, hash, width) {
        return Ok(t);
    }
    let original = store.find(hash).ok_or_else(|| ImageError::NotFound(hash.clone()))?;
    let format = original.format;
    let bytes = fs::read(&original.path)?;
    let (w, h) = super::dimensions(&bytes, format, store.limits().max_side)?;
    if w <= width {
        return Ok(Thumbnail { path: original.path, format, is_original: true });
    }
    let (encoded, out_format) = render(&bytes, format, (w, h), width, store.limits().max_side)?;
    let path = cache_path(store, hash, width, out_format);
    let mut tmp = tempfile::Builder::new().prefix(TEMP_PREFIX).tempfile_in(store.cache_dir())?;
    tmp.write_all(&encoded)?;
    tmp.persist(&path).map_err(|e| e.error)?;
    Ok(Thumbnail { path, format: out_format, is_original: false })
}

/// Decode (bounded), resize with a Lanczos3 convolution and encode: JPEG for
/// opaque images, PNG where there is transparency to keep.
fn render(bytes: &[u8], format: ImageFormat, (w, h): (u32, u32), width: u32, max_side: u32) -> Result<(Vec<u8>, ImageFormat), ImageError> {
    let decoded = super::format::bounded_reader(bytes, format, max_side)
        .decode().map_err(|e| ImageError::Corrupt { reason: e.to_string() })?;
    let src = if decoded.color().has_alpha() {
        DynamicImage::ImageRgba8(decoded.to_rgba8())
    } else {
        DynamicImage::ImageRgb8(decoded.to_rgb8())
    };
    let height = ((h as u64 * width as u64) / w as u64).max(1) as u32;
    let pixel_type = src.pixel_type().ok_or_else(|| ImageError::Corrupt { reason: "unsupported pixel layout".into() })?;
    let mut dst = FirImage::new(width, height, pixel_type);
    Resizer::new()
        .resize(&src, &mut dst, None)
        .map_err(|e| ImageError::Corrupt { reason: e.to_string() })?;
    let mut out = Vec::new();
    let encode_err = |e: image::ImageError| ImageError::Corrupt { reason: e.to_string() };
    if src.color().has_alpha() {
        image::codecs::png::PngEncoder::new(&mut out)
            .write_image(dst.buffer(), width, height, image::ExtendedColorType::Rgba8)
            .map_err(encode_err)?;
        Ok((out, ImageFormat::Png))
    } else {
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
            .write_image(dst.buffer(), width, height, image::ExtendedColorType::Rgb8)
            .map_err(encode_err)?;
        Ok((out, ImageFormat::Jpeg))
    }
}

/// Drop every cached thumbnail of `hash` (after the original was deleted).
pub fn remove_cached(store: &ImageStore, hash: &ImageHash) -> Result<(), ImageError> {
    for width in WIDTHS {
        for format in [ImageFormat::Jpeg, ImageFormat::Png] {
            match fs::remove_file(cache_path(store, hash, width, format)) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(e.into()),
            }
        }
    }
    Ok(())
}
