//! The end-to-end harness: a display (Xvfb when there is none), tauri-driver
//! in front of WebKitWebDriver, and the real debug build of Huaben (built with
//! the `e2e` feature) on a temporary storage root, driven over W3C WebDriver.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

pub type Error = Box<dyn std::error::Error + Send + Sync>;
pub type Result<T> = std::result::Result<T, Error>;

/// The workspace root (this crate lives in `tests/`).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("workspace root").to_path_buf()
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| workspace_root().join("target"))
}

/// The app binary under test: `$HUABEN_E2E_APP`, else `target/debug/huaben`.
pub fn app_binary() -> PathBuf {
    std::env::var_os("HUABEN_E2E_APP").map(PathBuf::from).unwrap_or_else(|| target_dir().join("debug").join("huaben"))
}

pub fn screenshot_dir() -> PathBuf {
    let dir = target_dir().join("e2e-screenshots");
    std::fs::create_dir_all(&dir).expect("screenshot dir");
    dir
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port()
}

struct Xvfb {
    display: String,
    _child: Option<Child>,
}

/// The display every test shares: an Xvfb started once for this test process
/// (and killed when it exits), so test windows never land on a person's
/// desktop; `HUABEN_E2E_DISPLAY=:0` uses an existing display instead.
fn display() -> &'static Xvfb {
    static XVFB: OnceLock<Xvfb> = OnceLock::new();
    XVFB.get_or_init(|| {
        if let Some(d) = std::env::var_os("HUABEN_E2E_DISPLAY").filter(|d| !d.is_empty()) {
            return Xvfb { display: d.to_string_lossy().into_owned(), _child: None };
        }
        let n = (99..300).find(|n| !Path::new(&format!("/tmp/.X{n}-lock")).exists()).expect("a free X display number");
        let display = format!(":{n}");
        let child = Command::new("Xvfb")
            .args([display.as_str(), "-screen", "0", "1280x800x24", "-nolisten", "tcp"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("Xvfb must be installed (apt-get install xvfb); `make test` installs it");
        let socket = format!("/tmp/.X11-unix/X{n}");
        let deadline = Instant::now() + Duration::from_secs(20);
        while !Path::new(&socket).exists() {
            assert!(Instant::now() < deadline, "Xvfb did not start on {display}");
            std::thread::sleep(Duration::from_millis(50));
        }
        kill_on_exit(child.id());
        Xvfb { display, _child: Some(child) }
    })
}

/// Kill a helper process when the test process exits (statics are never dropped).
fn kill_on_exit(pid: u32) {
    static PIDS: std::sync::Mutex<Vec<u32>> = std::sync::Mutex::new(Vec::new());
    extern "C" fn reap() {
        if let Ok(pids) = PIDS.lock() {
            for pid in pids.iter() {
                kill_group(*pid);
                let _ = Command::new("kill").arg(pid.to_string()).stderr(Stdio::null()).status();
            }
        }
    }
    let mut pids = PIDS.lock().expect("pid list");
    if pids.is_empty() {
        extern "C" {
            fn atexit(f: extern "C" fn()) -> i32;
        }
        // SAFETY: registering a plain function with the C runtime's atexit.
        unsafe {
            atexit(reap);
        }
    }
    pids.push(pid);
}

/// One running app under WebDriver, on its own storage root.
pub struct App {
    pub client: Client,
    driver: Child,
    pub storage: PathBuf,
    _storage_dir: Option<tempfile::TempDir>,
    name: String,
    shots: u32,
}

impl App {
    /// Launch the app on a fresh temporary storage root.
    pub async fn launch(name: &str) -> Result<Self> {
        let dir = tempfile::tempdir()?;
        let storage = dir.path().join("storage");
        let mut app = Self::launch_on(name, &storage).await?;
        app._storage_dir = Some(dir);
        Ok(app)
    }

    /// Launch the app on `storage` (kept by the caller, e.g. to test restarts).
    pub async fn launch_on(name: &str, storage: &Path) -> Result<Self> {
        Self::launch_with(name, storage, &[]).await
    }

    /// Launch with extra environment for the app (e.g. `LANG`).
    pub async fn launch_with(name: &str, storage: &Path, env: &[(&str, &str)]) -> Result<Self> {
        // Screenshots of an earlier run of this test would mislead.
        for entry in std::fs::read_dir(screenshot_dir())?.flatten() {
            if entry.file_name().to_string_lossy().starts_with(&format!("{name}-")) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
        let binary = app_binary();
        if !binary.exists() {
            return Err(format!("{} does not exist: build it first with `cargo build -p huaben --features e2e` (make test does)", binary.display()).into());
        }
        let port = free_port();
        let native_port = free_port();
        // The driver, WebKitWebDriver and the app share one process group, so
        // one signal ends them all (killing only tauri-driver leaves orphans).
        let log = std::fs::File::create(log_dir().join(format!("{name}.log")))?;
        let driver = Command::new(tauri_driver())
            .args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
            .env("DISPLAY", &display().display)
            .env("NO_AT_BRIDGE", "1")
            .env("LANG", "en_US.UTF-8")
            .env_remove("LANGUAGE")
            .env_remove("LC_ALL")
            .env("HUABEN_LOG", "warn")
            // "Stay signed in" keeps its token in the OS user's config folder:
            // one per storage root here, so a restart test finds it again.
            .env("XDG_CONFIG_HOME", storage.with_extension("config"))
            // The webview's own data (localStorage: language, theme) stays
            // with the test too, never in the person's real app folder.
            .env("XDG_DATA_HOME", storage.with_extension("data"))
            .envs(env.iter().copied())
            .stdout(log.try_clone()?)
            .stderr(log)
            .process_group(0)
            .spawn()
            .map_err(|e| format!("tauri-driver could not start ({e}); install it with `cargo install tauri-driver --version ^2 --locked`"))?;
        kill_on_exit(driver.id());
        let url = format!("http://127.0.0.1:{port}");
        wait_for_port(port, Duration::from_secs(20))?;

        let caps = json!({
            "browserName": "wry",
            "tauri:options": {
                "application": binary,
                "args": ["--storage", storage],
            }
        });
        let Value::Object(caps) = caps else { unreachable!() };
        // tauri-driver listens before WebKitWebDriver behind it does: retry briefly.
        let deadline = Instant::now() + Duration::from_secs(30);
        let client = loop {
            match ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
                .capabilities(caps.clone())
                .connect(&url)
                .await
            {
                Ok(c) => break c,
                Err(e) if Instant::now() < deadline => {
                    eprintln!("{name}: WebDriver session not ready yet ({e}), retrying");
                    tokio::time::sleep(Duration::from_millis(500)).await;
                }
                Err(e) => return Err(format!("WebDriver session failed: {e}").into()),
            }
        };
        let app = Self { client, driver, storage: storage.to_owned(), _storage_dir: None, name: name.to_owned(), shots: 0 };
        // First run, sign-in or the app itself: whichever this storage root calls for.
        app.wait_for_css("#first-run, #sign-in, nav.sidebar", Duration::from_secs(30)).await?;
        Ok(app)
    }

    pub async fn wait_for_css(&self, css: &str, timeout: Duration) -> Result<fantoccini::elements::Element> {
        let deadline = Instant::now() + timeout;
        loop {
            match self.client.find(Locator::Css(css)).await {
                Ok(el) => return Ok(el),
                Err(_) if Instant::now() < deadline => tokio::time::sleep(Duration::from_millis(100)).await,
                Err(e) => return Err(format!("{css} did not appear within {timeout:?}: {e}").into()),
            }
        }
    }

    /// Poll a script until it returns `true`.
    pub async fn wait_until(&self, what: &str, script: &str, timeout: Duration) -> Result<()> {
        let deadline = Instant::now() + timeout;
        loop {
            let v = self.client.execute(script, vec![]).await?;
            if v == Value::Bool(true) {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err(format!("timed out waiting for {what} (last value {v})").into());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub async fn text(&self, css: &str) -> Result<String> {
        Ok(self.client.find(Locator::Css(css)).await?.text().await?)
    }

    /// Run an async script whose last argument is the WebDriver callback.
    pub async fn run_async(&self, script: &str, args: Vec<Value>) -> Result<Value> {
        Ok(self.client.execute_async(script, args).await?)
    }

    /// Invoke a backend command the way the UI does (IPC), returning its answer
    /// or `{"__error": …}` when it was rejected.
    pub async fn invoke(&self, command: &str, args: Value) -> Result<Value> {
        self.run_async(
            "const [cmd, args, done] = arguments;
             window.__TAURI_INTERNALS__.invoke(cmd, args).then(done, (e) => done({ __error: e }));",
            vec![json!(command), args],
        )
        .await
    }

    /// Save a screenshot as `target/e2e-screenshots/{test}-{NN}-{label}.png`.
    /// On our own Xvfb it is what the display shows (ImageMagick `import`):
    /// WebKitWebDriver's own snapshot leaves out images served by custom URI
    /// schemes, which is exactly what these screenshots are for.
    pub async fn screenshot(&mut self, label: &str) -> Result<PathBuf> {
        self.shots += 1;
        let path = screenshot_dir().join(format!("{}-{:02}-{label}.png", self.name, self.shots));
        // Let the last change paint.
        self.run_async("const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));", vec![]).await?;
        let from_display = display()._child.is_some()
            && Command::new("import")
                .args(["-display", &display().display, "-window", "root", &path.to_string_lossy()])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .map(|s| s.success())
                .unwrap_or(false);
        if !from_display {
            std::fs::write(&path, self.client.screenshot().await?)?;
        }
        Ok(path)
    }

    /// Type into an input (clearing it first).
    pub async fn fill(&self, css: &str, text: &str) -> Result<()> {
        let el = self.wait_for_css(css, Duration::from_secs(10)).await?;
        el.clear().await?;
        el.send_keys(text).await?;
        Ok(())
    }

    /// The first-run screen: create the administrator and land in the app.
    pub async fn first_run(&mut self, username: &str, password: &str) -> Result<()> {
        self.wait_for_css("#first-run", Duration::from_secs(20)).await?;
        self.fill("#auth-username", username).await?;
        self.fill("#auth-password", password).await?;
        self.fill("#auth-password-repeat", password).await?;
        self.click("#auth-submit").await?;
        self.wait_for_css("nav.sidebar", Duration::from_secs(20)).await?;
        Ok(())
    }

    /// The sign-in screen; `remember` ticks "stay signed in".
    pub async fn sign_in(&self, username: &str, password: &str, remember: bool) -> Result<()> {
        self.wait_for_css("#sign-in", Duration::from_secs(20)).await?;
        self.fill("#auth-username", username).await?;
        self.fill("#auth-password", password).await?;
        if remember {
            self.click("#auth-remember").await?;
        }
        self.click("#auth-submit").await?;
        Ok(())
    }

    pub async fn click(&self, css: &str) -> Result<()> {
        self.wait_for_css(css, Duration::from_secs(10)).await?.click().await?;
        Ok(())
    }

    /// End the session (closes the app) and stop the driver and its children.
    pub async fn quit(mut self) -> Result<()> {
        let r = self.client.clone().close().await;
        kill_group(self.driver.id());
        let _ = self.driver.wait();
        r.map_err(Into::into)
    }
}

impl Drop for App {
    /// A failed test never reaches `quit`: still leave no window or driver behind.
    fn drop(&mut self) {
        if let Ok(None) = self.driver.try_wait() {
            kill_group(self.driver.id());
            let _ = self.driver.wait();
        }
    }
}

fn kill_group(pid: u32) {
    let _ = Command::new("kill").args(["-KILL", "--", &format!("-{pid}")]).stderr(Stdio::null()).status();
}

fn log_dir() -> PathBuf {
    let dir = target_dir().join("e2e-logs");
    std::fs::create_dir_all(&dir).expect("log dir");
    dir
}

fn tauri_driver() -> PathBuf {
    if let Some(p) = std::env::var_os("TAURI_DRIVER") {
        return p.into();
    }
    let cargo_bin = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .map(|d| d.join("bin").join("tauri-driver"));
    match cargo_bin {
        Some(p) if p.exists() => p,
        _ => PathBuf::from("tauri-driver"),
    }
}

fn wait_for_port(port: u16, timeout: Duration) -> Result<()> {
    let deadline = Instant::now() + timeout;
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        if Instant::now() > deadline {
            return Err(format!("tauri-driver did not listen on {port}").into());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Ok(())
}

/// Serialises the tests: one app window at a time on a 2-core machine.
pub fn serial() -> &'static tokio::sync::Mutex<()> {
    static LOCK: OnceLock<tokio::sync::Mutex<()>> = OnceLock::new();
    LOCK.get_or_init(|| tokio::sync::Mutex::new(()))
}
