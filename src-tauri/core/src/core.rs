//! `Core`: one opened storage root. Opening creates the layout of SPEC §2,
//! sweeps crash leftovers, opens the database and applies migrations, once.

use crate::db::Db;
use crate::error::ApiError;
use crate::images::{ImageStore, StoreLimits};
use crate::paths::StoragePaths;

#[derive(Debug, Clone)]
pub struct Core {
    pub paths: StoragePaths,
    pub db: Db,
    pub images: ImageStore,
}

impl Core {
    pub async fn open(paths: StoragePaths) -> Result<Self, ApiError> {
        paths
            .create_all()
            .map_err(|e| ApiError::new("storage.unavailable", format!("Cannot create the storage folder {}: {e}", paths.root().display())).with("path", paths.root().display()))?;
        let images = ImageStore::open(paths.images(), paths.image_cache(), StoreLimits::default())?;
        let db = Db::open(&paths.database()).await?;
        Ok(Self { paths, db, images })
    }
}
