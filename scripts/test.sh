#!/usr/bin/env bash
# Runs the whole test suite, installing what is missing first: formatting and
# lints, the UI's tests, hotline-core, CLI and sync-server tests (against SQLite
# and a local PostgreSQL), and the end-to-end tests that drive the real app
# under Xvfb through tauri-driver and WebKitWebDriver, including the .deb
# bundle installed with dpkg, started and removed again.
source "$(dirname "${BASH_SOURCE[0]}")/lib/setup.sh"

ensure_toolchain
ensure_rust_components
ensure_apt_packages "${APT_PACKAGES_APP[@]}" "${APT_PACKAGES_TEST[@]}"
ensure_ui_packages
ensure_tauri_driver
ensure_test_postgres
cd "$REPO_ROOT"

say "UI: type check, unit tests, build"
(cd ui && npm run --silent typecheck && npm test --silent) || die "UI tests failed"
build_ui

say "Rust: formatting"
cargo fmt --all --check || die "code is not formatted: run cargo fmt --all"

say "Rust: clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings || die "clippy found problems"

say "Rust: core, CLI and shell tests"
cargo test --workspace --exclude hotline-e2e --locked || die "Rust tests failed"

say "End-to-end: the real app under Xvfb"
cargo build -p hotline-desk -p hotline-cli -p hotline-sync-server --locked || die "the app build failed"
xvfb-run --auto-servernum --server-args="-screen 0 1280x800x24" \
  cargo test -p hotline-e2e --locked -- --test-threads=1 \
  || die "end-to-end tests failed (screenshots in tests/e2e/artifacts/)"

say "all tests passed; screenshots in tests/e2e/artifacts/"
