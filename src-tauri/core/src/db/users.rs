//! Queries of the `User` and `RememberToken` tables. Password hashes never
//! leave this module except to the verifier in `auth`.

use serde::Serialize;
use sqlx::{Row, SqliteConnection};

use super::{Db, DbError};

/// A user as everyone but the verifier sees it: no hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct UserInfo {
    pub id: String,
    pub username: String,
    pub is_admin: bool,
    pub created_at: String,
}

pub(crate) struct UserWithHash {
    pub info: UserInfo,
    pub password_hash: String,
}

fn info(r: &sqlx::sqlite::SqliteRow) -> Result<UserInfo, sqlx::Error> {
    Ok(UserInfo {
        id: r.try_get("id")?,
        username: r.try_get("username")?,
        is_admin: r.try_get::<i64, _>("isAdmin")? == 1,
        created_at: r.try_get("createdAt")?,
    })
}

pub async fn list(db: &Db) -> Result<Vec<UserInfo>, DbError> {
    let rows = sqlx::query(r#"SELECT id, username, isAdmin, createdAt FROM "User" ORDER BY username COLLATE NOCASE"#)
        .fetch_all(db.pool())
        .await?;
    Ok(rows.iter().map(info).collect::<Result<_, _>>()?)
}

/// Case-insensitive lookup (Unicode-aware: compared in Rust, the table is small).
pub(crate) async fn find_by_username(conn: &mut SqliteConnection, username: &str) -> Result<Option<UserWithHash>, DbError> {
    let wanted = username.to_lowercase();
    let rows = sqlx::query(r#"SELECT id, username, isAdmin, createdAt, password FROM "User""#).fetch_all(&mut *conn).await?;
    for r in rows {
        let name: String = r.try_get("username")?;
        if name.to_lowercase() == wanted {
            return Ok(Some(UserWithHash { info: info(&r)?, password_hash: r.try_get("password")? }));
        }
    }
    Ok(None)
}

pub(crate) async fn password_hash(db: &Db, id: &str) -> Result<String, DbError> {
    Ok(sqlx::query_scalar(r#"SELECT password FROM "User" WHERE id = ?"#).bind(id).fetch_one(db.pool()).await?)
}

pub(crate) async fn insert(conn: &mut SqliteConnection, id: &str, username: &str, hash: &str, is_admin: bool) -> Result<(), DbError> {
    sqlx::query(r#"INSERT INTO "User" (id, username, password, isAdmin) VALUES (?, ?, ?, ?)"#)
        .bind(id)
        .bind(username)
        .bind(hash)
        .bind(is_admin as i64)
        .execute(conn)
        .await?;
    Ok(())
}

pub(crate) async fn set_password(conn: &mut SqliteConnection, id: &str, hash: &str) -> Result<(), DbError> {
    let r = sqlx::query(r#"UPDATE "User" SET password = ? WHERE id = ?"#).bind(hash).bind(id).execute(conn).await?;
    if r.rows_affected() == 0 {
        return Err(DbError::NotFound);
    }
    Ok(())
}

pub(crate) async fn set_admin(conn: &mut SqliteConnection, id: &str, is_admin: bool) -> Result<(), DbError> {
    let r = sqlx::query(r#"UPDATE "User" SET isAdmin = ? WHERE id = ?"#).bind(is_admin as i64).bind(id).execute(conn).await?;
    if r.rows_affected() == 0 {
        return Err(DbError::NotFound);
    }
    Ok(())
}

pub(crate) async fn delete(conn: &mut SqliteConnection, id: &str) -> Result<(), DbError> {
    let r = sqlx::query(r#"DELETE FROM "User" WHERE id = ?"#).bind(id).execute(conn).await?;
    if r.rows_affected() == 0 {
        return Err(DbError::NotFound);
    }
    Ok(())
}

pub(crate) async fn admin_count(conn: &mut SqliteConnection) -> Result<i64, DbError> {
    Ok(sqlx::query_scalar(r#"SELECT count(*) FROM "User" WHERE isAdmin = 1"#).fetch_one(conn).await?)
}

pub(crate) async fn get(conn: &mut SqliteConnection, id: &str) -> Result<UserInfo, DbError> {
    let r = sqlx::query(r#"SELECT id, username, isAdmin, createdAt FROM "User" WHERE id = ?"#).bind(id).fetch_one(conn).await?;
    Ok(info(&r)?)
}

pub(crate) async fn insert_remember_token(db: &Db, user_id: &str, token_hash: &str) -> Result<(), DbError> {
    sqlx::query(r#"INSERT INTO "RememberToken" (id, userId, tokenHash) VALUES (?, ?, ?)"#)
        .bind(uuid::Uuid::now_v7().to_string())
        .bind(user_id)
        .bind(token_hash)
        .execute(db.pool())
        .await?;
    Ok(())
}

pub(crate) async fn user_for_token(db: &Db, token_hash: &str) -> Result<Option<UserInfo>, DbError> {
    let r = sqlx::query(
        r#"SELECT u.id, u.username, u.isAdmin, u.createdAt FROM "RememberToken" t JOIN "User" u ON u.id = t.userId WHERE t.tokenHash = ?"#,
    )
    .bind(token_hash)
    .fetch_optional(db.pool())
    .await?;
    if r.is_some() {
        sqlx::query(r#"UPDATE "RememberToken" SET lastUsedAt = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE tokenHash = ?"#)
            .bind(token_hash)
            .execute(db.pool())
            .await?;
    }
    Ok(r.as_ref().map(info).transpose()?)
}

pub(crate) async fn delete_remember_token(db: &Db, token_hash: &str) -> Result<(), DbError> {
    sqlx::query(r#"DELETE FROM "RememberToken" WHERE tokenHash = ?"#).bind(token_hash).execute(db.pool()).await?;
    Ok(())
}

pub(crate) async fn delete_remember_tokens_of(conn: &mut SqliteConnection, user_id: &str) -> Result<(), DbError> {
    sqlx::query(r#"DELETE FROM "RememberToken" WHERE userId = ?"#).bind(user_id).execute(conn).await?;
    Ok(())
}

pub(crate) async fn count(conn: &mut SqliteConnection) -> Result<i64, DbError> {
    Ok(sqlx::query_scalar(r#"SELECT count(*) FROM "User""#).fetch_one(conn).await?)
}
