//! The benchmark suite behind `huaben-cli bench` (`make bench`). It writes a
//! JSON report of named figures, each with its unit, its target and, where a
//! ratio is judged, the baseline measured in the same run — absolute times on
//! a shared machine are noisy, ratios against a same-process baseline are not.

use std::io::Cursor;
use std::path::Path;
use std::time::{Duration, Instant};

use rand::{RngCore, SeedableRng};
use serde::Serialize;
use serde_json::{json, Value};

use crate::db::Db;
use crate::error::ApiError;
use crate::images::{ImageHash, ImageStore, StoreLimits};

#[derive(Debug, Serialize)]
pub struct Figure {
    pub value: f64,
    pub unit: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pass: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Figure {
    fn new(value: f64, unit: &'static str) -> Self {
        Self { value: round3(value), unit, baseline: None, target: None, pass: None, note: None }
    }
    fn at_least(mut self, min: f64) -> Self {
        self.target = Some(format!(">= {min}"));
        self.pass = Some(self.value >= min);
        self
    }
    fn below(mut self, max: f64) -> Self {
        self.target = Some(format!("< {max}"));
        self.pass = Some(self.value < max);
        self
    }
    fn note(mut self, n: &str) -> Self {
        self.note = Some(n.to_owned());
        self
    }
}

fn round3(v: f64) -> f64 {
    (v * 1000.0).round() / 1000.0
}

fn err(e: impl std::fmt::Display) -> ApiError {
    ApiError::new("bench.failed", e.to_string())
}

/// A PNG of random pixels (incompressible, so the file is about `side²·3` bytes).
fn noise_png(side: u32, rng: &mut impl RngCore) -> Vec<u8> {
    let mut raw = vec![0u8; (side * side * 3) as usize];
    rng.fill_bytes(&mut raw);
    let img = image::RgbImage::from_raw(side, side, raw).expect("buffer size matches");
    let mut out = Vec::new();
    let encoder = image::codecs::png::PngEncoder::new_with_quality(
        Cursor::new(&mut out),
        image::codecs::png::CompressionType::Fast,
        image::codecs::png::FilterType::NoFilter,
    );
    img.write_with_encoder(encoder).expect("encode png");
    out
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

fn latencies(n: usize, mut f: impl FnMut()) -> Vec<Duration> {
    let mut v: Vec<Duration> = (0..n)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    v.sort();
    v
}

/// Run every benchmark in a temporary storage root and write the report to `out`.
pub async fn run(out: &Path, quick: bool) -> Result<Value, ApiError> {
    let n_images = if quick { 100 } else { 500 };
    let n_requests = if quick { 200 } else { 1000 };
    let dir = tempfile::tempdir().map_err(err)?;
    let mut rng = rand::rngs::StdRng::seed_from_u64(0x4875_6162_656e);
    let mut figures = serde_json::Map::new();

    // --- Database open + migrate (fresh file), then reopen (nothing to migrate).
    let db_path = dir.path().join("bench.db");
    let t = Instant::now();
    let db = Db::open(&db_path).await?;
    let fresh = t.elapsed();
    db.close().await;
    let t = Instant::now();
    let db = Db::open(&db_path).await?;
    let reopen = t.elapsed();
    figures.insert("db_open_migrate_fresh".into(), json!(Figure::new(fresh.as_secs_f64() * 1000.0, "ms")));
    figures.insert("db_open_existing".into(), json!(Figure::new(reopen.as_secs_f64() * 1000.0, "ms")));

    // --- Saving distinct ~1 MB PNGs (hash, checks, temp write, fsync, rename, dir fsync).
    let images: Vec<Vec<u8>> = (0..n_images).map(|_| noise_png(590, &mut rng)).collect();
    let total_bytes: usize = images.iter().map(Vec::len).sum();
    let store = ImageStore::open(dir.path().join("images"), dir.path().join("cache"), StoreLimits::default())?;
    let t = Instant::now();
    for bytes in &images {
        let saved = store.save(bytes)?;
        assert!(!saved.deduplicated, "distinct images");
    }
    let save_secs = t.elapsed().as_secs_f64();
    figures.insert(
        "save_new_images".into(),
        json!(Figure::new(n_images as f64 / save_secs, "images/s")
            .at_least(100.0)
            .note(&format!("{n_images} distinct PNGs, mean {:.2} MB, each fsynced", total_bytes as f64 / n_images as f64 / 1e6))),
    );

    // --- Saving bytes that are already stored, against MD5 alone over the same bytes.
    // Interleaved rounds, best of each, so a noisy neighbour hurts both alike.
    let (mut best_dup, mut best_md5) = (f64::MAX, f64::MAX);
    for _ in 0..3 {
        let t = Instant::now();
        for bytes in &images {
            std::hint::black_box(ImageHash::of(bytes));
        }
        best_md5 = best_md5.min(t.elapsed().as_secs_f64());
        let t = Instant::now();
        for bytes in &images {
            let saved = store.save(bytes)?;
            assert!(saved.deduplicated, "already stored");
        }
        best_dup = best_dup.min(t.elapsed().as_secs_f64());
    }
    let mb = total_bytes as f64 / 1e6;
    let (dup_rate, md5_rate) = (mb / best_dup, mb / best_md5);
    let mut dup = Figure::new(dup_rate, "MB/s");
    dup.baseline = Some(json!({ "name": "md5_only", "value": round3(md5_rate), "unit": "MB/s" }));
    figures.insert("save_duplicate".into(), json!(dup));
    figures.insert(
        "save_duplicate_vs_md5".into(),
        json!(Figure::new(dup_rate / md5_rate, "ratio").at_least(0.8).note("duplicate-save throughput / MD5-only throughput, same bytes, same run")),
    );

    // --- Protocol handler latency for a ~200 KB original.
    let medium = noise_png(260, &mut rng);
    let medium_saved = store.save(&medium)?;
    let req = http::Request::get(format!("img://localhost/{}", medium_saved.hash)).body(()).map_err(err)?;
    let lat = latencies(n_requests, || {
        let r = crate::protocol::handle(&store, &req);
        assert_eq!(r.status(), 200);
    });
    figures.insert(
        "protocol_original_200kb_p50".into(),
        json!(Figure::new(percentile(&lat, 0.5), "ms").note(&format!("{} bytes, {n_requests} requests", medium.len()))),
    );
    figures.insert("protocol_original_200kb_p95".into(), json!(Figure::new(percentile(&lat, 0.95), "ms")));

    // --- First thumbnail (decode + resize + encode + cache write), then cached ones.
    let big = images.first().expect("images");
    let big_hash = ImageHash::of(big);
    let thumb_req = http::Request::get(format!("img://localhost/{big_hash}?w=256")).body(()).map_err(err)?;
    let t = Instant::now();
    let r = crate::protocol::handle(&store, &thumb_req);
    let first = t.elapsed();
    if r.status() != 200 {
        return Err(err(format!("thumbnail request failed with {}", r.status())));
    }
    figures.insert(
        "thumbnail_first_generation".into(),
        json!(Figure::new(first.as_secs_f64() * 1000.0, "ms").note("590x590 ~1 MB PNG to 256 px JPEG")),
    );
    let lat = latencies(n_requests, || {
        let r = crate::protocol::handle(&store, &thumb_req);
        assert_eq!(r.status(), 200);
    });
    figures.insert("protocol_cached_thumbnail_p50".into(), json!(Figure::new(percentile(&lat, 0.5), "ms")));
    figures.insert("protocol_cached_thumbnail_p95".into(), json!(Figure::new(percentile(&lat, 0.95), "ms").below(2.0)));

    db.close().await;

    let all_pass = figures.values().all(|f| f.get("pass").and_then(Value::as_bool).unwrap_or(true));
    let report = json!({
        "generatedAt": chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        "quick": quick,
        "cores": std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
        "allTargetsMet": all_pass,
        "figures": figures,
    });
    if let Some(parent) = out.parent() {
        std::fs::create_dir_all(parent).map_err(err)?;
    }
    std::fs::write(out, serde_json::to_string_pretty(&report).expect("json")).map_err(err)?;
    Ok(report)
}
