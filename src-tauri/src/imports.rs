//! One path for every way image files arrive (window drop, file dialog, and the
//! e2e entry): import off the async runtime, report progress as events.

use std::path::PathBuf;

use huaben_core::images::import::{self, ImportedFile};
use tauri::{AppHandle, DragDropEvent, Manager, Runtime, Window, WindowEvent};

use crate::events::TauriSink;
use crate::state::AppState;

/// Import and wait for the result.
pub async fn import_paths<R: Runtime>(app: AppHandle<R>, paths: Vec<PathBuf>) -> Vec<ImportedFile> {
    let store = app.state::<AppState>().core.images.clone();
    let sink = TauriSink(app.clone());
    tauri::async_runtime::spawn_blocking(move || import::import_files(&store, &paths, &sink))
        .await
        .unwrap_or_default()
}

/// Files dropped on the window are imported in the background; the UI
/// follows along through the import events.
pub fn on_window_event<R: Runtime>(window: &Window<R>, event: &WindowEvent) {
    if let WindowEvent::DragDrop(DragDropEvent::Drop { paths, .. }) = event {
        if paths.is_empty() {
            return;
        }
        let app = window.app_handle().clone();
        let paths = paths.clone();
        tauri::async_runtime::spawn(async move {
            import_paths(app, paths).await;
        });
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use huaben_core::paths::StoragePaths;
    use huaben_core::Core;
    use tauri::test::{mock_builder, mock_context, noop_assets};
    use tauri::{DragDropEvent, Listener, WindowEvent};

    use crate::state::AppState;

    /// The drop handler itself (WebDriver cannot perform a native drop): files
    /// dropped on the window land in the store and progress events go out.
    #[test]
    fn dropped_files_are_imported_with_progress_events() {
        let dir = tempfile::tempdir().unwrap();
        let core = tauri::async_runtime::block_on(Core::open(StoragePaths::new(dir.path().join("storage")))).unwrap();
        let auth = huaben_core::auth::Auth::new(core.db.clone(), Default::default());
        let app = mock_builder().manage(AppState::new(core.clone(), auth, dir.path().join("remember"))).build(mock_context(noop_assets())).unwrap();
        let window = tauri::WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
        tauri_specta::Builder::<tauri::test::MockRuntime>::new()
            .events(tauri_specta::collect_events![crate::events::CoreEvent])
            .mount_events(&app);

        let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
        let seen2 = seen.clone();
        app.listen_any("core-event", move |e| seen2.lock().unwrap().push(e.payload().to_owned()));

        let png = dir.path().join("dropped.png");
        image::RgbImage::from_pixel(12, 7, image::Rgb([1, 2, 3])).save(&png).unwrap();
        let txt = dir.path().join("notes.txt");
        std::fs::write(&txt, "not an image").unwrap();
        let event = WindowEvent::DragDrop(DragDropEvent::Drop { paths: vec![png.clone(), txt], position: Default::default() });
        super::on_window_event(&window.as_ref().window(), &event);

        let hash = huaben_core::images::ImageHash::of(&std::fs::read(&png).unwrap());
        let deadline = Instant::now() + Duration::from_secs(10);
        while seen.lock().unwrap().iter().all(|p| !p.contains("imageImportFinished")) {
            assert!(Instant::now() < deadline, "the import finished event never came: {:?}", seen.lock().unwrap());
            std::thread::sleep(Duration::from_millis(20));
        }
        assert!(core.images.exists(&hash), "the dropped PNG is in the store");
        let events = seen.lock().unwrap().join("\n");
        assert!(events.contains("\"added\":1") && events.contains("\"failed\":1"), "one added, one refused: {events}");
        assert!(events.contains("image.unsupported_format"), "the refusal reaches the UI with its code: {events}");
    }
}
