#!/usr/bin/env bash
# Start-up and memory benchmark: builds the release app and the empty Tauri
# window (benches/empty-tauri) with the same release profile in one cargo run,
# then starts each 10 times under Xvfb and prints a Markdown table
# (tests/e2e/benches/startup.rs says what is measured). Not part of the test
# suite; the last results are in docs/benchmarks.md.
source "$(dirname "${BASH_SOURCE[0]}")/lib/setup.sh"

ensure_toolchain
ensure_apt_packages "${APT_PACKAGES_APP[@]}" "${APT_PACKAGES_TEST[@]}"
ensure_ui_packages
ensure_tauri_driver
cd "$REPO_ROOT"
build_ui

say "building the release app and the empty Tauri window"
cargo build --release --locked -p hotline-desk -p empty-tauri || die "the release build failed"

say "benchmarking start-up and memory under Xvfb"
xvfb-run --auto-servernum --server-args="-screen 0 1280x800x24" \
  cargo bench --locked -p hotline-e2e --bench startup || die "the benchmark failed"
