//! Test-only entry points (cargo feature `e2e`, never in release builds).
//! WebDriver cannot perform a native file drop or click in the native file
//! dialog, so the end-to-end suite reaches the same import path through here.

use huaben_core::error::ApiError;
use huaben_core::images::import::ImportedFile;
use tauri::{AppHandle, Manager};

/// Import files by path, exactly as a window drop does.
#[tauri::command]
pub async fn e2e_import_paths(app: AppHandle, paths: Vec<String>) -> Result<Vec<ImportedFile>, ApiError> {
    Ok(crate::imports::import_paths(app, paths.into_iter().map(Into::into).collect()).await)
}

pub fn add_capability(app: &mut tauri::App) -> tauri::Result<()> {
    app.add_capability(include_str!("../e2e/capability.json"))
}
