//! The content-addressed image store of SPEC §4: every image lives once at
//! `data/images/{md5}.{ext}`, written atomically and durably, found by hash.

mod format;
mod hash;
pub mod import;
mod store;
pub mod thumbnail;
pub mod verify;

pub use format::{check_structure, dimensions, ImageFormat};
pub use hash::{ImageHash, InvalidHash};
pub use store::{ImageStore, StoreLimits, StoredImage};

use serde::Serialize;

use crate::db::references::ImageReference;
use crate::db::DbError;
use crate::error::ApiError;

/// What `save` tells about the stored image.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SavedImage {
    pub hash: ImageHash,
    pub mime: String,
    pub ext: String,
    pub width: u32,
    pub height: u32,
    /// Bytes; a u64 would not fit a JavaScript number exactly, images never need it.
    pub size: u32,
    /// True when identical bytes were already stored and nothing was written.
    pub deduplicated: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum ImageError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is {size} bytes; the limit is {max} bytes")]
    TooLarge { size: u64, max: u64 },
    #[error("not a supported image (PNG, JPEG, WebP or GIF)")]
    UnsupportedFormat,
    #[error("the image is damaged: {reason}")]
    Corrupt { reason: String },
    #[error("the image is {width}×{height} pixels; at most {max} pixels on a side are allowed")]
    DimensionsTooLarge { width: u32, height: u32, max: u32 },
    #[error("not an image hash (expected 32 lower-case hex characters)")]
    InvalidHash,
    #[error("no stored image has hash {0}")]
    NotFound(ImageHash),
    #[error("image {hash} is still used by {}", .refs.iter().map(|r| r.to_string()).collect::<Vec<_>>().join(", "))]
    InUse { hash: ImageHash, refs: Vec<ImageReference> },
    #[error("not a file: {0}")]
    NotAFile(String),
    #[error("thumbnail width {0} is not offered")]
    BadWidth(u32),
    #[error("file system error: {0}")]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Db(#[from] DbError),
}

impl From<InvalidHash> for ImageError {
    fn from(_: InvalidHash) -> Self {
        Self::InvalidHash
    }
}

impl From<ImageError> for ApiError {
    fn from(e: ImageError) -> Self {
        let message = e.to_string();
        match e {
            ImageError::Empty => ApiError::new("image.empty", message),
            ImageError::TooLarge { size, max } => ApiError::new("image.too_large", message).with("size", size).with("max", max),
            ImageError::UnsupportedFormat => ApiError::new("image.unsupported_format", message),
            ImageError::Corrupt { reason } => ApiError::new("image.corrupt", message).with("reason", reason),
            ImageError::DimensionsTooLarge { width, height, max } => ApiError::new("image.dimensions_too_large", message)
                .with("width", width)
                .with("height", height)
                .with("max", max),
            ImageError::InvalidHash => ApiError::new("image.invalid_hash", message),
            ImageError::NotFound(h) => ApiError::new("image.not_found", message).with("hash", h),
            ImageError::InUse { hash, refs } => ApiError::new("image.in_use", message)
                .with("hash", hash)
                .with("count", refs.len())
                .with("refs", refs.iter().map(|r| r.to_string()).collect::<Vec<_>>().join(", ")),
            ImageError::NotAFile(p) => ApiError::new("image.not_a_file", message).with("path", p),
            ImageError::BadWidth(w) => ApiError::new("image.bad_width", message).with("width", w),
            ImageError::Io(_) => ApiError::new("image.io", message),
            ImageError::Db(e) => e.into(),
        }
    }
}
