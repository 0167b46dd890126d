//! The window itself: every navigation entry opens its page, and the language
//! switch changes what the person reads.

use std::time::Duration;

use huaben_e2e::{serial, App, Result};

const PAGES: [&str; 10] = ["library", "reader", "actors", "templates", "images", "jobs", "chat", "models", "users", "settings"];

#[tokio::test(flavor = "multi_thread")]
async fn every_navigation_entry_opens_its_page() -> Result<()> {
    let _one_at_a_time = serial().lock().await;
    let mut app = App::launch("navigation").await?;
    app.first_run("admin", "admin-password").await?;
    for page in PAGES {
        app.click(&format!("#nav-{page}")).await?;
        app.wait_for_css(&format!("main[data-page='{page}']"), Duration::from_secs(10)).await?;
        let heading = app.text(&format!("main[data-page='{page}'] h1")).await?;
        assert!(!heading.trim().is_empty(), "the {page} page has a heading");
        app.screenshot(page).await?;
    }
    // The CSP lets images come only from img://, data: and blob: — and the app's own still show.
    app.wait_until("the brand icon under the CSP", "const i = document.querySelector('.brand-icon'); return !!i && i.complete && i.naturalWidth > 0;", Duration::from_secs(5)).await?;
    let blocked = app
        .run_async(
            "const done = arguments[0];
             document.addEventListener('securitypolicyviolation', (e) => done(e.violatedDirective), { once: true });
             const i = new Image(); i.onload = () => done('loaded'); i.src = 'https://example.com/x.png';
             setTimeout(() => done('no violation reported'), 3000);",
            vec![],
        )
        .await?;
    assert!(blocked.as_str().unwrap_or_default().starts_with("img-src"), "the CSP refuses remote images: {blocked}");

    // Least privilege: the webview may call only what the capabilities grant.
    let denied = app.invoke("plugin:dialog|open", serde_json::json!({ "options": {} })).await?;
    let message = denied["__error"].as_str().unwrap_or_default().to_owned();
    assert!(message.contains("not allowed"), "the dialog plugin is not granted to the webview: {denied}");

    // Settings shows the storage root the app was started with (--storage).
    app.click("#nav-settings").await?;
    let storage = app.storage.display().to_string();
    app.wait_until(
        "the storage root on the settings page",
        &format!("return document.querySelector('#storage-root')?.textContent === {storage:?};"),
        Duration::from_secs(10),
    )
    .await?;
    app.quit().await
}

#[tokio::test(flavor = "multi_thread")]
async fn language_switch_changes_visible_text() -> Result<()> {
    let _one_at_a_time = serial().lock().await;
    let mut app = App::launch("language").await?;
    app.first_run("admin", "admin-password").await?;
    for (lang, library, images) in [("en", "Library", "Images"), ("zh-CN", "书库", "图片"), ("en", "Library", "Images")] {
        app.click(&format!("#language-select option[value='{lang}']")).await?;
        app.wait_until(
            &format!("navigation in {lang}"),
            &format!("return document.querySelector('#nav-library').textContent.includes({library:?});"),
            Duration::from_secs(5),
        )
        .await?;
        let nav = app.text("#nav-images").await?;
        assert!(nav.contains(images), "the Images entry reads {images:?} in {lang}, got {nav:?}");
        let html_lang = app.client.execute("return document.documentElement.lang;", vec![]).await?;
        assert_eq!(html_lang, serde_json::json!(lang), "<html lang> follows the language for fonts and screen readers");
        app.screenshot(&format!("lang-{lang}")).await?;
    }
    // The theme switch flips the palette.
    let before = app.client.execute("return document.documentElement.dataset.theme;", vec![]).await?;
    app.click("#theme-toggle").await?;
    let after = app.client.execute("return document.documentElement.dataset.theme;", vec![]).await?;
    assert_ne!(before, after, "the theme toggle switches light/dark");
    app.screenshot("theme-toggled").await?;
    app.quit().await
}

#[tokio::test(flavor = "multi_thread")]
async fn the_first_language_is_the_systems() -> Result<()> {
    let _one_at_a_time = serial().lock().await;
    let dir = tempfile::tempdir()?;
    let mut app = App::launch_with("system-language", &dir.path().join("storage"), &[("LANG", "zh_CN.UTF-8"), ("LANGUAGE", "zh_CN")]).await?;
    app.wait_for_css("#first-run", Duration::from_secs(10)).await?;
    let heading = app.text("#first-run h1").await?;
    assert_eq!(heading, "欢迎使用画本", "a Chinese system starts the app in Chinese");
    app.screenshot("first-run-zh").await?;
    app.quit().await
}
