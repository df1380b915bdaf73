#!/usr/bin/env bash
# Regenerates the app icons in src-tauri/icons from the one source image,
# assets/icons/icon.svg, with the Tauri CLI's `icon` command (the npm package
# @tauri-apps/cli, a devDependency of ui/). Only the desktop set is kept: the
# PNGs Linux and the .deb use, icon.ico for Windows and icon.icns for macOS.
# Run it after changing the SVG and commit the result. (icon.icns holds the
# same images in a different order from one run to the next; git shows it as
# changed even when the SVG was not.)
source "$(dirname "${BASH_SOURCE[0]}")/lib/setup.sh"

ensure_toolchain
ensure_ui_packages

out="$(mktemp -d)"
trap 'rm -rf "$out" "$out.log"' EXIT
(cd "$REPO_ROOT/ui" && npx --no-install tauri icon ../assets/icons/icon.svg --output "$out") >"$out.log" 2>&1 \
  || { cat "$out.log" >&2; die "tauri icon failed (see above)"; }

icons="$REPO_ROOT/src-tauri/icons"
mkdir -p "$icons"
for name in 32x32.png 64x64.png 128x128.png 128x128@2x.png icon.png icon.ico icon.icns; do
  cp "$out/$name" "$icons/$name"
done
say "icons written to src-tauri/icons"
