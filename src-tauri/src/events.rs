//! The bridge from the core's `EventSink` to Tauri events the UI listens to.

use huaben_core::events::{Event, EventSink};
use serde::Serialize;
use tauri::{AppHandle, Runtime};
use tauri_specta::Event as _;

/// Every core event, as one typed Tauri event (`core-event`, `events.coreEvent` in the bindings).
#[derive(Debug, Clone, Serialize, specta::Type, tauri_specta::Event)]
pub struct CoreEvent(pub Event);

pub struct TauriSink<R: Runtime>(pub AppHandle<R>);

impl<R: Runtime> EventSink for TauriSink<R> {
    fn emit(&self, event: Event) {
        if let Err(e) = CoreEvent(event).emit(&self.0) {
            tracing::warn!(error = %e, "event not delivered");
        }
    }
}
