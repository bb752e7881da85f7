#!/usr/bin/env bash
# tests/StaticPublish.Benchmarks/run.sh - the publish benchmark, run by hand (not part of build/test.sh):
#
#   bash tests/StaticPublish.Benchmarks/run.sh                 # compare (a few minutes)
#   BENCH_PARTS="compare memory msbuild" bash tests/StaticPublish.Benchmarks/run.sh
#
# Parts (BENCH_PARTS, space-separated, default "compare"):
#   compare  one generated corpus of the npm shape (>= 4,000 files, > 80% under 2 KB, multi-MB JS bundles), and
#            per round, each tool into its own fresh bucket, alternating the order: the staticpublish tool (packed
#            and installed as users get it), `rclone sync --checksum` and `aws s3 sync`, each cold, no-change, and
#            touched (every mtime new, as in a fresh CI clone). Wall time, CPU (user+sys), peak RSS
#            (/usr/bin/time -v) and the requests RGW logged for each tool's bucket.
#   memory   staticpublish alone on 50,000 files / 500 MB (BENCH_MEMORY_FILES/_MB): cold and no-change peak RSS.
#   msbuild  what enabling the MSBuild target adds to `dotnet publish` of an app whose wwwroot is the corpus,
#            cold and no-change, against the tool on the same publish output.
# It prints a report and writes it to tests/StaticPublish.Benchmarks/RESULTS.md (BENCH_RESULTS=path to change).
# Exit status: 0 when every measured target passes, 1 when one fails, anything else when the run itself failed.
#
# Settings (environment):
#   BENCH_FILES (4900), BENCH_MB (86), BENCH_SEED (20240611), BENCH_SHAPE (npm)  the corpus (generate's options)
#   BENCH_ROUNDS (1)                   rounds of the comparison; ratios are medians of the per-round ratios
#   BENCH_KEEP=1                       keep the work folder and the buckets (their names are printed)
#   STATICPUBLISH_TEST_S3_ENDPOINT/_ACCESS_KEY/_SECRET_KEY/_REGION/_LOG  another RGW instead of the local one
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
parts=" ${BENCH_PARTS:-compare} "
files=${BENCH_FILES:-4900}
mb=${BENCH_MB:-86}
seed=${BENCH_SEED:-20240611}
shape=${BENCH_SHAPE:-npm}
rounds=${BENCH_ROUNDS:-1}
memory_files=${BENCH_MEMORY_FILES:-50000}
memory_mb=${BENCH_MEMORY_MB:-500}
results=${BENCH_RESULTS:-$here/RESULTS.md}
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
[[ -n "${STATICPUBLISH_TEST_S3_ENDPOINT:-}" ]] && STATICPUBLISH_TEST_S3_ENDPOINT_GIVEN=1
if [[ -z "${STATICPUBLISH_TEST_S3_ENDPOINT:-}" ]]; then
  bash "$root/build/local-s3.sh" status >/dev/null 2>&1 || started_here=1
  say "starting the local S3 server (build/local-s3.sh start)"
  server_env=$(bash "$root/build/local-s3.sh" start)
  while IFS='=' read -r name value; do
    [[ $name == STATICPUBLISH_TEST_S3_* ]] && export "$name=$value"
  done <<<"$server_env"
fi
endpoint=$STATICPUBLISH_TEST_S3_ENDPOINT
rgw_log=${STATICPUBLISH_TEST_S3_LOG:-}
export AWS_ACCESS_KEY_ID=$STATICPUBLISH_TEST_S3_ACCESS_KEY
export AWS_SECRET_ACCESS_KEY=$STATICPUBLISH_TEST_S3_SECRET_KEY
export AWS_DEFAULT_REGION=${STATICPUBLISH_TEST_S3_REGION:-us-east-1}
# Request checksums only where required, as StaticPublish does with a custom endpoint: newer botocore's default
# CRC32 checksums are not what Ceph 16 expects.
export AWS_REQUEST_CHECKSUM_CALCULATION=when_required AWS_RESPONSE_CHECKSUM_VALIDATION=when_required
unset AWS_PROFILE AWS_SESSION_TOKEN
# The tool reads its settings from STATICPUBLISH_* variables; none may leak in from the caller.
while IFS='=' read -r name _; do
  [[ $name == STATICPUBLISH_* && $name != STATICPUBLISH_TEST_* ]] && unset "$name"
done < <(env)

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

# rclone: an on-the-fly remote named "sp" from environment variables, otherwise its defaults (4 transfers, 8
# checkers). AWS_CA_BUNDLE is dropped for rclone only: its SDK refuses a custom CA bundle with its own transport.
export RCLONE_CONFIG="$work/rclone.conf"
: >"$RCLONE_CONFIG"
export RCLONE_CONFIG_SP_TYPE=s3 RCLONE_CONFIG_SP_PROVIDER=Ceph RCLONE_CONFIG_SP_ENDPOINT="$endpoint"
export RCLONE_CONFIG_SP_ACCESS_KEY_ID="$AWS_ACCESS_KEY_ID" RCLONE_CONFIG_SP_SECRET_ACCESS_KEY="$AWS_SECRET_ACCESS_KEY"
export RCLONE_CONFIG_SP_REGION="$AWS_DEFAULT_REGION"
aws_() { aws --endpoint-url "$endpoint" "$@"; }
id="spbench-$(date +%s)-$$"
new_bucket() {
  aws_ s3 mb "s3://$1" >/dev/null
  buckets+=("$1")
}

# ------------------------------------------------------------ build, corpus --

say "building the benchmark harness (Release)"
dotnet build "$here/StaticPublish.Benchmarks.csproj" -c Release -nologo -v quiet >"$work/build.log" 2>&1 ||
  { cat "$work/build.log" >&2; exit 2; }
bench=(dotnet "$here/bin/Release/net10.0/StaticPublish.Benchmarks.dll")

# The tool as users get it: packed (from this checkout's Release build, with its own version), then installed from
# the package into a tool folder, through a package cache of its own so no older package of that version is used.
say "packing and installing the staticpublish tool"
cli="$root/src/StaticPublish.Cli/StaticPublish.Cli.csproj"
# The pointer package sends linux-x64 to the native (AOT) package and every other platform to the managed one.
bash "$root/build/native-tool.sh" >/dev/null
{ dotnet build "$cli" -c Release -nologo -v quiet && dotnet pack "$cli" -c Release --no-build -nologo -v quiet -o "$work/feed" &&
  dotnet pack "$cli" -c Release -r linux-x64 -nologo -v quiet -o "$work/feed" &&
  dotnet pack "$cli" -c Release -r any -nologo -v quiet -o "$work/feed"; } >"$work/pack.log" 2>&1 ||
  { cat "$work/pack.log" >&2; exit 2; }
tool_package=$(cd "$work/feed" && ls StaticPublish.Cli.[0-9]*.nupkg)
tool_version=${tool_package#StaticPublish.Cli.}
tool_version=${tool_version%.nupkg}
NUGET_PACKAGES="$work/nuget" dotnet tool install StaticPublish.Cli --version "$tool_version" --tool-path "$work/tool" \
  --add-source "$work/feed" >"$work/install.log" 2>&1 || { cat "$work/install.log" >&2; exit 2; }
staticpublish=("$work/tool/staticpublish")

generate() { # generate DIR FILES MB: the corpus, and its facts as KEY=VALUE in DIR.facts
  say "generating $1 (--shape $shape --files $2 --mb $3 --seed $seed)"
  "${bench[@]}" generate "$1" --shape "$shape" --files "$2" --mb "$3" --seed "$seed" >"$1.facts"
}
fact() { sed -n "s/^$2=//p" "$1.facts"; }

# ----------------------------------------------------------------- timing --

# run NAME BUCKET COMMAND...: the process's wall seconds, user+sys CPU seconds and peak RSS (MB) from
# /usr/bin/time -v, and the requests RGW logged for BUCKET meanwhile (by method). Output in $work/NAME.log.
# The S3 server's own CPU (user+sys of radosgw, ceph-osd and ceph-mon) is counted too when the server is the local
# cluster: on a machine it shares, every CPU second the client spends is one the server does not get.
declare -A wall cpu rss requests server_cpu
server_ticks() {
  local total=0 pid
  [[ $started_here == 1 || -z ${STATICPUBLISH_TEST_S3_ENDPOINT_GIVEN:-} ]] || { echo -; return; }
  for pid in $(pgrep -x 'radosgw|ceph-osd|ceph-mon' || true); do
    total=$((total + $(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}
# settle: waits, outside any timed process, until the S3 server has used at most 10% of a core for half a second (30 s
# at most), so a tool is not charged for the background work (compaction, log writes) the previous run left behind.
settle() {
  local before after i
  [[ $(server_ticks) != - ]] || return 0
  for ((i = 0; i < 60; i++)); do
    before=$(server_ticks)
    sleep 0.5
    after=$(server_ticks)
    (((after - before) * 20 <= $(getconf CLK_TCK))) && return 0
  done
  say "the S3 server did not go quiet within 30 s; timing anyway"
}
run() {
  local name=$1 bucket=$2 from=0 ticks_before ticks_after
  shift 2
  settle
  say "$name"
  [[ -n $rgw_log && -f $rgw_log ]] && from=$(stat -c %s "$rgw_log")
  ticks_before=$(server_ticks)
  if ! /usr/bin/time -v -o "$work/$name.time" "$@" >"$work/$name.log" 2>&1; then
    say "$name failed:"
    tail -n 30 "$work/$name.log" >&2
    exit 2
  fi
  ticks_after=$(server_ticks)
  server_cpu[$name]=-
  [[ $ticks_before != - ]] && server_cpu[$name]=$(awk -v a="$ticks_before" -v b="$ticks_after" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", (b - a) / hz }')
  wall[$name]=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.2f", s }' "$work/$name.time")
  cpu[$name]=$(awk -F': ' '/User time/ { u = $2 } /System time/ { s = $2 } END { printf "%.2f", u + s }' "$work/$name.time")
  rss[$name]=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$work/$name.time")
  requests[$name]=-
  if [[ -n $rgw_log && -f $rgw_log ]]; then
    sleep 1 # RGW writes its log asynchronously; this pause is outside the timed process.
    requests[$name]=$(tail -c +"$((from + 1))" "$rgw_log" | { grep -aoE "beast: .*\"[A-Z]+ /$bucket[/? ]" || true; } | { grep -aoE '"[A-Z]+ ' || true; } |
      awk '{ n[$1]++; t++ } END { s = ""; for (m in n) s = s sprintf("%s %s ", substr(m, 2), n[m]); printf "%d%s", t, t ? " (" substr(s, 1, length(s) - 1) ")" : "" }')
  fi
}
total_requests() { echo "${requests[$1]%% *}"; }
puts() { [[ ${requests[$1]} =~ PUT\ ([0-9]+) ]] && echo "${BASH_REMATCH[1]}" || echo 0; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { printf "%.3f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
verdict() { awk -v v="$1" -v limit="$2" 'BEGIN { print (v <= limit ? "PASS" : "FAIL") }'; }
failed=0
check() { # check VALUE LIMIT: PASS or FAIL, remembering a failure
  local result
  result=$(verdict "$1" "$2")
  [[ $result == PASS ]] || failed=1
  echo "$result"
}

report="$work/report.md"
cat >"$report" <<EOF
# StaticPublish publish benchmark

Written by \`tests/StaticPublish.Benchmarks/run.sh\` (parts:${parts% }), $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)').

## Machine

- $(nproc) cores ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)), $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) memory, load average before the run: $(cut -d' ' -f1-3 /proc/loadavg); shared with other work, so only ratios within this run mean anything.
- Linux $(uname -r); .NET SDK $(dotnet --version), runtime $(dotnet --list-runtimes | sed -n 's/^Microsoft.NETCore.App \([^ ]*\).*/\1/p' | tail -n 1)
- S3 server: $endpoint, $(radosgw --version 2>/dev/null | head -n 1 | cut -d' ' -f1-3 || echo 'radosgw (version unknown)') on the same cores
- $(rclone version 2>/dev/null | head -n 1); $(aws --version 2>&1 | cut -d' ' -f1,4); staticpublish $tool_version (this commit, packed; installed from $(readlink -f "$work/tool/staticpublish" | grep -o "staticpublish.cli.[a-z0-9-]*/" | tr -d / | head -n 1))
EOF

# ---------------------------------------------------------------- compare --

if [[ $parts == *" compare "* ]]; then
  corpus="$work/corpus"
  generate "$corpus" "$files" "$mb"
  corpus_files=$(fact "$corpus" CORPUS_FILES)
  command_for() { # command_for TOOL BUCKET: sets cmd to the tool's sync of the corpus into BUCKET
    case $1 in
      sp) cmd=("${staticpublish[@]}" publish "$corpus" --bucket "$2" --prefix "$prefix" --endpoint "$endpoint" --manifest "$work/$2.manifest.json") ;;
      rclone) cmd=(env -u AWS_CA_BUNDLE rclone sync --checksum -v "$corpus" "sp:$2/$prefix") ;;
      aws) cmd=(aws --endpoint-url "$endpoint" s3 sync --no-progress "$corpus" "s3://$2/$prefix") ;;
    esac
  }
  tools=(sp rclone aws)
  declare -A label=([sp]=staticpublish [rclone]="rclone sync --checksum" [aws]="aws s3 sync")
  cold_ratios=() nochange_ratios=() touched_ratios=() cpu_per_object=() cpu_per_file=()
  for ((round = 1; round <= rounds; round++)); do
    for tool in "${tools[@]}"; do new_bucket "$id-r$round-$tool"; done
    for phase in cold nochange touched; do
      if [[ $phase == touched ]]; then
        say "touching every file of the corpus"
        find "$corpus" -type f -exec touch {} +
      fi
      # Alternate the order: each phase of each round starts with the next tool.
      declare -A phase_index=([cold]=0 [nochange]=1 [touched]=2)
      offset=$(((round - 1) * 3 + phase_index[$phase]))
      for ((i = 0; i < 3; i++)); do
        tool=${tools[$(((i + offset) % 3))]}
        bucket="$id-r$round-$tool"
        command_for "$tool" "$bucket"
        run "r$round-$phase-$tool" "$bucket" "${cmd[@]}"
      done
    done
    # Every cold run wrote every file; no no-change run wrote anything (the release record aside).
    [[ $(puts "r$round-cold-aws") -ge $corpus_files && $(puts "r$round-cold-rclone") -ge $corpus_files ]] ||
      { say "a cold sync did not write every file: aws $(puts "r$round-cold-aws"), rclone $(puts "r$round-cold-rclone")"; exit 2; }
    [[ $(puts "r$round-cold-sp") -ge $corpus_files ]] || { say "staticpublish cold wrote $(puts "r$round-cold-sp") objects"; exit 2; }
    for tool in sp rclone aws; do
      [[ $(puts "r$round-nochange-$tool") == 0 ]] || { say "$tool no-change wrote $(puts "r$round-nochange-$tool") objects"; exit 2; }
    done
    [[ $(puts "r$round-touched-sp") == 0 ]] || { say "staticpublish touched wrote $(puts "r$round-touched-sp") objects"; exit 2; }
    cold_ratios+=("$(ratio "${wall[r$round-cold-sp]}" "${wall[r$round-cold-rclone]}")")
    nochange_ratios+=("$(ratio "${wall[r$round-nochange-sp]}" "${wall[r$round-nochange-aws]}")")
    touched_ratios+=("$(ratio "${wall[r$round-touched-sp]}" "${wall[r$round-touched-aws]}")")
    cpu_per_object+=("$(awk -v c="${cpu[r$round-cold-sp]}" -v n="$(puts "r$round-cold-sp")" 'BEGIN { printf "%.2f", 1000 * c / n }')")
    cpu_per_file+=("$(awk -v c="${cpu[r$round-cold-sp]}" -v n="$corpus_files" 'BEGIN { printf "%.2f", 1000 * c / n }')")
  done

  cold_ratio=$(median "${cold_ratios[@]}")
  nochange_ratio=$(median "${nochange_ratios[@]}")
  cpu_ms=$(median "${cpu_per_object[@]}")
  {
    echo
    echo "## Comparison: staticpublish, rclone, aws"
    echo
    echo "Corpus (\`generate --shape $shape --files $files --mb $mb --seed $seed\`): $corpus_files files, $(fact "$corpus" CORPUS_MB) MiB, $(fact "$corpus" CORPUS_UNDER_2KB) of them under 2 KB ($(awk -v a="$(fact "$corpus" CORPUS_UNDER_2KB)" -v b="$corpus_files" 'BEGIN { printf "%.1f", 100 * a / b }')%)."
    echo
    echo '```'
    sed -n '/^[a-z0-9]* *[0-9,]* files/p' "$corpus.facts"
    echo '```'
    echo
    echo "Each tool syncs into its own fresh bucket under \`$prefix/\`; the order of the tools rotates per phase, and before each timed run the script waits until the S3 server is idle (at most 10% of a core for half a second), so no run pays for the last one's background work. staticpublish runs with its defaults (concurrency 64, original-name copies on, so about two objects per fingerprinted file), rclone with \`--checksum\` and its defaults (4 transfers, 8 checkers), aws with its defaults (10 requests at once). Requests are RGW's log lines for the tool's bucket, by method."
    echo
    echo "| round | phase | tool | wall (s) | CPU user+sys (s) | S3 server CPU (s) | peak RSS (MB) | requests |"
    echo "|---|---|---|---|---|---|---|---|"
    for ((round = 1; round <= rounds; round++)); do
      for phase in cold nochange touched; do
        for tool in sp rclone aws; do
          name="r$round-$phase-$tool"
          echo "| $round | $phase | ${label[$tool]} | ${wall[$name]} | ${cpu[$name]} | ${server_cpu[$name]} | ${rss[$name]} | ${requests[$name]} |"
        done
      done
    done
    echo
    echo "| target | value (median of $rounds) | limit | result |"
    echo "|---|---|---|---|"
    echo "| 1. cold: staticpublish / rclone --checksum | $cold_ratio (${cold_ratios[*]}) | ≤ 0.80 | $(check "$cold_ratio" 0.80) |"
    echo "| 2. cold client CPU per object written, ms | $cpu_ms (${cpu_per_object[*]}; per source file: ${cpu_per_file[*]}) | ≤ 1.00 | $(check "$cpu_ms" 1.00) |"
    echo "| 3. no-change: staticpublish / aws s3 sync | $nochange_ratio (${nochange_ratios[*]}) | ≤ 0.50 | $(check "$nochange_ratio" 0.50) |"
    echo "| cold S3 server CPU: staticpublish / rclone --checksum (what the server spent on each tool's requests) | $(for ((round = 1; round <= rounds; round++)); do [[ ${server_cpu[r$round-cold-sp]} == - ]] && printf '– ' || printf '%s ' "$(ratio "${server_cpu[r$round-cold-sp]}" "${server_cpu[r$round-cold-rclone]}")"; done) | – | |"
    echo "| touched: staticpublish / aws s3 sync | $(median "${touched_ratios[@]}") (${touched_ratios[*]}) | – | |"
    echo "| peak RSS, staticpublish, cold / no-change (MB) | $(for ((round = 1; round <= rounds; round++)); do printf '%s / %s ' "${rss[r$round-cold-sp]}" "${rss[r$round-nochange-sp]}"; done) | – (target 4 is the memory part) | |"
  } >>"$report"
fi

# ----------------------------------------------------------------- memory --

if [[ $parts == *" memory "* ]]; then
  big="$work/corpus-memory"
  generate "$big" "$memory_files" "$memory_mb"
  new_bucket "$id-memory"
  big_cmd=("${staticpublish[@]}" publish "$big" --bucket "$id-memory" --prefix "$prefix" --endpoint "$endpoint" --manifest "$work/memory.manifest.json")
  run memory-cold "$id-memory" "${big_cmd[@]}"
  run memory-nochange "$id-memory" "${big_cmd[@]}"
  [[ $(puts memory-nochange) == 0 ]] || { say "memory no-change wrote $(puts memory-nochange) objects"; exit 2; }
  peak=$((rss[memory-cold] > rss[memory-nochange] ? rss[memory-cold] : rss[memory-nochange]))
  {
    echo
    echo "## Memory: staticpublish at $(fact "$big" CORPUS_FILES) files, $(fact "$big" CORPUS_MB) MiB"
    echo
    echo "| phase | wall (s) | CPU user+sys (s) | S3 server CPU (s) | peak RSS (MB) | requests |"
    echo "|---|---|---|---|---|---|"
    echo "| cold | ${wall[memory-cold]} | ${cpu[memory-cold]} | ${server_cpu[memory-cold]} | ${rss[memory-cold]} | ${requests[memory-cold]} |"
    echo "| no-change | ${wall[memory-nochange]} | ${cpu[memory-nochange]} | ${server_cpu[memory-nochange]} | ${rss[memory-nochange]} | ${requests[memory-nochange]} |"
    echo
    echo "| target | value | limit | result |"
    echo "|---|---|---|---|"
    echo "| 4. peak RSS, cold and no-change (MB) | $peak | ≤ 300 | $(check "$peak" 300) |"
  } >>"$report"
fi

# ---------------------------------------------------------------- msbuild --

if [[ $parts == *" msbuild "* ]]; then
  # A minimal web app outside the repository whose wwwroot is the corpus, with the target imported from source
  # the way the package's build/ folder imports it.
  app="$work/app"
  mkdir -p "$app"
  [[ -d $work/corpus ]] || generate "$work/corpus" "$files" "$mb"
  cp -r "$work/corpus" "$app/wwwroot"
  dotnet build "$root/src/StaticPublish.Build/StaticPublish.Build.csproj" -c Release -nologo -v quiet >"$work/task-build.log" 2>&1 ||
    { cat "$work/task-build.log" >&2; exit 2; }
  cat >"$app/BenchApp.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk.Web">
  <Import Project="$root/build/StaticPublish.Build.props" />
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <ImplicitUsings>enable</ImplicitUsings>
    <StaticPublishTaskAssembly>$root/src/StaticPublish.Build/bin/Release/net10.0/StaticPublish.Build.dll</StaticPublishTaskAssembly>
    <StaticPublishEndpoint>$endpoint</StaticPublishEndpoint>
    <StaticPublishPrefix>$prefix</StaticPublishPrefix>
  </PropertyGroup>
  <Import Project="$root/build/StaticPublish.Build.targets" />
</Project>
EOF
  echo 'WebApplication.Create(args).Run();' >"$app/Program.cs"
  new_bucket "$id-msbuild"
  new_bucket "$id-msbuild-cli"
  dotnet restore "$app/BenchApp.csproj" -nologo -v quiet >"$work/app-restore.log" 2>&1 || { cat "$work/app-restore.log" >&2; exit 2; }
  publish_app=(dotnet publish "$app/BenchApp.csproj" -c Release -nologo -v quiet --no-restore -o "$app/out")
  target=(-p:StaticPublishEnabled=true -p:StaticPublishBucket="$id-msbuild")
  cli_app=("${staticpublish[@]}" publish "$app/out" --bucket "$id-msbuild-cli" --prefix "$prefix" --endpoint "$endpoint" --manifest "$work/cli-app.manifest.json")
  run msbuild-plain-first "$id-msbuild" "${publish_app[@]}"
  run msbuild-plain "$id-msbuild" "${publish_app[@]}"
  run msbuild-target-cold "$id-msbuild" "${publish_app[@]}" "${target[@]}"
  run msbuild-target-nochange "$id-msbuild" "${publish_app[@]}" "${target[@]}"
  run msbuild-plain-again "$id-msbuild" "${publish_app[@]}"
  run msbuild-cli-cold "$id-msbuild-cli" "${cli_app[@]}"
  run msbuild-cli-nochange "$id-msbuild-cli" "${cli_app[@]}"
  [[ $(puts msbuild-target-nochange) == 0 && $(puts msbuild-cli-nochange) == 0 ]] ||
    { say "a no-change publish wrote objects: target $(puts msbuild-target-nochange), tool $(puts msbuild-cli-nochange)"; exit 2; }
  plain=$(median "${wall[msbuild-plain]}" "${wall[msbuild-plain-again]}")
  added() { awk -v a="$1" -v b="$plain" 'BEGIN { printf "%.2f", a - b }'; }
  {
    echo
    echo "## MSBuild target: what it adds to \`dotnet publish\`"
    echo
    echo "A web app outside the repository (\`WebApplication.Create(args).Run();\`) whose wwwroot is the comparison corpus; \`dotnet publish -c Release --no-restore\`, the target imported from source as the package imports it. The plain publish is the mean of two incremental publishes without the target, one before and one after the target's runs."
    echo
    echo "| run | wall (s) | CPU user+sys (s) | peak RSS (MB) | requests |"
    echo "|---|---|---|---|---|"
    for name in msbuild-plain-first msbuild-plain msbuild-target-cold msbuild-target-nochange msbuild-plain-again msbuild-cli-cold msbuild-cli-nochange; do
      echo "| ${name#msbuild-} | ${wall[$name]} | ${cpu[$name]} | ${rss[$name]} | ${requests[$name]} |"
    done
    echo
    echo "| | cold (s) | no-change (s) |"
    echo "|---|---|---|"
    echo "| the target adds to an incremental \`dotnet publish\` ($plain s) | $(added "${wall[msbuild-target-cold]}") | $(added "${wall[msbuild-target-nochange]}") |"
    echo "| the tool on the same publish output | ${wall[msbuild-cli-cold]} | ${wall[msbuild-cli-nochange]} |"
  } >>"$report"
fi

cp "$report" "$results"
cat "$report"
say "wrote $results"
exit "$failed"
