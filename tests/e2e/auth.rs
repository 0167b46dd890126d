//! Accounts in the real window: first run, sign out, a wrong password, "stay
//! signed in" across a restart, user management, and a non-administrator who
//! neither sees nor reaches administrator pages.

use std::time::Duration;

use huaben_e2e::{serial, App, Result};
use serde_json::json;

#[tokio::test(flavor = "multi_thread")]
async fn first_run_sign_in_remember_and_user_management() -> Result<()> {
    let _one_at_a_time = serial().lock().await;
    let dir = tempfile::tempdir()?;
    let storage = dir.path().join("storage");

    let mut app = App::launch_on("auth", &storage).await?;
    app.wait_for_css("#first-run", Duration::from_secs(10)).await?;
    // Mismatched passwords are caught before anything is created.
    app.fill("#auth-username", "admin").await?;
    app.fill("#auth-password", "admin-password").await?;
    app.fill("#auth-password-repeat", "admin-passw0rd").await?;
    app.click("#auth-submit").await?;
    app.wait_for_css("#first-run .error", Duration::from_secs(5)).await?;
    app.screenshot("first-run").await?;
    app.first_run("admin", "admin-password").await?;
    let who = app.text("#signed-in-as").await?;
    assert!(who.contains("admin"), "the sidebar says who is signed in: {who}");

    // User management: add a member.
    app.click("#nav-users").await?;
    app.fill("#new-username", "reader").await?;
    app.fill("#new-password", "reader-password").await?;
    app.click("#new-user-submit").await?;
    app.wait_for_css("tr[data-username='reader']", Duration::from_secs(10)).await?;
    app.screenshot("user-management").await?;

    // Sign out, then a wrong password.
    app.click("#sign-out").await?;
    app.sign_in("admin", "not-the-password", false).await?;
    let error = app.wait_for_css("#auth-error", Duration::from_secs(10)).await?.text().await?;
    assert!(error.contains("username or password is wrong"), "one message for any failed sign-in: {error}");
    app.screenshot("wrong-password").await?;

    // Sign in with "stay signed in", restart: still signed in.
    app.sign_in("admin", "admin-password", true).await?;
    app.wait_for_css("nav.sidebar", Duration::from_secs(10)).await?;
    app.quit().await?;
    let mut app = App::launch_on("auth-restart", &storage).await?;
    app.wait_for_css("nav.sidebar", Duration::from_secs(20)).await?;
    assert!(app.text("#signed-in-as").await?.contains("admin"), "stay signed in survives a restart");
    app.screenshot("still-signed-in").await?;

    // A member sees no administrator page and cannot reach one.
    app.click("#sign-out").await?;
    app.sign_in("reader", "reader-password", false).await?;
    app.wait_for_css("nav.sidebar", Duration::from_secs(10)).await?;
    assert!(app.client.find(fantoccini::Locator::Css("#nav-users")).await.is_err(), "no Users entry for a member");
    app.client.execute("window.location.hash = '#/users';", vec![]).await?;
    app.wait_for_css("#users-forbidden", Duration::from_secs(10)).await?;
    let refused = app.invoke("users_list", json!({})).await?;
    assert_eq!(refused["__error"]["code"], json!("auth.forbidden"), "the backend refuses, not only the UI: {refused}");
    let refused = app.invoke("users_create", json!({ "username": "x", "password": "password1", "isAdmin": true })).await?;
    assert_eq!(refused["__error"]["code"], json!("auth.forbidden"), "{refused}");
    app.screenshot("member-forbidden").await?;

    // Anyone changes their own password; the old one stops working.
    app.client.execute("window.location.hash = '#/settings';", vec![]).await?;
    app.fill("#change-password input[autocomplete='current-password']", "reader-password").await?;
    app.fill("#change-password input[autocomplete='new-password']:nth-of-type(2)", "reader-password-2").await?;
    app.fill("#change-password input[autocomplete='new-password']:nth-of-type(3)", "reader-password-2").await?;
    app.click("#change-password button[type='submit']").await?;
    app.wait_for_css("#change-password .ok", Duration::from_secs(10)).await?;
    app.click("#sign-out").await?;
    app.sign_in("reader", "reader-password", false).await?;
    app.wait_for_css("#auth-error", Duration::from_secs(10)).await?;
    app.sign_in("reader", "reader-password-2", false).await?;
    app.wait_for_css("nav.sidebar", Duration::from_secs(10)).await?;
    app.quit().await
}
