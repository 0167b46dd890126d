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
