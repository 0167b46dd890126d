//! huaben-core: everything in Huaben that is not UI. The Tauri shell, the CLI,
//! the benchmarks and the tests all stand on this crate; it never imports tauri.

pub mod auth;     // local accounts: validation, bcrypt, sign-in backoff, remember tokens
pub mod bench;         // the benchmark suite behind `huaben-cli bench`
pub mod core;       // `Core`: one opened storage root (paths + database + image store)
pub mod db;         // SQLite pool, migrations, maintenance checks, per-table queries
pub mod error;      // `ApiError`, the one error shape that crosses to the UI and CLI
pub mod events;     // the `Event` enum the core emits and the `EventSink` trait
pub mod images;     // the content-addressed image store, thumbnails, verification, import
pub mod paths;      // the storage layout of SPEC §2 and the default storage root
pub mod protocol;   // the `img://` request handler, independent of the webview

pub use crate::core::Core;
