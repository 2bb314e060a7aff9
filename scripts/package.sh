#!/usr/bin/env bash
# Why this file exists: the one command that builds Front Desk's release installers
# (docs/INSTALL.md). On Linux it installs what is missing, builds the release app and the .deb
# with the Tauri CLI, checks the .deb (contents, Depends line, a start under Xvfb), then tries
# the AppImage, whose tools the Tauri bundler downloads from GitHub: where that download fails
# the .deb still counts and the script says why the AppImage is missing. On macOS and Windows
# (Git Bash) it builds the bundles tauri.conf.json names for that system (.app/.dmg, .msi and
# NSIS setup); those runs were never tried on this project's Linux machines.
#
# Usage: scripts/package.sh
#   FRONTDESK_REQUIRE_APPIMAGE=1  fail when no AppImage could be made (release machines with
#                                 the AppImage tools at hand)
#   FRONTDESK_SKIP_SMOKE=1        skip the start of the packaged app under Xvfb
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
t_start=$(date +%s)
case "$(uname -s)" in
  Linux) platform=linux ;;
  Darwin) platform=macos ;;
  MINGW* | MSYS* | CYGWIN*) platform=windows ;;
  *) echo "unsupported system: $(uname -s)" >&2; exit 2 ;;
esac

# --- What the build and the checks need -----------------------------------------------------
if [ "$platform" != linux ]; then
  # Rust, Node.js and the system's own bundling tools (Xcode, or WiX/NSIS, which the Tauri CLI
  # fetches) are the builder's; the UI's npm packages bring the Tauri CLI.
  [ -d ui/node_modules ] || (cd ui && npm ci --no-audit --no-fund --loglevel=error)
else
  # install-deps.sh brings the system packages, Rust's check and the UI's npm packages (with the
  # Tauri CLI, a devDependency of ui/). Packaging needs no tauri-driver.
  FRONTDESK_SKIP_TAURI_DRIVER=1 bash scripts/install-deps.sh
  PACKAGING_APT=(
    dpkg-dev            # dpkg-shlibdeps: the libraries the binary links, for the Depends check
    desktop-file-utils  # desktop-file-validate for the .desktop entry
    xvfb xauth          # the smoke start of the packaged app
  )
  missing=()
  for p in "${PACKAGING_APT[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if ((${#missing[@]})); then
    echo "==> installing apt packages for packaging: ${missing[*]}"
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

TAURI=ui/node_modules/.bin/tauri
[ -x "$TAURI" ] || { echo "the Tauri CLI is missing: run (cd ui && npm ci)" >&2; exit 2; }

# --- Point the Tauri CLI at our layout ------------------------------------------------------
# The CLI takes the folder holding tauri.conf.json as the app crate and resolves the config's
# paths from there; ours sits at the root (src-tauri/build.rs reads ../tauri.conf.json) and the
# root Cargo.toml is the core crate. So for the length of the build src-tauri gets a link to
# the root config, TAURI_APP_PATH names src-tauri, and every path in the config is handed over
# absolute, which the CLI and the app's build script (given the same config by the CLI) both
# read correctly. The build hooks run in the UI's folder (ui/).
link=src-tauri/tauri.conf.json
if [ -e "$link" ] || [ -L "$link" ]; then
  echo "$link already exists; remove it (the root tauri.conf.json is the only config)" >&2
  exit 2
fi
ln -s ../tauri.conf.json "$link"
app_pid="" xvfb_pid=""
cleanup() {
  rm -f "$ROOT/$link"
  [ -z "$app_pid" ] || kill "$app_pid" 2>/dev/null || true
  [ -z "$xvfb_pid" ] || kill "$xvfb_pid" 2>/dev/null || true
}
trap cleanup EXIT

overrides=$(node -e '
  const path = require("path");
  const root = process.cwd();
  const c = require(path.join(root, "tauri.conf.json"));
  const abs = (p) => path.resolve(root, p);
  const absValues = (o) => Object.fromEntries(Object.entries(o || {}).map(([k, v]) => [k, abs(v)]));
  const b = c.bundle, mac = b.macOS || {}, linux = b.linux || {};
  const o = { build: { frontendDist: abs(c.build.frontendDist) }, bundle: { icon: b.icon.map(abs) } };
  if (b.licenseFile) o.bundle.licenseFile = abs(b.licenseFile);
  o.bundle.macOS = { files: absValues(mac.files) };
  for (const k of ["infoPlist", "entitlements"]) if (mac[k]) o.bundle.macOS[k] = abs(mac[k]);
  o.bundle.linux = {
    deb: { files: absValues((linux.deb || {}).files) },
    appimage: { files: absValues((linux.appimage || {}).files) },
  };
  if ((linux.deb || {}).desktopTemplate) o.bundle.linux.deb.desktopTemplate = abs(linux.deb.desktopTemplate);
  process.stdout.write(JSON.stringify(o));
')
export TAURI_APP_PATH=src-tauri TAURI_FRONTEND_PATH=ui CI=true

bundle_dir="${CARGO_TARGET_DIR:-$ROOT/target}/release/bundle"
rm -rf "$bundle_dir/deb" "$bundle_dir/appimage"

# Prints each installer with its size.
summary() {
  echo
  echo "Installers ($1):"
  for f in "$bundle_dir"/deb/*.deb "$bundle_dir"/appimage/*.AppImage "$bundle_dir"/dmg/*.dmg \
    "$bundle_dir"/msi/*.msi "$bundle_dir"/nsis/*.exe; do
    [ -f "$f" ] || continue
    awk -v b="$(wc -c <"$f")" -v f="$f" 'BEGIN { printf "  %s  %.1f MiB (%d bytes)\n", f, b / 1048576, b }'
  done
}

if [ "$platform" != linux ]; then
  echo "==> release build and the $platform bundles (tauri build)"
  "$TAURI" build --ci -c "$overrides"
  summary "whole script $(($(date +%s) - t_start)) s"
  exit 0
fi

# --- Release build and .deb -----------------------------------------------------------------
echo "==> release build and .deb (tauri build --bundles deb)"
t0=$(date +%s)
"$TAURI" build --ci --bundles deb -c "$overrides"
t_build=$(($(date +%s) - t0))

deb=$(ls "$bundle_dir"/deb/*.deb)
echo "==> checking $deb"
fail() { echo "package check failed: $*" >&2; exit 1; }
contents=$(dpkg-deb -c "$deb")
grep -q ' usr/bin/frontdesk-app$' <<<"$contents" || fail "no /usr/bin/frontdesk-app"
grep -q ' usr/share/applications/.*\.desktop$' <<<"$contents" || fail "no .desktop entry"
grep -q ' usr/share/icons/hicolor/.*/apps/frontdesk-app\.png$' <<<"$contents" || fail "no icons"
depends=$(dpkg-deb -f "$deb" Depends)
echo "    Depends: $depends"

work=$(mktemp -d)
dpkg-deb -x "$deb" "$work/root"
app="$work/root/usr/bin/frontdesk-app"
desktop-file-validate "$work"/root/usr/share/applications/*.desktop || fail ".desktop entry does not validate"
if ldd "$app" | grep 'not found'; then fail "the packaged binary misses libraries"; fi
# Every package the binary links against must be in Depends (keeps tauri.conf.json honest).
mkdir -p "$work/shlibs/debian"
printf 'Source: frontdesk\n\nPackage: frontdesk\nArchitecture: any\n' >"$work/shlibs/debian/control"
needed=$(cd "$work/shlibs" && dpkg-shlibdeps -O "$app" 2>/dev/null | sed 's/^shlibs:Depends=//')
for pkg in $(tr ',' '\n' <<<"$needed" | sed 's/(.*)//; s/ //g'); do
  tr ',' '\n' <<<"$depends" | sed 's/(.*)//; s/ //g' | grep -qx "$pkg" ||
    fail "the binary links $pkg, which is not in Depends (add it to bundle.linux.deb.depends)"
done
echo "    contents, .desktop entry, libraries and Depends: ok"

if [ "${FRONTDESK_SKIP_SMOKE:-}" != "1" ]; then
  # The packaged binary must come up: the demo gym and camera start scanning with no setup.
  echo "==> starting the packaged app under Xvfb"
  log="$work/app.log"
  display=:$((100 + RANDOM % 100))
  Xvfb "$display" -screen 0 1366x820x24 -nolisten tcp >/dev/null 2>&1 &
  xvfb_pid=$!
  sleep 1
  DISPLAY=$display FRONTDESK_DATA_DIR="$work/data" FRONTDESK_LOG=info NO_AT_BRIDGE=1 "$app" >"$log" 2>&1 &
  app_pid=$!
  for _ in $(seq 1 300); do
    grep -q "capture started" "$log" && break
    kill -0 "$app_pid" 2>/dev/null || { cat "$log"; fail "the packaged app exited at start"; }
    sleep 0.1
  done
  grep -q "capture started" "$log" || { cat "$log"; fail "the packaged app did not start scanning in 30 s"; }
  kill "$app_pid" 2>/dev/null || true; wait "$app_pid" 2>/dev/null || true
  kill "$xvfb_pid" 2>/dev/null || true; wait "$xvfb_pid" 2>/dev/null || true
  app_pid="" xvfb_pid=""
  echo "    the packaged app started and began scanning"
fi

# --- AppImage -------------------------------------------------------------------------------
# The bundler fetches AppRun, linuxdeploy and its gtk/gstreamer plugins from GitHub into
# ~/.cache/tauri unless they are there already; no Debian, PyPI, npm or crates.io package
# carries them (docs/INSTALL.md).
echo "==> AppImage (tauri bundle --bundles appimage)"
appimage_note=""
t0=$(date +%s)
if "$TAURI" bundle --ci --bundles appimage -c "$overrides" >"$work/appimage.log" 2>&1; then
  t_appimage=$(($(date +%s) - t0))
else
  t_appimage=$(($(date +%s) - t0))
  reason=$(grep -m1 'failed to bundle project' "$work/appimage.log" || tail -n 1 "$work/appimage.log")
  download=$(grep -m1 'Downloading' "$work/appimage.log" | sed 's/.*Downloading //' || true)
  appimage_note="no AppImage: ${reason#*Error }"
  if [ -n "$download" ]; then
    appimage_note+=$'\n'"  The bundler's download of ${download} failed: the AppImage needs linuxdeploy and AppRun"
    appimage_note+=$'\n'"  from GitHub, unreachable from this machine. See docs/INSTALL.md, 'AppImage'."
  fi
  if [ "${FRONTDESK_REQUIRE_APPIMAGE:-}" = "1" ]; then
    cat "$work/appimage.log" >&2
    fail "$appimage_note"
  fi
fi

# --- Summary --------------------------------------------------------------------------------
summary "release build ${t_build} s, AppImage step ${t_appimage} s, whole script $(($(date +%s) - t_start)) s"
[ -z "$appimage_note" ] || echo "  $appimage_note"
rm -rf "$work"
