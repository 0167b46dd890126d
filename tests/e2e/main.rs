//! End-to-end tests of the real app window. Each test launches the debug
//! build (with the `e2e` feature) on a fresh storage root and saves a
//! screenshot of every page it visits into `target/e2e-screenshots/`.

mod auth;
mod images;
mod shell;
