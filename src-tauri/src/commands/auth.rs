//! Signing in and out, first-run set-up, one's own password.

use huaben_core::db::users::UserInfo;
use huaben_core::error::ApiError;
use serde::Serialize;
use tauri::State;

use crate::state::AppState;

#[derive(Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AuthStatus {
    /// No account exists yet: the first-run screen creates the administrator.
    pub needs_setup: bool,
    /// Who is signed in to this window, if anyone.
    pub user: Option<UserInfo>,
}

#[tauri::command]
#[specta::specta]
pub async fn auth_status(state: State<'_, AppState>) -> Result<AuthStatus, ApiError> {
    let needs_setup = !state.auth.has_users().await?;
    Ok(AuthStatus { needs_setup, user: state.current_user() })
}

/// Create the first administrator (only while no account exists) and sign in.
#[tauri::command]
#[specta::specta]
pub async fn auth_setup_admin(state: State<'_, AppState>, username: String, password: String, remember: bool) -> Result<UserInfo, ApiError> {
    let user = state.auth.setup_admin(&username, &password).await?;
    start_session(&state, user, remember).await
}

#[tauri::command]
#[specta::specta]
pub async fn auth_sign_in(state: State<'_, AppState>, username: String, password: String, remember: bool) -> Result<UserInfo, ApiError> {
    let user = state.auth.sign_in(&username, &password).await?;
    start_session(&state, user, remember).await
}

/// Sign out and forget "stay signed in" on this computer.
#[tauri::command]
#[specta::specta]
pub async fn auth_sign_out(state: State<'_, AppState>) -> Result<(), ApiError> {
    if let Some(token) = read_token(&state) {
        state.auth.forget(&token).await?;
    }
    remove_token(&state);
    state.set_user(None);
    Ok(())
}

#[tauri::command]
#[specta::specta]
pub async fn auth_change_password(state: State<'_, AppState>, current_password: String, new_password: String) -> Result<(), ApiError> {
    let user = state.current_user().ok_or_else(|| ApiError::new("auth.required", "sign in first"))?;
    state.auth.change_password(&user.id, &current_password, &new_password).await?;
    // Remembered sign-ins ended with the old password; keep this computer's if it had one.
    if read_token(&state).is_some() {
        remember(&state, &user.id).await?;
    }
    Ok(())
}

async fn start_session(state: &AppState, user: UserInfo, stay: bool) -> Result<UserInfo, ApiError> {
    if let Some(old) = read_token(state) {
        let _ = state.auth.forget(&old).await;
        remove_token(state);
    }
    state.set_user(Some(user.clone()));
    // The password was right: a token that cannot be written (a read-only
    // config folder) costs only the convenience, never the sign-in.
    if stay {
        if let Err(e) = remember(state, &user.id).await {
            tracing::warn!(error = %e, "could not keep the user signed in");
        }
    }
    Ok(user)
}

async fn remember(state: &AppState, user_id: &str) -> Result<(), ApiError> {
    let token = state.auth.issue_remember_token(user_id).await?;
    write_token(state, &token).map_err(|e| ApiError::new("auth.remember_failed", format!("cannot keep you signed in: {e}")))
}

/// At start-up: sign in whoever chose "stay signed in" on this computer.
pub async fn resume(state: &AppState) {
    let Some(token) = read_token(state) else { return };
    match state.auth.resume(&token).await {
        Ok(Some(user)) => state.set_user(Some(user)),
        Ok(None) => remove_token(state),
        Err(e) => tracing::warn!(error = %e, "could not resume the remembered sign-in"),
    }
}

fn read_token(state: &AppState) -> Option<String> {
    let text = std::fs::read_to_string(&state.remember_file).ok()?;
    let token = text.trim();
    (token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit())).then(|| token.to_owned())
}

fn write_token(state: &AppState, token: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::PermissionsExt;
    let dir = state.remember_file.parent().expect("remember file has a folder");
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::Builder::new().prefix(".tmp-").tempfile_in(dir)?;
    // Only this OS user may read the token.
    std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o600))?;
    tmp.write_all(token.as_bytes())?;
    tmp.as_file().sync_all()?;
    tmp.persist(&state.remember_file).map_err(|e| e.error)?;
    Ok(())
}

fn remove_token(state: &AppState) {
    let _ = std::fs::remove_file(&state.remember_file);
}
