//! The schema as created by the migrations, checked column by column against
//! SPEC §3 (transcribed below), and the CHECK constraints that keep JSON and
//! boolean columns honest.

use huaben_core::db::Db;
use sqlx::Row;

const NOW: &str = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

/// (name, declared type, NOT NULL, default expression)
type Col = (&'static str, &'static str, bool, Option<&'static str>);

struct Table {
    name: &'static str,
    pk: &'static str,
    columns: Vec<Col>,
    /// (column, referenced table, referenced column, ON DELETE)
    fks: Vec<(&'static str, &'static str, &'static str, &'static str)>,
    /// Non-unique indexes by column list.
    indexes: Vec<Vec<&'static str>>,
    unique: Vec<&'static str>,
}

fn created(nullable_deleted: bool) -> Vec<Col> {
    let mut v: Vec<Col> = vec![("createdAt", "TEXT", true, Some(NOW)), ("updatedAt", "TEXT", true, Some(NOW))];
    if nullable_deleted {
        v.push(("deletedAt", "TEXT", false, None));
    }
    v
}

fn spec() -> Vec<Table> {
    let with = |mut cols: Vec<Col>, tail: Vec<Col>| {
        cols.extend(tail);
        cols
    };
    vec![
        Table {
            name: "Project",
            pk: "id",
            columns: with(
                vec![
                    ("id", "TEXT", true, None),
                    ("title", "TEXT", true, None),
                    ("novelPath", "TEXT", false, None),
                    ("projectPath", "TEXT", true, None),
                    ("totalLines", "INTEGER", true, Some("0")),
                    ("totalChapters", "INTEGER", true, Some("0")),
                    ("currentLine", "INTEGER", true, Some("0")),
                    ("currentChapter", "INTEGER", true, Some("0")),
                ],
                created(true),
            ),
            fks: vec![],
            indexes: vec![vec!["deletedAt"]],
            unique: vec![],
        },
        Table {
            name: "Actor",
            pk: "id",
            columns: with(
                vec![
                    ("id", "TEXT", true, None),
                    ("projectId", "TEXT", false, None),
                    ("name", "TEXT", true, None),
                    ("desc", "TEXT", true, None),
                    ("color", "TEXT", true, None),
                    ("tags", "TEXT", false, None),
                    ("isTemplate", "INTEGER", true, Some("0")),
                ],
                created(true),
            ),
            fks: vec![("projectId", "Project", "id", "CASCADE")],
            indexes: vec![vec!["projectId"], vec!["name"], vec!["isTemplate"], vec!["deletedAt"]],
            unique: vec![],
        },
        Table {
            name: "Memory",
            pk: "id",
            columns: with(
                vec![("id", "TEXT", true, None), ("projectId", "TEXT", true, None), ("key", "TEXT", true, None), ("value", "TEXT", true, None)],
                created(true),
            ),
            fks: vec![("projectId", "Project", "id", "CASCADE")],
            indexes: vec![vec!["projectId"], vec!["key"], vec!["deletedAt"]],
            unique: vec![],
        },
        Table {
            name: "Content",
            pk: "id",
            columns: with(
                vec![
                    ("id", "INTEGER", true, None),
                    ("projectId", "TEXT", true, None),
                    ("chapter", "INTEGER", true, None),
                    ("line", "INTEGER", true, None),
                    ("content", "TEXT", true, None),
                    ("imageHash", "TEXT", false, None),
                ],
                created(false),
            ),
            fks: vec![("projectId", "Project", "id", "CASCADE")],
            indexes: vec![vec!["projectId"], vec!["projectId", "chapter"], vec!["projectId", "chapter", "line"], vec!["imageHash"]],
            unique: vec![],
        },
        Table {
            name: "Summary",
            pk: "id",
            columns: with(vec![("id", "TEXT", true, None), ("projectId", "TEXT", true, None), ("content", "TEXT", true, None)], created(true)),
            fks: vec![("projectId", "Project", "id", "CASCADE")],
            indexes: vec![vec!["projectId"], vec!["deletedAt"]],
            unique: vec![],
        },
        Table {
            name: "ChatMessage",
            pk: "id",
            columns: vec![
                ("id", "TEXT", true, None),
                ("projectId", "TEXT", false, None),
                ("index", "INTEGER", true, None),
                ("status", "TEXT", true, None),
                ("messageType", "TEXT", true, None),
                ("role", "TEXT", true, None),
                ("context", "TEXT", true, None),
                ("tools", "TEXT", true, None),
                ("suggests", "TEXT", true, None),
                ("data", "TEXT", true, None),
                ("createdAt", "TEXT", true, Some(NOW)),
            ],
            fks: vec![("projectId", "Project", "id", "CASCADE")],
            indexes: vec![vec!["projectId"], vec!["index"], vec!["status"]],
            unique: vec![],
        },
        Table {
            name: "DrawArgs",
            pk: "id",
            columns: with(
                vec![
                    ("id", "TEXT", true, None),
                    ("model", "TEXT", true, None),
                    ("prompt", "TEXT", true, None),
                    ("negativePrompt", "TEXT", false, None),
                    ("steps", "INTEGER", true, Some("30")),
                    ("cfgScale", "REAL", true, Some("7.0")),
                    ("sampler", "TEXT", false, None),
                    ("seed", "INTEGER", false, None),
                    ("width", "INTEGER", true, Some("1024")),
                    ("height", "INTEGER", true, Some("1024")),
                    ("clipSkip", "INTEGER", false, None),
                    ("vae", "TEXT", false, None),
                    ("loras", "TEXT", false, None),
                ],
                created(false),
            ),
            fks: vec![],
            indexes: vec![vec!["model"], vec!["sampler"]],
            unique: vec![],
        },
        Table {
            name: "Job",
            pk: "id",
            columns: vec![
                ("id", "TEXT", true, None),
                ("name", "TEXT", false, None),
                ("desc", "TEXT", false, None),
                ("status", "TEXT", true, None),
                ("source", "TEXT", true, None),
                ("drawArgsId", "TEXT", true, None),
                ("results", "TEXT", true, Some("'[]'")),
                ("expectedCount", "INTEGER", false, None),
                ("actorId", "TEXT", false, None),
                ("modelMetaId", "INTEGER", false, None),
                ("createdAt", "TEXT", true, Some(NOW)),
                ("completedAt", "TEXT", false, None),
            ],
            fks: vec![
                ("drawArgsId", "DrawArgs", "id", "RESTRICT"),
                ("actorId", "Actor", "id", "SET NULL"),
                ("modelMetaId", "ModelMeta", "versionId", "SET NULL"),
            ],
            indexes: vec![vec!["status"], vec!["source"], vec!["drawArgsId"], vec!["actorId"], vec!["modelMetaId"]],
            unique: vec![],
        },
        Table {
            name: "ModelMeta",
            pk: "versionId",
            columns: with(
                vec![
                    ("versionId", "INTEGER", true, None),
                    ("filename", "TEXT", true, None),
                    ("name", "TEXT", true, None),
                    ("version", "TEXT", true, None),
                    ("desc", "TEXT", false, None),
                    ("modelId", "INTEGER", true, None),
                    ("type", "TEXT", true, None),
                    ("ecosystem", "TEXT", true, None),
                    ("baseModel", "TEXT", false, None),
                    ("sha256", "TEXT", true, None),
                    ("trainedWords", "TEXT", false, None),
                    ("url", "TEXT", false, None),
                    ("webPageUrl", "TEXT", false, None),
                    ("preference", "TEXT", false, None),
                ],
                created(false),
            ),
            fks: vec![],
            indexes: vec![vec!["modelId"], vec!["type"], vec!["ecosystem"], vec!["name", "version"]],
            unique: vec![],
        },
        Table {
            name: "User",
            pk: "id",
            columns: with(
                vec![("id", "TEXT", true, None), ("username", "TEXT", true, None), ("password", "TEXT", true, None), ("isAdmin", "INTEGER", true, Some("0"))],
                created(false),
            ),
            fks: vec![],
            indexes: vec![],
            unique: vec!["username"],
        },
    ]
}

#[tokio::test]
async fn every_table_column_key_and_index_matches_the_spec() {
    let db = Db::open_in_memory().await.unwrap();
    let pool = db.pool();
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_sqlx%' ORDER BY name",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    let mut expected_names: Vec<&str> = spec().iter().map(|t| t.name).collect();
    // Beyond SPEC §3: the hashes of "stay signed in" tokens (local accounts).
    expected_names.push("RememberToken");
    expected_names.sort();
    assert_eq!(tables, expected_names, "the ten tables of SPEC §3, plus RememberToken");

    for t in spec() {
        // Columns: order, type, NOT NULL, default, primary key.
        let rows = sqlx::query("SELECT * FROM pragma_table_info(?)").bind(t.name).fetch_all(pool).await.unwrap();
        let actual: Vec<(String, String, bool, Option<String>, bool)> = rows
            .iter()
            .map(|r| (r.get("name"), r.get("type"), r.get::<i64, _>("notnull") == 1, r.get("dflt_value"), r.get::<i64, _>("pk") == 1))
            .collect();
        let expected: Vec<(String, String, bool, Option<String>, bool)> = t
            .columns
            .iter()
            .map(|(n, ty, nn, d)| (n.to_string(), ty.to_string(), *nn, d.map(|d| d.to_string()), *n == t.pk))
            .collect();
        assert_eq!(actual, expected, "columns of {} must follow SPEC §3 (name, type, NOT NULL, default, pk)", t.name);

        // Foreign keys with their ON DELETE action.
        let rows = sqlx::query("SELECT * FROM pragma_foreign_key_list(?)").bind(t.name).fetch_all(pool).await.unwrap();
        let mut fks: Vec<(String, String, String, String)> =
            rows.iter().map(|r| (r.get("from"), r.get("table"), r.get("to"), r.get("on_delete"))).collect();
        fks.sort();
        let mut want: Vec<(String, String, String, String)> =
            t.fks.iter().map(|(a, b, c, d)| (a.to_string(), b.to_string(), c.to_string(), d.to_string())).collect();
        want.sort();
        assert_eq!(fks, want, "foreign keys of {}: Cascade where the schema says so, SET NULL for optional relations, RESTRICT for drawArgs", t.name);

        // Indexes: every @@index, and the unique constraints.
        let rows = sqlx::query("SELECT * FROM pragma_index_list(?)").bind(t.name).fetch_all(pool).await.unwrap();
        let mut indexes = Vec::new();
        let mut uniques = Vec::new();
        for r in rows {
            let name: String = r.get("name");
            let origin: String = r.get("origin");
            if origin == "pk" {
                continue;
            }
            let cols: Vec<String> = sqlx::query("SELECT * FROM pragma_index_info(?)")
                .bind(&name)
                .fetch_all(pool)
                .await
                .unwrap()
                .iter()
                .map(|c| c.get::<String, _>("name"))
                .collect();
            if r.get::<i64, _>("unique") == 1 {
                uniques.push(cols.join(","));
            } else {
                indexes.push(cols);
            }
        }
        indexes.sort();
        let mut want: Vec<Vec<String>> = t.indexes.iter().map(|cols| cols.iter().map(|c| c.to_string()).collect()).collect();
        want.sort();
        assert_eq!(indexes, want, "every @@index of {} exists", t.name);
        assert_eq!(uniques, t.unique.iter().map(|s| s.to_string()).collect::<Vec<_>>(), "@unique columns of {}", t.name);
    }
}

#[tokio::test]
async fn pragmas_are_set_on_a_file_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(&dir.path().join("x.db")).await.unwrap();
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode").fetch_one(db.pool()).await.unwrap();
    assert_eq!(mode, "wal", "WAL lets the reader read while a job writes");
    let fk: i64 = sqlx::query_scalar("PRAGMA foreign_keys").fetch_one(db.pool()).await.unwrap();
    assert_eq!(fk, 1, "foreign keys must always be enforced");
    let sync: i64 = sqlx::query_scalar("PRAGMA synchronous").fetch_one(db.pool()).await.unwrap();
    assert_eq!(sync, 1, "synchronous=NORMAL is safe with WAL");
    let busy: i64 = sqlx::query_scalar("PRAGMA busy_timeout").fetch_one(db.pool()).await.unwrap();
    assert!(busy >= 1000, "a busy timeout keeps concurrent writers from failing at once, got {busy}");
    // Reopening applies no migration twice.
    db.close().await;
    Db::open(&dir.path().join("x.db")).await.expect("reopening an up-to-date database succeeds");
}

async fn seed(db: &Db) {
    let p = db.pool();
    sqlx::query(r#"INSERT INTO "Project" (id, title, projectPath) VALUES ('p1', 'T', '/x')"#).execute(p).await.unwrap();
    sqlx::query(r#"INSERT INTO "DrawArgs" (id, model, prompt) VALUES ('d1', 'm', 'a girl')"#).execute(p).await.unwrap();
}

async fn refused(db: &Db, sql: &str, why: &str) {
    let r = sqlx::query(sqlx::AssertSqlSafe(sql.to_owned())).execute(db.pool()).await;
    assert!(r.is_err(), "must be refused ({why}): {sql}");
}

async fn accepted(db: &Db, sql: &str, why: &str) {
    let r = sqlx::query(sqlx::AssertSqlSafe(sql.to_owned())).execute(db.pool()).await;
    assert!(r.is_ok(), "must be accepted ({why}): {sql}: {r:?}");
}

#[tokio::test]
async fn json_and_boolean_checks_refuse_bad_values() {
    let db = Db::open_in_memory().await.unwrap();
    seed(&db).await;
    refused(&db, r#"INSERT INTO "Actor" (id, projectId, name, desc, color, tags) VALUES ('a1','p1','n','d','#fff','{bad')"#, "tags is Json").await;
    refused(&db, r#"INSERT INTO "Actor" (id, projectId, name, desc, color, tags) VALUES ('a1','p1','n','d','#fff','[1]')"#, "tags is a key/value object").await;
    refused(&db, r#"INSERT INTO "Actor" (id, projectId, name, desc, color, isTemplate) VALUES ('a1','p1','n','d','#fff',2)"#, "booleans are 0/1").await;
    refused(&db, r#"INSERT INTO "Actor" (id, projectId, name, desc, color, isTemplate) VALUES ('a1','p1','n','d','#fff','yes')"#, "booleans are 0/1").await;
    accepted(&db, r#"INSERT INTO "Actor" (id, projectId, name, desc, color, tags, isTemplate) VALUES ('a1','p1','n','d','#fff','{"hair":"black"}',1)"#, "valid actor").await;
    refused(&db, r#"INSERT INTO "User" (id, username, password, isAdmin) VALUES ('u1','x','h',-1)"#, "isAdmin is 0/1").await;
    refused(&db, r#"INSERT INTO "ChatMessage" (id, "index", status, messageType, role, context, tools, suggests, data) VALUES ('c1',0,'ready','normal','user','hi','nope','[]','{}')"#, "tools is Json").await;
    refused(&db, r#"INSERT INTO "ChatMessage" (id, "index", status, messageType, role, context, tools, suggests, data) VALUES ('c1',0,'ready','normal','user','hi','[]','[',  '{}')"#, "suggests is Json").await;
    refused(&db, r#"INSERT INTO "ChatMessage" (id, "index", status, messageType, role, context, tools, suggests, data) VALUES ('c1',0,'ready','normal','user','hi','[]','[]','')"#, "data is Json").await;
    refused(&db, r#"INSERT INTO "DrawArgs" (id, model, prompt, loras) VALUES ('d2','m','p','not json')"#, "loras is Json").await;
    refused(&db, r#"INSERT INTO "ModelMeta" (filename, name, version, modelId, type, ecosystem, sha256, trainedWords) VALUES ('f','n','v',1,'lora','sdxl','x','{')"#, "trainedWords is Json").await;
    refused(&db, r#"INSERT INTO "Job" (id, status, source, drawArgsId, results) VALUES ('j1','pending','single','d1','{}')"#, "results is a String[]").await;
    refused(&db, r#"INSERT INTO "Job" (id, status, source, drawArgsId, results) VALUES ('j1','pending','single','d1','[1,2]')"#, "results holds strings only").await;
    refused(&db, r#"INSERT INTO "Job" (id, status, source, drawArgsId, results) VALUES ('j1','pending','single','d1','oops')"#, "results is valid JSON").await;
    refused(&db, r#"INSERT INTO "Job" (id, status, source, drawArgsId) VALUES ('j1','weird','single','d1')"#, "status is one of the lifecycle states").await;
    refused(&db, r#"INSERT INTO "Job" (id, status, source, drawArgsId) VALUES ('j1','pending','elsewhere','d1')"#, "source is one of SPEC §5's").await;
    refused(&db, r#"INSERT INTO "Content" (projectId, chapter, line, content, imageHash) VALUES ('p1',0,0,'x','../etc/passwd')"#, "imageHash is an image hash").await;
    accepted(&db, r#"INSERT INTO "Job" (id, status, source, drawArgsId) VALUES ('j1','pending','single','d1')"#, "results defaults to []").await;
    let results: String = sqlx::query_scalar(r#"SELECT results FROM "Job" WHERE id = 'j1'"#).fetch_one(db.pool()).await.unwrap();
    assert_eq!(results, "[]", "results is always a list");
    refused(&db, r#"UPDATE "Job" SET results = '[null]' WHERE id = 'j1'"#, "results stays a list of strings on update").await;
}

#[tokio::test]
async fn foreign_keys_cascade_set_null_and_restrict() {
    let db = Db::open_in_memory().await.unwrap();
    seed(&db).await;
    accepted(&db, r#"INSERT INTO "Actor" (id, projectId, name, desc, color) VALUES ('a1','p1','n','d','#fff')"#, "").await;
    accepted(&db, r#"INSERT INTO "Content" (projectId, chapter, line, content) VALUES ('p1',0,0,'x')"#, "").await;
    accepted(&db, r#"INSERT INTO "Job" (id, status, source, drawArgsId, actorId) VALUES ('j1','pending','actor_example','d1','a1')"#, "").await;
    refused(&db, r#"INSERT INTO "Content" (projectId, chapter, line, content) VALUES ('nope',0,0,'x')"#, "projectId must exist").await;
    refused(&db, r#"DELETE FROM "DrawArgs" WHERE id = 'd1'"#, "Job.drawArgsId is RESTRICT").await;
    accepted(&db, r#"DELETE FROM "Project" WHERE id = 'p1'"#, "deleting a project cascades").await;
    let n: i64 = sqlx::query_scalar(r#"SELECT count(*) FROM "Content""#).fetch_one(db.pool()).await.unwrap();
    assert_eq!(n, 0, "a project's lines go with it (Cascade)");
    let actor: Option<String> = sqlx::query_scalar(r#"SELECT actorId FROM "Job" WHERE id = 'j1'"#).fetch_one(db.pool()).await.unwrap();
    assert_eq!(actor, None, "a job outlives its actor with actorId set to NULL");
}

#[tokio::test]
async fn updated_at_changes_on_every_update() {
    let db = Db::open_in_memory().await.unwrap();
    seed(&db).await;
    let before: String = sqlx::query_scalar(r#"SELECT updatedAt FROM "Project" WHERE id='p1'"#).fetch_one(db.pool()).await.unwrap();
    assert!(before.ends_with('Z') && before.len() == 24, "RFC 3339 UTC with milliseconds, got {before}");
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    sqlx::query(r#"UPDATE "Project" SET title = 'T2' WHERE id='p1'"#).execute(db.pool()).await.unwrap();
    let after: String = sqlx::query_scalar(r#"SELECT updatedAt FROM "Project" WHERE id='p1'"#).fetch_one(db.pool()).await.unwrap();
    assert!(after > before, "@updatedAt is set on every update ({before} -> {after})");
}
