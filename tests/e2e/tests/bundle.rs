//! The `.deb` bundle, as a consultant's laptop gets it: `dpkg -i` installs it,
//! the installed `/usr/bin/hotline-desk` starts and shows the set-up screen,
//! and `dpkg -r` takes every file of it away again.
//!
//! The test packages the debug build the other tests use with the Tauri
//! bundler itself (no second compile). Installing needs root: the test runs as
//! root, or through `sudo -n`; without either it is skipped with a message,
//! except under `CI=true`, where it must run.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use hotline_e2e::{binaries_dir, App, DataDir};

/// The package name the bundler derives from `mainBinaryName`.
const PACKAGE: &str = "hotline-desk";
const INSTALLED_BINARY: &str = "/usr/bin/hotline-desk";

#[tokio::test]
async fn the_deb_installs_starts_on_the_setup_screen_and_uninstalls_cleanly() {
    let Some(root) = Root::find() else {
        return;
    };
    let deb = build_deb();
    let fields = deb_fields(&deb);
    assert_eq!(
        fields.version,
        env!("CARGO_PKG_VERSION"),
        "the bundle carries the workspace version"
    );
    for library in ["libwebkit2gtk-4.1-0", "libgtk-3-0"] {
        assert!(
            fields.depends.contains(library),
            "the package depends on {library}: {}",
            fields.depends
        );
    }

    let installed = Installed::install(&root, &deb);
    let paths = installed.paths();
    for expected in [
        INSTALLED_BINARY,
        "/usr/share/applications/Hotline Desk.desktop",
        "/usr/share/icons/hicolor/128x128/apps/hotline-desk.png",
    ] {
        assert!(
            paths.iter().any(|path| path == Path::new(expected)),
            "the package installs {expected}; it has {paths:?}"
        );
    }

    let data = DataDir::new();
    let mut app = App::launch_application("deb_bundle", Path::new(INSTALLED_BINARY), &data).await;
    app.wait_for("#screen-setup").await;
    app.screenshot("installed-setup").await;
    assert!(
        running_from(Path::new(INSTALLED_BINARY)),
        "the window on screen is not the installed {INSTALLED_BINARY}"
    );
    app.quit().await;

    installed.remove();
    assert!(!package_installed(), "dpkg -r left {PACKAGE} installed");
    // Its files, and the directories no other package needs, are gone.
    let left: Vec<&PathBuf> = paths
        .iter()
        .filter(|path| path.symlink_metadata().is_ok() && !owned_by_another_package(path))
        .collect();
    assert!(left.is_empty(), "dpkg -r left these behind: {left:?}");
}

/// How this test becomes root for dpkg.
#[derive(Debug)]
enum Root {
    Already,
    Sudo,
}

impl Root {
    fn find() -> Option<Root> {
        let uid = run(Command::new("id").arg("-u"));
        if String::from_utf8_lossy(&uid.stdout).trim() == "0" {
            return Some(Root::Already);
        }
        let sudo = Command::new("sudo").args(["-n", "true"]).output();
        if sudo.is_ok_and(|output| output.status.success()) {
            return Some(Root::Sudo);
        }
        let message = "the .deb install test needs root to run dpkg: run it as root or \
                       with password-less sudo";
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "{message} (CI=true: it may not be skipped)"
        );
        eprintln!("skipped: {message}");
        None
    }

    fn command(&self, program: &str) -> Command {
        match self {
            Root::Already => Command::new(program),
            Root::Sudo => {
                let mut command = Command::new("sudo");
                command.args(["-n", program]);
                command
            }
        }
    }
}

/// The installed package; removed again when dropped, so a failing test does
/// not leave it on the machine.
#[derive(Debug)]
struct Installed<'a> {
    root: &'a Root,
    removed: bool,
}

impl<'a> Installed<'a> {
    fn install(root: &'a Root, deb: &Path) -> Self {
        let installed = Installed {
            root,
            removed: false,
        };
        let output = run(root
            .command("dpkg")
            .arg("-i")
            .arg(deb)
            .env("DEBIAN_FRONTEND", "noninteractive"));
        assert!(
            output.status.success(),
            "dpkg -i {} failed: {}",
            deb.display(),
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(package_installed(), "dpkg -i did not install {PACKAGE}");
        installed
    }

    /// The files and directories the package put on the machine.
    fn paths(&self) -> Vec<PathBuf> {
        let output = run(Command::new("dpkg").args(["-L", PACKAGE]));
        assert!(output.status.success(), "dpkg -L {PACKAGE} failed");
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .filter(|line| *line != "/.")
            .map(PathBuf::from)
            .collect()
    }

    fn remove(mut self) {
        self.removed = true;
        let output = run(self.root.command("dpkg").args(["-r", PACKAGE]));
        assert!(
            output.status.success(),
            "dpkg -r {PACKAGE} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

impl Drop for Installed<'_> {
    fn drop(&mut self) {
        if !self.removed {
            let _ = self.root.command("dpkg").args(["-r", PACKAGE]).output();
        }
    }
}

/// Packages the build the other tests run (`tauri bundle --debug --bundles
/// deb`: no compiling, about 15 s) and returns the `.deb`. Built here rather
/// than found, so the test never installs a bundle older than the binary.
fn build_deb() -> PathBuf {
    let binaries = binaries_dir();
    let repo = manifest_dir().join("../..");
    let cli = repo.join("ui/node_modules/.bin/tauri");
    assert!(
        cli.exists(),
        "{} is missing: run `npm ci` in ui/ (scripts/test.sh does)",
        cli.display()
    );
    let mut bundle = Command::new(&cli);
    bundle
        .current_dir(repo.join("src-tauri"))
        .args(["bundle", "--bundles", "deb", "--ci"])
        .env(
            "CARGO_TARGET_DIR",
            binaries.parent().expect("the target directory"),
        );
    if binaries.ends_with("debug") {
        bundle.arg("--debug");
    }
    let output = run(&mut bundle);
    assert!(
        output.status.success(),
        "tauri bundle failed: {}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let arch = run(Command::new("dpkg").arg("--print-architecture"));
    let arch = String::from_utf8_lossy(&arch.stdout).trim().to_owned();
    let deb = binaries.join("bundle/deb").join(format!(
        "Hotline Desk_{}_{arch}.deb",
        env!("CARGO_PKG_VERSION")
    ));
    assert!(deb.exists(), "tauri bundle wrote no {}", deb.display());
    deb
}

fn manifest_dir() -> PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .expect("cargo test sets CARGO_MANIFEST_DIR")
}

#[derive(Debug)]
struct DebFields {
    version: String,
    depends: String,
}

fn deb_fields(deb: &Path) -> DebFields {
    let field = |name: &str| {
        let output = run(Command::new("dpkg-deb").arg("-f").arg(deb).arg(name));
        assert!(output.status.success(), "dpkg-deb -f {name} failed");
        String::from_utf8_lossy(&output.stdout).trim().to_owned()
    };
    DebFields {
        version: field("Version"),
        depends: field("Depends"),
    }
}

fn package_installed() -> bool {
    let output = run(Command::new("dpkg-query").args(["-W", "-f=${Status}", PACKAGE]));
    output.status.success() && String::from_utf8_lossy(&output.stdout).ends_with(" installed")
}

/// Whether a process runs the program at `binary`.
fn running_from(binary: &Path) -> bool {
    std::fs::read_dir("/proc")
        .expect("read /proc")
        .flatten()
        .any(|entry| std::fs::read_link(entry.path().join("exe")).is_ok_and(|exe| exe == binary))
}

fn owned_by_another_package(path: &Path) -> bool {
    let output = run(Command::new("dpkg-query").arg("-S").arg(path));
    output.status.success()
}

fn run(command: &mut Command) -> Output {
    command
        .output()
        .unwrap_or_else(|error| panic!("could not run {command:?}: {error}"))
}
