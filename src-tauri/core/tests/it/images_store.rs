//! The image store: naming, dedup, refusals with clear errors, references,
//! verification and the temp-file sweep.

use std::fs;

use huaben_core::events::{CollectingSink, Event};
use huaben_core::images::{import, verify, ImageError, ImageHash, ImageStore, StoreLimits};

use crate::common::{encode, png, png_declaring, temp_core};

#[tokio::test]
async fn save_names_by_md5_and_reports_metadata() {
    let t = temp_core().await;
    let bytes = png(64, 32, 1);
    let saved = t.core.images.save(&bytes).unwrap();
    assert_eq!(saved.hash, ImageHash::of(&bytes), "the name is the MD5 of the bytes");
    assert_eq!((saved.width, saved.height), (64, 32));
    assert_eq!((saved.mime.as_str(), saved.ext.as_str()), ("image/png", "png"));
    assert_eq!(saved.size as usize, bytes.len());
    assert!(!saved.deduplicated);
    let path = t.core.paths.images().join(format!("{}.png", saved.hash));
    assert_eq!(fs::read(&path).unwrap(), bytes, "stored bytes are exactly the saved bytes");
    assert!(t.core.images.exists(&saved.hash));
    assert_eq!(ImageStore::url(&saved.hash), format!("img://localhost/{}", saved.hash));

    let again = t.core.images.save(&bytes).unwrap();
    assert!(again.deduplicated, "identical bytes are stored once");
    assert_eq!(fs::read_dir(t.core.paths.images()).unwrap().count(), 1, "no second file for the same bytes");
}

#[tokio::test]
async fn every_supported_format_is_sniffed_and_found_by_hash_alone() {
    let t = temp_core().await;
    let img = image::DynamicImage::ImageRgb8(image::RgbImage::from_pixel(20, 10, image::Rgb([200, 30, 40])));
    for (format, ext) in [
        (image::ImageFormat::Png, "png"),
        (image::ImageFormat::Jpeg, "jpg"),
        (image::ImageFormat::Gif, "gif"),
        (image::ImageFormat::WebP, "webp"),
    ] {
        let bytes = encode(&img, format);
        let saved = t.core.images.save(&bytes).unwrap_or_else(|e| panic!("{ext} must be accepted: {e}"));
        assert_eq!(saved.ext, ext);
        assert_eq!((saved.width, saved.height), (20, 10), "{ext} dimensions");
        let (got, fmt) = t.core.images.get(&saved.hash).unwrap();
        assert_eq!(got, bytes, "get by hash alone finds the {ext} file");
        assert_eq!(fmt.ext(), ext);
    }
    assert_eq!(t.core.images.list().unwrap().len(), 4);
}

#[tokio::test]
async fn refusals_are_clear_and_write_nothing() {
    let t = temp_core().await;
    let good = png(40, 40, 7);
    let mut truncated = good.clone();
    truncated.truncate(good.len() - 20);
    let mut flipped = good.clone();
    let mid = flipped.len() / 2;
    flipped[mid] ^= 0xff;
    let svg = br#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#.to_vec();
    let cases: Vec<(&str, Vec<u8>, fn(&ImageError) -> bool)> = vec![
        ("zero bytes", vec![], |e| matches!(e, ImageError::Empty)),
        ("SVG", svg, |e| matches!(e, ImageError::UnsupportedFormat)),
        ("text", b"hello, I am a novel".to_vec(), |e| matches!(e, ImageError::UnsupportedFormat)),
        ("truncated PNG", truncated, |e| matches!(e, ImageError::Corrupt { .. })),
        ("PNG with a damaged byte", flipped, |e| matches!(e, ImageError::Corrupt { .. })),
        ("only a PNG signature", b"\x89PNG\r\n\x1a\n".to_vec(), |e| matches!(e, ImageError::Corrupt { .. })),
        ("100000x100000 bomb", png_declaring(100_000, 100_000), |e| {
            matches!(e, ImageError::DimensionsTooLarge { width: 100_000, height: 100_000, max: 16384 })
        }),
        ("16385 wide", png_declaring(16385, 1), |e| matches!(e, ImageError::DimensionsTooLarge { .. })),
    ];
    for (what, bytes, expected) in cases {
        let err = t.core.images.save(&bytes).expect_err(what);
        assert!(expected(&err), "{what}: unexpected error {err:?}");
        assert!(!err.to_string().is_empty(), "{what}: the error says what is wrong");
    }
    assert!(fs::read_dir(t.core.paths.images()).unwrap().next().is_none(), "a refused save leaves no file behind");
}

#[tokio::test]
async fn the_byte_cap_is_configurable_and_checked_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let store = ImageStore::open(dir.path().join("i"), dir.path().join("c"), StoreLimits { max_bytes: 1000, max_side: 16384 }).unwrap();
    let big = png(200, 200, 3);
    assert!(big.len() > 1000);
    assert!(matches!(store.save(&big), Err(ImageError::TooLarge { max: 1000, .. })));
    let file = dir.path().join("big.png");
    fs::write(&file, &big).unwrap();
    assert!(matches!(import::read_image_file(&file, 1000), Err(ImageError::TooLarge { .. })), "the cap is checked from the file size");
}

#[tokio::test]
async fn delete_refuses_while_referenced_and_names_the_reference() {
    let t = temp_core().await;
    let saved = t.core.images.save(&png(16, 16, 9)).unwrap();
    let pool = t.core.db.pool();
    sqlx::query(r#"INSERT INTO "Project" (id, title, projectPath) VALUES ('p1','T','/x')"#).execute(pool).await.unwrap();
    sqlx::query(r#"INSERT INTO "Content" (projectId, chapter, line, content, imageHash) VALUES ('p1', 1, 12, 'x', ?)"#)
        .bind(saved.hash.as_str())
        .execute(pool)
        .await
        .unwrap();
    sqlx::query(r#"INSERT INTO "DrawArgs" (id, model, prompt) VALUES ('d1','m','p')"#).execute(pool).await.unwrap();
    sqlx::query(r#"INSERT INTO "Job" (id, status, source, drawArgsId, results) VALUES ('j1','completed','single','d1', json_array(?))"#)
        .bind(saved.hash.as_str())
        .execute(pool)
        .await
        .unwrap();

    let err = t.core.images.delete(&t.core.db, &saved.hash).await.expect_err("referenced image");
    let msg = err.to_string();
    assert!(msg.contains("line 12 of project p1") && msg.contains("job j1"), "the error names every reference: {msg}");
    assert!(t.core.images.exists(&saved.hash), "nothing was deleted");

    sqlx::query(r#"UPDATE "Content" SET imageHash = NULL"#).execute(pool).await.unwrap();
    sqlx::query(r#"UPDATE "Job" SET results = '[]'"#).execute(pool).await.unwrap();
    t.core.images.delete(&t.core.db, &saved.hash).await.expect("unreferenced image can be deleted");
    assert!(!t.core.images.exists(&saved.hash));
    assert!(matches!(t.core.images.delete(&t.core.db, &saved.hash).await, Err(ImageError::NotFound(_))));
}

#[tokio::test]
async fn verify_finds_corrupt_files_and_missing_references() {
    let t = temp_core().await;
    let a = t.core.images.save(&png(10, 10, 1)).unwrap();
    let b = t.core.images.save(&png(10, 10, 2)).unwrap();
    let path_b = t.core.paths.images().join(format!("{}.png", b.hash));
    let mut bytes = fs::read(&path_b).unwrap();
    bytes[40] ^= 1;
    fs::write(&path_b, bytes).unwrap();
    let ghost = ImageHash::of(b"never stored");
    sqlx::query(r#"INSERT INTO "Project" (id, title, projectPath) VALUES ('p1','T','/x')"#).execute(t.core.db.pool()).await.unwrap();
    sqlx::query(r#"INSERT INTO "Content" (projectId, chapter, line, content, imageHash) VALUES ('p1', 0, 0, 'x', ?)"#)
        .bind(ghost.as_str())
        .execute(t.core.db.pool())
        .await
        .unwrap();
    let report = verify::verify(&t.core.images, Some(&t.core.db)).await.unwrap();
    assert_eq!(report.checked, 2);
    assert_eq!(report.ok, 1);
    assert_eq!(report.corrupt, vec![b.hash.clone()], "a file whose bytes no longer match its name is corrupt");
    assert_eq!(report.missing, vec![ghost], "a referenced hash without a file is missing");
    let _ = a;
}

#[tokio::test]
async fn opening_sweeps_leftover_temp_files() {
    let t = temp_core().await;
    fs::write(t.core.paths.images().join(".tmp-abc123"), b"partial").unwrap();
    fs::write(t.core.paths.image_cache().join(".tmp-zzz"), b"partial").unwrap();
    let store = ImageStore::open(t.core.paths.images(), t.core.paths.image_cache(), StoreLimits::default()).unwrap();
    assert!(fs::read_dir(store.dir()).unwrap().next().is_none(), "temp files in images/ are swept on open");
    assert!(fs::read_dir(store.cache_dir()).unwrap().next().is_none(), "and in the thumbnail cache");
}

#[tokio::test]
async fn import_reports_each_file_and_keeps_going_after_a_refusal() {
    let t = temp_core().await;
    let dir = t.dir.path();
    fs::write(dir.join("a.png"), png(8, 8, 1)).unwrap();
    fs::write(dir.join("b.txt"), b"not an image").unwrap();
    fs::write(dir.join("c.png"), png(8, 8, 2)).unwrap();
    let paths = vec![dir.join("a.png"), dir.join("b.txt"), dir.join("missing.png"), dir.join("c.png"), dir.to_path_buf()];
    let sink = CollectingSink::default();
    let results = import::import_files(&t.core.images, &paths, &sink);
    let ok: Vec<bool> = results.iter().map(|r| r.saved.is_some()).collect();
    assert_eq!(ok, vec![true, false, false, true, false], "each file succeeds or fails on its own");
    assert_eq!(results[1].error.as_ref().unwrap().code, "image.unsupported_format");
    assert_eq!(results[2].error.as_ref().unwrap().code, "image.io");
    assert_eq!(results[4].error.as_ref().unwrap().code, "image.not_a_file");
    assert_eq!(results[1].error.as_ref().unwrap().params.get("file").map(String::as_str), Some("b.txt"), "the error names the file");
    let events = sink.take();
    assert!(matches!(events.first(), Some(Event::ImageImportStarted { total: 5, .. })));
    assert!(matches!(events.last(), Some(Event::ImageImportFinished { added: 2, failed: 3, .. })));
    let progress: Vec<u32> = events.iter().filter_map(|e| if let Event::ImageImportProgress { done, .. } = e { Some(*done) } else { None }).collect();
    assert_eq!(progress, vec![1, 2, 3, 4, 5], "one progress event per file, in order");
}
