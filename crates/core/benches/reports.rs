//! Reports benchmark: a year's report and the exports over many synthetic
//! calls, each on SQLCipher and, in the same run, on plain SQLite holding
//! the same calls, so a noisy machine still gives a true ratio. The call
//! list's XLSX export is also held against rust_xlsxwriter writing the
//! export's own cells straight from memory, and as many synthetic cells like
//! them (its published anchor is about 1.3 million cells a second).
//!
//! `cargo bench -p hotline-core --bench reports` runs it with 1,000,000
//! calls over five years and a 100,000-call export; `HOTLINE_BENCH_CALLS`
//! and `HOTLINE_BENCH_EXPORT_CALLS` set other sizes. It prints Markdown
//! tables: median times, the most heap an operation held at once, and the
//! process's peak resident memory.

use std::path::Path;
use std::time::{Duration, Instant};

use calamine::{Reader, Xlsx};
use chrono::{Days, NaiveDate, Utc};
use hotline_core::calls::riga_day;
use hotline_core::reports::{
    CallColumn, CallListExport, CallListFormat, ReportExport, ReportFormat, ReportRequest,
};
use hotline_core::testkit::bench_summary::BenchSummary;
use hotline_core::testkit::benchmark::BenchStore;
use hotline_core::Language;
use peak_alloc::PeakAlloc;
use rust_xlsxwriter::{Format, Workbook};

/// Runs per measurement; each is long, so a few give a steady median.
const RUNS: usize = 5;
const YEARS_OF_CALLS: u64 = 5;

fn size(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|value| value.replace('_', "").parse().ok())
        .unwrap_or(default)
}

/// Counts the heap held, so the most an operation holds at once can be
/// measured per operation (the resident set keeps pages the allocator has
/// not handed back). SQLite's own allocations (its page cache, 2 MB by
/// default) go through C's malloc and are not counted here.
#[global_allocator]
static ALLOCATOR: PeakAlloc = PeakAlloc;

/// The median time of `RUNS` runs, and the most heap one of them held at
/// once beyond what was held before it.
struct Measured {
    median: Duration,
    peak_mib: f64,
}

fn measure(mut operation: impl FnMut()) -> Measured {
    let mut times = Vec::with_capacity(RUNS);
    let mut peak_mib: f32 = 0.0;
    for _ in 0..RUNS {
        ALLOCATOR.reset_peak_usage();
        let before = ALLOCATOR.current_usage_as_mb();
        let started = Instant::now();
        operation();
        times.push(started.elapsed());
        peak_mib = peak_mib.max(ALLOCATOR.peak_usage_as_mb() - before);
    }
    times.sort();
    Measured {
        median: times[times.len() / 2],
        peak_mib: f64::from(peak_mib),
    }
}

/// The process's peak resident set so far, in MiB (Linux).
fn peak_resident_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|line| line.strip_prefix("VmHWM:"))
                .and_then(|value| {
                    value
                        .trim()
                        .trim_end_matches("kB")
                        .trim()
                        .parse::<f64>()
                        .ok()
                })
        })
        .map_or(0.0, |kib| kib / 1024.0)
}

fn filled_store(dir: &Path, encrypted: bool, calls: usize) -> BenchStore {
    let name = if encrypted {
        "encrypted.db"
    } else {
        "plain.db"
    };
    let store = BenchStore::create(&dir.join(name), encrypted).expect("create store");
    let started = Instant::now();
    store.fill_sample_calls(calls, 42).expect("fill calls");
    eprintln!(
        "filled {name}: {calls} calls in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    store
}

/// Every column but the free-text ones: what a supervisor exports for
/// statistics.
fn structured_columns() -> Vec<CallColumn> {
    CallColumn::ALL
        .into_iter()
        .filter(|column| {
            !matches!(
                column,
                CallColumn::AdviceGiven | CallColumn::Referrals | CallColumn::Notes
            )
        })
        .collect()
}

struct Results {
    yearly: Measured,
    yearly_xlsx: Measured,
    yearly_pdf: Measured,
    call_list: Measured,
    exported_calls: u64,
}

fn run(store: &BenchStore, out: &Path, export_calls: usize, calls: usize) -> Results {
    let today = riga_day(Utc::now());
    let year = ReportRequest {
        from: today - Days::new(365),
        to: today,
        regions: Vec::new(),
        publication: None,
    };
    let yearly = measure(|| {
        store.report(&year).expect("report");
    });
    let report_export = |format, name: &str| ReportExport {
        format,
        path: out.join(name),
        language: Language::Lv,
    };
    let yearly_xlsx = measure(|| {
        store
            .export_report(&year, &report_export(ReportFormat::Xlsx, "year.xlsx"))
            .expect("xlsx");
    });
    let yearly_pdf = measure(|| {
        store
            .export_report(&year, &report_export(ReportFormat::Pdf, "year.pdf"))
            .expect("pdf");
    });
    // The calls are spread evenly over five years: this many days back holds
    // about `export_calls` of them.
    let days = (YEARS_OF_CALLS * 365 * export_calls as u64 / calls.max(1) as u64).max(1);
    let list = CallListExport {
        from: today - Days::new(days),
        to: today,
        regions: Vec::new(),
        columns: structured_columns(),
        format: CallListFormat::Xlsx,
        path: out.join("calls.xlsx"),
        language: Language::Lv,
    };
    let mut exported_calls = 0;
    let call_list = measure(|| {
        exported_calls = store.export_call_list(&list).expect("call list").calls;
    });
    Results {
        yearly,
        yearly_xlsx,
        yearly_pdf,
        call_list,
        exported_calls,
    }
}

/// rust_xlsxwriter alone writing `rows` × `columns` cells much like the call
/// list's (dates, codes, numbers), with the header formatted: the floor an
/// export from the store cannot beat.
fn anchor(out: &Path, rows: u64, columns: usize) -> Measured {
    let day = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
    measure(|| {
        let mut workbook = Workbook::new();
        let sheet = workbook.add_worksheet();
        for column in 0..columns {
            sheet
                .write_string(0, column as u16, format!("column {column}"))
                .expect("header");
        }
        for row in 1..=rows as u32 {
            for column in 0..columns as u16 {
                let written = match column % 3 {
                    0 => sheet.write_string(row, column, format!("{day} 10:{:02}", row % 60)),
                    1 => sheet.write_string(row, column, "forcedLabour"),
                    _ => sheet.write_number(row, column, f64::from(row)),
                };
                written.expect("cell");
            }
        }
        workbook.save(out.join("anchor.xlsx")).expect("save");
    })
}

/// rust_xlsxwriter alone writing the very cells of the exported call list
/// (read back from its file before the clock starts), every one a string as
/// the export writes them, with the header bold: the floor under the export
/// for this data, not for cells merely like it.
fn anchor_same_cells(out: &Path, exported: &Path) -> Measured {
    let mut workbook: Xlsx<_> = calamine::open_workbook(exported).expect("exported call list");
    let sheet = workbook
        .worksheet_range_at(0)
        .expect("a sheet")
        .expect("readable sheet");
    let rows: Vec<Vec<String>> = sheet
        .rows()
        .map(|row| row.iter().map(ToString::to_string).collect())
        .collect();
    let bold = Format::new().set_bold();
    measure(|| {
        let mut workbook = Workbook::new();
        let sheet = workbook.add_worksheet();
        for (row, cells) in rows.iter().enumerate() {
            for (column, cell) in cells.iter().enumerate() {
                let (row, column) = (row as u32, column as u16);
                let written = if row == 0 {
                    sheet.write_string_with_format(row, column, cell, &bold)
                } else {
                    sheet.write_string(row, column, cell)
                };
                written.expect("cell");
            }
        }
        workbook.save(out.join("same-cells.xlsx")).expect("save");
    })
}

fn seconds(measured: &Measured) -> String {
    format!("{:.2}", measured.median.as_secs_f64())
}

fn ratio(numerator: &Measured, denominator: &Measured) -> String {
    format!(
        "{:.2}x",
        numerator.median.as_secs_f64() / denominator.median.as_secs_f64().max(1e-9)
    )
}

fn main() {
    let calls = size("HOTLINE_BENCH_CALLS", 1_000_000);
    let export_calls = size("HOTLINE_BENCH_EXPORT_CALLS", 100_000);
    let dir = tempfile::tempdir().expect("tempdir");
    let out = tempfile::tempdir().expect("output dir");
    let encrypted = run(
        &filled_store(dir.path(), true, calls),
        out.path(),
        export_calls,
        calls,
    );
    let resident_after_encrypted = peak_resident_mib();
    let plain = run(
        &filled_store(dir.path(), false, calls),
        out.path(),
        export_calls,
        calls,
    );
    let columns = structured_columns().len();
    let cells = encrypted.exported_calls * columns as u64;
    let floor = anchor(out.path(), encrypted.exported_calls, columns);
    let same_cells = anchor_same_cells(out.path(), &out.path().join("calls.xlsx"));

    println!(
        "\nData: {calls} synthetic calls over {YEARS_OF_CALLS} years; the last 365 days hold about {} of them. Median of {RUNS} runs.\n",
        calls / YEARS_OF_CALLS as usize
    );
    println!("| operation | SQLCipher s | plain SQLite s | ratio | SQLCipher peak heap MiB |");
    println!("|---|---:|---:|---:|---:|");
    for (name, secure, baseline) in [
        (
            "yearly report, every breakdown (the Reports screen)",
            &encrypted.yearly,
            &plain.yearly,
        ),
        (
            "yearly report as XLSX (15 sheets)",
            &encrypted.yearly_xlsx,
            &plain.yearly_xlsx,
        ),
        (
            "yearly report as PDF (charts and tables)",
            &encrypted.yearly_pdf,
            &plain.yearly_pdf,
        ),
        ("call list as XLSX", &encrypted.call_list, &plain.call_list),
    ] {
        println!(
            "| {name} | {} | {} | {} | {:.0} |",
            seconds(secure),
            seconds(baseline),
            ratio(secure, baseline),
            secure.peak_mib
        );
    }
    let rate = |measured: &Measured| cells as f64 / measured.median.as_secs_f64().max(1e-9);
    println!(
        "\nCall list: {} calls × {columns} columns = {cells} cells.\n",
        encrypted.exported_calls
    );
    println!("| writer | s | cells/s | peak heap MiB |");
    println!("|---|---:|---:|---:|");
    for (name, measured) in [
        ("call list from SQLCipher", &encrypted.call_list),
        ("call list from plain SQLite", &plain.call_list),
        ("rust_xlsxwriter alone, the export's own cells", &same_cells),
        ("rust_xlsxwriter alone, as many cells like them", &floor),
    ] {
        println!(
            "| {name} | {} | {:.0} | {:.0} |",
            seconds(measured),
            rate(measured),
            measured.peak_mib
        );
    }
    println!(
        "\nPeak resident memory of the process: {resident_after_encrypted:.0} MiB after filling and measuring the SQLCipher store, {:.0} MiB at the end.",
        peak_resident_mib()
    );
    if let Some(summary) = BenchSummary::from_env() {
        let over = |secure: &Measured, baseline: &Measured| {
            secure.median.as_secs_f64() / baseline.median.as_secs_f64().max(1e-9)
        };
        summary
            .record(&[
                ("calls", calls as f64),
                ("report_year_seconds", encrypted.yearly.median.as_secs_f64()),
                (
                    "sqlcipher_over_plain_report",
                    over(&encrypted.yearly, &plain.yearly),
                ),
                // How fast the export is as a share of the writer alone
                // writing the same cells: 1.0 would cost nothing beyond
                // writing them.
                (
                    "xlsx_over_writer_alone",
                    over(&same_cells, &encrypted.call_list),
                ),
                (
                    "xlsx_over_writer_alone_synthetic",
                    over(&floor, &encrypted.call_list),
                ),
                ("xlsx_peak_mib", encrypted.call_list.peak_mib),
            ])
            .expect("write the benchmark summary");
    }
}
