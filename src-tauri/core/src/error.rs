//! The one error shape that leaves the core: a stable machine `code` the UI
//! branches on (and translates), an English `message` for logs and the CLI,
//! and `params` the translation interpolates. Module errors stay typed
//! (`thiserror`) inside the core and are converted at the edge.

use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize, specta::Type, PartialEq, Eq)]
pub struct ApiError {
    /// Stable identifier such as `image.unsupported_format`; never changes wording.
    pub code: String,
    /// Human-readable English text; the UI prefers its own translation of `code`.
    pub message: String,
    /// Values the translated message interpolates (file name, limits, ...).
    pub params: BTreeMap<String, String>,
}

impl ApiError {
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        Self { code: code.into(), message: message.into(), params: BTreeMap::new() }
    }

    pub fn with(mut self, key: &str, value: impl ToString) -> Self {
        self.params.insert(key.to_owned(), value.to_string());
        self
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.message, self.code)
    }
}

impl std::error::Error for ApiError {}
