//! The Images page through the app's own import path, and the img:// protocol
//! as the webview sees it.

use std::time::Duration;

use huaben_core::images::ImageHash;
use huaben_e2e::{serial, App, Result};
use serde_json::{json, Value};

fn write_png(path: &std::path::Path, w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| image::Rgb([(x * 255 / w) as u8, (y * 255 / h) as u8, 160]));
    img.save(path).expect("write png");
    std::fs::read(path).expect("read png")
}

async fn fetch_status(app: &App, url: &str) -> Result<Value> {
    app.run_async(
        "const [url, done] = arguments;
         fetch(url).then(
           (r) => r.arrayBuffer().then((b) => done({ status: r.status, type: r.headers.get('content-type'), cache: r.headers.get('cache-control'), bytes: b.byteLength })),
           (e) => done({ error: String(e) }));",
        vec![json!(url)],
    )
    .await
}

#[tokio::test(flavor = "multi_thread")]
async fn added_images_appear_in_the_grid_through_img_protocol() -> Result<()> {
    let _one_at_a_time = serial().lock().await;
    let files = tempfile::tempdir()?;
    let a = files.path().join("sunset.png");
    let b = files.path().join("forest.png");
    let bad = files.path().join("chapter-1.txt");
    let a_bytes = write_png(&a, 640, 480);
    let b_bytes = write_png(&b, 300, 900);
    std::fs::write(&bad, "第一回 甄士隐梦幻识通灵")?;
    let (ha, hb) = (ImageHash::of(&a_bytes), ImageHash::of(&b_bytes));

    let mut app = App::launch("images").await?;
    app.first_run("admin", "admin-password").await?;
    app.click("#nav-images").await?;
    app.wait_for_css("#images-empty", Duration::from_secs(10)).await?;
    app.screenshot("empty").await?;

    // The same path a window drop takes (a native drop cannot be sent over WebDriver).
    let answer = app
        .invoke("e2e_import_paths", json!({ "paths": [a, b, bad] }))
        .await?;
    assert!(answer.get("__error").is_none(), "import command answered: {answer}");
    let results = answer.as_array().expect("one result per file");
    assert_eq!(results.len(), 3);
    assert_eq!(results[0]["saved"]["hash"], json!(ha.as_str()));
    assert_eq!(results[2]["error"]["code"], json!("image.unsupported_format"), "a text file is refused by name");

    for hash in [&ha, &hb] {
        app.wait_for_css(&format!(".tile[data-hash='{hash}'] img"), Duration::from_secs(10)).await?;
        app.wait_until(
            "the thumbnail to load through img://",
            &format!("const i = document.querySelector(\".tile[data-hash='{hash}'] img\"); return !!i && i.complete && i.naturalWidth > 0;"),
            Duration::from_secs(15),
        )
        .await?;
        // Decoded and painted, so the screenshot shows it.
        app.run_async(
            &format!("const done = arguments[0]; document.querySelector(\".tile[data-hash='{hash}'] img\").decode().then(() => requestAnimationFrame(() => requestAnimationFrame(() => done(true))), () => done(false));"),
            vec![],
        )
        .await?;
    }
    let src = app.client.execute(&format!("return document.querySelector(\".tile[data-hash='{ha}'] img\").src;"), vec![]).await?;
    assert_eq!(src, json!(format!("img://localhost/{ha}?w=256")), "grid tiles load thumbnails by hash");
    let thumb_width = app.client.execute(&format!("return document.querySelector(\".tile[data-hash='{ha}'] img\").naturalWidth;"), vec![]).await?;
    assert_eq!(thumb_width, json!(256), "a 640 px image is shown as a 256 px thumbnail");

    // The refused file is reported in the person's language, by file name.
    let errors = app.text("#import-errors").await?;
    assert!(errors.contains("chapter-1.txt") && errors.contains("PNG"), "the refusal names the file and what is accepted: {errors}");
    let count = app.text("#images-count").await?;
    assert!(count.contains('2'), "two images are listed: {count}");
    app.screenshot("grid").await?;

    // The full-size viewer loads the original.
    app.click(&format!(".tile[data-hash='{ha}']")).await?;
    app.wait_until(
        "the full-size image",
        "const i = document.querySelector('#viewer-image'); return !!i && i.complete && i.naturalWidth === 640;",
        Duration::from_secs(10),
    )
    .await?;
    app.wait_until(
        "the viewer to show the image's size",
        "return document.querySelector('#viewer-dimensions')?.textContent === '640 × 480';",
        Duration::from_secs(10),
    )
    .await?;
    app.screenshot("viewer").await?;
    app.click("#viewer-close").await?;

    // What fetch() sees: the protocol's status codes and headers.
    let ok = fetch_status(&app, &format!("img://localhost/{ha}")).await?;
    assert_eq!(ok["status"], json!(200), "{ok}");
    assert_eq!(ok["type"], json!("image/png"));
    assert_eq!(ok["bytes"], json!(a_bytes.len()));
    let malformed = fetch_status(&app, "img://localhost/not-a-hash").await?;
    assert_eq!(malformed["status"], json!(400), "malformed hash: {malformed}");
    assert_eq!(malformed["cache"], json!("no-store"));
    let traversal = fetch_status(&app, "img://localhost/..%2f..%2fetc%2fpasswd").await?;
    assert_eq!(traversal["status"], json!(400), "path traversal: {traversal}");
    let unknown = fetch_status(&app, "img://localhost/0123456789abcdef0123456789abcdef").await?;
    assert_eq!(unknown["status"], json!(404), "unknown hash: {unknown}");

    // The files are really in the store named by their MD5.
    assert!(app.storage.join(format!("data/images/{ha}.png")).exists());
    app.quit().await
}
