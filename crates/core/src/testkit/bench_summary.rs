//! The figures the speed goals are judged by, gathered from every benchmark
//! binary of one run into one JSON object (`scripts/bench.sh` names the
//! file in `HOTLINE_BENCH_SUMMARY`), so a run can be compared with the goals
//! and with the last run without reading Markdown tables.

use std::path::PathBuf;

use serde_json::{Map, Value};

pub const SUMMARY_FILE_VARIABLE: &str = "HOTLINE_BENCH_SUMMARY";

#[derive(Debug)]
pub struct BenchSummary {
    path: PathBuf,
}

impl BenchSummary {
    /// The summary file of this run, when one is being gathered; a
    /// benchmark run by hand only prints its table.
    pub fn from_env() -> Option<Self> {
        std::env::var_os(SUMMARY_FILE_VARIABLE).map(|path| Self { path: path.into() })
    }

    /// Adds `figures` to the file, keeping what other benchmarks wrote;
    /// a figure measured again replaces the older one.
    pub fn record(&self, figures: &[(&str, f64)]) -> std::io::Result<()> {
        let mut summary = match std::fs::read(&self.path) {
            Ok(bytes) => serde_json::from_slice::<Map<String, Value>>(&bytes)
                .map_err(|error| std::io::Error::new(std::io::ErrorKind::InvalidData, error))?,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Map::new(),
            Err(error) => return Err(error),
        };
        for (key, figure) in figures {
            let rounded = (figure * 1000.0).round() / 1000.0;
            summary.insert((*key).to_owned(), Value::from(rounded));
        }
        let text = serde_json::to_string_pretty(&summary).map_err(std::io::Error::other)?;
        std::fs::write(&self.path, text + "\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_from_two_benchmarks_end_up_in_one_object() {
        let dir = tempfile::tempdir().expect("tempdir");
        let summary = BenchSummary {
            path: dir.path().join("summary.json"),
        };
        summary
            .record(&[("calls", 100_000.0), ("notes_search_ms", 12.34567)])
            .expect("store bench");
        summary
            .record(&[("pull_records_per_s", 3322.0), ("calls", 100_000.0)])
            .expect("sync bench");
        let read: Map<String, Value> =
            serde_json::from_slice(&std::fs::read(dir.path().join("summary.json")).expect("read"))
                .expect("json");
        assert_eq!(read.len(), 3);
        assert_eq!(read["notes_search_ms"], Value::from(12.346));
        assert_eq!(read["pull_records_per_s"], Value::from(3322.0));
    }
}
