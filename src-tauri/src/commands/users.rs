//! User management for administrators (the access guard admits only them).

use huaben_core::db::users::UserInfo;
use huaben_core::error::ApiError;
use tauri::State;

use crate::state::AppState;

fn actor(state: &AppState) -> Result<String, ApiError> {
    state.current_user().map(|u| u.id).ok_or_else(|| ApiError::new("auth.required", "sign in first"))
}

#[tauri::command]
#[specta::specta]
pub async fn users_list(state: State<'_, AppState>) -> Result<Vec<UserInfo>, ApiError> {
    Ok(state.auth.list().await?)
}

#[tauri::command]
#[specta::specta]
pub async fn users_create(state: State<'_, AppState>, username: String, password: String, is_admin: bool) -> Result<UserInfo, ApiError> {
    Ok(state.auth.create_user(&username, &password, is_admin).await?)
}

/// Reset someone's password (they must use the new one everywhere).
#[tauri::command]
#[specta::specta]
pub async fn users_set_password(state: State<'_, AppState>, user_id: String, password: String) -> Result<(), ApiError> {
    Ok(state.auth.set_password(&user_id, &password).await?)
}

/// Grant or revoke administrator; never one's own, never the last one.
#[tauri::command]
#[specta::specta]
pub async fn users_set_admin(state: State<'_, AppState>, user_id: String, is_admin: bool) -> Result<UserInfo, ApiError> {
    let me = actor(&state)?;
    Ok(state.auth.set_admin(Some(&me), &user_id, is_admin).await?)
}

/// Delete an account; never one's own, never the last administrator.
#[tauri::command]
#[specta::specta]
pub async fn users_delete(state: State<'_, AppState>, user_id: String) -> Result<(), ApiError> {
    let me = actor(&state)?;
    Ok(state.auth.delete_user(Some(&me), &user_id).await?)
}
