#!/usr/bin/env bash
# build/local-s3.sh - a real, strict local S3 server for tests: a single-host
# Ceph RADOS Gateway (Debian's ceph 16.x packages), one mon, one OSD on a sparse
# bluestore file, one radosgw, all bound to 127.0.0.1.
#
# Usage: build/local-s3.sh start|stop|status|env|logs [N]|destroy
#
#   start    install packages if missing, create the cluster if missing, start
#            whatever daemon is stopped, wait until RGW answers (HTTP and
#            HTTPS) and the S3 user works, then print the STATICPUBLISH_TEST_S3_*
#            lines on stdout. Idempotent; a no-op (well under 1 s) when
#            everything is up. An older cluster without TLS is upgraded.
#   stop     stop the daemons of this cluster (by pid file, verified against
#            /proc/<pid>/cmdline), SIGKILL after ~10 s.
#   status   exit 0 and print the env lines if RGW answers (HTTP and HTTPS)
#            and the user exists.
#   env      print the env lines (no checks).
#   logs [N] last N (default 50) lines of the rgw, osd and mon logs.
#   destroy  stop, then delete the data folder.
#
# Settings (environment):
#   STATICPUBLISH_RGW_DIR         data folder (default
#                                 ${XDG_CACHE_HOME:-$HOME/.cache}/staticpublish/rgw);
#                                 nothing outside it is written (not /etc/ceph,
#                                 not /var/lib/ceph).
#   STATICPUBLISH_RGW_PORT        RGW HTTP port on 127.0.0.1 (default 7480)
#   STATICPUBLISH_RGW_TLS_PORT    RGW HTTPS port on 127.0.0.1 (default 7443); its
#                                 certificate (IP 127.0.0.1, DNS localhost) is
#                                 signed by a private test CA in DIR/tls/ca.pem,
#                                 printed as STATICPUBLISH_TEST_S3_CA_BUNDLE
#   STATICPUBLISH_RGW_ACCESS_KEY  (default staticpublish-test)
#   STATICPUBLISH_RGW_SECRET_KEY  (default staticpublish-test-secret-key-0123456789)
#   STATICPUBLISH_RGW_MON_PORT    optional; mon ports P and P+1 instead of the
#                                 default 3300 and 6789 (for a second cluster)
#
# Only the KEY=VALUE lines go to stdout; every log line goes to stderr.
# Two clusters on one host need their own DIR, PORT, TLS_PORT and MON_PORT.

set -euo pipefail
unset CEPH_ARGS CEPH_CONF

# ---------------------------------------------------------------- settings --

DIR="${STATICPUBLISH_RGW_DIR:-${XDG_CACHE_HOME:-${HOME:-/root}/.cache}/staticpublish/rgw}"
PORT="${STATICPUBLISH_RGW_PORT:-7480}"
TLS_PORT="${STATICPUBLISH_RGW_TLS_PORT:-7443}"
ACCESS_KEY="${STATICPUBLISH_RGW_ACCESS_KEY:-staticpublish-test}"
SECRET_KEY="${STATICPUBLISH_RGW_SECRET_KEY:-staticpublish-test-secret-key-0123456789}"
REGION=us-east-1
EMPTY_SHA256=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
S3_UID=staticpublish-test
START_TIMEOUT=180          # seconds, for the whole wait after packages are in
STOP_TIMEOUT=10            # seconds before SIGKILL
# Mon ports: 3300 (msgr v2) and 6789 (v1) by default; STATICPUBLISH_RGW_MON_PORT=P
# uses P and P+1 instead, so a second cluster (own DIR and PORT) can run beside.
if [[ -n ${STATICPUBLISH_RGW_MON_PORT:-} ]]; then
  MON_PORTS=("$STATICPUBLISH_RGW_MON_PORT" "")
  [[ $STATICPUBLISH_RGW_MON_PORT =~ ^[1-9][0-9]{0,4}$ ]] &&
    MON_PORTS[1]=$((STATICPUBLISH_RGW_MON_PORT + 1))
else
  MON_PORTS=(3300 6789)
fi
MON_ADDR="[v2:127.0.0.1:${MON_PORTS[0]},v1:127.0.0.1:${MON_PORTS[1]}]"
PACKAGES=(radosgw ceph-mon ceph-osd ceph-common ceph-base uuid-runtime)
TLS_DAYS=825               # server certificate lifetime; renewed 30 days before expiry
CA_DAYS=3650

[[ $DIR == /* ]] || DIR="$PWD/$DIR"
DIR="${DIR%/}"

CONF="$DIR/ceph.conf"
KEYS="$DIR/keys"
RUN="$DIR/run"
LOGD="$DIR/log"
CRASH="$DIR/crash"
MON_DATA="$DIR/mon/ceph-a"
OSD_DATA="$DIR/osd/ceph-0"
RGW_DATA="$DIR/rgw/ceph-rgw.a"
TLS="$DIR/tls"
CA_CERT="$TLS/ca.pem"
CA_KEY="$TLS/ca.key"
TLS_CERT="$TLS/server.pem"
TLS_KEY="$TLS/server.key"
SENTINEL="$DIR/.staticpublish-rgw"
COMPLETE="$DIR/.complete"
LOCK="$DIR.lock"
# Top-level entries this script creates; a folder holding only these may be wiped.
KNOWN_ENTRIES=" .staticpublish-rgw .complete .step-1-keys .step-2-mon .step-3-osd
  ceph.conf ceph.conf.new fsid osd-uuid osd-id monmap keys mon osd rgw run log crash tls "

DAEMONS=(rgw osd mon)      # stop order; start order is the reverse

daemon_exe() {
  case $1 in mon) echo ceph-mon ;; osd) echo ceph-osd ;; rgw) echo radosgw ;; esac
}
daemon_name() {
  case $1 in mon) echo mon.a ;; osd) echo osd.0 ;; rgw) echo client.rgw.a ;; esac
}
daemon_log() { echo "$LOGD/$(daemon_name "$1").log"; }
daemon_pidfile() { echo "$RUN/$(daemon_name "$1").pid"; }

# ----------------------------------------------------------------- helpers --

log() { printf '[local-s3] %s\n' "$*" >&2; }

# Seconds since the script started, with milliseconds.
T0=${EPOCHREALTIME/[.,]/}
elapsed() {
  local now=${EPOCHREALTIME/[.,]/}
  local ms=$(((now - T0) / 1000))
  printf '%d.%03ds' $((ms / 1000)) $((ms % 1000))
}

# show_log FILE [N]: the tail of a log on stderr.
show_log() {
  local f=$1 n=${2:-30}
  if [[ -s $f ]]; then
    printf -- '---- last %d lines of %s ----\n' "$n" "$f" >&2
    tail -n "$n" -- "$f" >&2 || true
    printf -- '---- end of %s ----\n' "$f" >&2
  fi
}

# die MESSAGE [DAEMON...]: error, tail of the named daemons' logs, exit 1.
die() {
  local msg=$1 d
  shift
  printf '[local-s3] ERROR: %s\n' "$msg" >&2
  for d in "$@"; do
    show_log "$LOGD/$d.out" 10
    show_log "$(daemon_log "$d")" 30
  done
  exit 1
}

trap 'printf "[local-s3] ERROR: command failed (line %s): %s\n" "$LINENO" "$BASH_COMMAND" >&2' ERR

print_env() {
  printf 'STATICPUBLISH_TEST_S3_ENDPOINT=http://127.0.0.1:%s\n' "$PORT"
  printf 'STATICPUBLISH_TEST_S3_ACCESS_KEY=%s\n' "$ACCESS_KEY"
  printf 'STATICPUBLISH_TEST_S3_SECRET_KEY=%s\n' "$SECRET_KEY"
  printf 'STATICPUBLISH_TEST_S3_REGION=%s\n' "$REGION"
  printf 'STATICPUBLISH_TEST_S3_LOG=%s\n' "$(daemon_log rgw)"
  printf 'STATICPUBLISH_TEST_S3_TLS_ENDPOINT=https://127.0.0.1:%s\n' "$TLS_PORT"
  printf 'STATICPUBLISH_TEST_S3_CA_BUNDLE=%s\n' "$CA_CERT"
}

check_settings() {
  if ! [[ $PORT =~ ^[1-9][0-9]{0,4}$ ]] || ((PORT > 65535)); then
    die "STATICPUBLISH_RGW_PORT must be a TCP port number, got '$PORT'"
  fi
  if ! [[ $TLS_PORT =~ ^[1-9][0-9]{0,4}$ ]] || ((TLS_PORT > 65535)); then
    die "STATICPUBLISH_RGW_TLS_PORT must be a TCP port number, got '$TLS_PORT'"
  fi
  ((TLS_PORT != PORT)) || die "STATICPUBLISH_RGW_TLS_PORT and STATICPUBLISH_RGW_PORT must differ, both are $PORT"
  [[ -n ${MON_PORTS[1]} ]] || MON_PORTS[1]=99999
  ((MON_PORTS[1] < 65536)) ||
    die "STATICPUBLISH_RGW_MON_PORT must be a TCP port number, got '${MON_PORTS[0]}'"
  # ceph.conf treats '$' as a metavariable and ';'/'#' as comments: keep paths plain.
  [[ $DIR =~ ^/[A-Za-z0-9._/+@-]+$ ]] ||
    die "STATICPUBLISH_RGW_DIR must be a plain path ([A-Za-z0-9._/+@-]), got '$DIR'"
  [[ $DIR != / && $DIR != "${HOME:-/root}" ]] ||
    die "STATICPUBLISH_RGW_DIR must be a dedicated folder, got '$DIR'"
  [[ $ACCESS_KEY =~ ^[A-Za-z0-9._+/=-]+$ && $SECRET_KEY =~ ^[A-Za-z0-9._+/=-]+$ ]] ||
    die "access and secret keys must be plain tokens ([A-Za-z0-9._+/=-])"
}

# ------------------------------------------------------------------ process --

# proc_is_ours PID EXE: true if PID is a live (non-zombie) EXE process whose
# command line names this cluster's ceph.conf.
proc_is_ours() {
  local pid=$1 exe=$2 a
  local -a args=()
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  mapfile -d '' -t args 2>/dev/null <"/proc/$pid/cmdline" || return 1
  ((${#args[@]} > 1)) || return 1 # gone, or a zombie (empty cmdline)
  [[ ${args[0]##*/} == "$exe" ]] || return 1
  for a in "${args[@]:1}"; do
    [[ $a == "$CONF" ]] && return 0
  done
  return 1
}

# daemon_pid D: print the pid of daemon D of this cluster if it runs.
# Trusts the pid file only after checking /proc/<pid>/cmdline; removes a stale
# one. Falls back to a /proc scan (same check) for a daemon whose pid file is
# missing, stale or not yet written, and then rewrites its pid file.
daemon_pid() {
  local d=$1 exe pidf pid p
  exe=$(daemon_exe "$d")
  pidf=$(daemon_pidfile "$d")
  if [[ -f $pidf ]]; then
    pid=$(<"$pidf") || pid=
    pid=${pid//[[:space:]]/}
    if proc_is_ours "$pid" "$exe"; then
      echo "$pid"
      return 0
    fi
    [[ -w $RUN ]] && rm -f -- "$pidf"
  fi
  for p in /proc/[0-9]*; do
    pid=${p#/proc/}
    if proc_is_ours "$pid" "$exe"; then
      [[ -w $RUN ]] && echo "$pid" >"$pidf"
      echo "$pid"
      return 0
    fi
  done
  return 1
}

# port_owner PORT: print "pid cmdline" of the process listening on 127.0.0.1/any
# PORT, or "?" if something listens but ss cannot tell who; nothing if free.
port_owner() {
  local port=$1 out pid
  out=$(ss -Hltnp "( sport = :$port )" 2>/dev/null) || out=
  [[ -n $out ]] || return 0
  if [[ $out =~ pid=([0-9]+) ]]; then
    pid=${BASH_REMATCH[1]}
    printf '%s %s\n' "$pid" "$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)"
  else
    echo "?"
  fi
}

# check_port_free D PORT: fail unless PORT is free or held by daemon D of ours.
check_port_free() {
  local d=$1 port=$2 owner pid
  owner=$(port_owner "$port")
  [[ -n $owner ]] || return 0
  pid=${owner%% *}
  proc_is_ours "$pid" "$(daemon_exe "$d")" && return 0
  die "port $port on 127.0.0.1 is already in use by another process (pid/cmd: $owner); free it, or use other STATICPUBLISH_RGW_PORT / STATICPUBLISH_RGW_TLS_PORT / STATICPUBLISH_RGW_MON_PORT settings"
}

# launch_daemon D: start daemon D in the background (see await_launches).
declare -A LAUNCHES=()
launch_daemon() {
  local d=$1 exe p
  exe=$(daemon_exe "$d")
  case $d in
  mon) for p in "${MON_PORTS[@]}"; do check_port_free mon "$p"; done ;;
  rgw) for p in "$PORT" "$TLS_PORT"; do check_port_free rgw "$p"; done ;;
  esac
  rm -f -- "$(daemon_pidfile "$d")"
  log "$(elapsed) starting $exe"
  local -a args=(-c "$CONF")
  case $d in
  mon) args+=(-i a) ;;
  osd) args+=(-i 0) ;;
  rgw) args+=(-n client.rgw.a) ;;
  esac
  # The daemons fork into the background themselves; their foreground part
  # (config fetch from the mon, for the OSD also mounting bluestore) is run as
  # a job here, bounded by timeout, detached from our stdio and lock fd 9.
  timeout 120 "$exe" "${args[@]}" </dev/null >>"$LOGD/$d.out" 2>&1 9>&- &
  LAUNCHES[$d]=$!
}

# await_launches: wait for the foreground part of each launched daemon.
await_launches() {
  local d
  for d in "${!LAUNCHES[@]}"; do
    wait "${LAUNCHES[$d]}" || die "$(daemon_exe "$d") failed to start" "$d"
    unset "LAUNCHES[$d]"
  done
}

# stop_daemon D: SIGTERM, wait (poll), SIGKILL after STOP_TIMEOUT.
stop_daemon() {
  local d=$1 exe pid i
  exe=$(daemon_exe "$d")
  if ! pid=$(daemon_pid "$d"); then
    rm -f -- "$(daemon_pidfile "$d")"
    return 0
  fi
  log "$(elapsed) stopping $exe (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < STOP_TIMEOUT * 10; i++)); do
    proc_is_ours "$pid" "$exe" || break
    sleep 0.1
  done
  if proc_is_ours "$pid" "$exe"; then
    log "$exe (pid $pid) still running after ${STOP_TIMEOUT}s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do
      proc_is_ours "$pid" "$exe" || break
      sleep 0.1
    done
    proc_is_ours "$pid" "$exe" && die "could not stop $exe (pid $pid)"
  fi
  rm -f -- "$(daemon_pidfile "$d")"
}

stop_all() {
  local d
  for d in "${DAEMONS[@]}"; do stop_daemon "$d"; done
}

# --------------------------------------------------------------- packages --

ensure_packages() {
  local c need=0
  for c in ceph ceph-mon ceph-osd radosgw radosgw-admin ceph-authtool monmaptool uuidgen; do
    command -v "$c" >/dev/null 2>&1 || need=1
  done
  local -a pkgs=("${PACKAGES[@]}")
  command -v curl >/dev/null 2>&1 || { need=1; pkgs+=(curl); }
  command -v ss >/dev/null 2>&1 || { need=1; pkgs+=(iproute2); }
  command -v openssl >/dev/null 2>&1 || { need=1; pkgs+=(openssl); }
  ((need)) || return 0
  ((EUID == 0)) || die "packages missing (${pkgs[*]}); run as root or install them first"
  log "$(elapsed) installing packages: ${pkgs[*]}"
  local -a apt=(apt-get -q -y -o Dpkg::Use-Pty=0 -o DPkg::Lock::Timeout=120)
  export DEBIAN_FRONTEND=noninteractive
  if ! compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null ||
    [[ -n $(find /var/lib/apt/lists -maxdepth 1 -name '*_Packages*' -mtime +7 -print -quit) ]]; then
    log "$(elapsed) apt-get update (package lists missing or stale)"
    "${apt[@]}" update >&2 || die "apt-get update failed"
  fi
  if ! "${apt[@]}" install --no-install-recommends "${pkgs[@]}" >&2; then
    log "$(elapsed) install failed; retrying after apt-get update"
    "${apt[@]}" update >&2 || die "apt-get update failed"
    "${apt[@]}" install --no-install-recommends "${pkgs[@]}" >&2 || die "apt-get install ${pkgs[*]} failed"
  fi
  log "$(elapsed) packages installed"
}

# ---------------------------------------------------------------- cluster --

render_conf() {
  local fsid
  fsid=$(<"$DIR/fsid")
  cat <<EOF
# Generated by build/local-s3.sh; rewritten on every start.
[global]
fsid = $fsid
mon initial members = a
mon host = $MON_ADDR
public addr = 127.0.0.1
cluster addr = 127.0.0.1
public network = 127.0.0.0/8
cluster network = 127.0.0.0/8
ms bind ipv6 = false
auth cluster required = cephx
auth service required = cephx
auth client required = cephx
auth allow insecure global id reclaim = false
run dir = $RUN
crash dir = $CRASH
# one OSD, no replication
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
osd crush chooseleaf type = 0
mon allow pool size one = true
mon allow pool delete = true
mon warn on pool no redundancy = false
mon max pg per osd = 1000
# a single mon: commit map changes quickly (RGW's first start creates pools)
paxos propose interval = 0.05
mon data avail warn = 2
mon data avail crit = 1
osd objectstore = bluestore
osd memory target = 1073741824
osd max object name len = 460
osd max object namespace len = 64
# quiet logs: errors (level 0) still land in the files
debug ms = 0/0
debug monc = 0/5
debug auth = 0/5
debug mon = 0/5
debug paxos = 0/5
debug osd = 0/5
debug bluestore = 0/5
debug bluefs = 0/5
debug bdev = 0/5
debug rocksdb = 0/5
debug objecter = 0/5
debug rados = 0/5
debug rgw = 1/5

[mon.a]
mon data = $MON_DATA
keyring = $MON_DATA/keyring
log file = $LOGD/mon.a.log
admin socket = $RUN/mon.a.asok
pid file = $RUN/mon.a.pid
mon cluster log file = $LOGD/cluster.log
mon cluster log file level = info

[osd.0]
osd data = $OSD_DATA
keyring = $KEYS/osd.0.keyring
bluestore block create = true
bluestore block size = 20G
bluestore fsck on mkfs = false
log file = $LOGD/osd.0.log
admin socket = $RUN/osd.0.asok
pid file = $RUN/osd.0.pid

[client.rgw.a]
keyring = $KEYS/client.rgw.a.keyring
log file = $LOGD/client.rgw.a.log
admin socket = $RUN/client.rgw.a.asok
pid file = $RUN/client.rgw.a.pid
rgw data = $RGW_DATA
rgw frontends = beast endpoint=127.0.0.1:$PORT ssl_endpoint=127.0.0.1:$TLS_PORT ssl_certificate=$TLS_CERT ssl_private_key=$TLS_KEY
rgw thread pool size = 128
rgw dns name = localhost
# SSE-KMS with RGW's built-in test key store, so SSE tests run against real
# encryption. These keys are public test fixtures: never use this backend for
# real data. Plain HTTP is allowed because the server only listens on loopback.
rgw crypt s3 kms backend = testing
rgw crypt s3 kms encryption keys = testkey-1=c3RhdGljcHVibGlzaC10ZXN0LWttcy1rZXktMDAwMDE= testkey-2=c3RhdGljcHVibGlzaC10ZXN0LWttcy1rZXktMDAwMDI=
rgw crypt require ssl = false
# re-request the OSD map every second, not every 5 s, while the OSD is not up
# yet (RGW starts beside the OSD)
objecter tick interval = 1

[client.admin]
keyring = $KEYS/client.admin.keyring
EOF
}

# write_conf: (re)write ceph.conf; returns 0 if it changed.
write_conf() {
  render_conf >"$CONF.new"
  if [[ -f $CONF ]] && cmp -s "$CONF" "$CONF.new"; then
    rm -f -- "$CONF.new"
    return 1
  fi
  mv -f -- "$CONF.new" "$CONF"
  return 0
}

cluster_complete() {
  [[ -f $COMPLETE && -f $SENTINEL && -s $DIR/fsid && -s $KEYS/client.admin.keyring &&
    -s $KEYS/osd.0.keyring && -s $KEYS/client.rgw.a.keyring && -d $MON_DATA/store.db &&
    -e $OSD_DATA/block ]]
}

last_step() {
  local s last=none
  for s in 1-keys 2-mon 3-osd; do [[ -f $DIR/.step-$s ]] && last=$s; done
  echo "$last"
}

# dir_is_ours: the folder is empty, carries our sentinel, or holds only names
# this script creates (e.g. a ceph.conf left by an interrupted first run).
dir_is_ours() {
  [[ -f $SENTINEL ]] && return 0
  local e name
  for e in "$DIR"/* "$DIR"/.[!.]*; do
    [[ -e $e || -L $e ]] || continue
    name=${e##*/}
    [[ $KNOWN_ENTRIES == *" $name "* ]] || return 1
  done
  return 0
}

wipe_dir() {
  [[ -e $DIR ]] || return 0
  [[ -d $DIR ]] || die "$DIR exists and is not a folder"
  dir_is_ours || die "refusing to delete $DIR: it holds files this script did not create"
  rm -rf -- "$DIR"
}

mark() { : >"$DIR/.step-$1"; }

ceph_cmd() { timeout 90 ceph -c "$CONF" --connect-timeout 60 "$@"; }

rgw_admin() {
  timeout 90 radosgw-admin -c "$CONF" --client-mount-timeout=60 \
    --rados-mon-op-timeout=60 --rados-osd-op-timeout=60 "$@"
}

bootstrap() {
  log "$(elapsed) creating a new cluster in $DIR"
  mkdir -p -- "$DIR"
  : >"$SENTINEL"
  mkdir -p -- "$KEYS" "$RUN" "$LOGD" "$CRASH" "$MON_DATA" "$OSD_DATA" "$RGW_DATA"
  chmod 700 "$DIR" "$KEYS"
  ensure_tls
  uuidgen >"$DIR/fsid"
  uuidgen >"$DIR/osd-uuid"
  write_conf || true

  # 1. keyrings; the RGW key goes into the mon's initial auth database.
  {
    ceph-authtool --create-keyring "$KEYS/mon.keyring" --gen-key -n mon. --cap mon 'allow *'
    ceph-authtool --create-keyring "$KEYS/client.admin.keyring" --gen-key -n client.admin \
      --cap mon 'allow *' --cap osd 'allow *' --cap mds 'allow *' --cap mgr 'allow *'
    ceph-authtool --create-keyring "$KEYS/client.rgw.a.keyring" --gen-key -n client.rgw.a \
      --cap mon 'allow rw' --cap osd 'allow rwx'
    ceph-authtool "$KEYS/mon.keyring" --import-keyring "$KEYS/client.admin.keyring"
    ceph-authtool "$KEYS/mon.keyring" --import-keyring "$KEYS/client.rgw.a.keyring"
    ceph-authtool --create-keyring "$KEYS/osd.0.keyring" --gen-key -n osd.0
  } >>"$LOGD/bootstrap.out" 2>&1 || die "creating keyrings failed" bootstrap
  mark 1-keys

  # 2. monitor
  monmaptool --create --fsid "$(<"$DIR/fsid")" --addv a "$MON_ADDR" "$DIR/monmap" \
    >>"$LOGD/bootstrap.out" 2>&1 || die "monmaptool failed" bootstrap
  ceph-mon -c "$CONF" --mkfs -i a --monmap "$DIR/monmap" --keyring "$KEYS/mon.keyring" \
    </dev/null >>"$LOGD/mon.out" 2>&1 || die "ceph-mon --mkfs failed" mon
  mark 2-mon
  launch_daemon mon
  await_launches

  # 3. OSD: register it with the mon ("osd new"; the ceph CLI waits for the
  # mon by itself, bounded by --connect-timeout) while bluestore is created
  # offline (--no-mon-config) on the sparse file.
  local osd_uuid osd_secret osd_id new_pid mkfs_pid
  osd_uuid=$(<"$DIR/osd-uuid")
  osd_secret=$(ceph-authtool -p -n osd.0 "$KEYS/osd.0.keyring")
  printf '{"cephx_secret": "%s"}' "$osd_secret" |
    ceph_cmd osd new "$osd_uuid" -i - >"$DIR/osd-id" 2>>"$LOGD/bootstrap.out" 9>&- &
  new_pid=$!
  log "$(elapsed) registering osd.0; ceph-osd --mkfs (bluestore on a sparse 20G file)"
  timeout 120 ceph-osd -c "$CONF" -i 0 --mkfs --no-mon-config --osd-uuid "$osd_uuid" \
    </dev/null >>"$LOGD/osd.out" 2>&1 9>&- &
  mkfs_pid=$!
  wait "$new_pid" || die "'ceph osd new' failed (is the mon up?)" bootstrap mon
  wait "$mkfs_pid" || die "ceph-osd --mkfs failed" osd
  osd_id=$(<"$DIR/osd-id")
  [[ $osd_id == 0 ]] || die "'ceph osd new' returned id '$osd_id', expected 0" bootstrap mon
  mark 3-osd
  : >"$COMPLETE"
  log "$(elapsed) cluster created"
}

# -------------------------------------------------------------------- TLS --

# ensure_tls: a private test CA (ca.pem, ca.key) and a server certificate for
# IP 127.0.0.1 and DNS localhost signed by it, in $TLS. Kept while valid for
# another 30 days and still signed by the CA; otherwise (re)made, and
# TLS_RENEWED=1 tells the caller that a running RGW must restart to load it.
TLS_RENEWED=0
ensure_tls() {
  local soon=$((30 * 86400)) out="$LOGD/tls.out" new_ca=0
  mkdir -p -- "$TLS" "$LOGD"
  chmod 700 "$TLS"
  if ! [[ -s $CA_CERT && -s $CA_KEY ]] ||
    ! openssl x509 -in "$CA_CERT" -noout -checkend "$soon" >/dev/null 2>&1; then
    log "$(elapsed) creating the test CA $CA_CERT"
    write_openssl_conf
    openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
      -config "$TLS/openssl.cnf" -extensions ca_ext -subj "/CN=StaticPublish local S3 test CA" \
      -days "$CA_DAYS" -keyout "$CA_KEY.new" -out "$CA_CERT.new" >>"$out" 2>&1 ||
      die "openssl could not create the test CA" tls
    mv -f -- "$CA_KEY.new" "$CA_KEY"
    mv -f -- "$CA_CERT.new" "$CA_CERT"
    new_ca=1
  fi
  if ((!new_ca)) && [[ -s $TLS_CERT && -s $TLS_KEY ]] &&
    openssl verify -CAfile "$CA_CERT" "$TLS_CERT" >/dev/null 2>&1 &&
    openssl x509 -in "$TLS_CERT" -noout -checkend "$soon" >/dev/null 2>&1; then
    return 0
  fi
  log "$(elapsed) creating the RGW TLS certificate $TLS_CERT (127.0.0.1, localhost)"
  write_openssl_conf
  {
    openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
      -config "$TLS/openssl.cnf" -subj "/CN=localhost" -keyout "$TLS_KEY.new" -out "$TLS/server.csr" &&
      openssl x509 -req -in "$TLS/server.csr" -CA "$CA_CERT" -CAkey "$CA_KEY" \
        -set_serial "0x$(openssl rand -hex 16)" -days "$TLS_DAYS" \
        -extfile "$TLS/openssl.cnf" -extensions server_ext -out "$TLS_CERT.new"
  } >>"$out" 2>&1 || die "openssl could not create the RGW TLS certificate" tls
  chmod 600 "$TLS_KEY.new"
  mv -f -- "$TLS_KEY.new" "$TLS_KEY"
  mv -f -- "$TLS_CERT.new" "$TLS_CERT"
  rm -f -- "$TLS/server.csr"
  TLS_RENEWED=1
}

write_openssl_conf() {
  cat >"$TLS/openssl.cnf" <<'EOF'
# Generated by build/local-s3.sh for the local test CA and RGW certificate.
[req]
distinguished_name = dn
prompt = no
[dn]
CN = StaticPublish local S3
[ca_ext]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[server_ext]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1, DNS:localhost
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
EOF
}

# ----------------------------------------------------------------- S3 side --

http_code() {
  curl -s -o /dev/null -w '%{http_code}' --max-time 3 "http://127.0.0.1:$PORT/" 2>/dev/null || true
}

# tls_check: an HTTPS request to RGW's TLS port that trusts only the test CA;
# prints curl's error and fails unless RGW answers.
tls_check() {
  local err
  err=$(curl -sS -o /dev/null --max-time 3 --cacert "$CA_CERT" "https://127.0.0.1:$TLS_PORT/" 2>&1) && return 0
  printf '%s\n' "${err:-no answer}"
  return 1
}

# s3_check: a SigV4-signed ListBuckets with our keys. Prints "<http code> <S3
# error code>"; "200 -" means the user exists and the keys work. curl signs
# x-amz-content-sha256 only when given it, and RGW requires it signed.
s3_check() {
  local out code body err=-
  out=$(printf 'user = "%s:%s"\n' "$ACCESS_KEY" "$SECRET_KEY" |
    curl -s -K - --max-time 5 --aws-sigv4 "aws:amz:$REGION:s3" \
      -H "x-amz-content-sha256: $EMPTY_SHA256" -w '\n%{http_code}' "http://127.0.0.1:$PORT/" 2>/dev/null) || true
  code=${out##*$'\n'}
  body=${out%$'\n'*}
  [[ $body =~ \<Code\>([^<]*)\</Code\> ]] && err=${BASH_REMATCH[1]}
  # A 200 from something that is not S3 (another web server on the port) fails.
  [[ $code == 200 && $body != *"<ListAllMyBucketsResult"* ]] && err=not-s3
  printf '%s %s\n' "${code:-000}" "$err"
}

# ensure_user: create the S3 user (or its key) unless it already exists.
ensure_user() {
  local info
  if info=$(rgw_admin user info --uid="$S3_UID" 2>&1); then
    # Exists with another key, or with another secret for this access key:
    # "key create" adds the key, or replaces the secret of an existing one.
    log "$(elapsed) S3 user $S3_UID exists; setting its key $ACCESS_KEY"
    rgw_admin key create --uid="$S3_UID" --key-type=s3 --access-key="$ACCESS_KEY" \
      --secret-key="$SECRET_KEY" >/dev/null || die "radosgw-admin key create failed" rgw
  elif [[ $info == *"no user info saved"* ]]; then
    log "$(elapsed) creating S3 user $S3_UID"
    rgw_admin user create --uid="$S3_UID" --display-name="StaticPublish tests" \
      --access-key="$ACCESS_KEY" --secret-key="$SECRET_KEY" --max-buckets=0 >/dev/null ||
      die "radosgw-admin user create failed" rgw
  else
    printf '%s\n' "$info" >&2
    die "radosgw-admin user info failed" rgw mon
  fi
}

# check_daemons_alive: during a wait, fail fast if a daemon died.
check_daemons_alive() {
  local d
  for d in mon osd rgw; do
    daemon_pid "$d" >/dev/null || die "$(daemon_exe "$d") exited during startup" "$d"
  done
}

wait_ready() {
  local deadline=$((SECONDS + START_TIMEOUT)) code res user_fixed=0 auth_deadline
  while :; do
    code=$(http_code)
    [[ $code != 000 ]] && break
    check_daemons_alive
    ((SECONDS < deadline)) || die "timed out after ${START_TIMEOUT}s waiting for RGW on port $PORT" rgw osd mon
    sleep 0.25
  done
  log "$(elapsed) RGW answers HTTP on port $PORT"
  local tls_deadline=$((SECONDS + 15)) tls_error
  until tls_error=$(tls_check); do
    check_daemons_alive
    ((SECONDS < tls_deadline)) ||
      die "RGW answers HTTP on port $PORT but not HTTPS on port $TLS_PORT (certificate $TLS_CERT): $tls_error" rgw
    sleep 0.25
  done
  log "$(elapsed) RGW answers HTTPS on port $TLS_PORT"
  while :; do
    res=$(s3_check)
    case $res in
    "200 -") break ;;
    "403 InvalidAccessKeyId" | "403 SignatureDoesNotMatch")
      if ((!user_fixed)); then
        ensure_user
        user_fixed=1
        auth_deadline=$((SECONDS + 20))
        continue
      fi
      ((SECONDS < auth_deadline)) ||
        die "RGW still rejects the S3 keys after setting them up (last answer: $res); is access key $ACCESS_KEY owned by another user? Try 'destroy'" rgw
      ;;
    esac
    check_daemons_alive
    ((SECONDS < deadline)) || die "timed out after ${START_TIMEOUT}s waiting for S3 user $S3_UID to work (last answer: $res)" rgw
    sleep 0.25
  done
  log "$(elapsed) S3 user $S3_UID works"
}

# ---------------------------------------------------------------- commands --

take_lock() {
  mkdir -p -- "${DIR%/*}"
  exec 9>"$LOCK"
  flock -w 300 9 || die "timed out waiting for the lock $LOCK (another local-s3.sh running?)"
}

cmd_start() {
  check_settings
  ensure_packages
  take_lock
  # Fail early, before creating anything, if another process holds our ports.
  local p
  if ! daemon_pid mon >/dev/null; then
    for p in "${MON_PORTS[@]}"; do check_port_free mon "$p"; done
  fi
  daemon_pid rgw >/dev/null || check_port_free rgw "$PORT"
  # Also when RGW runs: one started from an older ceph.conf has no TLS port yet.
  check_port_free rgw "$TLS_PORT"
  if ! cluster_complete; then
    if [[ -e $DIR ]]; then
      log "incomplete cluster in $DIR (last completed step: $(last_step)); recreating it"
      stop_all
      wipe_dir
    fi
    bootstrap
  else
    ensure_tls
    if write_conf; then
      log "ceph.conf changed; restarting the daemons"
      stop_all
    elif ((TLS_RENEWED)); then
      log "TLS certificate renewed; restarting RGW"
      stop_daemon rgw
    fi
  fi
  # Start whatever is stopped: the mon first, then the OSD and RGW together
  # (both wait for the mon by themselves; RGW waits for the OSD).
  local d started=0
  for d in mon osd rgw; do
    if ! daemon_pid "$d" >/dev/null; then
      launch_daemon "$d"
      started=1
    fi
    if [[ $d == mon ]]; then await_launches; fi
  done
  await_launches
  wait_ready
  ((started)) && log "$(elapsed) ready"
  print_env
}

cmd_stop() {
  check_settings
  [[ -d $DIR ]] || { log "nothing to stop ($DIR does not exist)"; return 0; }
  take_lock
  stop_all
  log "$(elapsed) stopped"
}

cmd_status() {
  check_settings
  local code res
  code=$(http_code)
  if [[ $code == 000 ]]; then
    log "RGW does not answer on http://127.0.0.1:$PORT"
    exit 1
  fi
  res=$(s3_check)
  if [[ $res != "200 -" ]]; then
    log "RGW answers on port $PORT, but the S3 user check failed: $res"
    exit 1
  fi
  if ! res=$(tls_check); then
    log "RGW answers on port $PORT, but not HTTPS on port $TLS_PORT ($res); 'start' sets it up"
    exit 1
  fi
  print_env
}

cmd_logs() {
  local n=${1:-50} d f
  [[ $n =~ ^[0-9]+$ ]] || die "logs: N must be a number, got '$n'"
  for d in rgw osd mon; do
    f=$(daemon_log "$d")
    printf '==> %s <==\n' "$f"
    if [[ -f $f ]]; then tail -n "$n" -- "$f"; else echo "(missing)"; fi
    echo
  done
}

cmd_destroy() {
  check_settings
  [[ -e $DIR ]] || { log "nothing to destroy ($DIR does not exist)"; return 0; }
  take_lock
  stop_all
  wipe_dir
  log "$(elapsed) destroyed $DIR"
}

usage() {
  sed -n '2,/^$/{s/^# \{0,1\}//;p}' "$0" >&2
  exit 2
}

case ${1:-} in
start) cmd_start ;;
stop) cmd_stop ;;
status) cmd_status ;;
env) print_env ;;
logs) cmd_logs "${2:-50}" ;;
destroy) cmd_destroy ;;
*) usage ;;
esac
