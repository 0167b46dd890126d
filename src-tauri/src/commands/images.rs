//! The image store as the Images page sees it.

use huaben_core::error::ApiError;
use huaben_core::images::import::ImportedFile;
use huaben_core::images::{ImageHash, StoredImage};
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_dialog::DialogExt;

use crate::state::AppState;

/// Every stored image, newest first.
#[tauri::command]
#[specta::specta]
pub async fn images_list(state: State<'_, AppState>) -> Result<Vec<StoredImage>, ApiError> {
    let store = state.core.images.clone();
    tauri::async_runtime::spawn_blocking(move || store.list())
        .await
        .map_err(|e| ApiError::new("internal", e.to_string()))?
        .map_err(Into::into)
}

/// Ask for image files with the native dialog and add them. `title` is the
/// dialog title in the person's language. An empty list: the dialog was cancelled.
#[tauri::command]
#[specta::specta]
pub async fn images_pick_files<R: Runtime>(app: AppHandle<R>, title: String) -> Result<Vec<ImportedFile>, ApiError> {
    let dialog = app.dialog().file().set_title(title).add_filter("PNG, JPEG, WebP, GIF", &["png", "jpg", "jpeg", "webp", "gif"]);
    let picked = tauri::async_runtime::spawn_blocking(move || dialog.blocking_pick_files())
        .await
        .map_err(|e| ApiError::new("internal", e.to_string()))?;
    let paths: Vec<_> = picked.unwrap_or_default().into_iter().filter_map(|p| p.into_path().ok()).collect();
    Ok(crate::imports::import_paths(app, paths).await)
}

/// Delete an image nothing references.
#[tauri::command]
#[specta::specta]
pub async fn images_delete(state: State<'_, AppState>, hash: ImageHash) -> Result<(), ApiError> {
    state.core.images.delete(&state.core.db, &hash).await.map_err(Into::into)
}
