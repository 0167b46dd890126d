//! `huaben-cli`: the headless face of huaben-core. It opens the same storage
//! root the app uses (or `--storage DIR`) and prints one JSON document with
//! `--json`; errors go to stderr (as JSON with `--json`) with a non-zero exit.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use serde::Serialize;

use huaben_core::auth::{Auth, AuthConfig};
use huaben_core::db::maintenance;
use huaben_core::error::ApiError;
use huaben_core::events::NoopSink;
use huaben_core::images::{import, verify};
use huaben_core::paths::StoragePaths;
use huaben_core::Core;

#[derive(Parser)]
#[command(name = "huaben-cli", version, about = "Huaben without the window: images, database checks, benchmarks")]
struct Cli {
    /// Storage root (default: $HUABEN_STORAGE, else ~/.local/share/io.huaben.desktop/storage)
    #[arg(long, global = true, value_name = "DIR")]
    storage: Option<PathBuf>,
    /// Print one JSON document on stdout (errors as JSON on stderr)
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// The image store
    Images {
        #[command(subcommand)]
        command: ImagesCommand,
    },
    /// The database
    Db {
        #[command(subcommand)]
        command: DbCommand,
    },
    /// Local accounts. The CLI acts as the machine's owner (it has the storage
    /// folder): this is how a forgotten administrator password is reset.
    Users {
        #[command(subcommand)]
        command: UsersCommand,
    },
    /// Run the benchmarks and write a JSON report
    Bench {
        /// Where to write the report
        #[arg(long, default_value = "target/bench/report.json")]
        out: PathBuf,
        /// Fewer iterations, for a quick look (the targets are judged on the full run)
        #[arg(long)]
        quick: bool,
    },
}

#[derive(Subcommand)]
enum ImagesCommand {
    /// Add image files to the store
    Add {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Re-hash every stored image; report missing and corrupt ones
    Verify,
}

#[derive(Subcommand)]
enum UsersCommand {
    /// Create an account (the first one is always an administrator)
    Add {
        name: String,
        #[arg(long)]
        admin: bool,
        /// Read the password from the first line of standard input
        #[arg(long, required = true)]
        password_stdin: bool,
    },
    /// List accounts (never their password hashes)
    List,
    /// Set an account's password
    Passwd {
        name: String,
        /// Read the password from the first line of standard input
        #[arg(long, required = true)]
        password_stdin: bool,
    },
    /// Delete an account (never the last administrator)
    Remove { name: String },
}

#[derive(Subcommand)]
enum DbCommand {
    /// SQLite integrity and foreign-key check
    Check,
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_env("HUABEN_LOG").unwrap_or_else(|_| "warn".into()))
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let rt = tokio::runtime::Runtime::new().expect("tokio runtime");
    let json = cli.json;
    match rt.block_on(run(cli)) {
        Ok(code) => code,
        Err(e) => {
            if json {
                eprintln!("{}", serde_json::json!({ "error": e }));
            } else {
                eprintln!("error: {}", e.message);
            }
            ExitCode::FAILURE
        }
    }
}

fn print<T: Serialize + std::fmt::Debug>(json: bool, value: &T, human: impl FnOnce(&T) -> String) {
    if json {
        println!("{}", serde_json::to_string_pretty(value).expect("serialisable"));
    } else {
        println!("{}", human(value));
    }
}

async fn run(cli: Cli) -> Result<ExitCode, ApiError> {
    let paths = StoragePaths::resolve(cli.storage.as_deref());
    match cli.command {
        Command::Images { command: ImagesCommand::Add { files } } => {
            let core = Core::open(paths).await?;
            let store = core.images.clone();
            let results = tokio::task::spawn_blocking(move || import::import_files(&store, &files, &NoopSink))
                .await
                .map_err(|e| ApiError::new("internal", e.to_string()))?;
            let failed = results.iter().any(|r| r.error.is_some());
            print(cli.json, &results, |rs| {
                rs.iter()
                    .map(|r| match (&r.saved, &r.error) {
                        (Some(s), _) => format!("{}\t{}\t{}x{}{}", s.hash, r.path, s.width, s.height, if s.deduplicated { "\t(already stored)" } else { "" }),
                        (_, Some(e)) => format!("refused\t{}\t{}", r.path, e.message),
                        _ => unreachable!("an import result has an outcome"),
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
            Ok(if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS })
        }
        Command::Images { command: ImagesCommand::Verify } => {
            let core = Core::open(paths).await?;
            let report = verify::verify(&core.images, Some(&core.db)).await?;
            let bad = !report.missing.is_empty() || !report.corrupt.is_empty();
            print(cli.json, &report, |r| {
                format!("checked {}, ok {}, missing {}, corrupt {}", r.checked, r.ok, r.missing.len(), r.corrupt.len())
            });
            Ok(if bad { ExitCode::FAILURE } else { ExitCode::SUCCESS })
        }
        Command::Db { command: DbCommand::Check } => {
            let core = Core::open(paths).await?;
            let check = maintenance::check(&core.db).await?;
            print(cli.json, &check, |c| format!("integrity: {}\nforeign key violations: {}", c.integrity, c.foreign_key_violations));
            Ok(if check.is_clean() { ExitCode::SUCCESS } else { ExitCode::FAILURE })
        }
        Command::Users { command } => {
            let core = Core::open(paths).await?;
            let auth = Auth::new(core.db.clone(), AuthConfig::default());
            match command {
                UsersCommand::Add { name, admin, .. } => {
                    let user = auth.create_user(&name, &read_password()?, admin).await?;
                    print(cli.json, &user, |u| format!("created {}{}", u.username, if u.is_admin { " (administrator)" } else { "" }));
                }
                UsersCommand::List => {
                    let users = auth.list().await?;
                    print(cli.json, &users, |us| {
                        us.iter().map(|u| format!("{}\t{}", u.username, if u.is_admin { "administrator" } else { "member" })).collect::<Vec<_>>().join("\n")
                    });
                }
                UsersCommand::Passwd { name, .. } => {
                    let user = auth.find(&name).await?;
                    auth.set_password(&user.id, &read_password()?).await?;
                    print(cli.json, &serde_json::json!({ "username": user.username, "passwordChanged": true }), |_| format!("password of {} changed", user.username));
                }
                UsersCommand::Remove { name } => {
                    let user = auth.find(&name).await?;
                    auth.delete_user(None, &user.id).await?;
                    print(cli.json, &serde_json::json!({ "username": user.username, "removed": true }), |_| format!("removed {}", user.username));
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Bench { out, quick } => {
            let report = huaben_core::bench::run(&out, quick).await?;
            let met = report["allTargetsMet"].as_bool().unwrap_or(false);
            print(cli.json, &report, |r| format!("{}\nreport written to {}", serde_json::to_string_pretty(&r["figures"]).expect("json"), out.display()));
            Ok(if met { ExitCode::SUCCESS } else { ExitCode::FAILURE })
        }
    }
}

/// The first line of standard input, without its line ending (nothing else is trimmed:
/// spaces are part of a password).
fn read_password() -> Result<String, ApiError> {
    let mut line = String::new();
    std::io::stdin().read_line(&mut line).map_err(|e| ApiError::new("cli.stdin", format!("cannot read the password from standard input: {e}")))?;
    let password = line.strip_suffix('\n').unwrap_or(&line);
    Ok(password.strip_suffix('\r').unwrap_or(password).to_owned())
}
