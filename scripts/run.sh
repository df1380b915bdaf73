#!/usr/bin/env bash
# Runs Hotline Desk on this machine, installing what is missing first.
# Usage: scripts/run.sh [--data-dir DIR]
source "$(dirname "${BASH_SOURCE[0]}")/lib/setup.sh"

ensure_toolchain
ensure_apt_packages "${APT_PACKAGES_APP[@]}"
ensure_ui_packages
build_ui
say "building the app"
(cd "$REPO_ROOT" && cargo build -p hotline-desk) || die "the app build failed (see above)"
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  die "no display: run this in a desktop session (or under xvfb-run for a headless check)"
fi
say "starting Hotline Desk"
exec "$CARGO_TARGET_DIR/debug/hotline-desk" "$@"
