//! Re-hash every stored file: the only way to notice bytes that changed on disk
//! after they were saved, and rows that point at files that are gone.

use std::collections::BTreeSet;
use std::fs;

use serde::Serialize;
use sqlx::Row;

use super::{ImageError, ImageHash, ImageStore};
use crate::db::Db;

#[derive(Debug, Clone, Default, Serialize, specta::Type, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct VerifyReport {
    /// Files re-hashed.
    pub checked: u32,
    /// Files whose bytes still match their name.
    pub ok: u32,
    /// Hashes the database references that have no file.
    pub missing: Vec<ImageHash>,
    /// Files whose bytes no longer match their name.
    pub corrupt: Vec<ImageHash>,
}

pub async fn verify(store: &ImageStore, db: Option<&Db>) -> Result<VerifyReport, ImageError> {
    let files = store.list()?;
    let (checked, ok, corrupt) = tokio::task::spawn_blocking(move || -> Result<_, ImageError> {
        let mut ok = 0u32;
        let mut corrupt = Vec::new();
        for f in &files {
            let bytes = match fs::read(&f.path) {
                Ok(b) => b,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => return Err(e.into()),
            };
            if ImageHash::of(&bytes) == f.hash {
                ok += 1;
            } else {
                corrupt.push(f.hash.clone());
            }
        }
        Ok((files.len() as u32, ok, corrupt))
    })
    .await
    .map_err(|e| ImageError::Io(std::io::Error::other(e)))??;

    let mut missing = BTreeSet::new();
    if let Some(db) = db {
        let rows = sqlx::query(
            r#"SELECT "imageHash" FROM "Content" WHERE "imageHash" IS NOT NULL
               UNION SELECT r.value FROM "Job", json_each("Job"."results") AS r"#,
        )
        .fetch_all(db.pool())
        .await
        .map_err(crate::db::DbError::from)?;
        for row in rows {
            let text: String = row.try_get(0).map_err(crate::db::DbError::from)?;
            if let Ok(hash) = ImageHash::parse(&text) {
                if !store.exists(&hash) {
                    missing.insert(hash);
                }
            }
        }
    }
    Ok(VerifyReport { checked, ok, missing: missing.into_iter().collect(), corrupt })
}
