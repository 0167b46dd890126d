//! Re-embed the migrations whenever `migrations/` changes: `sqlx::migrate!`
//! reads them at compile time, and cargo does not know that on its own.
fn main() {
    println!("cargo:rerun-if-changed=../../migrations");
}
