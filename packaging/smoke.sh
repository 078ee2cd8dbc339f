#!/usr/bin/env bash
# Smoke-start the packaged app with no screen: it answers --version, makes the demo association,
# prints an agenda with its own fonts, opens its main window on the demo and quits; every library in it
# finds the libraries it needs (Qt's plugins and libraries are trimmed in quorum.spec), and head office's
# server is not in it.
#   usage: packaging/smoke.sh [dist/Quorum]
set -euo pipefail
app=${1:-dist/Quorum}
exe="$app/Quorum"
[ -x "$exe" ] || { echo "no packaged app at $exe: run make package first" >&2; exit 1; }
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
export QT_QPA_PLATFORM=offscreen QUORUM_DATA_DIR="$data"

"$exe" --version
"$exe" demo
"$exe" print agenda --out "$data/agenda.pdf"          # reportlab with the DejaVu fonts from resources/
test -s "$data/agenda.pdf"
QUORUM_EXIT_WHEN_SHOWN=1 timeout 120 "$exe"          # the main window's first paint on the demo, then quit
QUORUM_EXIT_WHEN_LOADED=1 timeout 120 "$exe"         # the same, loaded: meetings, register, Head office menu
answer=$("$exe" server create-association "Smoke TRA" 2>&1 || true)  # no server libraries: one sentence
grep -q "not installed" <<<"$answer" || { echo "head office's server answered from the package: $answer" >&2; exit 1; }
# Qt's libraries trimmed in quorum.spec must still cover every plugin and module kept (system libraries such
# as Wayland's come from the chair's own system)
missing=$(find "$app/_internal" -name '*.so*' -type f -exec ldd {} + 2>/dev/null | grep 'libQt6.*not found' | sort -u || true)
[ -z "$missing" ] || { echo "Qt libraries the package lacks:" >&2; echo "$missing" >&2; exit 1; }
test -f "$app/_internal/resources/guide/first-meeting.md"
test -f "$app/_internal/resources/icons/quorum.svg"
echo "Smoke start passed: $(du -sh "$app" | cut -f1) in $app"
