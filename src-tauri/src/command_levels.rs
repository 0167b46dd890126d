// The access level of every command the app registers: the one list that
// `build.rs` turns into the ACL app manifest and `access.rs` enforces on every
// call. A command missing here cannot be invoked at all (and a test fails).
// Plain data, no imports: build.rs includes this file.

/// (command, level) — `Public` needs nobody signed in, `SignedIn` anyone
/// signed in, `Admin` an administrator.
pub const COMMAND_LEVELS: &[(&str, Level)] = &[
    ("auth_status", Level::Public),
    ("auth_setup_admin", Level::Public),
    ("auth_sign_in", Level::Public),
    ("auth_sign_out", Level::SignedIn),
    ("auth_change_password", Level::SignedIn),
    ("app_info", Level::SignedIn),
    ("images_list", Level::SignedIn),
    ("images_pick_files", Level::SignedIn),
    ("images_delete", Level::Admin),
    ("users_list", Level::Admin),
    ("users_create", Level::Admin),
    ("users_set_password", Level::Admin),
    ("users_set_admin", Level::Admin),
    ("users_delete", Level::Admin),
    // Test builds only (feature `e2e`); importing is open to anyone signed in.
    ("e2e_import_paths", Level::SignedIn),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Public,
    SignedIn,
    Admin,
}
