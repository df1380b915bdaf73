# Shared set-up for scripts/run.sh and scripts/test.sh: installs what is missing,
# idempotently, and says exactly what to install where it cannot.
# Sourced, not executed: it defines functions and exports the build cache.

set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export REPO_ROOT
# The build cache lives outside the clone so a warm machine is faster; a fresh
# machine simply builds from scratch.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/hotline-desk/target}"
export PATH="$HOME/.cargo/bin:$PATH"

APT_PACKAGES_APP=(
  libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev libsoup-3.0-dev
  libayatana-appindicator3-dev libssl-dev pkg-config build-essential
)
APT_PACKAGES_TEST=(xvfb webkit2gtk-driver imagemagick sqlite3 xdotool x11-utils xclip poppler-utils)

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf '\033[31merror:\033[0m %s\n' "$*" >&2; exit 1; }

is_debian_like() {
  [ -r /etc/os-release ] && grep -qiE '^(ID|ID_LIKE)=.*(debian|ubuntu)' /etc/os-release
}

# Installs the given Debian packages that are not installed yet.
ensure_apt_packages() {
  local missing=() pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if ! is_debian_like; then
    die "this is not Debian or Ubuntu; install the equivalents of: ${missing[*]}
(Fedora: webkit2gtk4.1-devel gtk3-devel librsvg2-devel libsoup3-devel openssl-devel xorg-x11-server-Xvfb webkit2gtk4.1-devel;
 Arch: webkit2gtk-4.1 gtk3 librsvg libsoup3 openssl xorg-server-xvfb), then run this command again."
  fi
  say "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq || die "apt-get update failed: check the network or the apt sources"
  as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || die "apt-get install failed for: ${missing[*]}"
}

# Runs a command as root: directly when we are root, else through sudo.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  else
    command -v sudo >/dev/null || die "need root for: $* (run as root or install sudo)"
    sudo "$@"
  fi
}

# Starts Debian's PostgreSQL cluster and a test role that may create databases,
# so the sync server's tests run against PostgreSQL as well as SQLite. Exports
# HOTLINE_TEST_POSTGRES_URL for them.
ensure_test_postgres() {
  ensure_apt_packages postgresql
  local version name port status
  read -r version name port status _ < <(pg_lsclusters --no-header | head -n1) \
    || die "PostgreSQL is installed but has no cluster: run pg_createcluster 15 main --start"
  if [[ "$status" != online* ]]; then
    say "starting PostgreSQL $version/$name on port $port"
    as_root pg_ctlcluster "$version" "$name" start \
      || die "PostgreSQL $version/$name did not start: see /var/log/postgresql/postgresql-$version-$name.log"
  fi
  as_root runuser -u postgres -- psql -p "$port" -qtA -v ON_ERROR_STOP=1 -c "
    DO \$\$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'hotline_test') THEN
        CREATE ROLE hotline_test LOGIN CREATEDB PASSWORD 'hotline_test';
      END IF;
    END \$\$;" >/dev/null || die "could not create the PostgreSQL role hotline_test"
  export HOTLINE_TEST_POSTGRES_URL="postgres://hotline_test:hotline_test@127.0.0.1:$port/postgres"
}

ensure_toolchain() {
  command -v cargo >/dev/null || die "cargo not found: install Rust from https://rustup.rs (stable), then run this command again"
  command -v node >/dev/null || die "node not found: install Node.js 20 or newer (Debian: apt install nodejs npm), then run this command again"
  command -v npm >/dev/null || die "npm not found: install npm (Debian: apt install npm), then run this command again"
}

# Installs the UI's npm packages when package-lock.json changed since the last install.
ensure_ui_packages() {
  local stamp="$REPO_ROOT/ui/node_modules/.package-lock.json"
  if [ ! -f "$stamp" ] || ! cmp -s "$REPO_ROOT/ui/package-lock.json" "$REPO_ROOT/ui/node_modules/.hotline-lock"; then
    say "installing UI npm packages"
    (cd "$REPO_ROOT/ui" && npm ci --no-audit --no-fund --loglevel=error) || die "npm ci failed in ui/"
    cp "$REPO_ROOT/ui/package-lock.json" "$REPO_ROOT/ui/node_modules/.hotline-lock"
  fi
}

build_ui() {
  say "building the UI into ui/dist"
  (cd "$REPO_ROOT/ui" && npm run --silent build) || die "the UI build failed (see above)"
}

ensure_tauri_driver() {
  if ! command -v tauri-driver >/dev/null; then
    say "installing tauri-driver"
    cargo install tauri-driver --version '^2' --locked || die "cargo install tauri-driver failed"
  fi
  command -v WebKitWebDriver >/dev/null || die "WebKitWebDriver not found: install Debian's webkit2gtk-driver"
}

ensure_rust_components() {
  if command -v rustup >/dev/null; then
    rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy
    rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt
  fi
  cargo clippy --version >/dev/null 2>&1 || die "cargo clippy is missing: rustup component add clippy"
  cargo fmt --version >/dev/null 2>&1 || die "cargo fmt is missing: rustup component add rustfmt"
}
