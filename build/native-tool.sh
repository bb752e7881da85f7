#!/usr/bin/env bash
# build/native-tool.sh [configuration] - publishes the staticpublish tool as the linux-x64 tool package carries it
# (Native AOT) and prints the executable's path.
#
# Native AOT links with clang and zlib (Microsoft's prerequisites for Linux); this installs Debian's clang and
# zlib1g-dev with apt-get when they are missing and it runs as root. The first publish takes about a minute on two
# cores; later ones reuse the native compiler's output while the code is unchanged.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
configuration=${1:-Release}
log() { printf 'native-tool.sh: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

[[ $(uname -s) == Linux && $(uname -m) == x86_64 ]] ||
  die "the native tool is built for linux-x64 only; other platforms use the framework-dependent package (StaticPublish.Cli.any)"

pkgs=()
command -v clang >/dev/null 2>&1 || pkgs+=(clang)
if command -v dpkg >/dev/null 2>&1; then
  dpkg -s zlib1g-dev >/dev/null 2>&1 || pkgs+=(zlib1g-dev)
fi
if ((${#pkgs[@]})); then
  ((EUID == 0)) && command -v apt-get >/dev/null 2>&1 ||
    die "Native AOT needs ${pkgs[*]}; install them (Debian: apt-get install ${pkgs[*]}) and run again"
  log "installing ${pkgs[*]} (Native AOT's compiler and linker)"
  export DEBIAN_FRONTEND=noninteractive
  apt=(apt-get -q -y -o Dpkg::Use-Pty=0 -o DPkg::Lock::Timeout=120)
  "${apt[@]}" install --no-install-recommends "${pkgs[@]}" >&2 ||
    { "${apt[@]}" update >&2 && "${apt[@]}" install --no-install-recommends "${pkgs[@]}" >&2; } ||
    die "apt-get install ${pkgs[*]} failed"
fi

out="$root/src/StaticPublish.Cli/bin/$configuration/net10.0/linux-x64/publish"
log "publishing the native tool (dotnet publish -r linux-x64, Native AOT)"
dotnet publish "$root/src/StaticPublish.Cli/StaticPublish.Cli.csproj" -c "$configuration" -r linux-x64 -nologo -v quiet >&2 ||
  die "dotnet publish -r linux-x64 failed"
[[ -x $out/staticpublish ]] || die "the publish did not produce $out/staticpublish"
# The tests run a copy that nothing else writes (packing -r linux-x64 publishes into $out again, with the native
# compiler's own file times), stamped now: Tool.cs refuses a copy older than the managed build it stands in for.
copy="$root/artifacts/native-tool/staticpublish"
mkdir -p "${copy%/*}"
cp "$out/staticpublish" "$copy.tmp" && mv -f "$copy.tmp" "$copy" && touch "$copy"
printf '%s\n' "$copy"
