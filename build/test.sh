#!/usr/bin/env bash
# Runs every test project against a real S3 server and ends with one plain line: "N passed, N failed, N skipped".
#
# Without STATICPUBLISH_TEST_S3_ENDPOINT it starts the local Ceph RGW (build/local-s3.sh) once for all test
# assemblies, and stops it afterwards if it was not already running. It installs the sample's npm libraries
# (build/sample-libs.sh) first. Extra arguments go to `dotnet test`.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

started_here=0
if [[ -z "${STATICPUBLISH_TEST_S3_ENDPOINT:-}" ]]; then
  if ! bash build/local-s3.sh status >/dev/null 2>&1; then
    started_here=1
  fi
  echo "test.sh: starting the local S3 server (build/local-s3.sh start)" >&2
  server_env=$(bash build/local-s3.sh start)
  while IFS='=' read -r name value; do
    [[ $name == STATICPUBLISH_TEST_S3_* ]] && export "$name=$value"
  done <<<"$server_env"
fi

stop_server() {
  if [[ $started_here == 1 && "${STATICPUBLISH_TEST_S3_KEEP:-}" != 1 ]]; then
    bash build/local-s3.sh stop >/dev/null 2>&1 || true
  fi
}
trap stop_server EXIT

# The sample's npm libraries (TinyMCE) are gitignored; its Editor page and the browser tests load them.
bash build/sample-libs.sh

# On linux-x64 the tool package users install is the native (AOT) build, so the CLI's process tests run that build:
# the solution is built first, so the native executable is newer than the managed assembly the tests check it against.
if [[ -z ${STATICPUBLISH_TEST_TOOL:-} && $(uname -s) == Linux && $(uname -m) == x86_64 ]]; then
  dotnet build StaticPublish.sln -c "${CONFIGURATION:-Release}" -nologo -v quiet
  STATICPUBLISH_TEST_TOOL=$(bash build/native-tool.sh "${CONFIGURATION:-Release}")
  export STATICPUBLISH_TEST_TOOL
  echo "test.sh: the CLI's process tests run the native tool $STATICPUBLISH_TEST_TOOL" >&2
fi

results=$(mktemp -d)
status=0
dotnet test StaticPublish.sln -c "${CONFIGURATION:-Release}" --logger "trx" --results-directory "$results" "$@" || status=$?

passed=0 failed=0 skipped=0
shopt -s nullglob
for trx in "$results"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
  x=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0}))
  skipped=$((skipped + ${t:-0} - ${x:-0}))
done

if [[ $status -ne 0 && $failed -eq 0 ]]; then
  # dotnet test failed before any test reported (build error, crashed host): that is a failure too.
  failed=1
fi
if [[ $passed -eq 0 && $failed -eq 0 ]]; then
  echo "test.sh: no tests ran" >&2
  failed=1
fi

echo "$passed passed, $failed failed, $skipped skipped"
[[ $failed -eq 0 ]]
