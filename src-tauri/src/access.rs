//! The one gate every command call passes: the invoke handler is wrapped so
//! that, before any command runs, its level from `command_levels.rs` is
//! checked against the signed-in user. Hiding a button is never the check.

use huaben_core::error::ApiError;
use tauri::ipc::Invoke;
use tauri::{Manager, Runtime};

pub use crate::command_levels::{Level, COMMAND_LEVELS};
use crate::state::AppState;

pub fn level_of(command: &str) -> Option<Level> {
    COMMAND_LEVELS.iter().find(|(name, _)| *name == command).map(|(_, level)| *level)
}

/// Whether `user` (None: nobody signed in) may call `command`.
pub fn check(command: &str, user: Option<&huaben_core::db::users::UserInfo>) -> Result<(), ApiError> {
    match (level_of(command), user) {
        (None, _) => Err(ApiError::new("auth.unknown_command", format!("the command {command} has no access level")).with("command", command)),
        (Some(Level::Public), _) => Ok(()),
        (Some(_), None) => Err(ApiError::new("auth.required", "sign in first")),
        (Some(Level::SignedIn), Some(_)) => Ok(()),
        (Some(Level::Admin), Some(u)) if u.is_admin => Ok(()),
        (Some(Level::Admin), Some(_)) => Err(ApiError::new("auth.forbidden", "only administrators may do this").with("command", command)),
    }
}

/// Wrap an invoke handler with the access check.
pub fn guarded<R: Runtime>(inner: impl Fn(Invoke<R>) -> bool + Send + Sync + 'static) -> impl Fn(Invoke<R>) -> bool + Send + Sync + 'static {
    move |invoke: Invoke<R>| {
        let command = invoke.message.command().to_owned();
        let verdict = {
            let state = invoke.message.webview_ref().state::<AppState>();
            let user = state.current_user();
            check(&command, user.as_ref())
        };
        match verdict {
            Ok(()) => inner(invoke),
            Err(e) => {
                tracing::info!(command, code = %e.code, "command refused");
                invoke.resolver.reject(e);
                true
            }
        }
    }
}

#[cfg(test)]
mod tests {
    //! Through Tauri's IPC harness, not by calling functions: the same path a
    //! call from the webview takes, guard included.

    use huaben_core::auth::{Auth, AuthConfig};
    use huaben_core::paths::StoragePaths;
    use huaben_core::Core;
    use serde_json::{json, Value};
    use tauri::ipc::{CallbackFn, InvokeBody};
    use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, MockRuntime, INVOKE_KEY};
    use tauri::webview::InvokeRequest;
    use tauri::{Manager, WebviewWindow};

    use super::*;

    struct Harness {
        app: tauri::App<MockRuntime>,
        window: WebviewWindow<MockRuntime>,
        _dir: tempfile::TempDir,
    }

    fn harness() -> Harness {
        let dir = tempfile::tempdir().unwrap();
        let core = tauri::async_runtime::block_on(Core::open(StoragePaths::new(dir.path().join("storage")))).unwrap();
        // Cost 4: these tests are about who may call what, not about bcrypt.
        let auth = Auth::new(core.db.clone(), AuthConfig { bcrypt_cost: 4, ..Default::default() });
        let builder = crate::mock_specta_builder();
        let app = mock_builder()
            .manage(AppState::new(core, auth, dir.path().join("remember")))
            .invoke_handler(guarded(builder.invoke_handler()))
            .build(mock_context(noop_assets()))
            .unwrap();
        builder.mount_events(&app);
        let window = tauri::WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
        Harness { app, window, _dir: dir }
    }

    impl Harness {
        fn call(&self, cmd: &str, body: Value) -> Result<Value, Value> {
            get_ipc_response(
                &self.window,
                InvokeRequest {
                    cmd: cmd.into(),
                    callback: CallbackFn(0),
                    error: CallbackFn(1),
                    url: "tauri://localhost".parse().unwrap(),
                    body: InvokeBody::Json(body),
                    headers: Default::default(),
                    invoke_key: INVOKE_KEY.to_string(),
                },
            )
            .map(|b| b.deserialize::<Value>().unwrap())
        }

        fn state(&self) -> tauri::State<'_, AppState> {
            self.app.state::<AppState>()
        }

        fn sign_in_as(&self, name: &str, admin: bool) {
            let auth = self.state().auth.clone();
            let user = tauri::async_runtime::block_on(async {
                if !auth.has_users().await.unwrap() {
                    auth.create_user("first-admin", "first-password", true).await.unwrap();
                }
                auth.create_user(name, "a good password", admin).await.unwrap()
            });
            self.state().set_user(Some(user));
        }
    }

    /// Every command registered with the app, as the UI's bindings name them.
    fn registered_commands() -> Vec<String> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b.ts");
        crate::specta_builder().export(crate::typescript(), &path).unwrap();
        let ts = std::fs::read_to_string(path).unwrap();
        ts.split("__TAURI_INVOKE(\"").skip(1).map(|rest| rest.split('"').next().unwrap().to_owned()).collect()
    }

    #[test]
    fn every_command_has_exactly_one_level_and_every_level_a_command() {
        let registered = registered_commands();
        assert!(registered.len() >= 14, "the bindings list the commands: {registered:?}");
        for cmd in &registered {
            assert!(level_of(cmd).is_some(), "{cmd} is registered but has no access level in command_levels.rs");
        }
        for (name, _) in COMMAND_LEVELS {
            let n = COMMAND_LEVELS.iter().filter(|(other, _)| other == name).count();
            assert_eq!(n, 1, "{name} is listed once");
            assert!(registered.iter().any(|c| c == name) || name.starts_with("e2e_"), "{name} has a level but is not registered");
        }
        assert_eq!(check("something_new", None).unwrap_err().code, "auth.unknown_command", "an unlisted command is refused");
    }

    /// The ACL runs before the guard: a command the capability does not grant
    /// is unreachable from the window even for an administrator.
    #[test]
    fn the_window_capability_grants_every_command_and_nothing_for_tests() {
        let cap: Value = serde_json::from_str(include_str!("../capabilities/default.json")).unwrap();
        let granted: Vec<&str> = cap["permissions"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
        for (name, _) in COMMAND_LEVELS {
            let permission = format!("allow-{}", name.replace('_', "-"));
            assert_eq!(granted.contains(&permission.as_str()), !name.starts_with("e2e_"), "{permission} in capabilities/default.json");
        }
    }

    #[test]
    fn signed_out_only_public_commands_run() {
        let h = harness();
        for (cmd, level) in COMMAND_LEVELS {
            let r = h.call(cmd, json!({}));
            match level {
                Level::Public => {
                    if let Err(e) = &r {
                        assert_ne!(e["code"], "auth.required", "{cmd} is public");
                    }
                }
                _ => {
                    let e = r.expect_err(cmd);
                    assert_eq!(e["code"], "auth.required", "{cmd} must be refused while signed out: {e}");
                }
            }
        }
        let status = h.call("auth_status", json!({})).unwrap();
        assert_eq!(status["needsSetup"], true, "a fresh storage root asks for the first administrator");
        assert_eq!(status["user"], Value::Null);
    }

    #[test]
    fn non_administrators_are_refused_every_administrator_command() {
        let h = harness();
        h.sign_in_as("reader", false);
        for (cmd, level) in COMMAND_LEVELS {
            match level {
                Level::Admin => {
                    let e = h.call(cmd, json!({})).expect_err(cmd);
                    assert_eq!(e["code"], "auth.forbidden", "{cmd} is for administrators only: {e}");
                }
                // Not invoked (some open native dialogs); the guard's verdict is what matters.
                _ => assert!(check(cmd, h.state().current_user().as_ref()).is_ok(), "{cmd} is open to anyone signed in"),
            }
        }
        let users = h.call("users_list", json!({}));
        assert!(users.is_err(), "not even a read of the user list");
        let info = h.call("app_info", json!({})).expect("signed-in commands run");
        assert!(info["storageRoot"].as_str().unwrap().ends_with("storage"));
    }

    #[test]
    fn administrators_manage_users_through_ipc() {
        let h = harness();
        h.sign_in_as("boss", true);
        let created = h.call("users_create", json!({ "username": "Li Wei", "password": "password-1", "isAdmin": false })).unwrap();
        let listed = h.call("users_list", json!({})).unwrap();
        assert!(listed.as_array().unwrap().iter().any(|u| u["username"] == "Li Wei"), "{listed}");
        assert!(listed.to_string().find("$2").is_none(), "no password hash ever crosses to the UI: {listed}");
        let me = h.state().current_user().unwrap();
        let e = h.call("users_delete", json!({ "userId": me.id })).unwrap_err();
        assert_eq!(e["code"], "auth.not_yourself");
        h.call("users_set_admin", json!({ "userId": created["id"], "isAdmin": true })).unwrap();
        h.call("users_delete", json!({ "userId": created["id"] })).unwrap();
    }
}
