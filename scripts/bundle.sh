#!/usr/bin/env bash
# Builds the installable .deb of Hotline Desk with the Tauri bundler.
# Usage: scripts/bundle.sh [--debug]
#   (no option)  a release build, packaged in $CARGO_TARGET_DIR/release/bundle/deb/
#   --debug      the debug build instead, in $CARGO_TARGET_DIR/debug/bundle/deb/
#                (what the test suite installs; quick to build)
# The .msi/NSIS (Windows) and .app/.dmg (macOS) bundles are built on those
# systems: see docs/bundles.md.
source "$(dirname "${BASH_SOURCE[0]}")/lib/setup.sh"

case "${1:-}" in
  "") profile=release; cargo_flags=(--release) ;;
  --debug) profile=debug; cargo_flags=() ;;
  *) die "unknown option $1; usage: scripts/bundle.sh [--debug]" ;;
esac

ensure_toolchain
ensure_apt_packages "${APT_PACKAGES_APP[@]}"
ensure_ui_packages
build_ui
say "building the app ($profile)"
(cd "$REPO_ROOT" && cargo build "${cargo_flags[@]}" --locked -p hotline-desk) || die "the app build failed (see above)"
say "packaging the $profile build as a .deb"
# From src-tauri/, so the CLI finds the app's tauri.conf.json and not
# benches/empty-tauri's; `tauri bundle` packages the build above, compiling nothing.
bundle_flags=(--bundles deb --ci)
[ "$profile" = debug ] && bundle_flags+=(--debug)
(cd "$REPO_ROOT/src-tauri" && ../ui/node_modules/.bin/tauri bundle "${bundle_flags[@]}") \
  || die "the Tauri bundler could not build the .deb (see above)"
ls "$CARGO_TARGET_DIR/$profile/bundle/deb/"*.deb
