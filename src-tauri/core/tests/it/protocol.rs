//! The img:// handler: URL forms, headers, refusals, ranges, thumbnails.

use http::{header, Request, StatusCode};
use huaben_core::protocol::handle;

use crate::common::{png, temp_core};

fn get(uri: &str) -> Request<()> {
    Request::get(uri).body(()).unwrap()
}

#[tokio::test]
async fn serves_both_url_forms_with_immutable_caching() {
    let t = temp_core().await;
    let bytes = png(300, 200, 5);
    let saved = t.core.images.save(&bytes).unwrap();
    for uri in [format!("img://localhost/{}", saved.hash), format!("http://img.localhost/{}", saved.hash)] {
        let r = handle(&t.core.images, &get(&uri));
        assert_eq!(r.status(), StatusCode::OK, "{uri}");
        assert_eq!(r.body(), &bytes);
        let h = r.headers();
        assert_eq!(h[header::CONTENT_TYPE], "image/png", "the real type, from the stored format");
        assert_eq!(h[header::CACHE_CONTROL], "public, max-age=31536000, immutable");
        assert_eq!(h[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        assert_eq!(h[header::ETAG], format!("\"{}\"", saved.hash));
        assert_eq!(h[header::ACCESS_CONTROL_ALLOW_ORIGIN], "*", "fetch() from the webview needs CORS");
    }
    let cond = Request::get(format!("img://localhost/{}", saved.hash)).header(header::IF_NONE_MATCH, format!("\"{}\"", saved.hash)).body(()).unwrap();
    assert_eq!(handle(&t.core.images, &cond).status(), StatusCode::NOT_MODIFIED);
}

#[tokio::test]
async fn refuses_anything_but_a_hash_and_never_caches_errors() {
    let t = temp_core().await;
    let secret = t.dir.path().join("secret.png");
    std::fs::write(&secret, png(4, 4, 1)).unwrap();
    let unknown = "0123456789abcdef0123456789abcdef";
    let cases = [
        ("img://localhost/../secret.png", StatusCode::BAD_REQUEST),
        ("img://localhost/%2e%2e/%2e%2e/secret.png", StatusCode::BAD_REQUEST),
        ("img://localhost/..%2f..%2fsecret.png", StatusCode::BAD_REQUEST),
        ("img://localhost/0123456789ABCDEF0123456789ABCDEF", StatusCode::BAD_REQUEST),
        ("img://localhost/0123456789abcdef0123456789abcde", StatusCode::BAD_REQUEST),
        ("img://localhost/0123456789abcdef0123456789abcdef0", StatusCode::BAD_REQUEST),
        ("img://localhost/0123456789abcdef%000123456789abcde", StatusCode::BAD_REQUEST),
        ("img://localhost/0123456789abcdef0123456789abcdef.png", StatusCode::BAD_REQUEST),
        ("img://localhost/sub/0123456789abcdef0123456789abcdef", StatusCode::BAD_REQUEST),
        ("img://evil.example/0123456789abcdef0123456789abcdef", StatusCode::BAD_REQUEST),
        ("img://localhost/0123456789abcdef0123456789abcdef?w=100", StatusCode::BAD_REQUEST),
        ("img://localhost/0123456789abcdef0123456789abcdef?w=abc", StatusCode::BAD_REQUEST),
        ("img://localhost/0123456789abcdef0123456789abcdef", StatusCode::NOT_FOUND),
        ("http://img.localhost/0123456789abcdef0123456789abcdef?w=256", StatusCode::NOT_FOUND),
    ];
    for (uri, status) in cases {
        let r = handle(&t.core.images, &get(uri));
        assert_eq!(r.status(), status, "{uri}");
        assert_eq!(r.headers()[header::CACHE_CONTROL], "no-store", "errors are not cached: {uri}");
        assert!(!r.body().starts_with(b"\x89PNG"), "no file content leaks for {uri}");
    }
    let _ = unknown;
    let post = Request::post("img://localhost/0123456789abcdef0123456789abcdef").body(()).unwrap();
    assert_eq!(handle(&t.core.images, &post).status(), StatusCode::METHOD_NOT_ALLOWED);
}

#[tokio::test]
async fn range_requests_return_partial_content() {
    let t = temp_core().await;
    let bytes = png(256, 256, 11);
    let saved = t.core.images.save(&bytes).unwrap();
    let uri = format!("img://localhost/{}", saved.hash);
    let r = handle(&t.core.images, &Request::get(&uri).header(header::RANGE, "bytes=10-99").body(()).unwrap());
    assert_eq!(r.status(), StatusCode::PARTIAL_CONTENT);
    assert_eq!(r.body(), &bytes[10..100]);
    assert_eq!(r.headers()[header::CONTENT_RANGE], format!("bytes 10-99/{}", bytes.len()));
    let r = handle(&t.core.images, &Request::get(&uri).header(header::RANGE, "bytes=-16").body(()).unwrap());
    assert_eq!(r.body(), &bytes[bytes.len() - 16..], "suffix ranges");
    let r = handle(&t.core.images, &Request::get(&uri).header(header::RANGE, format!("bytes={}-", bytes.len() + 10)).body(()).unwrap());
    assert_eq!(r.status(), StatusCode::RANGE_NOT_SATISFIABLE);
}

#[tokio::test]
async fn thumbnails_are_made_once_and_cached() {
    let t = temp_core().await;
    let saved = t.core.images.save(&png(800, 400, 3)).unwrap();
    let uri = format!("img://localhost/{}?w=256", saved.hash);
    let r = handle(&t.core.images, &get(&uri));
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()[header::CONTENT_TYPE], "image/jpeg", "opaque thumbnails are JPEG");
    let thumb = image::load_from_memory(r.body()).unwrap();
    assert_eq!((thumb.width(), thumb.height()), (256, 128), "width as asked, aspect kept");
    assert_eq!(r.headers()[header::ETAG], format!("\"{}-w256\"", saved.hash));
    let cached: Vec<_> = std::fs::read_dir(t.core.paths.image_cache()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(cached.len(), 1, "one cached file per (hash, width): {cached:?}");
    let again = handle(&t.core.images, &get(&uri));
    assert_eq!(again.body(), r.body(), "the cached thumbnail is served");

    // Narrower than asked: the original is served, not upscaled.
    let small = t.core.images.save(&png(100, 50, 4)).unwrap();
    let r = handle(&t.core.images, &get(&format!("img://localhost/{}?w=512", small.hash)));
    assert_eq!(image::load_from_memory(r.body()).unwrap().width(), 100);

    // Transparency survives as PNG.
    let rgba = image::DynamicImage::ImageRgba8(image::RgbaImage::from_pixel(600, 300, image::Rgba([1, 2, 3, 100])));
    let t_saved = t.core.images.save(&crate::common::encode(&rgba, image::ImageFormat::Png)).unwrap();
    let r = handle(&t.core.images, &get(&format!("img://localhost/{}?w=128", t_saved.hash)));
    assert_eq!(r.headers()[header::CONTENT_TYPE], "image/png");
}
