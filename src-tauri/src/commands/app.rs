//! Facts about the running app for the Settings page.

use huaben_core::error::ApiError;
use serde::Serialize;
use tauri::State;

use crate::state::AppState;

#[derive(Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub version: String,
    pub storage_root: String,
    pub database_path: String,
}

#[tauri::command]
#[specta::specta]
pub fn app_info(state: State<'_, AppState>) -> Result<AppInfo, ApiError> {
    let paths = &state.core.paths;
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        storage_root: paths.root().display().to_string(),
        database_path: paths.database().display().to_string(),
    })
}
