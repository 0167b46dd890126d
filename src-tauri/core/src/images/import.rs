//! Adding image files chosen by a person (dropped on the window, picked in the
//! file dialog, or named on the command line). Each file succeeds or fails on
//! its own; progress is reported per file so the UI can show it.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::{ImageError, ImageStore, SavedImage};
use crate::error::ApiError;
use crate::events::{Event, EventSink};

/// The outcome for one file of an import.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ImportedFile {
    pub path: String,
    pub file_name: String,
    pub saved: Option<SavedImage>,
    pub error: Option<ApiError>,
}

/// Read a file for the store, refusing before reading when it is too big.
pub fn read_image_file(path: &Path, max_bytes: u64) -> Result<Vec<u8>, ImageError> {
    let meta = fs::metadata(path)?;
    if !meta.is_file() {
        return Err(ImageError::NotAFile(path.display().to_string()));
    }
    if meta.len() > max_bytes {
        return Err(ImageError::TooLarge { size: meta.len(), max: max_bytes });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // `take` guards against a file that grows while we read it.
    fs::File::open(path)?.take(max_bytes + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max_bytes {
        return Err(ImageError::TooLarge { size: bytes.len() as u64, max: max_bytes });
    }
    Ok(bytes)
}

/// Save every file in `paths`, emitting started / one progress per file / finished.
/// Blocking: call it off the async runtime.
pub fn import_files(store: &ImageStore, paths: &[PathBuf], sink: &dyn EventSink) -> Vec<ImportedFile> {
    let import_id = uuid::Uuid::now_v7().to_string();
    let total = paths.len() as u32;
    sink.emit(Event::ImageImportStarted { import_id: import_id.clone(), total });
    let mut results = Vec::with_capacity(paths.len());
    let (mut added, mut failed) = (0u32, 0u32);
    for (i, path) in paths.iter().enumerate() {
        let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string());
        let outcome = read_image_file(path, store.limits().max_bytes).and_then(|bytes| store.save(&bytes));
        let (saved, error) = match outcome {
            Ok(s) => {
                added += 1;
                (Some(s), None)
            }
            Err(e) => {
                failed += 1;
                tracing::info!(path = %path.display(), error = %e, "image refused");
                (None, Some(ApiError::from(e).with("file", &file_name)))
            }
        };
        sink.emit(Event::ImageImportProgress {
            import_id: import_id.clone(),
            done: i as u32 + 1,
            total,
            file_name: file_name.clone(),
            saved: saved.clone(),
            error: error.clone(),
        });
        results.push(ImportedFile { path: path.display().to_string(), file_name, saved, error });
    }
    sink.emit(Event::ImageImportFinished { import_id, added, failed });
    results
}
