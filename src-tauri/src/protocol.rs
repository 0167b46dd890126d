//! Registers the core's `img://` handler with the webview, off the UI thread.

use tauri::{Manager, UriSchemeContext, UriSchemeResponder};

use crate::state::AppState;

pub fn handle(ctx: UriSchemeContext<'_, tauri::Wry>, request: http::Request<Vec<u8>>, responder: UriSchemeResponder) {
    let store = ctx.app_handle().state::<AppState>().core.images.clone();
    tauri::async_runtime::spawn_blocking(move || {
        responder.respond(huaben_core::protocol::handle(&store, &request));
    });
}
