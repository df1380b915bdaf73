//! What the store's hardening settings cost: the app's settings
//! (`secure_delete = ON`, SQLCipher's `cipher_memory_security` left at its
//! default, OFF) against `secure_delete` turned off and against
//! `cipher_memory_security` turned on, each on its own SQLCipher file with
//! the same synthetic calls.
//!
//! `secure_delete` overwrites deleted content with zeros, so an erased or
//! anonymised call leaves no readable remains in free pages.
//! `cipher_memory_security` wipes every buffer SQLCipher frees and locks
//! its memory against swapping. It is process-wide, so every variant runs
//! in a process of its own; the variants take turns, three rounds, so that
//! a busy moment of the machine falls on each alike, and the table shows
//! the median round.
//!
//! The last three variants change SQLCipher's page format instead: the
//! HMAC that authenticates each page (SHA-256 for SQLCipher 4's SHA-512)
//! and the page size (16 KiB for 4 KiB), the choice ADR 0005 leaves open.
//!
//! `cargo bench -p hotline-core --bench hardening` runs it with 50,000
//! calls; `HOTLINE_BENCH_CALLS` sets another size. It prints a Markdown
//! table of medians.

use std::process::Command;
use std::time::{Duration, Instant};

use chrono::{Days, Utc};
use hotline_core::calls::sample::SampleCalls;
use hotline_core::calls::{riga_day, CallFilter, Subject};
use hotline_core::reports::ReportRequest;
use hotline_core::testkit::benchmark::BenchStore;
use hotline_core::Region;

const SAMPLES: usize = 51;
const REPORT_SAMPLES: usize = 5;
const ROUNDS: usize = 3;
/// Set in a child process: the index of the variant it measures.
const VARIANT_ENV: &str = "HOTLINE_BENCH_HARDENING_VARIANT";

struct Variant {
    name: &'static str,
    secure_delete: bool,
    memory_security: bool,
    /// SQLCipher's page format, when not its defaults (4 KiB pages,
    /// HMAC-SHA512): the settings ADR 0005 weighs.
    cipher: &'static [(&'static str, &'static str)],
}

const SHA256: (&str, &str) = ("cipher_hmac_algorithm", "HMAC_SHA256");
const PAGES_16_KIB: (&str, &str) = ("cipher_page_size", "16384");

const VARIANTS: [Variant; 6] = [
    Variant {
        name: "the app's: secure_delete ON, cipher_memory_security OFF",
        secure_delete: true,
        memory_security: false,
        cipher: &[],
    },
    Variant {
        name: "secure_delete OFF",
        secure_delete: false,
        memory_security: false,
        cipher: &[],
    },
    Variant {
        name: "cipher_memory_security ON",
        secure_delete: true,
        memory_security: true,
        cipher: &[],
    },
    Variant {
        name: "HMAC-SHA256",
        secure_delete: true,
        memory_security: false,
        cipher: &[SHA256],
    },
    Variant {
        name: "16 KiB pages",
        secure_delete: true,
        memory_security: false,
        cipher: &[PAGES_16_KIB],
    },
    Variant {
        name: "16 KiB pages, HMAC-SHA256",
        secure_delete: true,
        memory_security: false,
        cipher: &[PAGES_16_KIB, SHA256],
    },
];

/// What one process measured, in the order of the table's columns.
const OPERATIONS: [&str; 6] = [
    "fill (s)",
    "save one call",
    "filtered page",
    "notes search",
    "yearly report",
    "erase one call",
];

fn on_off(on: bool) -> &'static str {
    if on {
        "ON"
    } else {
        "OFF"
    }
}

fn median(samples: usize, mut operation: impl FnMut(usize)) -> Duration {
    let mut times: Vec<Duration> = (0..samples)
        .map(|index| {
            let started = Instant::now();
            operation(index);
            started.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

/// The child's work: fills a store with `variant`'s settings and measures
/// each operation; prints the settings read back, then the times in
/// seconds.
fn measure_variant(variant: &Variant, calls: usize) {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = BenchStore::create_with_cipher(&dir.path().join("store.db"), variant.cipher)
        .expect("store");
    store
        .set_pragma("cipher_memory_security", on_off(variant.memory_security))
        .expect("cipher_memory_security");
    store
        .set_pragma("secure_delete", on_off(variant.secure_delete))
        .expect("secure_delete");
    let setting = |name: &str| store.pragma(name).expect(name);
    println!(
        "secure_delete = {}, cipher_memory_security = {}, cipher_page_size = {}, cipher_hmac_algorithm = {}",
        setting("secure_delete"),
        setting("cipher_memory_security"),
        setting("cipher_page_size"),
        setting("cipher_hmac_algorithm"),
    );
    let started = Instant::now();
    store.fill_sample_calls(calls, 42).expect("fill");
    let fill = started.elapsed();

    let log = store.call_log();
    let now = Utc::now();
    let mut sample = SampleCalls::new(7, now, 1, store.supervisor_id());
    let save = median(SAMPLES, |_| {
        log.add_finished(sample.by_ref().take(1), Utc::now())
            .expect("save");
    });
    let last_year = riga_day(now).checked_sub_days(Days::new(365));
    let page_filter = CallFilter {
        from: last_year,
        regions: vec![Region::Latgale],
        subjects: vec![Subject::FORCED_LABOUR],
        ..CallFilter::default()
    };
    let page = median(SAMPLES, |_| {
        log.find(&page_filter).expect("find");
    });
    let words = ["lacplesa", "noliktav", "pase darba", "vestniecib"];
    let search = median(SAMPLES, |index| {
        log.find(&CallFilter {
            text: Some(words[index % words.len()].into()),
            ..CallFilter::default()
        })
        .expect("search");
    });
    let today = riga_day(now);
    let year = ReportRequest {
        from: today - Days::new(365),
        to: today,
        regions: Vec::new(),
        publication: None,
    };
    let report = median(REPORT_SAMPLES, |_| {
        store.report(&year).expect("report");
    });
    let doomed = log
        .find(&CallFilter {
            from: last_year,
            ..CallFilter::default()
        })
        .expect("calls to erase")
        .calls;
    assert!(
        doomed.len() >= SAMPLES,
        "{SAMPLES} calls to erase: raise HOTLINE_BENCH_CALLS"
    );
    let erase = median(SAMPLES, |index| {
        log.erase(doomed[index].id, Utc::now()).expect("erase");
    });
    let times: Vec<String> = [fill, save, page, search, report, erase]
        .iter()
        .map(|time| time.as_secs_f64().to_string())
        .collect();
    println!("{}", times.join(" "));
}

/// Runs a child process for `variant`: its settings and its times.
fn run_child(variant: usize, calls: usize) -> (String, Vec<f64>) {
    let output = Command::new(std::env::current_exe().expect("this benchmark"))
        .arg("--bench")
        .env(VARIANT_ENV, variant.to_string())
        .env("HOTLINE_BENCH_CALLS", calls.to_string())
        .output()
        .expect("run a variant");
    assert!(
        output.status.success(),
        "variant {variant}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8(output.stdout).expect("UTF-8");
    let mut lines = stdout.lines();
    let settings = lines.next().expect("settings").to_owned();
    let times = lines
        .next()
        .expect("times")
        .split(' ')
        .map(|time| time.parse().expect("a time"))
        .collect();
    (settings, times)
}

fn main() {
    let calls = std::env::var("HOTLINE_BENCH_CALLS")
        .ok()
        .and_then(|value| value.replace('_', "").parse().ok())
        .unwrap_or(50_000);
    if let Some(variant) = std::env::var(VARIANT_ENV)
        .ok()
        .and_then(|index| index.parse::<usize>().ok())
    {
        measure_variant(&VARIANTS[variant], calls);
        return;
    }

    let mut settings = vec![String::new(); VARIANTS.len()];
    let mut rounds = vec![Vec::new(); VARIANTS.len()];
    for round in 0..ROUNDS {
        for (index, variant) in VARIANTS.iter().enumerate() {
            eprintln!("round {}: {}", round + 1, variant.name);
            let (read_back, times) = run_child(index, calls);
            settings[index] = read_back;
            rounds[index].push(times);
        }
    }
    // Per variant and operation, the median of the rounds.
    let medians: Vec<Vec<f64>> = rounds
        .into_iter()
        .map(|mut variant_rounds| {
            (0..OPERATIONS.len())
                .map(|operation| {
                    variant_rounds.sort_by(|a, b| a[operation].total_cmp(&b[operation]));
                    variant_rounds[ROUNDS / 2][operation]
                })
                .collect()
        })
        .collect();

    println!(
        "\nData: {calls} synthetic calls per SQLCipher store; each variant in its own process, {ROUNDS} rounds in turns; the median round of medians of {SAMPLES} samples. Times in ms (filling in s); ratios against the app's settings.\n"
    );
    println!("| settings (read back) | {} |", OPERATIONS.join(" | "));
    println!("|---|{}", "---:|".repeat(OPERATIONS.len()));
    for (index, variant) in VARIANTS.iter().enumerate() {
        let cells: Vec<String> = (0..OPERATIONS.len())
            .map(|operation| {
                let value = medians[index][operation];
                let shown = if operation == 0 {
                    value
                } else {
                    value * 1000.0
                };
                format!(
                    "{shown:.2} ({:.2}x)",
                    value / medians[0][operation].max(1e-12)
                )
            })
            .collect();
        println!(
            "| {} ({}) | {} |",
            variant.name,
            settings[index],
            cells.join(" | ")
        );
    }
}
