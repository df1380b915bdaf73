//! The WebDriver side of a launch: a `tauri-driver` process (which starts
//! `WebKitWebDriver`, which starts the app) and the request that opens a
//! session on it.
//!
//! A driver that never answers is replaced rather than waited on: CI once
//! failed a test after 137 s of "webdriver server did not respond" from one
//! driver whose WebKitWebDriver never came up, and its log, which would have
//! said why, stayed on the CI machine. A failed start now names every
//! attempt's error with the end of its log.

use std::os::unix::process::CommandExt as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder};
use serde_json::{json, Map, Value};
use tokio::time::Instant;

/// How long one driver gets to open a session. The app's first start on a
/// cold, busy CI machine takes a few seconds; a driver silent for a minute
/// will not answer.
const SESSION_START: Duration = Duration::from_secs(60);

/// Fresh drivers (on fresh ports) tried before a launch gives up.
const DRIVER_ATTEMPTS: usize = 3;

/// Lines of a failed driver's log quoted in the panic.
const LOG_TAIL_LINES: usize = 30;

/// The capabilities that make tauri-driver start `application` with `args`.
pub fn wry_capabilities(application: &Path, args: Value) -> Map<String, Value> {
    let mut options = Map::new();
    options.insert(
        "application".into(),
        json!(application.display().to_string()),
    );
    options.insert("args".into(), args);
    let mut capabilities = Map::new();
    capabilities.insert("browserName".into(), json!("wry"));
    capabilities.insert("tauri:options".into(), Value::Object(options));
    capabilities
}

/// Starts a driver and opens a session on it; a driver that has not opened
/// one within [`SESSION_START`] is stopped and a fresh one tried. Panics
/// after [`DRIVER_ATTEMPTS`] with each attempt's error and log; the logs
/// stay in `artifacts` as `driver-N.log`.
pub async fn start_session(
    capabilities: &Map<String, Value>,
    artifacts: &Path,
) -> (Client, Driver) {
    let mut failures = Vec::new();
    for attempt in 1..=DRIVER_ATTEMPTS {
        let driver = Driver::start(&artifacts.join(format!("driver-{attempt}.log")));
        match driver.new_session(capabilities).await {
            Ok(client) => return (client, driver),
            Err(error) => failures.push(format!(
                "driver {attempt} of {DRIVER_ATTEMPTS}: {error}\n{}",
                driver.log_tail()
            )),
        }
    }
    panic!(
        "could not start a WebDriver session through tauri-driver:\n{}",
        failures.join("\n")
    );
}

/// A running `tauri-driver` in a process group of its own, so stopping it
/// stops WebKitWebDriver and the app with it instead of leaving them
/// orphaned. Stopped when dropped.
#[derive(Debug)]
pub struct Driver {
    child: Child,
    url: String,
    log: PathBuf,
}

impl Driver {
    /// Starts tauri-driver on two free ports, its output in `log`.
    pub fn start(log: &Path) -> Driver {
        let port = free_port();
        let native_port = free_port();
        let file = std::fs::File::create(log).expect("driver log");
        let child = Command::new("tauri-driver")
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .stdout(file.try_clone().expect("driver log"))
            .stderr(file)
            .process_group(0)
            // Software rendering: Xvfb has no GPU.
            .env("WEBKIT_DISABLE_DMABUF_RENDERER", "1")
            .env("LIBGL_ALWAYS_SOFTWARE", "1")
            .spawn()
            .expect("start tauri-driver (cargo install tauri-driver --locked)");
        Driver {
            child,
            url: format!("http://127.0.0.1:{port}"),
            log: log.to_path_buf(),
        }
    }

    /// Asks for a session until the driver opens one or [`SESSION_START`]
    /// passes. The first requests fail while WebKitWebDriver starts.
    pub async fn new_session(&self, capabilities: &Map<String, Value>) -> Result<Client, String> {
        // The tests that also link hotline-core (for its testkit) see two
        // rustls crypto providers; WebDriver runs over plain HTTP on loopback
        // anyway, so ring is named once for all. Already named is fine.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let deadline = Instant::now() + SESSION_START;
        let mut last_error = "no answer".to_owned();
        loop {
            let mut builder = ClientBuilder::rustls().expect("TLS roots");
            builder.capabilities(capabilities.clone());
            match tokio::time::timeout_at(deadline, builder.connect(&self.url)).await {
                Ok(Ok(client)) => return Ok(client),
                Ok(Err(error)) => last_error = error.to_string(),
                Err(_) => break,
            }
            if Instant::now() + Duration::from_millis(200) >= deadline {
                break;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        Err(format!(
            "no session within {} s; the last error: {last_error}",
            SESSION_START.as_secs()
        ))
    }

    /// Signals the whole group: tauri-driver, WebKitWebDriver and the app.
    /// The `--` keeps the negative group id from being read as an option.
    pub fn signal_group(&self, signal: &str) {
        let group = self.child.id();
        if group > 1 {
            let _ = Command::new("kill")
                .args(["-s", signal, "--", &format!("-{group}")])
                .status();
        }
    }

    fn log_tail(&self) -> String {
        let log = std::fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = log.lines().collect();
        let tail = lines[lines.len().saturating_sub(LOG_TAIL_LINES)..].join("\n");
        format!("--- the end of {} ---\n{tail}", self.log.display())
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        self.signal_group("TERM");
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free local port")
        .port()
}
