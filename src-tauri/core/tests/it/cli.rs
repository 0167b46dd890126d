//! `huaben-cli` as a person or a script uses it: JSON on stdout, errors as
//! JSON on stderr, and an exit code that says whether everything worked.

use std::process::Command;

use serde_json::Value;

use crate::common::png;

fn cli(storage: &std::path::Path, args: &[&str]) -> (i32, Value, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_huaben-cli"))
        .arg("--storage")
        .arg(storage)
        .arg("--json")
        .args(args)
        .output()
        .expect("run huaben-cli");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let json = serde_json::from_str(&stdout).unwrap_or(Value::Null);
    (out.status.code().unwrap_or(-1), json, String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn images_add_verify_and_db_check() {
    let dir = tempfile::tempdir().unwrap();
    let storage = dir.path().join("storage");
    let good = dir.path().join("good.png");
    std::fs::write(&good, png(32, 16, 1)).unwrap();
    let bad = dir.path().join("bad.svg");
    std::fs::write(&bad, "<svg/>").unwrap();

    let (code, json, _) = cli(&storage, &["images", "add", good.to_str().unwrap()]);
    assert_eq!(code, 0, "all files stored: exit 0");
    let hash = json[0]["saved"]["hash"].as_str().expect("a save result per file").to_owned();
    assert_eq!(json[0]["saved"]["width"], 32);
    assert!(storage.join(format!("data/images/{hash}.png")).exists(), "stored under the storage root given by --storage");

    let (code, json, _) = cli(&storage, &["images", "add", good.to_str().unwrap(), bad.to_str().unwrap()]);
    assert_eq!(code, 1, "a refused file makes the command fail at the end");
    assert_eq!(json[0]["saved"]["deduplicated"], true);
    assert_eq!(json[1]["error"]["code"], "image.unsupported_format", "the refused file has an entry with its error");

    let (code, json, _) = cli(&storage, &["images", "verify"]);
    assert_eq!(code, 0);
    assert_eq!(json["checked"], 1);
    assert_eq!(json["ok"], 1);
    assert_eq!(json["missing"], Value::Array(vec![]));
    assert_eq!(json["corrupt"], Value::Array(vec![]));

    std::fs::write(storage.join(format!("data/images/{hash}.png")), png(32, 16, 2)).unwrap();
    let (code, json, _) = cli(&storage, &["images", "verify"]);
    assert_eq!(code, 1, "a corrupt file fails verification");
    assert_eq!(json["corrupt"][0], hash.as_str());

    let (code, json, _) = cli(&storage, &["db", "check"]);
    assert_eq!(code, 0);
    assert_eq!(json["integrity"], "ok");
    assert_eq!(json["foreignKeyViolations"], 0);
}

#[test]
fn errors_are_json_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    // A storage root that cannot be created: a file stands where the folder should be.
    let blocked = dir.path().join("file");
    std::fs::write(&blocked, "x").unwrap();
    let (code, stdout, stderr) = cli(&blocked.join("storage"), &["db", "check"]);
    assert_ne!(code, 0);
    assert_eq!(stdout, Value::Null, "nothing on stdout when the command failed");
    let err: Value = serde_json::from_str(stderr.lines().last().unwrap_or("")).expect("stderr ends with a JSON error");
    assert_eq!(err["error"]["code"], "storage.unavailable", "{stderr}");
}

fn cli_stdin(storage: &std::path::Path, args: &[&str], stdin: &str) -> (i32, Value, String) {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_huaben-cli"))
        .arg("--storage")
        .arg(storage)
        .arg("--json")
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    let json = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (out.status.code().unwrap_or(-1), json, String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn users_add_list_passwd_remove() {
    let dir = tempfile::tempdir().unwrap();
    let storage = dir.path().join("storage");
    let (code, json, err) = cli_stdin(&storage, &["users", "add", "root", "--password-stdin"], "first password\n");
    assert_eq!(code, 0, "{err}");
    assert_eq!(json["isAdmin"], true, "the first account is an administrator even without --admin");
    let (code, _, _) = cli_stdin(&storage, &["users", "add", "amy", "--password-stdin"], "amy password\r\n");
    assert_eq!(code, 0);
    let (code, json, err) = cli_stdin(&storage, &["users", "add", "AMY", "--password-stdin"], "another one\n");
    assert_ne!(code, 0);
    let e: Value = serde_json::from_str(err.lines().last().unwrap()).unwrap();
    assert_eq!(e["error"]["code"], "auth.username_taken", "{json}");
    let (code, _, err) = cli_stdin(&storage, &["users", "add", "bo", "--password-stdin"], "short\n");
    assert_ne!(code, 0);
    assert!(err.contains("auth.password_too_short"), "{err}");

    let (code, json, _) = cli(&storage, &["users", "list"]);
    assert_eq!(code, 0);
    assert_eq!(json.as_array().unwrap().len(), 2);
    assert!(!json.to_string().contains("$2"), "no hash is ever printed: {json}");
    assert!(json[0].get("password").is_none());

    // A forgotten administrator password is reset here.
    let (code, json, _) = cli_stdin(&storage, &["users", "passwd", "ROOT", "--password-stdin"], "brand new password\n");
    assert_eq!(code, 0);
    assert_eq!(json["passwordChanged"], true);
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let core = huaben_core::Core::open(huaben_core::paths::StoragePaths::new(&storage)).await.unwrap();
        let auth = huaben_core::auth::Auth::new(core.db.clone(), Default::default());
        auth.sign_in("root", "brand new password").await.expect("the new password works");
        assert!(auth.sign_in("amy", "amy password").await.is_ok(), "CRLF line endings are not part of the password");
    });

    let (code, _, err) = cli(&storage, &["users", "remove", "root"]);
    assert_ne!(code, 0, "the last administrator cannot be removed");
    assert!(err.contains("auth.last_admin"), "{err}");
    let (code, json, _) = cli(&storage, &["users", "remove", "amy"]);
    assert_eq!(code, 0);
    assert_eq!(json["removed"], true);
}
