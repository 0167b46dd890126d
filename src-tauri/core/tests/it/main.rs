//! Integration tests of huaben-core, one module per area of `src/`.

mod common;
mod auth;
mod cli;
mod db_schema;
mod images_store;
mod kill_safety;
mod protocol;
