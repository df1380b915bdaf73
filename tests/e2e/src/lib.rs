//! The end-to-end harness: launches the real Hotline Desk binary under Xvfb
//! through `tauri-driver` and `WebKitWebDriver`, each test with its own
//! temporary data directory, and saves a screenshot of each screen it visits.
//!
//! It expects `DISPLAY` to point at an X server (scripts/test.sh starts Xvfb),
//! `tauri-driver` and `WebKitWebDriver` on `PATH`, and the app and CLI built
//! into the same target directory as this test binary.

pub mod driver;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use driver::Driver;
use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::{Client, Locator};
use serde_json::{json, Value};

/// How long to wait for an element: generous, because CI machines are slow
/// and unlocking runs a 600,000-iteration key derivation.
const WAIT: Duration = Duration::from_secs(20);

pub const SUPERVISOR_LOGIN: &str = "anna";
pub const SUPERVISOR_PASSPHRASE: &str = "Lāčplēša iela 75 kalns";

/// axe-core's browser bundle, from the UI's npm packages.
fn axe_script() -> PathBuf {
    manifest_dir().join("../../ui/node_modules/axe-core/axe.min.js")
}

/// One running app: the WebDriver session, the driver process and its data.
#[derive(Debug)]
pub struct App {
    client: Client,
    driver: Driver,
    artifacts: PathBuf,
    shots: usize,
}

/// A data directory that outlives one app launch (for restart tests).
#[derive(Debug)]
pub struct DataDir {
    dir: tempfile::TempDir,
}

impl DataDir {
    pub fn new() -> Self {
        Self {
            dir: tempfile::tempdir().expect("temporary data directory"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Sets the device up with the CLI, so a test can start at the unlock screen.
    pub fn with_supervisor(self) -> Self {
        self.as_supervisor(
            &[
                "init",
                "--org",
                "Drošā māja",
                "--display-name",
                "Anna Bērziņa",
            ],
            &[],
        );
        self
    }

    /// Loads the seed referral directory (`assets/referrals/seed.csv`).
    pub fn with_referrals(self) -> Self {
        let seed = manifest_dir().join("../../assets/referrals/seed.csv");
        let seed = seed.to_str().expect("UTF-8 path");
        self.as_supervisor(&["referrals", "import", seed], &[]);
        self
    }

    /// Adds finished calls, given as a JSON array of call details (the
    /// layout `hotline call example` prints), through `hotline call add`.
    pub fn with_calls(self, calls: &Value) -> Self {
        let file = tempfile::NamedTempFile::new().expect("temporary calls file");
        std::fs::write(file.path(), calls.to_string()).expect("write the calls file");
        let path = file.path().to_str().expect("UTF-8 path");
        self.as_supervisor(&["call", "add", "--json", path], &[]);
        self
    }

    /// Adds `count` synthetic calls of the last year (`hotline call sample`).
    pub fn with_sample_calls(self, count: usize) -> Self {
        let count = count.to_string();
        self.as_supervisor(&["call", "sample", "--count", &count, "--years", "1"], &[]);
        self
    }

    /// Pushes everything waiting to the server and pulls (`hotline sync now`).
    pub fn synced(self) -> Self {
        self.as_supervisor(&["sync", "now"], &[]);
        self
    }

    /// Adds a consultant account in `region`.
    pub fn with_consultant(self, login: &str, passphrase: &str, region: &str) -> Self {
        self.as_supervisor(
            &[
                "user",
                "add",
                login,
                "--role",
                "consultant",
                "--region",
                region,
                "--display-name",
                login,
            ],
            &[("HOTLINE_NEW_PASSPHRASE", passphrase)],
        );
        self
    }

    /// Writes a backup of the store to `out` with `hotline backup`.
    pub fn with_backup(self, out: &Path) -> Self {
        let out = out.to_str().expect("UTF-8 path");
        self.as_supervisor(&["backup", "--out", out], &[]);
        self
    }

    /// Flips one byte inside the second page of `hotline.db`, as a failing
    /// disk would; unlocking must then report the damage.
    pub fn with_damaged_database(self) -> Self {
        let path = self.path().join("hotline.db");
        let mut bytes = std::fs::read(&path).expect("read hotline.db");
        let page_size = 4096;
        assert!(
            bytes.len() >= 2 * page_size,
            "the database has several pages"
        );
        bytes[page_size + 100] ^= 0x20;
        std::fs::write(&path, &bytes).expect("write hotline.db");
        self
    }

    /// Enrols a new device with `hotline device enrol` (the organisation must
    /// be registered on a server): writes its package to `out` and returns
    /// the one-time code the CLI prints for its user.
    pub fn enrol_device(&self, name: &str, role: &str, region: &str, out: &Path) -> String {
        let out = out.to_str().expect("UTF-8 path");
        let printed = self.as_supervisor(
            &[
                "device", "enrol", "--name", name, "--role", role, "--region", region, "--out", out,
            ],
            &[],
        );
        printed
            .lines()
            .find_map(|line| line.strip_prefix("Read this code to the device's user: "))
            .expect("the CLI prints the enrolment code")
            .trim()
            .to_owned()
    }

    /// Sets this new device up from an enrolment package with `hotline
    /// device join`, as its user would with the file and the code read out
    /// to them: creates `login` and runs the first sync round.
    pub fn joined_with(self, package: &Path, code: &str, login: &str, passphrase: &str) -> Self {
        let package = package.to_str().expect("UTF-8 path");
        self.hotline(
            &[
                "device",
                "join",
                "--package",
                package,
                "--display-name",
                login,
            ],
            &[
                ("HOTLINE_USER", login),
                ("HOTLINE_PASSPHRASE", passphrase),
                ("HOTLINE_ENROLMENT_CODE", code),
            ],
        );
        self
    }

    /// Runs the CLI as the seeded supervisor; returns what it printed.
    fn as_supervisor(&self, args: &[&str], env: &[(&str, &str)]) -> String {
        let mut signed_in = vec![
            ("HOTLINE_USER", SUPERVISOR_LOGIN),
            ("HOTLINE_PASSPHRASE", SUPERVISOR_PASSPHRASE),
        ];
        signed_in.extend_from_slice(env);
        self.hotline(args, &signed_in)
    }

    /// Runs the CLI on this data directory; returns what it printed.
    fn hotline(&self, args: &[&str], env: &[(&str, &str)]) -> String {
        let mut command = Command::new(binary("hotline"));
        command.args(args).env("HOTLINE_DATA_DIR", self.path());
        for (name, value) in env {
            command.env(name, value);
        }
        let output = command.output().expect("run the hotline CLI");
        assert!(
            output.status.success(),
            "hotline {args:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    /// The supervisor's device signs `release` (Tauri's update JSON) into
    /// `manifest`, as `hotline update sign` does.
    pub fn signed_update(&self, release: &Path, manifest: &Path) {
        let (release, manifest) = (release.to_string_lossy(), manifest.to_string_lossy());
        self.as_supervisor(
            &["update", "sign", "--release", &release, "--out", &manifest],
            &[],
        );
    }

    /// Registers the organisation on `server`, as `hotline sync register` does.
    pub fn registered_with(self, server: &SyncServer) -> Self {
        self.as_supervisor(
            &[
                "sync",
                "register",
                "--server",
                &server.url,
                "--device-name",
                "Office PC",
            ],
            &[],
        );
        self
    }
}

/// A real `hotline-sync-server` on 127.0.0.1; stopped when dropped.
#[derive(Debug)]
pub struct SyncServer {
    child: Option<std::process::Child>,
    _data: tempfile::TempDir,
    pub url: String,
}

impl SyncServer {
    pub fn start() -> Self {
        Self::start_with(&[])
    }

    /// A server that also serves the organisation's releases from `folder`.
    pub fn start_with_updates(folder: &Path) -> Self {
        Self::start_with(&["--updates-dir", &folder.to_string_lossy()])
    }

    fn start_with(options: &[&str]) -> Self {
        use std::io::BufRead as _;
        let data = tempfile::tempdir().expect("server data directory");
        let mut child = Command::new(binary("hotline-sync-server"))
            .args(["--listen", "127.0.0.1:0", "--data-dir"])
            .arg(data.path())
            .args(options)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("start hotline-sync-server");
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("the server announces its address");
        let url = line.trim().rsplit(' ').next().expect("url").to_owned();
        Self {
            child: Some(child),
            _data: data,
            url,
        }
    }

    /// Takes the server away, as when the laptop goes offline.
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Drop for SyncServer {
    fn drop(&mut self) {
        self.stop();
    }
}

impl Default for DataDir {
    fn default() -> Self {
        Self::new()
    }
}

/// Where cargo put the app, the CLI and (after `tauri bundle`) `bundle/`.
pub fn binaries_dir() -> PathBuf {
    // This test runs from <target>/debug/deps; the app and CLI are in <target>/debug.
    let exe = std::env::current_exe().expect("test binary path");
    exe.parent()
        .and_then(Path::parent)
        .expect("target directory")
        .to_path_buf()
}

fn binary(name: &str) -> PathBuf {
    let path = binaries_dir().join(name);
    assert!(
        path.exists(),
        "{} is missing: build it first (`cargo build -p hotline-desk -p hotline-cli`)",
        path.display()
    );
    path
}

/// Read at run time: a binary built from another clone that shares the build
/// cache would otherwise point at that clone (cargo does not rebuild for it).
fn manifest_dir() -> PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .expect("cargo test sets CARGO_MANIFEST_DIR")
}

fn artifacts_dir(test: &str) -> PathBuf {
    let root = std::env::var_os("HOTLINE_E2E_ARTIFACTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest_dir().join("artifacts"));
    let dir = root.join(test);
    // Old screenshots of this test would mislead whoever looks at them.
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("artifacts directory");
    dir
}

impl App {
    /// Starts the app on `data_dir`; `test` names the screenshot folder.
    pub async fn launch(test: &str, data_dir: &DataDir) -> App {
        Self::launch_application(test, &binary("hotline-desk"), data_dir).await
    }

    /// Starts the app binary at `application` (an installed bundle's, say)
    /// on `data_dir`; `test` names the screenshot folder.
    pub async fn launch_application(test: &str, application: &Path, data_dir: &DataDir) -> App {
        assert!(
            std::env::var_os("DISPLAY").is_some(),
            "DISPLAY is not set: run the end-to-end tests under Xvfb (scripts/test.sh does)"
        );
        let artifacts = artifacts_dir(test);
        let capabilities = driver::wry_capabilities(
            application,
            json!(["--data-dir", data_dir.path().display().to_string()]),
        );
        let (client, driver) = driver::start_session(&capabilities, &artifacts).await;
        let app = App {
            client,
            driver,
            artifacts,
            shots: 0,
        };
        app.wait_for("#screen-setup, #screen-unlock, #screen-main")
            .await;
        app
    }

    pub async fn wait_for(&self, css: &str) -> Element {
        self.client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|error| panic!("{css} did not appear: {error}"))
    }

    /// Types `login` and `passphrase` on the unlock screen and submits.
    pub async fn submit_unlock(&self, login: &str, passphrase: &str) {
        self.wait_for("#screen-unlock").await;
        self.type_into("#unlock-login", login).await;
        self.type_into("#unlock-passphrase", passphrase).await;
        self.click("#unlock-submit").await;
    }

    /// Signs the seeded supervisor in and waits for the main screen.
    pub async fn sign_in_as_supervisor(&self) {
        self.submit_unlock(SUPERVISOR_LOGIN, SUPERVISOR_PASSPHRASE)
            .await;
        self.wait_for("#screen-main").await;
    }

    /// Waits until `css` is gone (or hidden).
    pub async fn wait_gone(&self, css: &str) {
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            let visible = match self.client.find(Locator::Css(css)).await {
                Ok(element) => element.is_displayed().await.unwrap_or(false),
                Err(_) => false,
            };
            if !visible {
                return;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "{css} did not go away"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub async fn type_into(&self, css: &str, text: &str) {
        let element = self.wait_for(css).await;
        element.clear().await.expect("clear field");
        element.send_keys(text).await.expect("type");
    }

    /// Searches the referral directory and waits until the list shows the
    /// answer for `text`: a row clicked earlier could belong to the previous
    /// list and move away under the pointer when the new results land.
    pub async fn search_referrals(&self, text: &str) {
        self.type_into("#referrals-search", text).await;
        self.wait_for(&format!(
            "#referrals-list[aria-busy='false'][data-searched='{text}']"
        ))
        .await;
    }

    pub async fn select(&self, css: &str, value: &str) {
        self.wait_for(css)
            .await
            .select_by_value(value)
            .await
            .unwrap_or_else(|error| panic!("select {value} in {css}: {error}"));
    }

    /// Chooses the option of a `<select>` that reads `label`, for values
    /// (like account ids) a test cannot know in advance.
    pub async fn select_label(&self, css: &str, label: &str) {
        self.wait_for(css)
            .await
            .select_by_label(label)
            .await
            .unwrap_or_else(|error| panic!("select {label} in {css}: {error}"));
    }

    /// Sends keys (text or `fantoccini::key::Key`s as chars) to an element.
    pub async fn press(&self, css: &str, keys: &[Key]) {
        let keys: String = keys.iter().map(|key| char::from(*key)).collect();
        self.wait_for(css)
            .await
            .send_keys(&keys)
            .await
            .unwrap_or_else(|error| panic!("press keys in {css}: {error}"));
    }

    pub async fn click(&self, css: &str) {
        self.wait_for(css)
            .await
            .click()
            .await
            .unwrap_or_else(|error| panic!("click {css}: {error}"));
    }

    /// The element's text content. WebKitWebDriver's own "visible text"
    /// sometimes returns an empty string for visible elements, so it is read
    /// through the DOM instead, and looked up again by `css` in the same
    /// script, so a screen that re-renders it in between never leaves a
    /// stale reference.
    pub async fn text(&self, css: &str) -> String {
        self.wait_for(css).await;
        let value = self
            .client
            .execute(
                "const element = document.querySelector(arguments[0]); \
                 return element === null ? '' : element.textContent",
                vec![serde_json::Value::from(css)],
            )
            .await
            .expect("read text");
        value.as_str().unwrap_or_default().trim().to_owned()
    }

    /// Waits until `css` shows text containing `expected`.
    pub async fn wait_for_text(&self, css: &str, expected: &str) -> String {
        self.wait_longer_for_text(css, expected, WAIT).await
    }

    /// Waits up to `wait` until `css` shows text containing `expected`, for
    /// work that takes longer than a screen change (a large sync).
    pub async fn wait_longer_for_text(&self, css: &str, expected: &str, wait: Duration) -> String {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            let text = self.text(css).await;
            if text.contains(expected) {
                return text;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "{css} shows {text:?}, expected it to contain {expected:?}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Scrolls `css` to the top of its scrolling box, to screenshot what is below the fold.
    pub async fn scroll_to(&self, css: &str) {
        let element = self.wait_for(css).await;
        self.client
            .execute(
                "arguments[0].scrollIntoView({ block: 'start' })",
                vec![serde_json::to_value(&element).expect("element reference")],
            )
            .await
            .expect("scroll into view");
    }

    pub async fn attribute(&self, css: &str, name: &str) -> Option<String> {
        self.wait_for(css)
            .await
            .attr(name)
            .await
            .expect("attribute")
    }

    /// Calls an IPC command from the page, as the UI's own code or an
    /// injected script would: `Ok(value)` or `Err(the rejection as text)`.
    pub async fn invoke(&self, command: &str, args: Value) -> Result<Value, String> {
        let answer = self
            .client
            .execute_async(
                "const [command, args, done] = arguments;
                 const internals = window.__TAURI_INTERNALS__;
                 if (!internals) { done({ err: 'no IPC in this page' }); return; }
                 internals.invoke(command, args).then(
                   (value) => done({ ok: value === undefined ? null : value }),
                   (error) => done({ err: typeof error === 'string' ? error : JSON.stringify(error) }),
                 );",
                vec![json!(command), args],
            )
            .await
            .unwrap_or_else(|error| panic!("invoke {command}: {error}"));
        match answer.get("ok") {
            Some(value) => Ok(value.clone()),
            None => Err(answer["err"].as_str().unwrap_or_default().to_owned()),
        }
    }

    /// Runs a script in the page and returns its result.
    pub async fn run_script(&self, script: &str) -> Value {
        self.client
            .execute(script, vec![])
            .await
            .unwrap_or_else(|error| panic!("script: {error}"))
    }

    /// Takes a screenshot of the screen and adds axe-core's findings to
    /// `problems`, each named after the screen, so one test can report every
    /// screen's problems at the end.
    pub async fn check_accessibility(&mut self, screen: &str, problems: &mut Vec<String>) {
        self.screenshot(screen).await;
        problems.extend(
            self.accessibility_problems()
                .await
                .into_iter()
                .map(|problem| format!("{screen}: {problem}")),
        );
    }

    /// The page's serious and critical accessibility problems as axe-core
    /// (ui's npm dev dependency) finds them against WCAG 2.1 A and AA, one
    /// line each: rule, what it asks, and the elements concerned.
    pub async fn accessibility_problems(&self) -> Vec<String> {
        let loaded = self
            .client
            .execute("return typeof window.axe === 'object'", vec![])
            .await
            .expect("look for axe");
        if loaded != json!(true) {
            let source = std::fs::read_to_string(axe_script())
                .unwrap_or_else(|error| panic!("read axe-core (run npm install in ui/): {error}"));
            self.client
                .execute(&source, vec![])
                .await
                .unwrap_or_else(|error| panic!("load axe-core: {error}"));
        }
        let answer = self
            .client
            .execute_async(
                "const done = arguments[0];
                 window.axe
                   .run(document, {
                     runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
                     resultTypes: ['violations'],
                   })
                   .then(
                     (results) => done(results.violations
                       .filter((v) => v.impact === 'serious' || v.impact === 'critical')
                       .map((v) => `${v.id} (${v.impact}): ${v.help}: `
                         + v.nodes.map((n) => n.target.join(' ')).join(', '))),
                     (error) => done([`axe failed: ${error}`]),
                   );",
                vec![],
            )
            .await
            .unwrap_or_else(|error| panic!("run axe-core: {error}"));
        serde_json::from_value(answer).expect("a list of problems")
    }

    /// Presses Tab `presses` times from where the focus is, as a keyboard
    /// user would, and returns each element reached that shows no focus
    /// ring (neither an outline nor a box shadow), described by its tag, id
    /// and text.
    pub async fn tab_through(&self, presses: usize) -> Vec<String> {
        let mut unseen = Vec::new();
        for _ in 0..presses {
            let focused = self
                .client
                .active_element()
                .await
                .expect("the focused element");
            focused
                .send_keys(&char::from(Key::Tab).to_string())
                .await
                .expect("press Tab");
            // Let the focus style's transition finish.
            tokio::time::sleep(Duration::from_millis(150)).await;
            let seen = self
                .client
                .execute(
                    "const e = document.activeElement;
                     if (!e || e === document.body) return null;
                     const s = getComputedStyle(e);
                     const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0)
                       || s.boxShadow !== 'none';
                     return ring ? null
                       : `${e.tagName.toLowerCase()}#${e.id} \"${(e.textContent || e.getAttribute('aria-label') || '').trim().slice(0, 40)}\"`;",
                    vec![],
                )
                .await
                .expect("read the focus style");
            if let Some(element) = seen.as_str() {
                if !unseen.iter().any(|known| known == element) {
                    unseen.push(element.to_owned());
                }
            }
        }
        unseen
    }

    /// Points the window at another address, as a hijacked link would.
    pub async fn navigate(&self, url: &str) {
        self.client
            .goto(url)
            .await
            .unwrap_or_else(|error| panic!("go to {url}: {error}"));
    }

    pub async fn document_language(&self) -> String {
        self.client
            .execute("return document.documentElement.lang", vec![])
            .await
            .expect("read lang")
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// Saves a screenshot of the X display as `NN-name.png` in the test's
    /// folder. ImageMagick's `import` is used rather than WebDriver's
    /// screenshot, which WebKitWebDriver does not always complete, and it shows
    /// the real window as a person would see it.
    pub async fn screenshot(&mut self, name: &str) {
        self.shots += 1;
        let path = self.artifacts.join(format!("{:02}-{name}.png", self.shots));
        // Let the last click's repaint reach the screen.
        tokio::time::sleep(Duration::from_millis(300)).await;
        let status = Command::new("import")
            .args(["-window", "root"])
            .arg(&path)
            .status()
            .expect("run ImageMagick's import (Debian package imagemagick)");
        assert!(status.success(), "import could not capture the screen");
    }

    /// Renders the first page of a PDF the app wrote into this test's
    /// artifacts as `name`.png, so a person can look at what was printed
    /// (poppler's `pdftoppm`, Debian package poppler-utils).
    pub fn pdf_page_image(&self, pdf: &Path, name: &str) {
        let status = Command::new("pdftoppm")
            .args(["-png", "-r", "60", "-singlefile", "-f", "1", "-l", "1"])
            .arg(pdf)
            .arg(self.artifacts.join(name))
            .status()
            .expect("run pdftoppm (Debian package poppler-utils)");
        assert!(
            status.success(),
            "pdftoppm could not render {}",
            pdf.display()
        );
    }

    /// Answers the app's native file dialog (GTK, titled `title`) with
    /// `path`, typed into its location box as a person would after Ctrl+L
    /// and Ctrl+A.
    /// WebDriver cannot reach a native window, so this drives the X display
    /// with `xdotool` (Debian package xdotool).
    pub async fn answer_file_dialog(&self, title: &str, path: &Path) {
        self.answer_native_dialog(title, path, &["Return"]).await;
    }

    /// Types `path` into the dialog's location box, then presses `last`.
    async fn answer_native_dialog(&self, title: &str, path: &Path, last: &[&str]) {
        let path = path.to_str().expect("UTF-8 path");
        let name = format!("^{title}$");
        let steps: [&[&str]; 3] = [
            &[
                "search",
                "--sync",
                "--onlyvisible",
                "--name",
                &name,
                "windowfocus",
                "--sync",
                "key",
                "--clearmodifiers",
                "ctrl+l",
                // A save dialog fills in a name and selects it up to the
                // extension: select all of it, so the path replaces it whole.
                "ctrl+a",
            ],
            &["type", "--delay", "20", path],
            &[&["key"][..], last].concat(),
        ];
        for args in steps {
            let status = Command::new("timeout")
                .arg(WAIT.as_secs().to_string())
                .arg("xdotool")
                .args(args)
                .status()
                .expect("run xdotool (Debian package xdotool)");
            assert!(
                status.success(),
                "xdotool {args:?} failed on the {title:?} dialog"
            );
            // Let GTK open the location box and take the keys.
            tokio::time::sleep(Duration::from_millis(500)).await;
        }
    }

    /// Answers the app's native folder dialog (GTK, titled `title`) with
    /// `folder`. GTK completes a typed folder name with a selected slash,
    /// and Enter on a path ending in one goes into the folder instead of
    /// choosing it: Delete drops the completion first.
    pub async fn answer_folder_dialog(&self, title: &str, folder: &Path) {
        self.answer_native_dialog(title, folder, &["Delete", "Return"])
            .await;
    }

    /// Ends the session (which quits the app) and stops the driver.
    pub async fn quit(self) {
        let _ = self.client.clone().close().await;
    }

    /// Kills the app with SIGKILL, as a crash or a forced quit would: no
    /// chance to save anything on the way out.
    pub fn crash(self) {
        self.driver.signal_group("KILL");
    }
}
