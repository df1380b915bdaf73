//! Store benchmark: the call log with many synthetic calls and the referral
//! directory, each on SQLCipher and, in the same run, on plain SQLite as the
//! baseline, so a noisy machine still gives a true ratio.
//!
//! `cargo bench -p hotline-core --bench store` runs it with 1,000,000 calls
//! and 5,000 directory entries; `HOTLINE_BENCH_CALLS` and
//! `HOTLINE_BENCH_ENTRIES` set other sizes. It prints a Markdown table of the
//! median and 95th percentile of each operation, then the 99th percentile of
//! a save while the yearly report runs on a reader, against a bare fsync.

use std::os::unix::fs::FileExt;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{Days, Utc};
use hotline_core::calls::sample::SampleCalls;
use hotline_core::calls::{riga_day, CallFilter, Subject};
use hotline_core::referrals::{
    Area, ReferralInput, ReferralQuery, ServiceType, Texts, MUNICIPALITIES,
};
use hotline_core::reports::ReportRequest;
use hotline_core::testkit::bench_summary::BenchSummary;
use hotline_core::testkit::benchmark::BenchStore;
use hotline_core::Region;

const SAMPLES: usize = 101;

const SAVE: &str = "save one finished call (durable commit)";
const NOTES_SEARCH: &str = "notes search, newest 500 matches";
const DIRECTORY_AS_YOU_TYPE: &str = "directory search as you type";

fn size(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|value| value.replace('_', "").parse().ok())
        .unwrap_or(default)
}

struct Timing {
    median: Duration,
    p95: Duration,
    p99: Duration,
}

impl Timing {
    fn of(mut times: Vec<Duration>) -> Timing {
        times.sort();
        Timing {
            median: times[times.len() / 2],
            p95: times[(times.len() * 95 / 100).min(times.len() - 1)],
            p99: times[(times.len() * 99 / 100).min(times.len() - 1)],
        }
    }
}

fn timed(operation: impl FnOnce()) -> Duration {
    let started = Instant::now();
    operation();
    started.elapsed()
}

fn measure(samples: usize, mut operation: impl FnMut(usize)) -> Timing {
    Timing::of(
        (0..samples)
            .map(|index| timed(|| operation(index)))
            .collect(),
    )
}

fn millis(duration: Duration) -> String {
    format!("{:.3}", duration.as_secs_f64() * 1000.0)
}

/// One store filled with `calls` synthetic calls and `entries` directory entries.
fn filled_store(dir: &Path, encrypted: bool, calls: usize, entries: usize) -> BenchStore {
    let name = if encrypted {
        "encrypted.db"
    } else {
        "plain.db"
    };
    let store = BenchStore::create(&dir.join(name), encrypted).expect("create store");
    let started = Instant::now();
    store.fill_sample_calls(calls, 42).expect("fill calls");
    let kinds = ServiceType::ALL;
    store
        .fill_directory((0..entries).map(|index| {
            let municipality = &MUNICIPALITIES[index % MUNICIPALITIES.len()];
            let kind = kinds[index % kinds.len()];
            ReferralInput {
                key: format!("entry-{index}"),
                organisation: Texts::lv(&format!("{} {} {index}", municipality.name, kind.code())),
                service: Texts::lv(if index % 97 == 0 {
                    "Drošā māja"
                } else {
                    "Konsultācijas"
                }),
                service_types: vec![kind],
                areas: vec![Area::Municipality {
                    code: municipality.code.to_owned(),
                }],
                hours: "Mon-Fri 09:00-17:00".into(),
                languages: vec!["lv".into(), "ru".into()],
                notes: Texts::lv("Pieņem bez iepriekšēja pieraksta."),
                ..ReferralInput::default()
            }
        }))
        .expect("fill directory");
    eprintln!(
        "filled {name}: {calls} calls, {entries} entries in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    store
}

fn operations(store: &BenchStore) -> Vec<(&'static str, Timing)> {
    let log = store.call_log();
    let directory = store.directory();
    let now = Utc::now();
    let mut sample = SampleCalls::new(7, now, 1, store.supervisor_id());
    let year_ago = riga_day(now).checked_sub_days(Days::new(365));
    let page = CallFilter {
        from: year_ago,
        regions: vec![Region::Latgale],
        subjects: vec![Subject::FORCED_LABOUR],
        ..CallFilter::default()
    };
    let words = ["lacplesa", "noliktav", "pase darba", "vestniecib"];
    let typed = [
        "d", "dr", "dro", "dros", "dros m", "dros ma", "rezekne", "kons",
    ];
    vec![
        (
            SAVE,
            measure(SAMPLES, |_| {
                log.add_finished(sample.by_ref().take(1), Utc::now())
                    .expect("save");
            }),
        ),
        (
            "list one filtered page (Latgale, forced labour, last year)",
            measure(SAMPLES, |_| {
                log.find(&page).expect("find");
            }),
        ),
        (
            NOTES_SEARCH,
            measure(SAMPLES, |index| {
                log.find(&CallFilter {
                    text: Some(words[index % words.len()].into()),
                    ..CallFilter::default()
                })
                .expect("search");
            }),
        ),
        (DIRECTORY_AS_YOU_TYPE, {
            // Each typed query's own median is printed too, so the p95 can be
            // traced to the queries that make it.
            let mut per_query = vec![Vec::new(); typed.len()];
            let timing = measure(SAMPLES * 4, |index| {
                let started = Instant::now();
                let found = directory
                    .search(
                        &ReferralQuery {
                            text: Some(typed[index % typed.len()].into()),
                            ..ReferralQuery::default()
                        },
                        now,
                    )
                    .expect("directory search");
                per_query[index % typed.len()].push(started.elapsed());
                assert!(!found.is_empty(), "every typed query finds entries");
            });
            let medians: Vec<String> = typed
                .iter()
                .zip(&mut per_query)
                .map(|(text, times)| {
                    times.sort();
                    format!("\"{text}\" {} ms", millis(times[times.len() / 2]))
                })
                .collect();
            eprintln!(
                "directory search as you type, median per query: {}",
                medians.join(", ")
            );
            timing
        }),
        (
            "directory filter (region + type + open now)",
            measure(SAMPLES, |_| {
                directory
                    .search(
                        &ReferralQuery {
                            region: Some(Region::Latgale),
                            service_type: Some(ServiceType::SocialService),
                            open_now: true,
                            ..ReferralQuery::default()
                        },
                        now,
                    )
                    .expect("directory filter");
            }),
        ),
    ]
}

/// Saves measured for the 99th percentile under load: enough that the
/// percentile is not the single worst save.
const SAVES_UNDER_LOAD: usize = 501;

/// Saving one finished call while the yearly report runs again and again
/// on a reader (as the Reports screen runs it), and, in the same directory,
/// a bare 4 KiB write made durable with `fdatasync`: the floor under any
/// durable save. Each save is followed by one such write under the same
/// load (the reports, the session's checkpointer), so a busy moment of the
/// disk touches both alike: measured after the saves instead, the floor
/// once met the checkpointer's writes alone, its p99 46 times its median,
/// and the ratio of the p99s said more about the disk than the save.
/// Returns both timings and how many reports ran.
fn save_under_load(store: &BenchStore, dir: &Path) -> (Timing, Timing, usize) {
    let reader = store.reader().expect("an encrypted store has readers");
    let today = riga_day(Utc::now());
    let request = ReportRequest {
        from: today.checked_sub_days(Days::new(365)).expect("a year ago"),
        to: today,
        regions: Vec::new(),
        publication: None,
    };
    // One report first, so the reader's pages are warm and the saves meet
    // reports running back to back rather than one cold read.
    reader.report(&request).expect("warm-up report");
    let stop = Arc::new(AtomicBool::new(false));
    let reporting = {
        let stop = Arc::clone(&stop);
        std::thread::spawn(move || {
            let mut reports = 0;
            while !stop.load(Ordering::Relaxed) {
                reader.report(&request).expect("report");
                reports += 1;
            }
            reports
        })
    };
    let log = store.call_log();
    let mut sample = SampleCalls::new(11, Utc::now(), 1, store.supervisor_id());
    let file = std::fs::File::create(dir.join("fsync-floor")).expect("floor file");
    let page = [0x5a_u8; 4096];
    let mut saves = Vec::with_capacity(SAVES_UNDER_LOAD);
    let mut fsyncs = Vec::with_capacity(SAVES_UNDER_LOAD);
    for _ in 0..SAVES_UNDER_LOAD {
        saves.push(timed(|| {
            log.add_finished(sample.by_ref().take(1), Utc::now())
                .expect("save");
        }));
        fsyncs.push(timed(|| {
            file.write_all_at(&page, 0).expect("write");
            file.sync_data().expect("fdatasync");
        }));
    }
    stop.store(true, Ordering::Relaxed);
    let reports = reporting.join().expect("report thread");
    (Timing::of(saves), Timing::of(fsyncs), reports)
}

fn main() {
    let calls = size("HOTLINE_BENCH_CALLS", 1_000_000);
    let entries = size("HOTLINE_BENCH_ENTRIES", 5_000);
    let dir = tempfile::tempdir().expect("tempdir");
    let store = filled_store(dir.path(), true, calls, entries);
    let encrypted = operations(&store);
    let (loaded, fsync, reports) = save_under_load(&store, dir.path());
    drop(store);
    let plain = operations(&filled_store(dir.path(), false, calls, entries));
    println!("\nData: {calls} synthetic calls over 5 years, {entries} directory entries; {SAMPLES} samples per call-log operation.\n");
    println!("| operation | SQLCipher median ms | SQLCipher p95 ms | plain median ms | plain p95 ms | median ratio |");
    println!("|---|---:|---:|---:|---:|---:|");
    let ratio = |secure: &Timing, baseline: &Timing| {
        secure.median.as_secs_f64() / baseline.median.as_secs_f64().max(1e-9)
    };
    for ((name, secure), (_, baseline)) in encrypted.iter().zip(&plain) {
        println!(
            "| {name} | {} | {} | {} | {} | {:.2}x |",
            millis(secure.median),
            millis(secure.p95),
            millis(baseline.median),
            millis(baseline.p95),
            ratio(secure, baseline)
        );
    }
    let under_load = loaded.p99.as_secs_f64() / fsync.p99.as_secs_f64().max(1e-9);
    let median_under_load = loaded.median.as_secs_f64() / fsync.median.as_secs_f64().max(1e-9);
    println!(
        "\nSave one finished call while the yearly report runs on a reader ({reports} reports ran), each save followed by a bare 4 KiB write + fdatasync: save p99 {} ms, median {} ms; fsync p99 {} ms, median {} ms; the save's p99 is {under_load:.2}x the fsync's, its median {median_under_load:.2}x ({SAVES_UNDER_LOAD} of each).",
        millis(loaded.p99),
        millis(loaded.median),
        millis(fsync.p99),
        millis(fsync.median),
    );
    if let Some(summary) = BenchSummary::from_env() {
        let named = |name: &str| {
            let index = encrypted
                .iter()
                .position(|(operation, _)| *operation == name)
                .expect("measured operation");
            (&encrypted[index].1, &plain[index].1)
        };
        let (save, save_plain) = named(SAVE);
        let (notes, notes_plain) = named(NOTES_SEARCH);
        let (typed, _) = named(DIRECTORY_AS_YOU_TYPE);
        summary
            .record(&[
                ("calls", calls as f64),
                ("directory_entries", entries as f64),
                ("sqlcipher_over_plain_save", ratio(save, save_plain)),
                (
                    "sqlcipher_over_plain_notes_search",
                    ratio(notes, notes_plain),
                ),
                ("notes_search_ms", notes.median.as_secs_f64() * 1000.0),
                ("referral_search_p95_ms", typed.p95.as_secs_f64() * 1000.0),
                ("save_p99_under_load_over_fsync", under_load),
                ("save_median_under_load_over_fsync", median_under_load),
            ])
            .expect("write the benchmark summary");
    }
}
