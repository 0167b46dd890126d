//! Thin commands, one file per domain, named `<domain>_<verb>`: each takes
//! state, calls the core, converts the error.

pub mod app;
pub mod auth;
pub mod images;
pub mod users;
