//! The image files themselves. A save is atomic (temp file in the same folder,
//! fsync, rename) and durable (folder fsync) before it returns, so a database
//! row written afterwards never points at a file a crash could lose.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::{check_structure, dimensions, ImageError, ImageFormat, ImageHash, SavedImage};
use crate::db::{references, Db};

/// Prefix of in-flight files; anything carrying it after a crash is garbage.
pub(crate) const TEMP_PREFIX: &str = ".tmp-";

#[derive(Debug, Clone, Copy)]
pub struct StoreLimits {
    /// Largest file accepted, in bytes (default 100 MB).
    pub max_bytes: u64,
    /// Largest width or height accepted, in pixels (default 16384).
    pub max_side: u32,
}

impl Default for StoreLimits {
    fn default() -> Self {
        Self { max_bytes: 100 * 1024 * 1024, max_side: 16384 }
    }
}

/// A stored file as found on disk.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct StoredImage {
    pub hash: ImageHash,
    pub ext: String,
    pub mime: String,
    pub size: u32,
    /// Modification time, milliseconds since the Unix epoch (as f64 so it crosses to JS exactly).
    pub modified_ms: f64,
    #[serde(skip)]
    #[specta(skip)]
    pub path: PathBuf,
    #[serde(skip)]
    #[specta(skip)]
    pub format: ImageFormat,
}

#[derive(Debug, Clone)]
pub struct ImageStore {
    dir: PathBuf,
    cache_dir: PathBuf,
    limits: StoreLimits,
}

impl ImageStore {
    /// Open the store over `dir` (created if missing) and sweep the temp files a
    /// crash may have left in it and in the thumbnail cache.
    pub fn open(dir: impl Into<PathBuf>, cache_dir: impl Into<PathBuf>, limits: StoreLimits) -> Result<Self, ImageError> {
        let store = Self { dir: dir.into(), cache_dir: cache_dir.into(), limits };
        fs::create_dir_all(&store.dir)?;
        fs::create_dir_all(&store.cache_dir)?;
        store.sweep_temp_files()?;
        Ok(store)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }
    pub fn cache_dir(&self) -> &Path {
        &self.cache_dir
    }
    pub fn limits(&self) -> StoreLimits {
        self.limits
    }

    /// Remove leftovers of interrupted writes; returns how many were removed.
    pub fn sweep_temp_files(&self) -> Result<usize, ImageError> {
        let mut removed = 0;
        for dir in [&self.dir, &self.cache_dir] {
            for entry in fs::read_dir(dir)? {
                let entry = entry?;
                if entry.file_name().to_string_lossy().starts_with(TEMP_PREFIX) {
                    match fs::remove_file(entry.path()) {
                        Ok(()) => removed += 1,
                        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                        Err(e) => return Err(e.into()),
                    }
                }
            }
        }
        Ok(removed)
    }

    fn path_for(&self, hash: &ImageHash, format: ImageFormat) -> PathBuf {
        self.dir.join(format!("{}.{}", hash.as_str(), format.ext()))
    }

    /// Store `bytes` under their MD5. Identical bytes are stored once.
    pub fn save(&self, bytes: &[u8]) -> Result<SavedImage, ImageError> {
        if bytes.is_empty() {
            return Err(ImageError::Empty);
        }
        if bytes.len() as u64 > self.limits.max_bytes {
            return Err(ImageError::TooLarge { size: bytes.len() as u64, max: self.limits.max_bytes });
        }
        let format = ImageFormat::sniff(bytes).ok_or(ImageError::UnsupportedFormat)?;
        let hash = ImageHash::of(bytes);
        let path = self.path_for(&hash, format);
        let saved = |width, height, deduplicated| SavedImage {
            hash: hash.clone(),
            mime: format.mime().to_owned(),
            ext: format.ext().to_owned(),
            width,
            height,
            size: bytes.len() as u32,
            deduplicated,
        };

        // Same name and length: these bytes were checked and stored before.
        // (A file whose bytes rotted is `images verify`'s business, and a save
        // of the right bytes over a wrong-length file repairs it below.)
        let existing_len = fs::metadata(&path).ok().filter(|m| m.is_file()).map(|m| m.len());
        if existing_len == Some(bytes.len() as u64) {
            let (w, h) = dimensions(bytes, format, self.limits.max_side)?;
            return Ok(saved(w, h, true));
        }

        let (w, h) = dimensions(bytes, format, self.limits.max_side)?;
        check_structure(bytes, format)?;

        let mut tmp = tempfile::Builder::new().prefix(TEMP_PREFIX).tempfile_in(&self.dir)?;
        tmp.write_all(bytes)?;
        tmp.as_file().sync_all()?;
        let deduplicated = if existing_len.is_some() {
            // A damaged file of that name exists: replace it atomically.
            tmp.persist(&path).map_err(|e| e.error)?;
            false
        } else {
            match tmp.persist_noclobber(&path) {
                Ok(_) => false,
                // Another writer stored the same bytes between our check and now.
                Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => true,
                Err(e) => return Err(e.error.into()),
            }
        };
        sync_dir(&self.dir)?;
        Ok(saved(w, h, deduplicated))
    }

    /// The stored file for `hash`, whatever its type.
    pub fn find(&self, hash: &ImageHash) -> Option<StoredImage> {
        ImageFormat::ALL.into_iter().find_map(|format| {
            let path = self.path_for(hash, format);
            let meta = fs::metadata(&path).ok().filter(|m| m.is_file())?;
            Some(stored(hash.clone(), format, &path, &meta))
        })
    }

    pub fn exists(&self, hash: &ImageHash) -> bool {
        self.find(hash).is_some()
    }

    /// The bytes and type of a stored image.
    pub fn get(&self, hash: &ImageHash) -> Result<(Vec<u8>, ImageFormat), ImageError> {
        let found = self.find(hash).ok_or_else(|| ImageError::NotFound(hash.clone()))?;
        let bytes = fs::read(&found.path)?;
        Ok((bytes, found.format))
    }

    /// The URL the UI loads the image from (SPEC §6).
    pub fn url(hash: &ImageHash) -> String {
        format!("img://localhost/{hash}")
    }

    /// Every stored image, newest first.
    pub fn list(&self) -> Result<Vec<StoredImage>, ImageError> {
        let mut out = Vec::new();
        for entry in fs::read_dir(&self.dir)? {
            let entry = entry?;
            let name = entry.file_name();
            let Some(name) = name.to_str() else { continue };
            let Some((stem, ext)) = name.split_once('.') else { continue };
            let (Ok(hash), Some(format)) = (ImageHash::parse(stem), ImageFormat::from_ext(ext)) else { continue };
            let Ok(meta) = entry.metadata() else { continue };
            if meta.is_file() {
                out.push(stored(hash, format, &entry.path(), &meta));
            }
        }
        out.sort_by(|a, b| b.modified_ms.total_cmp(&a.modified_ms).then_with(|| a.hash.cmp(&b.hash)));
        Ok(out)
    }

    /// Delete a stored image and its thumbnails, unless a novel line or a job
    /// still references it; the error names the references.
    pub async fn delete(&self, db: &Db, hash: &ImageHash) -> Result<(), ImageError> {
        let refs = references::image_references(db, hash, 20).await?;
        if !refs.is_empty() {
            return Err(ImageError::InUse { hash: hash.clone(), refs });
        }
        let found = self.find(hash).ok_or_else(|| ImageError::NotFound(hash.clone()))?;
        fs::remove_file(&found.path)?;
        sync_dir(&self.dir)?;
        super::thumbnail::remove_cached(self, hash)?;
        Ok(())
    }
}

fn stored(hash: ImageHash, format: ImageFormat, path: &Path, meta: &fs::Metadata) -> StoredImage {
    let modified_ms = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| d.as_millis() as f64)
        .unwrap_or(0.0);
    StoredImage {
        hash,
        ext: format.ext().to_owned(),
        mime: format.mime().to_owned(),
        size: meta.len().min(u32::MAX as u64) as u32,
        modified_ms,
        path: path.to_owned(),
        format,
    }
}

/// Make a rename in `dir` durable.
pub(crate) fn sync_dir(dir: &Path) -> std::io::Result<()> {
    fs::File::open(dir)?.sync_all()
}
