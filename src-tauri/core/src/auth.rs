//! Local accounts (SPEC §7): validation, bcrypt hashing off the async
//! workers, sign-in that costs the same for unknown and known users and slows
//! down under repeated failures, and "stay signed in" tokens of which the
//! storage root keeps only a SHA-256.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rand::RngCore;
use sha2::{Digest, Sha256};
use tokio::sync::OnceCell;

use crate::db::users::{self, UserInfo};
use crate::db::{Db, DbError};
use crate::error::ApiError;

pub const MIN_PASSWORD_BYTES: usize = 8;
/// bcrypt reads 72 bytes including the terminating NUL: 71 bytes of password.
pub const MAX_PASSWORD_BYTES: usize = 71;
pub const MAX_USERNAME_CHARS: usize = 64;
pub const BCRYPT_COST: u32 = 12;

#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    #[error("the username or password is wrong")]
    InvalidCredentials,
    #[error("passwords need at least {MIN_PASSWORD_BYTES} bytes")]
    PasswordTooShort,
    #[error("passwords may have at most {MAX_PASSWORD_BYTES} bytes (this one has {0}); bcrypt would ignore the rest")]
    PasswordTooLong(usize),
    #[error("passwords may not contain a NUL character")]
    PasswordHasNul,
    #[error("the username is empty")]
    UsernameEmpty,
    #[error("usernames may have at most {MAX_USERNAME_CHARS} characters")]
    UsernameTooLong,
    #[error("usernames may contain only printable characters")]
    UsernameNotPrintable,
    #[error("the username {0} is taken")]
    UsernameTaken(String),
    #[error("the last administrator cannot be removed or demoted")]
    LastAdmin,
    #[error("you cannot remove or demote your own account")]
    NotYourself,
    #[error("an administrator already exists")]
    AlreadySetUp,
    #[error("no such user")]
    NotFound,
    #[error("password hashing failed: {0}")]
    Hash(String),
    #[error(transparent)]
    Db(DbError),
}

impl From<DbError> for AuthError {
    fn from(e: DbError) -> Self {
        match e {
            DbError::NotFound => AuthError::NotFound,
            other => AuthError::Db(other),
        }
    }
}

impl From<AuthError> for ApiError {
    fn from(e: AuthError) -> Self {
        let message = e.to_string();
        let code = match &e {
            AuthError::InvalidCredentials => "auth.invalid_credentials",
            AuthError::PasswordTooShort => "auth.password_too_short",
            AuthError::PasswordTooLong(_) => "auth.password_too_long",
            AuthError::PasswordHasNul => "auth.password_nul",
            AuthError::UsernameEmpty => "auth.username_empty",
            AuthError::UsernameTooLong => "auth.username_too_long",
            AuthError::UsernameNotPrintable => "auth.username_not_printable",
            AuthError::UsernameTaken(_) => "auth.username_taken",
            AuthError::LastAdmin => "auth.last_admin",
            AuthError::NotYourself => "auth.not_yourself",
            AuthError::AlreadySetUp => "auth.already_set_up",
            AuthError::NotFound => "auth.user_not_found",
            AuthError::Hash(_) => "internal",
            AuthError::Db(_) => "db.error",
        };
        let mut api = ApiError::new(code, message);
        match e {
            AuthError::PasswordTooLong(n) => api = api.with("bytes", n).with("max", MAX_PASSWORD_BYTES),
            AuthError::PasswordTooShort => api = api.with("min", MIN_PASSWORD_BYTES),
            AuthError::UsernameTooLong => api = api.with("max", MAX_USERNAME_CHARS),
            AuthError::UsernameTaken(name) => api = api.with("username", name),
            _ => {}
        }
        api
    }
}

/// Trimmed, 1–64 printable characters.
pub fn validate_username(raw: &str) -> Result<String, AuthError> {
    let name = raw.trim();
    if name.is_empty() {
        return Err(AuthError::UsernameEmpty);
    }
    if name.chars().count() > MAX_USERNAME_CHARS {
        return Err(AuthError::UsernameTooLong);
    }
    if name.chars().any(|c| c.is_control()) {
        return Err(AuthError::UsernameNotPrintable);
    }
    Ok(name.to_owned())
}

/// 8 to 71 bytes, no NUL: never truncated silently.
pub fn validate_password(password: &str) -> Result<(), AuthError> {
    if password.contains('\0') {
        return Err(AuthError::PasswordHasNul);
    }
    if password.len() < MIN_PASSWORD_BYTES {
        return Err(AuthError::PasswordTooShort);
    }
    if password.len() > MAX_PASSWORD_BYTES {
        return Err(AuthError::PasswordTooLong(password.len()));
    }
    Ok(())
}

/// SHA-256 of a remember token, as stored.
pub fn token_hash(token: &str) -> String {
    format!("{:x}", Sha256::digest(token.as_bytes()))
}

#[derive(Debug, Clone, Copy)]
pub struct AuthConfig {
    pub bcrypt_cost: u32,
    /// Delay after the third failure in a row; it doubles with each further one.
    pub backoff_base: Duration,
    pub backoff_max: Duration,
}

impl Default for AuthConfig {
    fn default() -> Self {
        Self { bcrypt_cost: BCRYPT_COST, backoff_base: Duration::from_millis(500), backoff_max: Duration::from_secs(30) }
    }
}

/// Accounts over one database. Cheap to clone.
#[derive(Clone)]
pub struct Auth {
    db: Db,
    config: AuthConfig,
    failures: Arc<Mutex<HashMap<String, u32>>>,
    dummy_hash: Arc<OnceCell<String>>,
}

impl Auth {
    pub fn new(db: Db, config: AuthConfig) -> Self {
        Self { db, config, failures: Arc::default(), dummy_hash: Arc::default() }
    }

    async fn hash(&self, password: &str) -> Result<String, AuthError> {
        let (password, cost) = (password.to_owned(), self.config.bcrypt_cost);
        tokio::task::spawn_blocking(move || bcrypt::hash(password, cost))
            .await
            .map_err(|e| AuthError::Hash(e.to_string()))?
            .map_err(|e| AuthError::Hash(e.to_string()))
    }

    async fn verify(&self, password: &str, hash: &str) -> bool {
        let (password, hash) = (password.to_owned(), hash.to_owned());
        tokio::task::spawn_blocking(move || bcrypt::verify(password, &hash).unwrap_or(false)).await.unwrap_or(false)
    }

    /// How long the next attempt for a name waits after `failures` failures in a row.
    pub fn backoff(&self, failures: u32) -> Duration {
        if failures < 3 {
            return Duration::ZERO;
        }
        let factor = 2u32.saturating_pow((failures - 3).min(16));
        self.config.backoff_base.saturating_mul(factor).min(self.config.backoff_max)
    }

    pub async fn has_users(&self) -> Result<bool, AuthError> {
        let mut conn = self.db.pool().acquire().await.map_err(DbError::from)?;
        Ok(users::count(&mut conn).await? > 0)
    }

    pub async fn list(&self) -> Result<Vec<UserInfo>, AuthError> {
        Ok(users::list(&self.db).await?)
    }

    pub async fn get(&self, id: &str) -> Result<UserInfo, AuthError> {
        let mut conn = self.db.pool().acquire().await.map_err(DbError::from)?;
        Ok(users::get(&mut conn, id).await?)
    }

    pub async fn find(&self, username: &str) -> Result<UserInfo, AuthError> {
        let mut conn = self.db.pool().acquire().await.map_err(DbError::from)?;
        users::find_by_username(&mut conn, username.trim()).await?.map(|u| u.info).ok_or(AuthError::NotFound)
    }

    /// Create an account. The first account ever created is an administrator.
    pub async fn create_user(&self, username: &str, password: &str, is_admin: bool) -> Result<UserInfo, AuthError> {
        self.create(username, password, is_admin, false).await
    }

    /// The first-run administrator; refused once any account exists.
    pub async fn setup_admin(&self, username: &str, password: &str) -> Result<UserInfo, AuthError> {
        self.create(username, password, true, true).await
    }

    async fn create(&self, username: &str, password: &str, is_admin: bool, only_first: bool) -> Result<UserInfo, AuthError> {
        let username = validate_username(username)?;
        validate_password(password)?;
        let hash = self.hash(password).await?;
        let mut tx = self.db.begin_write().await?;
        let first = users::count(&mut tx).await? == 0;
        if only_first && !first {
            return Err(AuthError::AlreadySetUp);
        }
        if users::find_by_username(&mut tx, &username).await?.is_some() {
            return Err(AuthError::UsernameTaken(username));
        }
        let id = uuid::Uuid::now_v7().to_string();
        users::insert(&mut tx, &id, &username, &hash, is_admin || first).await?;
        let user = users::get(&mut tx, &id).await?;
        tx.commit().await.map_err(DbError::from)?;
        Ok(user)
    }

    /// Check a username and password. Unknown names cost one bcrypt verify
    /// like wrong passwords do; repeated failures for a name wait longer.
    pub async fn sign_in(&self, username: &str, password: &str) -> Result<UserInfo, AuthError> {
        let key = username.trim().to_lowercase();
        let failures = *self.failures.lock().expect("failures lock").get(&key).unwrap_or(&0);
        let wait = self.backoff(failures);
        if !wait.is_zero() {
            tokio::time::sleep(wait).await;
        }
        let found = {
            let mut conn = self.db.pool().acquire().await.map_err(DbError::from)?;
            users::find_by_username(&mut conn, username.trim()).await?
        };
        let ok = match &found {
            Some(u) => self.verify(password, &u.password_hash).await,
            None => {
                let dummy = self
                    .dummy_hash
                    .get_or_try_init(|| self.hash("not a real password, only spends the time"))
                    .await?;
                let _ = self.verify(password, dummy).await;
                false
            }
        };
        let mut map = self.failures.lock().expect("failures lock");
        match (ok, found) {
            (true, Some(u)) => {
                map.remove(&key);
                Ok(u.info)
            }
            _ => {
                // Bounded: names tried once or twice are forgotten first.
                if map.len() >= 4096 {
                    map.retain(|_, n| *n >= 3);
                }
                *map.entry(key).or_insert(0) += 1;
                Err(AuthError::InvalidCredentials)
            }
        }
    }

    /// Change one's own password; the current one must be right.
    pub async fn change_password(&self, user_id: &str, current: &str, new: &str) -> Result<(), AuthError> {
        let hash = users::password_hash(&self.db, user_id).await?;
        if !self.verify(current, &hash).await {
            return Err(AuthError::InvalidCredentials);
        }
        self.set_password(user_id, new).await
    }

    /// Set a password (administrators, the CLI). Remembered sign-ins of the
    /// account end: whoever had them must prove the new password.
    pub async fn set_password(&self, user_id: &str, new: &str) -> Result<(), AuthError> {
        validate_password(new)?;
        let hash = self.hash(new).await?;
        let mut tx = self.db.begin_write().await?;
        users::set_password(&mut tx, user_id, &hash).await?;
        users::delete_remember_tokens_of(&mut tx, user_id).await?;
        tx.commit().await.map_err(DbError::from)?;
        Ok(())
    }

    /// Grant or revoke administrator. `actor` is the signed-in administrator
    /// (None for the machine owner at the CLI).
    pub async fn set_admin(&self, actor: Option<&str>, user_id: &str, is_admin: bool) -> Result<UserInfo, AuthError> {
        if actor == Some(user_id) && !is_admin {
            return Err(AuthError::NotYourself);
        }
        let mut tx = self.db.begin_write().await?;
        let user = users::get(&mut tx, user_id).await?;
        if user.is_admin && !is_admin && users::admin_count(&mut tx).await? <= 1 {
            return Err(AuthError::LastAdmin);
        }
        users::set_admin(&mut tx, user_id, is_admin).await?;
        let user = users::get(&mut tx, user_id).await?;
        tx.commit().await.map_err(DbError::from)?;
        Ok(user)
    }

    pub async fn delete_user(&self, actor: Option<&str>, user_id: &str) -> Result<(), AuthError> {
        if actor == Some(user_id) {
            return Err(AuthError::NotYourself);
        }
        let mut tx = self.db.begin_write().await?;
        let user = users::get(&mut tx, user_id).await?;
        if user.is_admin && users::admin_count(&mut tx).await? <= 1 {
            return Err(AuthError::LastAdmin);
        }
        users::delete(&mut tx, user_id).await?;
        tx.commit().await.map_err(DbError::from)?;
        Ok(())
    }

    /// A new random token for "stay signed in"; only its hash is stored.
    pub async fn issue_remember_token(&self, user_id: &str) -> Result<String, AuthError> {
        let mut bytes = [0u8; 32];
        rand::rng().fill_bytes(&mut bytes);
        let token: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        users::insert_remember_token(&self.db, user_id, &token_hash(&token)).await?;
        Ok(token)
    }

    pub async fn resume(&self, token: &str) -> Result<Option<UserInfo>, AuthError> {
        Ok(users::user_for_token(&self.db, &token_hash(token)).await?)
    }

    pub async fn forget(&self, token: &str) -> Result<(), AuthError> {
        Ok(users::delete_remember_token(&self.db, &token_hash(token)).await?)
    }
}
