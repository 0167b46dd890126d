//! What every command can reach: the opened core.

use huaben_core::Core;

pub struct AppState {
    pub core: Core,
}
