//! Store benchmark: the call log with many synthetic calls and the referral
//! directory, each on SQLCipher and, in the same run, on plain SQLite as the
//! baseline, so a noisy machine still gives a true ratio.
//!
//! `cargo bench -p hotline-core --bench store` runs it with 1,000,000 calls
//! and 5,000 directory entries; `HOTLINE_BENCH_CALLS` and
//! `HOTLINE_BENCH_ENTRIES` set other sizes. It prints a Markdown table of the
//! median and 95th percentile of each operation.

use std::time::{Duration, Instant};

use chrono::{Days, Utc};
use hotline_core::calls::sample::SampleCalls;
use hotline_core::calls::{riga_day, CallFilter, Subject};
use hotline_core::referrals::{
    Area, ReferralInput, ReferralQuery, ServiceType, Texts, MUNICIPALITIES,
};
use hotline_core::testkit::benchmark::BenchStore;
use hotline_core::Region;

const SAMPLES: usize = 101;

fn size(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|value| value.replace('_', "").parse().ok())
        .unwrap_or(default)
}

struct Timing {
    median: Duration,
    p95: Duration,
}

fn measure(samples: usize, mut operation: impl FnMut(usize)) -> Timing {
    let mut times: Vec<Duration> = (0..samples)
        .map(|index| {
            let started = Instant::now();
            operation(index);
            started.elapsed()
        })
        .collect();
    times.sort();
    Timing {
        median: times[times.len() / 2],
        p95: times[(times.len() * 95 / 100).min(times.len() - 1)],
    }
}

fn millis(duration: Duration) -> String {
    format!("{:.3}", duration.as_secs_f64() * 1000.0)
}

/// One store filled with `calls` synthetic calls and `entries` directory entries.
fn filled_store(
    dir: &std::path::Path,
    encrypted: bool,
    calls: usize,
    entries: usize,
) -> BenchStore {
    let name = if encrypted {
        "encrypted.db"
    } else {
        "plain.db"
    };
    let store = BenchStore::create(&dir.join(name), encrypted).expect("create store");
    let started = Instant::now();
    store.fill_sample_calls(calls, 42).expect("fill calls");
    let kinds = ServiceType::ALL;
    for index in 0..entries {
        let municipality = &MUNICIPALITIES[index % MUNICIPALITIES.len()];
        let kind = kinds[index % kinds.len()];
        let input = ReferralInput {
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
        };
        store
            .directory()
            .save(None, input, Utc::now())
            .expect("fill directory");
    }
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
            "save one finished call (durable commit)",
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
            "notes search, newest 500 matches",
            measure(SAMPLES, |index| {
                log.find(&CallFilter {
                    text: Some(words[index % words.len()].into()),
                    ..CallFilter::default()
                })
                .expect("search");
            }),
        ),
        (
            "directory search as you type",
            measure(SAMPLES * 4, |index| {
                directory
                    .search(
                        &ReferralQuery {
                            text: Some(typed[index % typed.len()].into()),
                            ..ReferralQuery::default()
                        },
                        now,
                    )
                    .expect("directory search");
            }),
        ),
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

fn main() {
    let calls = size("HOTLINE_BENCH_CALLS", 1_000_000);
    let entries = size("HOTLINE_BENCH_ENTRIES", 5_000);
    let dir = tempfile::tempdir().expect("tempdir");
    let encrypted = operations(&filled_store(dir.path(), true, calls, entries));
    let plain = operations(&filled_store(dir.path(), false, calls, entries));
    println!("\nData: {calls} synthetic calls over 5 years, {entries} directory entries; {SAMPLES} samples per call-log operation.\n");
    println!("| operation | SQLCipher median ms | SQLCipher p95 ms | plain median ms | plain p95 ms | median ratio |");
    println!("|---|---:|---:|---:|---:|---:|");
    for ((name, secure), (_, baseline)) in encrypted.iter().zip(&plain) {
        println!(
            "| {name} | {} | {} | {} | {} | {:.2}x |",
            millis(secure.median),
            millis(secure.p95),
            millis(baseline.median),
            millis(baseline.p95),
            secure.median.as_secs_f64() / baseline.median.as_secs_f64().max(1e-9)
        );
    }
}
