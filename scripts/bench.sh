#!/usr/bin/env bash
# Runs every speed and memory benchmark of the store, the reports and sync,
# prints each one's Markdown table, and gathers the figures the speed goals
# (issue 19) are judged by into target/bench-summary.json.
#
#   scripts/bench.sh --quick   100,000 calls (a few minutes once built)
#   scripts/bench.sh           1,000,000 calls (the sizes docs/benchmarks.md reports)
#
# Every figure is a ratio against a baseline measured in the same run, or a
# size; none is a pass/fail threshold. Not part of the test suite.
source "$(dirname "${BASH_SOURCE[0]}")/lib/setup.sh"

case "${1:-}" in
  --quick) calls=100000 export_calls=20000 sync_records=20000 ;;
  "") calls=1000000 export_calls=100000 sync_records=100000 ;;
  *) die "unknown option '$1': use --quick for the 100,000-call run, or nothing for 1,000,000" ;;
esac

ensure_toolchain
ensure_apt_packages "${APT_PACKAGES_APP[@]}"
cd "$REPO_ROOT"

summary="$REPO_ROOT/target/bench-summary.json"
mkdir -p "$(dirname "$summary")"
rm -f "$summary"
export HOTLINE_BENCH_SUMMARY="$summary"
export HOTLINE_BENCH_CALLS="$calls"
export HOTLINE_BENCH_EXPORT_CALLS="$export_calls"
export HOTLINE_BENCH_ENTRIES=100000
export HOTLINE_BENCH_RECORDS="$sync_records"

# One build for every benchmark: the same packages selected in each cargo
# call, so features unify once and nothing is compiled twice.
packages=(-p hotline-core -p hotline-sync-server)
say "building the benchmarks"
cargo bench --locked "${packages[@]}" --bench store --bench reports --bench sync --no-run \
  || die "the benchmarks did not build"
say "benchmarking the store ($calls calls, 100,000 directory entries)"
cargo bench --locked "${packages[@]}" --bench store || die "the store benchmark failed"
say "benchmarking reports and exports ($calls calls, $export_calls exported)"
cargo bench --locked "${packages[@]}" --bench reports || die "the reports benchmark failed"
ensure_test_postgres
say "benchmarking sync on loopback ($sync_records calls, through SQLite and through PostgreSQL)"
cargo bench --locked "${packages[@]}" --bench sync || die "the sync benchmark failed"

missing=()
for key in calls sqlcipher_over_plain_save sqlcipher_over_plain_report \
  sqlcipher_over_plain_notes_search report_year_seconds notes_search_ms \
  referral_search_p95_ms save_p99_under_load_over_fsync pull_records_per_s \
  push_records_per_s wire_bytes_per_record xlsx_over_writer_alone xlsx_peak_mib \
  push_records_per_s_postgres pull_records_per_s_postgres; do
  grep -q "\"$key\"" "$summary" || missing+=("$key")
done
cat "$summary"
if ((${#missing[@]} > 0)); then
  die "no benchmark measured: ${missing[*]}"
fi
say "summary written to $summary"
