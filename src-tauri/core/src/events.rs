//! What the core tells the outside world while it works. The shell forwards
//! these to the webview; the CLI prints or ignores them; tests collect them.
//! Long work reports a lifecycle: started → progress → finished.

use serde::Serialize;
use std::sync::Mutex;

use crate::error::ApiError;
use crate::images::SavedImage;

#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Event {
    /// An import of image files began; `total` files will be reported.
    #[serde(rename_all = "camelCase")]
    ImageImportStarted { import_id: String, total: u32 },
    /// One file of an import was handled, successfully or not.
    #[serde(rename_all = "camelCase")]
    ImageImportProgress {
        import_id: String,
        done: u32,
        total: u32,
        file_name: String,
        saved: Option<SavedImage>,
        error: Option<ApiError>,
    },
    /// The import is over; `added + failed == total`.
    #[serde(rename_all = "camelCase")]
    ImageImportFinished { import_id: String, added: u32, failed: u32 },
}

/// Where the core sends its events. Implementations must be cheap and never block.
pub trait EventSink: Send + Sync {
    fn emit(&self, event: Event);
}

/// Drops every event: for the CLI and for work nobody watches.
pub struct NoopSink;

impl EventSink for NoopSink {
    fn emit(&self, _event: Event) {}
}

/// Keeps every event, in order: for tests.
#[derive(Default)]
pub struct CollectingSink(pub Mutex<Vec<Event>>);

impl EventSink for CollectingSink {
    fn emit(&self, event: Event) {
        self.0.lock().expect("event sink poisoned").push(event);
    }
}

impl CollectingSink {
    pub fn take(&self) -> Vec<Event> {
        std::mem::take(&mut *self.0.lock().expect("event sink poisoned"))
    }
}
