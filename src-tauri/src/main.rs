//! The Huaben desktop binary.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    huaben_lib::run();
}
