//! Health checks of the database file, for `huaben-cli db check` and tests.

use serde::Serialize;
use sqlx::Row;

use super::{Db, DbError};

#[derive(Debug, Clone, Serialize, specta::Type, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct DbCheck {
    /// `"ok"`, or the problems `PRAGMA integrity_check` reported, one per line.
    pub integrity: String,
    pub foreign_key_violations: u32,
}

impl DbCheck {
    pub fn is_clean(&self) -> bool {
        self.integrity == "ok" && self.foreign_key_violations == 0
    }
}

pub async fn check(db: &Db) -> Result<DbCheck, DbError> {
    let rows = sqlx::query("PRAGMA integrity_check").fetch_all(db.pool()).await?;
    let integrity = rows
        .iter()
        .map(|r| r.try_get::<String, _>(0))
        .collect::<Result<Vec<_>, _>>()?
        .join("\n");
    let violations = sqlx::query("PRAGMA foreign_key_check").fetch_all(db.pool()).await?;
    Ok(DbCheck { integrity, foreign_key_violations: violations.len() as u32 })
}
