//! Accounts: password and username rules, bcrypt cost, the last
//! administrator, equal timing for unknown users, growing backoff.

use std::time::{Duration, Instant};

use huaben_core::auth::{Auth, AuthConfig, AuthError};
use huaben_core::db::Db;

async fn auth(config: AuthConfig) -> Auth {
    Auth::new(Db::open_in_memory().await.unwrap(), config)
}

fn fast() -> AuthConfig {
    AuthConfig { bcrypt_cost: 4, backoff_base: Duration::from_millis(40), backoff_max: Duration::from_secs(2) }
}

#[tokio::test]
async fn password_lengths_are_bytes_and_never_truncated() {
    let a = auth(fast()).await;
    let cases: Vec<(String, bool, &str)> = vec![
        ("".into(), false, "empty"),
        ("a".repeat(7), false, "7 bytes"),
        ("a".repeat(8), true, "8 bytes"),
        ("a".repeat(71), true, "71 bytes"),
        ("a".repeat(72), false, "72 bytes: bcrypt would read only part of it"),
        (format!("{}中", "a".repeat(70)), false, "a 3-byte character straddling byte 72 (73 bytes)"),
        (format!("{}中", "a".repeat(68)), true, "71 bytes ending in a 3-byte character"),
        ("abc\0defghij".into(), false, "a NUL byte"),
    ];
    for (i, (pw, ok, what)) in cases.into_iter().enumerate() {
        let r = a.create_user(&format!("user{i}"), &pw, false).await;
        assert_eq!(r.is_ok(), ok, "{what}: {r:?}");
        if ok {
            a.sign_in(&format!("user{i}"), &pw).await.unwrap_or_else(|e| panic!("{what}: the same password signs in: {e}"));
        }
    }
    let long = a.create_user("x", &"b".repeat(72), false).await.unwrap_err();
    assert!(matches!(long, AuthError::PasswordTooLong(72)), "the error says how long it was: {long}");
}

#[tokio::test]
async fn stored_hash_is_bcrypt_with_cost_12() {
    let db = Db::open_in_memory().await.unwrap();
    let a = Auth::new(db.clone(), AuthConfig::default());
    a.create_user("alice", "correct horse", false).await.unwrap();
    let hash: String = sqlx::query_scalar(r#"SELECT password FROM "User""#).fetch_one(db.pool()).await.unwrap();
    assert!(hash.starts_with("$2b$12$") || hash.starts_with("$2y$12$"), "bcrypt, cost 12: {hash}");
    assert!(!hash.contains("correct horse"));
}

#[tokio::test]
async fn usernames_are_trimmed_printable_and_case_insensitively_unique() {
    let a = auth(fast()).await;
    let first = a.create_user("  Alice  ", "password1", false).await.unwrap();
    assert_eq!(first.username, "Alice", "trimmed");
    assert!(first.is_admin, "the first account created is an administrator");
    assert!(matches!(a.create_user("ALICE", "password1", false).await, Err(AuthError::UsernameTaken(_))));
    a.create_user("Ärger", "password1", false).await.unwrap();
    assert!(matches!(a.create_user("ärger", "password1", false).await, Err(AuthError::UsernameTaken(_))), "case folding beyond ASCII");
    assert!(matches!(a.create_user("   ", "password1", false).await, Err(AuthError::UsernameEmpty)));
    assert!(matches!(a.create_user("a\u{7}b", "password1", false).await, Err(AuthError::UsernameNotPrintable)));
    assert!(matches!(a.create_user(&"名".repeat(65), "password1", false).await, Err(AuthError::UsernameTooLong)));
    a.create_user(&"名".repeat(64), "password1", false).await.expect("64 characters are fine, whatever their bytes");
    assert!(a.sign_in("alice", "password1").await.is_ok(), "sign-in ignores case");
}

#[tokio::test]
async fn the_last_administrator_stays() {
    let a = auth(fast()).await;
    let boss = a.create_user("boss", "password1", true).await.unwrap();
    let bob = a.create_user("bob", "password1", false).await.unwrap();
    assert!(matches!(a.set_admin(None, &boss.id, false).await, Err(AuthError::LastAdmin)));
    assert!(matches!(a.delete_user(None, &boss.id).await, Err(AuthError::LastAdmin)));
    assert!(matches!(a.delete_user(Some(&boss.id), &boss.id).await, Err(AuthError::NotYourself)));
    a.set_admin(Some(&boss.id), &bob.id, true).await.unwrap();
    assert!(matches!(a.set_admin(Some(&boss.id), &boss.id, false).await, Err(AuthError::NotYourself)), "never demote oneself");
    a.set_admin(Some(&bob.id), &boss.id, false).await.expect("another administrator exists now");
    assert!(matches!(a.delete_user(Some(&boss.id), &bob.id).await, Err(AuthError::LastAdmin)));
    assert!(matches!(a.setup_admin("late", "password1").await, Err(AuthError::AlreadySetUp)), "first-run set-up only once");
}

#[tokio::test]
async fn unknown_users_cost_as_much_as_wrong_passwords() {
    let a = auth(AuthConfig { bcrypt_cost: 10, ..fast() }).await;
    a.create_user("alice", "right password", false).await.unwrap();
    // Warm up (the dummy hash is made on first use).
    let _ = a.sign_in("nobody-0", "x").await;
    let time = |name: String| {
        let a = a.clone();
        async move {
            let t = Instant::now();
            let r = a.sign_in(&name, "wrong password").await;
            assert!(matches!(r, Err(AuthError::InvalidCredentials)), "one message for both cases");
            t.elapsed()
        }
    };
    let mut wrong = Vec::new();
    let mut unknown = Vec::new();
    for i in 0..3 {
        // Alternate, and keep each name under the backoff threshold (3 failures).
        wrong.push(time("alice".into()).await);
        unknown.push(time(format!("nobody-{}", i + 1)).await);
    }
    let (w, u) = (wrong.iter().min().unwrap().as_secs_f64(), unknown.iter().min().unwrap().as_secs_f64());
    let ratio = u / w;
    assert!((0.5..2.0).contains(&ratio), "unknown user {u:.4}s vs wrong password {w:.4}s (ratio {ratio:.2})");
    a.sign_in("alice", "right password").await.unwrap();
}

#[tokio::test]
async fn repeated_failures_slow_down_and_success_resets() {
    let a = auth(fast()).await;
    a.create_user("carol", "right password", false).await.unwrap();
    assert_eq!(a.backoff(2), Duration::ZERO);
    assert!(a.backoff(3) < a.backoff(4) && a.backoff(4) < a.backoff(5), "the delay grows with each failure");
    assert_eq!(a.backoff(60), Duration::from_secs(2), "and is capped");
    let mut last = Duration::ZERO;
    for attempt in 1..=6 {
        let t = Instant::now();
        let _ = a.sign_in("carol", "wrong").await;
        let took = t.elapsed();
        if attempt > 4 {
            assert!(took > last, "attempt {attempt} ({took:?}) waited longer than the one before ({last:?})");
        }
        last = took;
    }
    let t = Instant::now();
    a.sign_in("CAROL", "right password").await.expect("the right password still works after the wait");
    assert!(t.elapsed() >= a.backoff(6), "the backoff applies to the name whatever its case");
    let t = Instant::now();
    let _ = a.sign_in("carol", "wrong").await;
    assert!(t.elapsed() < a.backoff(3), "success reset the count");
}

#[tokio::test]
async fn remember_tokens_are_stored_hashed_and_end_with_a_new_password() {
    let db = Db::open_in_memory().await.unwrap();
    let a = Auth::new(db.clone(), fast());
    let u = a.create_user("dan", "password1", false).await.unwrap();
    let token = a.issue_remember_token(&u.id).await.unwrap();
    let stored: String = sqlx::query_scalar(r#"SELECT tokenHash FROM "RememberToken""#).fetch_one(db.pool()).await.unwrap();
    assert_ne!(stored, token, "only a hash of the token is stored");
    assert_eq!(a.resume(&token).await.unwrap().map(|u| u.username), Some("dan".into()));
    assert_eq!(a.resume("0".repeat(64).as_str()).await.unwrap(), None);
    a.set_password(&u.id, "password2").await.unwrap();
    assert_eq!(a.resume(&token).await.unwrap(), None, "a password reset ends remembered sign-ins");
}
