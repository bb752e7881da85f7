#!/usr/bin/env bash
# build/sample-libs.sh - installs the sample app's npm libraries and copies what a
# browser loads into samples/SampleApp/wwwroot/lib/.
#
# Usage: build/sample-libs.sh [--force]
#
# Today that is TinyMCE 6.8.6 (MIT; 7.x is GPL and logs a license-key warning in
# the console), pinned by samples/SampleApp/package.json and package-lock.json and
# installed with `npm ci`. Only the minified scripts, the skins' minified CSS and
# the license are copied: every `dotnet publish` of the sample fingerprints,
# compresses and uploads every file under wwwroot, so the unminified sources, the
# skins' JS bundles and the type definitions would only slow the tests down.
#
# Idempotent: a no-op (well under 1 s) when the copy matches the lock file and
# this script. --force reinstalls anyway. wwwroot/lib/tinymce and node_modules
# are gitignored. Only log lines are printed, on stderr.

set -euo pipefail

# ---------------------------------------------------------------- settings --

ROOT=$(cd "$(dirname "$0")/.." && pwd)
APP="$ROOT/samples/SampleApp"
LOCK_FILE="$APP/package-lock.json"
MODULES="$APP/node_modules"
SOURCE="$MODULES/tinymce"
TARGET="$APP/wwwroot/lib/tinymce"
# In obj/, not wwwroot (anything there is published as an asset) nor node_modules
# (npm ci empties it).
STATE="$APP/obj/sample-libs"
STAMP="$STATE/stamp"

# What a browser loads, relative to the package. TinyMCE fetches its theme, model,
# icons, plugins (and the emoticons plugin its emoji data) and skins by these
# paths at run time; its skins' url()s are all data: URIs, so no fonts or images.
COPY_PATTERNS=(
  tinymce.min.js
  'themes/*/theme.min.js'
  'models/*/model.min.js'
  'icons/*/icons.min.js'
  'plugins/*/plugin.min.js'
  'plugins/*/js/*.min.js'
  'skins/*/*/*.min.css'
  license.txt
)

# ----------------------------------------------------------------- helpers --

log() { printf '[sample-libs] %s\n' "$*" >&2; }
die() {
  printf '[sample-libs] ERROR: %s\n' "$*" >&2
  exit 1
}

# The stamp covers the lock file and this script, so a new version or a changed
# copy list both redo the copy.
wanted_stamp() {
  cat -- "$LOCK_FILE" "$0" | sha256sum | cut -d' ' -f1
}

up_to_date() {
  [[ -f $STAMP && -f $TARGET/tinymce.min.js ]] && [[ $(<"$STAMP") == "$(wanted_stamp)" ]]
}

# ------------------------------------------------------------------ install --

install() {
  command -v npm >/dev/null 2>&1 ||
    die "npm is missing; install Node.js and npm (Debian: apt-get install nodejs npm), then run $0 again"
  [[ -f $LOCK_FILE ]] || die "$LOCK_FILE is missing; it pins the sample's libraries"

  log "npm ci in ${APP#"$ROOT"/}"
  # --ignore-scripts: nothing here needs install scripts, so none of a package's code runs.
  (cd "$APP" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2) || die "npm ci failed in $APP"
  [[ -f $SOURCE/tinymce.min.js ]] || die "npm ci did not install tinymce into $SOURCE"

  # Copy into a fresh folder and swap it in, so an interrupted run never leaves a
  # half copy that looks complete.
  local staging="$TARGET.tmp.$$" pattern file count=0
  rm -rf -- "$staging"
  mkdir -p -- "$staging"
  trap 'rm -rf -- "$staging"' EXIT
  shopt -s nullglob
  for pattern in "${COPY_PATTERNS[@]}"; do
    local matched=0
    # shellcheck disable=SC2086 # the patterns are globs on purpose
    for file in "$SOURCE"/$pattern; do
      mkdir -p -- "$staging/$(dirname -- "${file#"$SOURCE"/}")"
      cp -- "$file" "$staging/${file#"$SOURCE"/}"
      matched=1
      count=$((count + 1))
    done
    ((matched)) || die "nothing in $SOURCE matches '$pattern'; did the tinymce package change its layout?"
  done
  shopt -u nullglob

  rm -rf -- "$TARGET"
  mkdir -p -- "$(dirname -- "$TARGET")"
  mv -- "$staging" "$TARGET"
  trap - EXIT
  wanted_stamp >"$STAMP"
  log "copied $count files ($(du -sh -- "$TARGET" | cut -f1)) into ${TARGET#"$ROOT"/}"
}

# ---------------------------------------------------------------- commands --

case ${1:-} in
"") ;;
--force) rm -f -- "$STAMP" ;;
*)
  sed -n '2,/^$/{s/^# \{0,1\}//;p}' "$0" >&2
  exit 2
  ;;
esac

# One run at a time: two concurrent `npm ci`s in one folder corrupt node_modules.
mkdir -p -- "$STATE"
exec 9>"$STATE/lock"
flock -w 300 9 || die "timed out waiting for another sample-libs.sh run"

if up_to_date; then
  log "up to date (${TARGET#"$ROOT"/})"
  exit 0
fi
install
