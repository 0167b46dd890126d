//! Tauri's build step, with the app manifest that puts our own commands under
//! the ACL check: a command not granted by a capability cannot be invoked.

/// Every command the app registers, e2e-only ones included (their permission
/// is granted only at run time in e2e builds, see `src/e2e.rs`).
const COMMANDS: &[&str] = &["app_info", "images_list", "images_pick_files", "images_delete", "e2e_import_paths"];

fn main() {
    println!("cargo:rerun-if-changed=capabilities");
    println!("cargo:rerun-if-changed=../ui/dist");
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)))
        .expect("tauri build step");
}
