//! Recognising and checking image bytes before they are stored: the format
//! comes from magic bytes (never from a file name), the size from the header
//! alone (so a decompression bomb is refused before any pixel buffer exists),
//! and a cheap structural walk catches truncated or damaged files without
//! decoding pixels.

use std::io::Cursor;

use serde::Serialize;

use super::ImageError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, specta::Type)]
#[serde(rename_all = "lowercase")]
pub enum ImageFormat {
    Png,
    Jpeg,
    Webp,
    Gif,
}

impl ImageFormat {
    pub const ALL: [ImageFormat; 4] = [Self::Png, Self::Jpeg, Self::Webp, Self::Gif];

    pub fn ext(self) -> &'static str {
        match self {
            Self::Png => "png",
            Self::Jpeg => "jpg",
            Self::Webp => "webp",
            Self::Gif => "gif",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            Self::Png => "image/png",
            Self::Jpeg => "image/jpeg",
            Self::Webp => "image/webp",
            Self::Gif => "image/gif",
        }
    }

    pub fn from_ext(ext: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.ext() == ext)
    }

    pub(crate) fn image_format(self) -> image::ImageFormat {
        match self {
            Self::Png => image::ImageFormat::Png,
            Self::Jpeg => image::ImageFormat::Jpeg,
            Self::Webp => image::ImageFormat::WebP,
            Self::Gif => image::ImageFormat::Gif,
        }
    }

    /// The format named by the leading magic bytes, if it is one we store.
    pub fn sniff(bytes: &[u8]) -> Option<Self> {
        if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(Self::Png)
        } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(Self::Jpeg)
        } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
            Some(Self::Gif)
        } else if bytes.len() >= 12 && &bytes[0..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
            Some(Self::Webp)
        } else {
            None
        }
    }
}

/// A decoder for `bytes` that refuses images over `max_side` on a side.
pub(crate) fn bounded_reader(bytes: &[u8], format: ImageFormat, max_side: u32) -> image::ImageReader<Cursor<&[u8]>> {
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(max_side);
    limits.max_image_height = Some(max_side);
    let mut reader = image::ImageReader::with_format(Cursor::new(bytes), format.image_format());
    reader.limits(limits);
    reader
}

/// Width and height from the header only; refuses sides over `max_side`.
pub fn dimensions(bytes: &[u8], format: ImageFormat, max_side: u32) -> Result<(u32, u32), ImageError> {
    match bounded_reader(bytes, format, max_side).into_dimensions() {
        Ok((w, h)) if w == 0 || h == 0 => Err(ImageError::Corrupt { reason: "the image has no pixels".into() }),
        Ok((w, h)) if w > max_side || h > max_side => Err(ImageError::DimensionsTooLarge { width: w, height: h, max: max_side }),
        Ok(dims) => Ok(dims),
        Err(image::ImageError::Limits(_)) => {
            let (width, height) = declared_dimensions(bytes, format).unwrap_or((0, 0));
            Err(ImageError::DimensionsTooLarge { width, height, max: max_side })
        }
        Err(e) => Err(ImageError::Corrupt { reason: e.to_string() }),
    }
}

/// The size a PNG header declares, read by hand for the error message when the
/// decoder refused it for its limits.
fn declared_dimensions(bytes: &[u8], format: ImageFormat) -> Option<(u32, u32)> {
    if format != ImageFormat::Png || bytes.len() < 24 {
        return None;
    }
    let w = u32::from_be_bytes(bytes[16..20].try_into().ok()?);
    let h = u32::from_be_bytes(bytes[20..24].try_into().ok()?);
    Some((w, h))
}

/// A structural check that costs far less than decoding: every PNG chunk is
/// complete and its CRC matches up to `IEND`; a JPEG ends with its EOI marker;
/// a GIF with its trailer; a WebP's RIFF size fits the bytes.
pub fn check_structure(bytes: &[u8], format: ImageFormat) -> Result<(), ImageError> {
    let corrupt = |reason: &str| Err(ImageError::Corrupt { reason: reason.to_owned() });
    match format {
        ImageFormat::Png => {
            let mut pos = 8usize;
            let mut first = true;
            let mut seen_idat = false;
            loop {
                if bytes.len() < pos + 12 {
                    return corrupt("the PNG file is truncated (no IEND chunk)");
                }
                let len = u32::from_be_bytes(bytes[pos..pos + 4].try_into().expect("4 bytes")) as usize;
                let kind = &bytes[pos + 4..pos + 8];
                let Some(end) = pos.checked_add(8).and_then(|p| p.checked_add(len)) else {
                    return corrupt("a PNG chunk length is out of range");
                };
                if bytes.len() < end + 4 {
                    return corrupt("the PNG file is truncated inside a chunk");
                }
                if first && kind != b"IHDR" {
                    return corrupt("the PNG file does not start with an IHDR chunk");
                }
                first = false;
                let stored = u32::from_be_bytes(bytes[end..end + 4].try_into().expect("4 bytes"));
                if crc32fast::hash(&bytes[pos + 4..end]) != stored {
                    return corrupt("a PNG chunk checksum does not match (damaged file)");
                }
                seen_idat |= kind == b"IDAT";
                if kind == b"IEND" {
                    return if seen_idat { Ok(()) } else { corrupt("the PNG file has no image data") };
                }
                pos = end + 4;
            }
        }
        ImageFormat::Jpeg => {
            // Some writers pad after EOI with zero bytes; a truncated file has no EOI at all.
            let trimmed = match bytes.iter().rposition(|&b| b != 0) {
                Some(i) => &bytes[..=i],
                None => bytes,
            };
            if trimmed.ends_with(&[0xFF, 0xD9]) {
                Ok(())
            } else {
                corrupt("the JPEG file is truncated (no end-of-image marker)")
            }
        }
        ImageFormat::Gif => {
            if bytes.last() == Some(&0x3B) {
                Ok(())
            } else {
                corrupt("the GIF file is truncated (no trailer)")
            }
        }
        ImageFormat::Webp => {
            let declared = u32::from_le_bytes(bytes[4..8].try_into().expect("4 bytes")) as usize;
            if declared + 8 <= bytes.len() && declared >= 4 {
                Ok(())
            } else {
                corrupt("the WebP file is truncated (RIFF size exceeds the file)")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_by_magic_not_by_name() {
        assert_eq!(ImageFormat::sniff(b"\x89PNG\r\n\x1a\nrest"), Some(ImageFormat::Png));
        assert_eq!(ImageFormat::sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Some(ImageFormat::Jpeg));
        assert_eq!(ImageFormat::sniff(b"GIF89a...."), Some(ImageFormat::Gif));
        assert_eq!(ImageFormat::sniff(b"RIFF\x10\0\0\0WEBPVP8 "), Some(ImageFormat::Webp));
        assert_eq!(ImageFormat::sniff(b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>"), None, "SVG is script-capable and never stored");
        assert_eq!(ImageFormat::sniff(b""), None);
        assert_eq!(ImageFormat::sniff(b"RIFF\x10\0\0\0WAVE"), None, "a RIFF that is not WebP is not an image");
    }
}
