//! Tauri's build step, with the app manifest that puts our own commands under
//! the ACL check: a command not granted by a capability cannot be invoked.
//! The command list comes from `src/command_levels.rs`, the same table the
//! access guard enforces.

#[allow(dead_code)]
mod levels {
    include!("src/command_levels.rs");
}

fn main() {
    println!("cargo:rerun-if-changed=capabilities");
    println!("cargo:rerun-if-changed=src/command_levels.rs");
    println!("cargo:rerun-if-changed=../ui/dist");
    let commands: Vec<&'static str> = levels::COMMAND_LEVELS.iter().map(|(name, _)| *name).collect();
    let commands: &'static [&'static str] = Box::leak(commands.into_boxed_slice());
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(commands)))
        .expect("tauri build step");
}
