#!/usr/bin/env bash
# tests/StaticPublish.Benchmarks/run.sh - the publish benchmark, run by hand (not part of build/test.sh):
#
#   bash tests/StaticPublish.Benchmarks/run.sh
#
# Generates one deterministic corpus (>= 3,000 files, >= 50 MB), then in one run times, against the local Ceph RGW
# (build/local-s3.sh), each tool into its own fresh bucket:
#   StaticPublish cold and no-change publish (the real pipeline: hash, rewrite CSS, fingerprint, gzip, upload)
#   rclone sync cold and no-change (defaults: 4 transfers, 8 checkers, size+modtime check)
#   aws s3 sync cold and no-change (defaults: 10 concurrent requests, size+last-modified check)
# and prints the seconds, the ratios, StaticPublish's peak RSS (/usr/bin/time -v) and PASS/FAIL for the targets:
#   cold publish <= rclone cold sync; no-change publish <= 0.5 x rclone no-change sync; peak RSS < 300 MB.
# Exit status: 0 when every target passes, 1 when one fails, anything else when the run itself failed.
#
# Settings (environment):
#   BENCH_FILES (3200), BENCH_MB (60)  corpus size, passed to `generate --files/--mb`
#   BENCH_SEED (20240611)              corpus seed
#   BENCH_CONCURRENCY (16)             StaticPublish upload concurrency (its default)
#   BENCH_KEEP=1                       keep the corpus, the logs and the buckets (their names are printed)
#   STATICPUBLISH_TEST_S3_ENDPOINT/_ACCESS_KEY/_SECRET_KEY/_REGION  another S3 server instead of the local RGW
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
files=${BENCH_FILES:-3200}
mb=${BENCH_MB:-60}
seed=${BENCH_SEED:-20240611}
concurrency=${BENCH_CONCURRENCY:-16}
prefix=static
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

say() { echo "run.sh: $*" >&2; }

# ------------------------------------------------------------------ tools --

missing=()
command -v rclone >/dev/null 2>&1 || missing+=(rclone)
command -v aws >/dev/null 2>&1 || missing+=(awscli)
[[ -x /usr/bin/time ]] || missing+=(time)
if ((${#missing[@]})); then
  say "installing ${missing[*]} with apt-get"
  sudo=()
  [[ $(id -u) == 0 ]] || sudo=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get install -y -q "${missing[@]}" >&2 ||
    { "${sudo[@]}" apt-get update -q >&2 && "${sudo[@]}" apt-get install -y -q "${missing[@]}" >&2; }
fi

# ----------------------------------------------------------------- server --

started_here=0
if [[ -z "${STATICPUBLISH_TEST_S3_ENDPOINT:-}" ]]; then
  bash "$root/build/local-s3.sh" status >/dev/null 2>&1 || started_here=1
  say "starting the local S3 server (build/local-s3.sh start)"
  server_env=$(bash "$root/build/local-s3.sh" start)
  while IFS='=' read -r name value; do
    [[ $name == STATICPUBLISH_TEST_S3_* ]] && export "$name=$value"
  done <<<"$server_env"
fi
endpoint=$STATICPUBLISH_TEST_S3_ENDPOINT
export AWS_ACCESS_KEY_ID=$STATICPUBLISH_TEST_S3_ACCESS_KEY
export AWS_SECRET_ACCESS_KEY=$STATICPUBLISH_TEST_S3_SECRET_KEY
export AWS_DEFAULT_REGION=${STATICPUBLISH_TEST_S3_REGION:-us-east-1}
# Request checksums only where required, as StaticPublish does with a custom endpoint: newer botocore's default
# CRC32 checksums are not what Ceph 16 expects.
export AWS_REQUEST_CHECKSUM_CALCULATION=when_required AWS_RESPONSE_CHECKSUM_VALIDATION=when_required
unset AWS_PROFILE AWS_SESSION_TOKEN

work=$(mktemp -d "${TMPDIR:-/tmp}/staticpublish-bench.XXXXXX")
buckets=()
cleanup() {
  local status=$?
  if [[ ${BENCH_KEEP:-} == 1 ]]; then
    say "kept $work and buckets ${buckets[*]:-}"
  else
    for bucket in "${buckets[@]}"; do
      aws --endpoint-url "$endpoint" s3 rb --force "s3://$bucket" >/dev/null 2>&1 || say "could not delete bucket $bucket"
    done
    rm -rf "$work"
  fi
  if [[ $started_here == 1 && ${STATICPUBLISH_TEST_S3_KEEP:-} != 1 ]]; then
    bash "$root/build/local-s3.sh" stop >/dev/null 2>&1 || true
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# rclone: an on-the-fly remote named "sp" from environment variables, otherwise its defaults. AWS_CA_BUNDLE is
# dropped for rclone only: its SDK refuses a custom CA bundle with rclone's own HTTP transport.
export RCLONE_CONFIG="$work/rclone.conf"
: >"$RCLONE_CONFIG"
export RCLONE_CONFIG_SP_TYPE=s3 RCLONE_CONFIG_SP_PROVIDER=Ceph RCLONE_CONFIG_SP_ENDPOINT="$endpoint"
export RCLONE_CONFIG_SP_ACCESS_KEY_ID="$AWS_ACCESS_KEY_ID" RCLONE_CONFIG_SP_SECRET_ACCESS_KEY="$AWS_SECRET_ACCESS_KEY"
export RCLONE_CONFIG_SP_REGION="$AWS_DEFAULT_REGION"
aws_() { aws --endpoint-url "$endpoint" "$@"; }

# ------------------------------------------------------------ build, corpus --

say "building the benchmark (Release)"
dotnet build "$here/StaticPublish.Benchmarks.csproj" -c Release -nologo -v quiet >"$work/build.log" 2>&1 ||
  { cat "$work/build.log" >&2; exit 2; }
bench=(dotnet "$here/bin/Release/net10.0/StaticPublish.Benchmarks.dll")

say "generating the corpus (--files $files --mb $mb --seed $seed)"
"${bench[@]}" generate "$work/corpus" --files "$files" --mb "$mb" --seed "$seed" | tee "$work/generate.log" >&2
corpus_files=$(sed -n 's/^CORPUS_FILES=//p' "$work/generate.log")
corpus_mb=$(sed -n 's/^CORPUS_MB=//p' "$work/generate.log")

id="spbench-$(date +%s)-$$"
for tool in sp rclone aws; do
  aws_ s3 mb "s3://$id-$tool" >/dev/null
  buckets+=("$id-$tool")
done
say "buckets $id-{sp,rclone,aws}, prefix $prefix/"

# ----------------------------------------------------------------- timing --

declare -A seconds rss
# run NAME COMMAND...: wall-clock seconds (process start to exit) and peak RSS; output in $work/NAME.log.
run() {
  local name=$1 start end
  shift
  say "$name"
  start=$(date +%s.%N)
  if ! /usr/bin/time -v -o "$work/$name.time" "$@" >"$work/$name.log" 2>&1; then
    say "$name failed:"
    tail -n 30 "$work/$name.log" >&2
    exit 2
  fi
  end=$(date +%s.%N)
  seconds[$name]=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f", e - s }')
  rss[$name]=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$work/$name.time")
}

sp_publish=("${bench[@]}" publish "$work/corpus" --bucket "$id-sp" --prefix "$prefix" --concurrency "$concurrency")
rclone_sync=(env -u AWS_CA_BUNDLE rclone sync -v "$work/corpus" "sp:$id-rclone/$prefix")
aws_sync=(aws --endpoint-url "$endpoint" s3 sync --no-progress "$work/corpus" "s3://$id-aws/$prefix")

run sp_cold "${sp_publish[@]}"
run rclone_cold "${rclone_sync[@]}"
run aws_cold "${aws_sync[@]}"
run sp_nochange "${sp_publish[@]}"
run rclone_nochange "${rclone_sync[@]}"
run aws_nochange "${aws_sync[@]}"

# Objects each run wrote, from each tool's own output.
written() {
  case $1 in
    sp_*) sed -n 's/^UPLOADED_ASSETS=//p' "$work/$1.log" ;;
    rclone_*) grep -c ': Copied (' "$work/$1.log" || true ;;
    aws_*) grep -c '^upload: ' "$work/$1.log" || true ;;
  esac
}
for name in sp_cold rclone_cold aws_cold; do
  [[ $(written "$name") == "$corpus_files" ]] || { say "$name wrote $(written "$name") objects, not $corpus_files"; exit 2; }
done
for name in sp_nochange rclone_nochange aws_nochange; do
  [[ $(written "$name") == 0 ]] || { say "$name wrote $(written "$name") objects, not 0"; exit 2; }
done

# ----------------------------------------------------------------- report --

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
verdict() { awk -v v="$1" -v limit="$2" 'BEGIN { print (v <= limit ? "PASS" : "FAIL") }'; }

sp_peak=$((rss[sp_cold] > rss[sp_nochange] ? rss[sp_cold] : rss[sp_nochange]))
cold_vs_rclone=$(ratio "${seconds[sp_cold]}" "${seconds[rclone_cold]}")
nochange_vs_rclone=$(ratio "${seconds[sp_nochange]}" "${seconds[rclone_nochange]}")
cold_verdict=$(verdict "$cold_vs_rclone" 1.00)
nochange_verdict=$(verdict "$nochange_vs_rclone" 0.50)
rss_verdict=$(awk -v v="$sp_peak" 'BEGIN { print (v < 300 ? "PASS" : "FAIL") }')
phase() { sed -n "s/^\[ *\([0-9.]*\) s\] $2.*/\1/p" "$work/$1.log" | head -n 1; }

cat <<EOF

StaticPublish publish benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')
machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1), $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo)
server:  $endpoint; $(rclone version 2>/dev/null | head -n 1), $(aws --version 2>&1 | cut -d' ' -f1), .NET $(dotnet --version)
corpus:  $corpus_files files, $corpus_mb MiB (seed $seed); StaticPublish concurrency $concurrency

tool            cold (s)   no-change (s)   peak RSS cold / no-change (MB)
EOF
printf '%-15s %8s   %13s   %8s / %s\n' \
  StaticPublish "${seconds[sp_cold]}" "${seconds[sp_nochange]}" "${rss[sp_cold]}" "${rss[sp_nochange]}" \
  "rclone sync" "${seconds[rclone_cold]}" "${seconds[rclone_nochange]}" "${rss[rclone_cold]}" "${rss[rclone_nochange]}" \
  "aws s3 sync" "${seconds[aws_cold]}" "${seconds[aws_nochange]}" "${rss[aws_cold]}" "${rss[aws_nochange]}"
cat <<EOF

StaticPublish in-process: cold $(sed -n 's/^ELAPSED_SECONDS=//p' "$work/sp_cold.log") s (prepare done at $(phase sp_cold prepared) s), no-change $(sed -n 's/^ELAPSED_SECONDS=//p' "$work/sp_nochange.log") s (prepare done at $(phase sp_nochange prepared) s)

ratio                                          value   target   result
EOF
printf '%-46s %5s   %-6s   %s\n' \
  "StaticPublish cold / rclone cold" "$cold_vs_rclone" "<= 1.00" "$cold_verdict" \
  "StaticPublish no-change / rclone no-change" "$nochange_vs_rclone" "<= 0.50" "$nochange_verdict" \
  "StaticPublish peak RSS (MB)" "$sp_peak" "< 300" "$rss_verdict" \
  "StaticPublish cold / aws cold" "$(ratio "${seconds[sp_cold]}" "${seconds[aws_cold]}")" "-" "" \
  "StaticPublish no-change / aws no-change" "$(ratio "${seconds[sp_nochange]}" "${seconds[aws_nochange]}")" "-" ""

[[ $cold_verdict == PASS && $nochange_verdict == PASS && $rss_verdict == PASS ]]
