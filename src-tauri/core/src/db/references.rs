//! Which rows point at an image hash: the store must not delete a file that a
//! novel line or a job still shows.

use serde::Serialize;
use sqlx::Row;

use super::{Db, DbError};
use crate::images::ImageHash;

#[derive(Debug, Clone, Serialize, specta::Type, PartialEq, Eq)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum ImageReference {
    /// `Content.imageHash` of line `line` in project `projectId`.
    #[serde(rename_all = "camelCase")]
    ContentLine { project_id: String, line: i64 },
    /// An entry of `Job.results`.
    #[serde(rename_all = "camelCase")]
    JobResult { job_id: String },
}

impl std::fmt::Display for ImageReference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::ContentLine { project_id, line } => write!(f, "line {line} of project {project_id}"),
            Self::JobResult { job_id } => write!(f, "job {job_id}"),
        }
    }
}

/// Every row that references `hash`, at most `limit` of each kind.
pub async fn image_references(db: &Db, hash: &ImageHash, limit: u32) -> Result<Vec<ImageReference>, DbError> {
    let mut refs = Vec::new();
    let lines = sqlx::query(r#"SELECT "projectId", "line" FROM "Content" WHERE "imageHash" = ? LIMIT ?"#)
        .bind(hash.as_str())
        .bind(limit)
        .fetch_all(db.pool())
        .await?;
    for r in lines {
        refs.push(ImageReference::ContentLine { project_id: r.try_get(0)?, line: r.try_get(1)? });
    }
    let jobs = sqlx::query(
        r#"SELECT DISTINCT "Job"."id" FROM "Job", json_each("Job"."results") AS r
           WHERE r.value = ? LIMIT ?"#,
    )
    .bind(hash.as_str())
    .bind(limit)
    .fetch_all(db.pool())
    .await?;
    for r in jobs {
        refs.push(ImageReference::JobResult { job_id: r.try_get(0)? });
    }
    Ok(refs)
}
