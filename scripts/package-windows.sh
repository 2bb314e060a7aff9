#!/usr/bin/env bash
# Why this file exists: the one command that builds Front Desk's Windows installer on this
# project's Linux machines, where no Windows is at hand and the Tauri bundler's Windows path
# cannot work (it downloads WiX and NSIS from GitHub). It cross-builds the release binaries for
# x86_64-pc-windows-gnu with Debian's MinGW-w64, takes WebView2Loader.dll from the
# webview2-com-sys crate that Cargo already fetched (the GNU target loads WebView2 through it),
# and writes target/windows/FrontDesk-<version>-x64.msi with wixl (Debian's msitools).
#
# The MSI installs per machine into "Program Files\Front Desk": Front Desk.exe, its
# WebView2Loader.dll, frontdesk.exe (the CLI), frontdesk-central.exe (the loopback reference
# server, for trials) and the icon; a Start-menu shortcut; the "Apps & features" entry (Windows
# Installer registers it; icon and links set here). It upgrades an older version in place
# (MajorUpgrade with bundle.windows.wix.upgradeCode of tauri.conf.json) and refuses a downgrade.
# It refuses to install where the Microsoft Edge WebView2 Runtime is missing, saying where to
# get it (the offline bootstrapper cannot be fetched here to embed it). It writes nothing to the
# desk's data or log folders (%APPDATA%, %LOCALAPPDATA%), so uninstalling leaves them.
#
# Usage: scripts/package-windows.sh [--no-build]
#   --no-build  package the binaries already in target/x86_64-pc-windows-gnu/release
# Set FRONTDESK_SKIP_INSTALL=1 to skip the install-what-is-missing step (test-windows.sh did it).
# FRONTDESK_MSI_VERSION and FRONTDESK_MSI_OUT (a folder) make an MSI of another version from the
# same binaries: scripts/wine/check-msi.sh builds a "newer" one to check the upgrade.
# FRONTDESK_SIGN=PROGRAM: a release machine's signing step (docs/INSTALL.md, "SmartScreen and
# code signing"), called as `PROGRAM FILE` to sign FILE in place: each .exe before packing, then
# the .msi. Unset (as here, with no certificate), nothing is signed.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TARGET=x86_64-pc-windows-gnu
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
REL="$TARGET_DIR/$TARGET/release"
OUT=${FRONTDESK_MSI_OUT:-$ROOT/target/windows}
build=1
[ "${1:-}" = "--no-build" ] && build=0
t_start=$(date +%s)

if [ "${FRONTDESK_SKIP_INSTALL:-}" != "1" ]; then
  bash scripts/install-windows-deps.sh
fi

version=${FRONTDESK_MSI_VERSION:-$(node -p 'require("./tauri.conf.json").version')}
# Upper case, as Windows Installer wants GUIDs (and as WiX writes the same code).
upgrade_code=$(node -p 'require("./tauri.conf.json").bundle.windows.wix.upgradeCode.toUpperCase()')
publisher=$(node -p 'require("./tauri.conf.json").bundle.publisher')
[[ "$upgrade_code" =~ ^[0-9a-fA-F-]{36}$ ]] || { echo "tauri.conf.json has no bundle.windows.wix.upgradeCode" >&2; exit 2; }

if [ "$build" = 1 ]; then
  [ -f ui/dist/index.html ] || (cd ui && npm run --silent build)
  echo "==> release build for $TARGET (frontdesk, frontdesk-central, the app)"
  t0=$(date +%s)
  # One invocation, so the three packages share one set of dependency features (one build of
  # each). frontdesk-central.exe is a package of its own (central/).
  cargo build --release --target "$TARGET" -p frontdesk -p frontdesk-central -p frontdesk-app --bins
  echo "    release build: $(($(date +%s) - t0)) s"
fi
for f in frontdesk.exe frontdesk-central.exe frontdesk-app.exe; do
  [ -f "$REL/$f" ] || { echo "missing $REL/$f: build first (without --no-build)" >&2; exit 2; }
done

# WebView2Loader.dll for x64, from the webview2-com-sys version that Cargo.lock pins.
wv_version=$(awk '/^name = "webview2-com-sys"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
[ -n "$wv_version" ] || { echo "webview2-com-sys is not in Cargo.lock" >&2; exit 2; }
loader=""
for reg in "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/"webview2-com-sys-$wv_version"; do
  for cand in "$reg"/x64/WebView2Loader.dll "$reg"/*/x64/WebView2Loader.dll; do
    [ -f "$cand" ] && loader=$cand && break 2
  done
done
[ -n "$loader" ] || { echo "no x64/WebView2Loader.dll in webview2-com-sys-$wv_version (cargo fetch first)" >&2; exit 2; }

stage="$OUT/stage"
rm -rf "$stage"
mkdir -p "$stage"
cp "$REL/frontdesk-app.exe" "$stage/Front Desk.exe"
cp "$REL/frontdesk.exe" "$REL/frontdesk-central.exe" "$stage/"
cp "$loader" "$stage/WebView2Loader.dll"
cp src-tauri/icons/icon.ico "$stage/Front Desk.ico"
sign() { [ -z "${FRONTDESK_SIGN:-}" ] || "$FRONTDESK_SIGN" "$1"; }
for f in "$stage"/*.exe; do sign "$f"; done

# Component GUIDs must stay the same from one version to the next (Windows Installer counts
# references by them), so they are derived from the upgrade code and the component's name.
guid() { python3 -c 'import sys, uuid; print(str(uuid.uuid5(uuid.UUID(sys.argv[1]), sys.argv[2])).upper())' "$upgrade_code" "$1"; }
file_component() { # id, file name
  cat <<EOF
          <Component Id="$1" Guid="$(guid "$1")" Win64="yes">
            <File Id="$1" Name="$2" Source="$2" KeyPath="yes"/>
          </Component>
EOF
}

msi_version=$version
[[ "$msi_version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || { echo "version $version is not MAJOR.MINOR.PATCH" >&2; exit 2; }
wxs="$OUT/frontdesk.wxs"
msi="$OUT/FrontDesk-$version-x64.msi"
# The WebView2 Runtime's registration, per machine and per user: Microsoft's documented way to
# detect it. The machine-wide one is in the registry's 32-bit view (WOW6432Node on 64-bit
# Windows), which is where an MSI's registry search looks unless told otherwise.
wv_client='Microsoft\EdgeUpdate\Clients\{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}'
cat >"$wxs" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<!-- Written by scripts/package-windows.sh; edit that script, not this file. -->
<Wix xmlns="http://schemas.microsoft.com/wix/2006/wi">
  <Product Id="*" Name="Front Desk" Language="1033" Version="$msi_version" Manufacturer="$publisher"
           UpgradeCode="$upgrade_code">
    <Package InstallerVersion="500" Compressed="yes" InstallScope="perMachine"
             Description="Front Desk $version: offline-first gym reception" Manufacturer="$publisher"/>
    <Media Id="1" Cabinet="frontdesk.cab" EmbedCab="yes"/>
    <MajorUpgrade DowngradeErrorMessage="A newer version of Front Desk is already installed."/>

    <Property Id="WEBVIEW2_MACHINE">
      <RegistrySearch Id="WebView2Machine" Root="HKLM" Key="SOFTWARE\\$wv_client" Name="pv" Type="raw"/>
    </Property>
    <Property Id="WEBVIEW2_USER">
      <RegistrySearch Id="WebView2User" Root="HKCU" Key="Software\\$wv_client" Name="pv" Type="raw"/>
    </Property>
    <Icon Id="FrontDesk.ico" SourceFile="Front Desk.ico"/>
    <Property Id="ARPPRODUCTICON" Value="FrontDesk.ico"/>
    <Property Id="ARPCOMMENTS" Value="Offline-first gym reception. Uninstalling keeps the desk's data in %APPDATA%\\FrontDesk."/>
    <Property Id="ARPNOMODIFY" Value="1"/>

    <Directory Id="TARGETDIR" Name="SourceDir">
      <Directory Id="ProgramFiles64Folder">
        <Directory Id="INSTALLDIR" Name="Front Desk">
$(file_component AppExe "Front Desk.exe")
$(file_component WebView2Loader "WebView2Loader.dll")
$(file_component Cli "frontdesk.exe")
$(file_component Central "frontdesk-central.exe")
$(file_component AppIcon "Front Desk.ico")
        </Directory>
      </Directory>
      <Directory Id="ProgramMenuFolder">
        <Component Id="StartMenuShortcut" Guid="$(guid StartMenuShortcut)" Win64="yes">
          <Shortcut Id="AppShortcut" Name="Front Desk" Description="Gym reception: check members in"
                    Target="[INSTALLDIR]Front Desk.exe" WorkingDirectory="INSTALLDIR" Icon="FrontDesk.ico"/>
          <RegistryValue Root="HKLM" Key="Software\\Front Desk\\Front Desk" Name="StartMenuShortcut"
                         Type="integer" Value="1" KeyPath="yes"/>
        </Component>
      </Directory>
    </Directory>

    <Feature Id="Main" Title="Front Desk" Level="1">
      <ComponentRef Id="AppExe"/>
      <ComponentRef Id="WebView2Loader"/>
      <ComponentRef Id="Cli"/>
      <ComponentRef Id="Central"/>
      <ComponentRef Id="AppIcon"/>
      <ComponentRef Id="StartMenuShortcut"/>
    </Feature>
  </Product>
</Wix>
EOF

echo "==> $msi (wixl)"
rm -f "$msi"
# wixl reads the files relative to the current folder (it mishandles absolute paths).
(cd "$stage" && wixl -a x64 -o "$msi" "$wxs")
# No WebView2, no install: a launch condition, which wixl 0.101 cannot write from WiX's
# <Condition>, so it goes into the MSI's LaunchCondition table directly (msibuild, msitools).
# Both columns are at most 255 characters.
webview2_found='Installed OR (WEBVIEW2_MACHINE AND WEBVIEW2_MACHINE <> "0.0.0.0") OR (WEBVIEW2_USER AND WEBVIEW2_USER <> "0.0.0.0")'
webview2_missing="Front Desk needs the Microsoft Edge WebView2 Runtime, which this PC lacks (Windows 11 and an up-to-date Windows 10 have it). Install the Evergreen WebView2 Runtime from Microsoft, then run this installer again."
msibuild "$msi" -q "INSERT INTO \`LaunchCondition\` (\`Condition\`, \`Description\`) VALUES ('$webview2_found', '$webview2_missing')"
sign "$msi"
size=$(wc -c <"$msi")
awk -v b="$size" -v f="$msi" -v t="$(($(date +%s) - t_start))" \
  'BEGIN { printf "    %s  %.1f MiB (%d bytes), script %d s\n", f, b / 1048576, b, t }'
