//! The storage layout of SPEC §2. Every path the app touches is derived here,
//! so no other module joins user-controlled text onto a filesystem path.

use std::path::{Path, PathBuf};

/// The application identifier; also the folder name under the OS data dir.
pub const APP_IDENTIFIER: &str = "io.huaben.desktop";
/// Environment variable that overrides the default storage root.
pub const STORAGE_ENV: &str = "HUABEN_STORAGE";

#[derive(Debug, Clone)]
pub struct StoragePaths {
    root: PathBuf,
}

impl StoragePaths {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    /// The storage root chosen by, in order: an explicit flag, the
    /// `HUABEN_STORAGE` environment variable, the OS application-data folder
    /// (`~/.local/share/io.huaben.desktop/storage` on Linux).
    pub fn resolve(flag: Option<&Path>) -> Self {
        if let Some(p) = flag {
            return Self::new(p);
        }
        if let Some(p) = std::env::var_os(STORAGE_ENV).filter(|v| !v.is_empty()) {
            return Self::new(PathBuf::from(p));
        }
        Self::new(default_root())
    }

    pub fn root(&self) -> &Path {
        &self.root
    }
    pub fn data(&self) -> PathBuf {
        self.root.join("data")
    }
    pub fn database(&self) -> PathBuf {
        self.data().join("database.db")
    }
    pub fn images(&self) -> PathBuf {
        self.data().join("images")
    }
    pub fn model_meta(&self) -> PathBuf {
        self.data().join("model_meta")
    }
    pub fn projects(&self) -> PathBuf {
        self.data().join("projects")
    }
    pub fn temp(&self) -> PathBuf {
        self.root.join("temp")
    }
    pub fn image_cache(&self) -> PathBuf {
        self.temp().join("image-cache")
    }

    /// Create every folder of the layout; idempotent.
    pub fn create_all(&self) -> std::io::Result<()> {
        for dir in [self.images(), self.model_meta(), self.projects(), self.image_cache()] {
            std::fs::create_dir_all(dir)?;
        }
        Ok(())
    }
}

/// `~/.local/share/io.huaben.desktop/storage` on Linux; the same folder Tauri's
/// `app_data_dir()` names, so the CLI and the app agree without the app running.
pub fn default_root() -> PathBuf {
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join(APP_IDENTIFIER)
        .join("storage")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flag_wins_over_environment_and_default() {
        let p = StoragePaths::resolve(Some(Path::new("/tmp/x")));
        assert_eq!(p.root(), Path::new("/tmp/x"), "an explicit --storage flag must always win");
        assert_eq!(p.database(), Path::new("/tmp/x/data/database.db"));
        assert_eq!(p.image_cache(), Path::new("/tmp/x/temp/image-cache"));
    }

    #[test]
    fn default_root_ends_with_identifier_and_storage() {
        let d = default_root();
        assert!(d.ends_with("io.huaben.desktop/storage"), "SPEC §2 default layout, got {d:?}");
    }
}
