//! What every command can reach: the opened core, the accounts, and who is
//! signed in to this window.

use std::path::PathBuf;
use std::sync::RwLock;

use huaben_core::auth::Auth;
use huaben_core::db::users::UserInfo;
use huaben_core::Core;

pub struct AppState {
    pub core: Core,
    pub auth: Auth,
    session: RwLock<Option<UserInfo>>,
    /// Where this OS user's "stay signed in" token for this storage root lives.
    pub remember_file: PathBuf,
}

impl AppState {
    pub fn new(core: Core, auth: Auth, remember_file: PathBuf) -> Self {
        Self { core, auth, session: RwLock::new(None), remember_file }
    }

    pub fn current_user(&self) -> Option<UserInfo> {
        self.session.read().expect("session lock").clone()
    }

    pub fn set_user(&self, user: Option<UserInfo>) {
        *self.session.write().expect("session lock") = user;
    }
}
