#!/usr/bin/env bash
# Why this file exists: an installer nobody ran is a guess. This runs Front Desk's MSI with
# Wine's msiexec in the Wine prefix of scripts/test-windows.sh (WINEPREFIX must be set), silently
# as a deployment script would, and checks what a gym would see on Windows:
#   - without the WebView2 Runtime the install is refused and leaves nothing;
#   - with it, the files land in "Program Files\Front Desk", the Start-menu shortcut and the
#     "Apps & features" entry exist, and the installed frontdesk.exe runs (--version, and a demo
#     gym in the default data folder, %APPDATA%\FrontDesk\frontdesk\data);
#   - a newer MSI (same upgrade code) replaces it in place: one entry, the new version; the
#     older one is then refused (no downgrade);
#   - uninstalling removes the program files and the shortcut and leaves the data folder.
# The WebView2 Runtime is "installed" by writing its registration value, which is all the MSI
# looks at; the app's window itself cannot be shown under Wine (no WebView2 there).
#
# Usage: scripts/wine/check-msi.sh FrontDesk-<version>-x64.msi
set -euo pipefail
msi=$(realpath "$1")
: "${WINEPREFIX:?set WINEPREFIX (scripts/test-windows.sh does)}"
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
fail() { echo "check-msi: $*" >&2; exit 1; }

c="$WINEPREFIX/drive_c"
appdir="$c/Program Files/Front Desk"
# Per machine, Windows puts the shortcut in the all-users Start menu; Wine 8.0's msiexec resolves
# ProgramMenuFolder to the user's one even with ALLUSERS=1, so either counts here.
shortcut_at() { # globbed at each call: the file comes and goes
  local s
  for s in "$c/ProgramData/Microsoft/Windows/Start Menu/Programs/Front Desk.lnk" \
    "$c"/users/*/AppData/Roaming/Microsoft/Windows/"Start Menu"/Programs/"Front Desk.lnk"; do
    [ -f "$s" ] && { echo "${s#"$c"/}"; return 0; }
  done
  return 1
}
wv_key='HKLM\SOFTWARE\WOW6432Node\Microsoft\EdgeUpdate\Clients\{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}'
uninstall_key='HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall'
msiexec() { wine msiexec "$@" >/dev/null 2>&1; }
win() { winepath -w "$1" 2>/dev/null; } # msiexec takes Windows paths (Z:\...)
entries() { # the "Apps & features" entries named Front Desk, as "version" lines
  wine reg query "$uninstall_key" /s 2>/dev/null | tr -d '\r' | awk '
    /^HKEY/ { name = ""; ver = "" }
    /DisplayName/ { sub(/.*REG_SZ[ \t]+/, ""); name = $0 }
    /DisplayVersion/ { sub(/.*REG_SZ[ \t]+/, ""); ver = $0 }
    name == "Front Desk" && ver != "" { print ver; name = "" }'
}

# A clean start: no Front Desk from an earlier run of this prefix, no WebView2 registration.
for old in $(wine reg query "$uninstall_key" 2>/dev/null | tr -d '\r' | grep -o '{[0-9A-F-]*}$' || true); do
  if wine reg query "$uninstall_key\\$old" /v DisplayName 2>/dev/null | grep -q "Front Desk"; then
    msiexec /x "$old" /qn || true
  fi
done
wine reg delete "$wv_key" /f >/dev/null 2>&1 || true

version=$(basename "$msi" | sed -E 's/^FrontDesk-(.*)-x64\.msi$/\1/')
echo "    $msi: $(wc -c <"$msi") bytes, version $version"

# 1. No WebView2 Runtime: refused by the launch condition, nothing installed.
status=0
log="$c/frontdesk-msi.log"
rm -f "$log"
msiexec /i "$(win "$msi")" /qn /l*v 'C:\frontdesk-msi.log' || status=$?
[ "$status" != 0 ] || fail "installed although the WebView2 Runtime is missing"
[ ! -e "$appdir/frontdesk.exe" ] || fail "a refused install left $appdir"
last=$(tr -d '\0' <"$log" | grep -a 'Action start' | tail -1)
[[ "$last" == *LaunchConditions* ]] || fail "the install stopped elsewhere than at the launch condition: $last"
echo "    without WebView2: refused at LaunchConditions (msiexec exit $status), nothing installed"

# 2. With it: installed per machine.
wine reg add "$wv_key" /v pv /t REG_SZ /d 120.0.2210.91 /f >/dev/null 2>&1
msiexec /i "$(win "$msi")" /qn || fail "msiexec /i failed (exit $?)"
for f in "Front Desk.exe" WebView2Loader.dll frontdesk.exe frontdesk-central.exe "Front Desk.ico"; do
  [ -f "$appdir/$f" ] || fail "not installed: $appdir/$f"
done
lnk=$(shortcut_at) || fail "no Start-menu shortcut"
[ "$(entries)" = "$version" ] || fail "Apps & features shows '$(entries)', want one entry $version"
echo "    installed: program files, Start-menu shortcut ($lnk), Apps & features entry $version"

# 3. The installed CLI runs, and its default data folder is %APPDATA%.
got=$(wine "$appdir/frontdesk.exe" --version 2>/dev/null | tr -d '\r')
[ "$got" = "frontdesk $version" ] || fail "installed frontdesk.exe --version printed '$got'"
wine "$appdir/frontdesk.exe" demo --members 5 >/dev/null 2>&1 || fail "installed frontdesk.exe demo failed"
data=$(ls -d "$c"/users/*/AppData/Roaming/FrontDesk/frontdesk/data 2>/dev/null | head -1)
[ -n "$data" ] && [ -f "$data/frontdesk.db" ] || fail "no replica under %APPDATA%\\FrontDesk\\frontdesk\\data"
echo "    installed frontdesk.exe: '$got'; demo gym in ${data#"$c"/}"

# 4. Upgrade in place with a newer version of the same product, then no downgrade.
newer_dir=$(mktemp -d)
IFS=. read -r major minor patch <<<"$version"
newer="$major.$minor.$((patch + 1))"
FRONTDESK_SKIP_INSTALL=1 FRONTDESK_MSI_VERSION="$newer" FRONTDESK_MSI_OUT="$newer_dir" \
  bash "$root/scripts/package-windows.sh" --no-build >/dev/null
msiexec /i "$(win "$newer_dir/FrontDesk-$newer-x64.msi")" /qn || fail "the upgrade to $newer failed"
[ "$(entries)" = "$newer" ] || fail "after the upgrade Apps & features shows '$(entries)', want only $newer"
[ -f "$appdir/frontdesk.exe" ] || fail "the upgrade removed the program"
[ -f "$data/frontdesk.db" ] || fail "the upgrade touched the data folder"
status=0
msiexec /i "$(win "$msi")" /qn || status=$?
[ "$status" != 0 ] && [ "$(entries)" = "$newer" ] || fail "the older $version was installed over $newer"
echo "    upgrade $version -> $newer in place (one entry); downgrade refused (exit $status)"

# 5. Uninstall: program gone, data kept.
msiexec /x "$(win "$newer_dir/FrontDesk-$newer-x64.msi")" /qn || fail "msiexec /x failed"
rm -rf "$newer_dir"
[ ! -e "$appdir/frontdesk.exe" ] && [ ! -e "$appdir/Front Desk.exe" ] || fail "uninstall left program files"
! lnk=$(shortcut_at) || fail "uninstall left the shortcut $lnk"
[ -z "$(entries)" ] || fail "uninstall left the Apps & features entry"
[ -f "$data/frontdesk.db" ] || fail "uninstall removed the desk's data"
echo "    uninstalled: files, shortcut and entry gone; the data folder kept"
wine reg delete "$wv_key" /f >/dev/null 2>&1 || true
