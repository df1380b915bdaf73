//! Start-up and memory benchmark: the release Hotline Desk against an empty
//! Tauri 2 window (`benches/empty-tauri`, the floor) built with the same
//! profile, started alternately under Xvfb through tauri-driver.
//!
//! Start-up is the time from the app's `exec` (stamped by a two-line wrapper
//! script that then `exec`s the binary, so the pid is the app's) until its
//! first screen is interactive: the document has loaded, the screen's element
//! exists (`#screen-setup` on a new device, `#screen-empty` in the floor),
//! two animation frames have passed since (so it has been painted), and the
//! page answered this probe through WebDriver. Memory is the sum of the
//! proportional set size (`Pss` in /proc/PID/smaps_rollup: a shared page
//! counted once in total, split among the processes that map it) of the app
//! and all its descendants (WebKit's web and network processes) after a few
//! idle seconds on that first screen. Start-up is also split at the page's
//! navigation start (`performance.timeOrigin`, the same wall clock): before it
//! the process, GTK, the webview and WebKit's processes start; after it the
//! page loads, runs its script and renders.
//!
//! `scripts/bench-startup.sh` builds both release binaries and runs this under
//! Xvfb. `HOTLINE_BENCH_RUNS` (default 10) and `HOTLINE_BENCH_IDLE_SECS`
//! (default 5) change the sample. Prints a Markdown table; the last results
//! are in docs/benchmarks.md.

use std::collections::HashMap;
use std::os::unix::fs::PermissionsExt as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use fantoccini::Client;
use hotline_e2e::binaries_dir;
use hotline_e2e::driver::{wry_capabilities, Driver};
use serde_json::{json, Value};

/// Goals from the issue: start-up and memory against the empty Tauri window.
const STARTUP_GOAL: f64 = 1.2;
const PSS_GOAL: f64 = 1.3;
const READY_TIMEOUT: Duration = Duration::from_secs(60);

#[derive(Debug)]
struct Target {
    name: &'static str,
    binary: PathBuf,
    /// The element of the first screen.
    screen: &'static str,
    /// Whether the app takes `--data-dir` (a fresh one per run: the set-up screen).
    data_dir: bool,
}

#[derive(Debug)]
struct Sample {
    startup: Duration,
    /// From `exec` to the page's navigation start (`performance.timeOrigin`):
    /// the process, GTK, the webview and WebKit's web process.
    native: Duration,
    /// From navigation start to the end of DOMContentLoaded: the page and its
    /// (deferred, module) scripts loaded and run.
    scripts: Duration,
    pss_kib: u64,
    /// Private pages only (USS): unlike PSS, not changed by other programs
    /// on the machine that map the same libraries.
    private_kib: u64,
    processes: Vec<String>,
}

#[tokio::main]
async fn main() {
    let runs: usize = env_number("HOTLINE_BENCH_RUNS", 10);
    let idle = Duration::from_secs(env_number("HOTLINE_BENCH_IDLE_SECS", 5));
    assert!(
        std::env::var_os("DISPLAY").is_some(),
        "DISPLAY is not set: run the benchmark under Xvfb (scripts/bench-startup.sh does)"
    );
    let dir = binaries_dir();
    let targets = [
        Target {
            name: "Hotline Desk",
            binary: dir.join("hotline-desk"),
            screen: "#screen-setup",
            data_dir: true,
        },
        Target {
            name: "empty Tauri window",
            binary: dir.join("empty-tauri"),
            screen: "#screen-empty",
            data_dir: false,
        },
    ];
    for target in &targets {
        assert!(
            target.binary.exists(),
            "{} is missing: cargo build --release -p hotline-desk -p empty-tauri \
             (scripts/bench-startup.sh does)",
            target.binary.display()
        );
    }

    let temp = tempfile::tempdir().expect("temporary directory");
    let driver = Driver::start(&temp.path().join("driver.log"));
    let mut samples: [Vec<Sample>; 2] = [Vec::new(), Vec::new()];
    // One discarded warm-up each (file cache, fontconfig), then alternate so
    // that drifts of a shared machine touch both apps alike.
    for round in 0..=runs {
        for (index, target) in targets.iter().enumerate() {
            let sample = run_once(&driver, target, temp.path(), idle).await;
            eprintln!(
                "{} run {round}: {:.0} ms, {} KiB PSS",
                target.name,
                sample.startup.as_secs_f64() * 1000.0,
                sample.pss_kib
            );
            if round > 0 {
                samples[index].push(sample);
            }
        }
    }
    drop(driver);
    report(&targets, &samples, runs, idle);
}

fn report(targets: &[Target; 2], samples: &[Vec<Sample>; 2], runs: usize, idle: Duration) {
    let startup = |index: usize| -> Vec<f64> {
        samples[index]
            .iter()
            .map(|sample| sample.startup.as_secs_f64() * 1000.0)
            .collect()
    };
    let native = |index: usize| -> Vec<f64> {
        samples[index]
            .iter()
            .map(|sample| sample.native.as_secs_f64() * 1000.0)
            .collect()
    };
    let scripts = |index: usize| -> Vec<f64> {
        samples[index]
            .iter()
            .map(|sample| sample.scripts.as_secs_f64() * 1000.0)
            .collect()
    };
    let first_screen = |index: usize| -> Vec<f64> {
        samples[index]
            .iter()
            .map(|sample| {
                let page = sample.startup.saturating_sub(sample.native);
                page.saturating_sub(sample.scripts).as_secs_f64() * 1000.0
            })
            .collect()
    };
    let private = |index: usize| -> Vec<f64> {
        samples[index]
            .iter()
            .map(|sample| sample.private_kib as f64 / 1024.0)
            .collect()
    };
    let pss = |index: usize| -> Vec<f64> {
        samples[index]
            .iter()
            .map(|sample| sample.pss_kib as f64 / 1024.0)
            .collect()
    };
    let size = |target: &Target| {
        let bytes = target.binary.metadata().map(|meta| meta.len()).unwrap_or(0);
        format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
    };
    let (app_startup, floor_startup) = (Stats::of(startup(0)), Stats::of(startup(1)));
    let (app_pss, floor_pss) = (Stats::of(pss(0)), Stats::of(pss(1)));
    let startup_ratio = app_startup.median / floor_startup.median;
    let pss_ratio = app_pss.median / floor_pss.median;
    let verdict = |ratio: f64, goal: f64| {
        if ratio <= goal {
            format!("{ratio:.2}x (goal ≤ {goal}x: met)")
        } else {
            format!("{ratio:.2}x (goal ≤ {goal}x: missed)")
        }
    };

    println!(
        "| {runs} runs each, idle {} s | {} | {} | ratio |",
        idle.as_secs(),
        targets[0].name,
        targets[1].name
    );
    println!("|---|---:|---:|---:|");
    println!(
        "| start-up to interactive, median | {:.0} ms | {:.0} ms | {} |",
        app_startup.median,
        floor_startup.median,
        verdict(startup_ratio, STARTUP_GOAL)
    );
    println!(
        "| start-up, min – max | {:.0} – {:.0} ms | {:.0} – {:.0} ms | |",
        app_startup.min, app_startup.max, floor_startup.min, floor_startup.max
    );
    for (label, part) in [
        (
            "· exec → navigation start (process, GTK, WebKit)",
            &native as &dyn Fn(usize) -> Vec<f64>,
        ),
        (
            "· → DOMContentLoaded (page and scripts loaded and run)",
            &scripts,
        ),
        ("· → first screen rendered and painted", &first_screen),
    ] {
        let (app, floor) = (Stats::of(part(0)), Stats::of(part(1)));
        println!(
            "| {label}, median | {:.0} ms | {:.0} ms | {:.2}x |",
            app.median,
            floor.median,
            app.median / floor.median
        );
    }
    println!(
        "| PSS of all processes, median | {:.1} MiB | {:.1} MiB | {} |",
        app_pss.median,
        floor_pss.median,
        verdict(pss_ratio, PSS_GOAL)
    );
    println!(
        "| PSS, min – max | {:.1} – {:.1} MiB | {:.1} – {:.1} MiB | |",
        app_pss.min, app_pss.max, floor_pss.min, floor_pss.max
    );
    let (app_private, floor_private) = (Stats::of(private(0)), Stats::of(private(1)));
    println!(
        "| private memory (USS) of all processes, median | {:.1} MiB | {:.1} MiB | {:.2}x |",
        app_private.median,
        floor_private.median,
        app_private.median / floor_private.median
    );
    println!(
        "| processes counted | {} | {} | |",
        processes(&samples[0]),
        processes(&samples[1])
    );
    println!(
        "| binary size | {} | {} | |",
        size(&targets[0]),
        size(&targets[1])
    );
}

/// The process names of the last run, e.g. "hotline-desk, WebKitWebProcess, WebKitNetworkProcess".
fn processes(samples: &[Sample]) -> String {
    samples
        .last()
        .map(|sample| sample.processes.join(", "))
        .unwrap_or_default()
}

#[derive(Debug)]
struct Stats {
    median: f64,
    min: f64,
    max: f64,
}

impl Stats {
    fn of(mut values: Vec<f64>) -> Stats {
        assert!(!values.is_empty(), "no samples");
        values.sort_by(f64::total_cmp);
        let middle = values.len() / 2;
        let median = if values.len().is_multiple_of(2) {
            (values[middle - 1] + values[middle]) / 2.0
        } else {
            values[middle]
        };
        Stats {
            median,
            min: values[0],
            max: values[values.len() - 1],
        }
    }
}

async fn run_once(driver: &Driver, target: &Target, temp: &Path, idle: Duration) -> Sample {
    let run = tempfile::tempdir_in(temp).expect("run directory");
    let stamp = run.path().join("exec-ns");
    let pid_file = run.path().join("pid");
    let wrapper = run.path().join("launch.sh");
    std::fs::write(
        &wrapper,
        format!(
            "#!/bin/sh\necho $$ > '{}'\ndate +%s%N > '{}'\nexec '{}' \"$@\"\n",
            pid_file.display(),
            stamp.display(),
            target.binary.display()
        ),
    )
    .expect("write the launch wrapper");
    std::fs::set_permissions(&wrapper, std::fs::Permissions::from_mode(0o755))
        .expect("make the wrapper executable");
    let args = if target.data_dir {
        json!(["--data-dir", run.path().join("data").display().to_string()])
    } else {
        json!([])
    };

    let client = driver
        .new_session(&wry_capabilities(&wrapper, args))
        .await
        .unwrap_or_else(|error| panic!("no WebDriver session through tauri-driver: {error}"));
    let ready = wait_until_interactive(&client, target.screen).await;
    let exec = read_number(&stamp);
    let startup = Duration::from_nanos(ready.saturating_sub(exec));
    let origin_ms = client
        .execute("return performance.timeOrigin", vec![])
        .await
        .ok()
        .and_then(|value| value.as_f64())
        .expect("performance.timeOrigin");
    let native = Duration::from_nanos(((origin_ms * 1e6) as u64).saturating_sub(exec));
    let scripts_ms = client
        .execute(
            "return performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd",
            vec![],
        )
        .await
        .ok()
        .and_then(|value| value.as_f64())
        .expect("the navigation timing entry");
    let scripts = Duration::from_secs_f64(scripts_ms / 1000.0);

    tokio::time::sleep(idle).await;
    let pid = read_number(&pid_file) as u32;
    let (pss_kib, private_kib, processes) = memory_of_tree(pid);

    let _ = client.close().await;
    let gone = tokio::time::Instant::now() + Duration::from_secs(10);
    while Path::new(&format!("/proc/{pid}")).exists() && tokio::time::Instant::now() < gone {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Sample {
        startup,
        native,
        scripts,
        pss_kib,
        private_kib,
        processes,
    }
}

/// Probes until `screen` is on a loaded page and two frames have been drawn
/// since; returns that moment in nanoseconds since the epoch.
async fn wait_until_interactive(client: &Client, screen: &str) -> u64 {
    let deadline = tokio::time::Instant::now() + READY_TIMEOUT;
    loop {
        let probe = client
            .execute_async(
                "const [selector, done] = arguments;
                 if (document.readyState !== 'complete' || !document.querySelector(selector)) {
                   done(false);
                 } else {
                   requestAnimationFrame(() => requestAnimationFrame(() => done(true)));
                 }",
                vec![json!(screen)],
            )
            .await;
        if matches!(probe, Ok(Value::Bool(true))) {
            return now_ns();
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "{screen} did not become interactive: {probe:?}"
        );
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
}

/// Sums `Pss` and the private pages over `pid` and all its descendants (KiB);
/// also returns their names.
fn memory_of_tree(pid: u32) -> (u64, u64, Vec<String>) {
    let mut children: HashMap<u32, Vec<u32>> = HashMap::new();
    let mut names: HashMap<u32, String> = HashMap::new();
    for entry in std::fs::read_dir("/proc").expect("read /proc").flatten() {
        let Some(child) = entry
            .file_name()
            .to_str()
            .and_then(|name| name.parse().ok())
        else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        // "pid (comm) state ppid …"; comm may hold spaces and parentheses.
        let (Some(open), Some(close)) = (stat.find('('), stat.rfind(')')) else {
            continue;
        };
        let parent = stat[close + 1..]
            .split_whitespace()
            .nth(1)
            .and_then(|field| field.parse().ok());
        if let Some(parent) = parent {
            children.entry(parent).or_default().push(child);
        }
        // comm is cut at 15 characters; the executable's name is not.
        let name = std::fs::read_link(entry.path().join("exe"))
            .ok()
            .and_then(|exe| {
                exe.file_name()
                    .map(|name| name.to_string_lossy().into_owned())
            })
            .unwrap_or_else(|| stat[open + 1..close].to_owned());
        names.insert(child, name);
    }
    let mut total = 0;
    let mut private = 0;
    let mut seen = Vec::new();
    let mut queue = vec![pid];
    while let Some(current) = queue.pop() {
        let rollup = match std::fs::read_to_string(format!("/proc/{current}/smaps_rollup")) {
            Ok(rollup) => rollup,
            // A helper that exited since /proc was listed holds no memory.
            Err(_) if current != pid => continue,
            Err(error) => panic!("the app (pid {pid}) is gone: {error}"),
        };
        let field = |name: &str| {
            rollup
                .lines()
                .find_map(|line| line.strip_prefix(name))
                .and_then(|value| {
                    value
                        .trim()
                        .trim_end_matches("kB")
                        .trim()
                        .parse::<u64>()
                        .ok()
                })
                .unwrap_or_else(|| panic!("no {name} line for process {current}"))
        };
        total += field("Pss:");
        private += field("Private_Clean:") + field("Private_Dirty:");
        seen.push(names.get(&current).cloned().unwrap_or_default());
        queue.extend(children.get(&current).into_iter().flatten());
    }
    (total, private, seen)
}

fn now_ns() -> u64 {
    let since = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("the clock is after 1970");
    u64::try_from(since.as_nanos()).expect("nanoseconds fit in u64")
}

fn read_number(path: &Path) -> u64 {
    std::fs::read_to_string(path)
        .ok()
        .and_then(|text| text.trim().parse().ok())
        .unwrap_or_else(|| panic!("{} holds no number", path.display()))
}

fn env_number<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(default)
}
