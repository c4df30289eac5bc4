#!/bin/bash
# cmgr.sh [start|stop|status|--dry-run] [option...]: starts the cache manager (cmgrd) as the
# linux-fp-sync manual's cmgr.sh does. 'cmgr.sh -h' lists the options, 'cmgr.sh -o' the build
# options; option words given here are read as if appended to CMGR_OPTIONS (the last word wins).
#
# Reads /etc/cmgr.env as the manual says — it is sourced by the shell, so a variable already
# in the environment wins over a ': ${VAR:=value}' line, while a plain 'VAR=value' line
# supersedes the environment — then validates CMGR_OPTIONS, the option words and the dedicated
# variables (DEBUG, HA, HA_IPSEC, BPF_OPT), writes the effective settings of the instance, and
# runs Karaf. linux-fp-sync.service calls it; it must not be called by hand while the service
# runs. LINUX_FP_SYNC_RUN (FPC sockets, locks) and DAEMONCTL_SOCKET_DIR (console sockets) root
# the run-time paths elsewhere, e.g. for tests beside an installed service.
set -u

HOME_DIR=${LINUX_FP_SYNC_HOME:-$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)}
CMGR_ENV_FILE=${CMGR_ENV_FILE:-/etc/cmgr.env}
STATE_DIR=${LINUX_FP_SYNC_STATE:-/var/lib/linux-fp-sync}
RUN_DIR=${LINUX_FP_SYNC_RUN:-/run/linux-fp-sync}
VARS="CMGR_OPTIONS DEBUG HA HA_IPSEC BPF_OPT"
# linux-fp-sync@N.service runs instance N: the instance's -I comes after CMGR_OPTIONS.
instance_option=${CMGR_INSTANCE:+ -I $CMGR_INSTANCE}

die() { echo "cmgr.sh: $*" >&2; exit 1; }

verb=start
case "${1:-}" in
  start|stop|status|--dry-run) verb=$1; shift ;;
  ''|-*) ;;   # only option words: start
  *) die "unknown command '$1' (expected start, stop, status or --dry-run, then options; see cmgr.sh -h)" ;;
esac
words=("$@")
if [ -n "${DAEMONCTL_SOCKET_DIR:-}" ] && [ ! -d "$DAEMONCTL_SOCKET_DIR" ]; then
  die "DAEMONCTL_SOCKET_DIR: $DAEMONCTL_SOCKET_DIR is not a directory"
fi

# Where each variable comes from, for 'show conf': set before reading the file and left as it
# was, it is the environment's; otherwise the file's.
for v in $VARS; do
  if [ -n "${!v+x}" ]; then eval "before_$v=\${$v}"; eval "had_$v=1"; else eval "had_$v=0"; fi
done
if [ -e "$CMGR_ENV_FILE" ]; then
  bash -n "$CMGR_ENV_FILE" 2>/dev/null || die "$CMGR_ENV_FILE: shell syntax error (bash -n $CMGR_ENV_FILE)"
  # shellcheck disable=SC1090
  . "$CMGR_ENV_FILE" || die "$CMGR_ENV_FILE: failed to read"
fi
for v in $VARS; do
  if [ -n "${!v+x}" ]; then
    had="had_$v"; before="before_$v"
    if [ "${!had}" = 1 ] && [ "${!v}" = "${!before}" ]; then src=environment; else src=$CMGR_ENV_FILE; fi
    export "$v" "CMGR_SOURCE_$v=$src"
  fi
done

if [ -n "$instance_option" ]; then
  case "$CMGR_INSTANCE" in (*[!0-9]*) die "CMGR_INSTANCE: '$CMGR_INSTANCE' is not an instance number" ;; esac
  export CMGR_OPTIONS="${CMGR_OPTIONS:-}$instance_option"
  export CMGR_SOURCE_CMGR_OPTIONS="${CMGR_SOURCE_CMGR_OPTIONS:-environment}"
fi

shopt -s nullglob
jars=("$HOME_DIR"/system/org/linuxfpsync/cmgr-core/*/cmgr-core-*.jar)
[ ${#jars[@]} -gt 0 ] || die "no cmgr-core jar under $HOME_DIR/system: is LINUX_FP_SYNC_HOME right?"
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
options() {
  "$JAVA" -cp "${jars[-1]}" org.linuxfpsync.cmgr.options.CmgrOptionsMain --home "$HOME_DIR" --state "$STATE_DIR" "$@" \
    -- ${words[@]+"${words[@]}"}
}

if [ "$verb" = --dry-run ]; then
  options --dry-run
  exit $?
fi

out=$(options)
status=$?
case $status in
  0) ;;
  10|11) printf '%s\n' "$out"; exit 0 ;;   # -h / -o: printed, nothing started
  *) exit 1 ;;                             # the one-line reason is already on stderr
esac
eval "$out"   # CMGR_DAEMON, CMGR_INSTANCE_DIR, CMGR_FOREGROUND: validated by CmgrOptionsMain

export KARAF_BASE="$CMGR_INSTANCE_DIR" KARAF_ETC="$CMGR_INSTANCE_DIR/etc" KARAF_DATA="$CMGR_INSTANCE_DIR/data"
export KARAF_SYSTEM_OPTS="${KARAF_SYSTEM_OPTS:-} -Dkaraf.name=$CMGR_DAEMON"
mkdir -p "$KARAF_DATA" && chmod 0750 "$CMGR_INSTANCE_DIR"
# The FPC sockets' directory: 0750 when cmgr.sh creates it or it is the service's own; a
# directory given in LINUX_FP_SYNC_RUN keeps its mode, but may not be writable by others.
if [ ! -d "$RUN_DIR" ]; then
  mkdir -p "$RUN_DIR" && chmod 0750 "$RUN_DIR" || die "cannot create $RUN_DIR"
elif [ "$RUN_DIR" = /run/linux-fp-sync ]; then
  chmod 0750 "$RUN_DIR"
fi
if [ -n "$(find "$RUN_DIR" -maxdepth 0 -perm /o+w)" ]; then
  die "LINUX_FP_SYNC_RUN: $RUN_DIR is writable by others: give the FPC sockets a directory of their own"
fi
lock="$RUN_DIR/$CMGR_DAEMON.lock"

case "$verb" in
  stop)
    exec "$HOME_DIR/bin/karaf" stop ;;
  status)
    exec "$HOME_DIR/bin/karaf" status ;;
esac

exec 9>"$lock"
if ! flock -n 9; then
  die "$CMGR_DAEMON is already running (lock $lock held); when linux-fp-sync.service manages it, use 'systemctl restart linux-fp-sync.service', never cmgr.sh by hand"
fi
if [ "${CMGR_SERVICE:-}" != 1 ] && command -v systemctl >/dev/null && systemctl is-active --quiet linux-fp-sync.service 2>/dev/null; then
  die "$CMGR_DAEMON is managed by linux-fp-sync.service and must not be started by hand: use 'systemctl restart linux-fp-sync.service'"
fi

echo "cmgr.sh: starting $CMGR_DAEMON (instance $CMGR_INSTANCE_DIR)"
journal_tag=()
if [ "${CMGR_SERVICE:-}" = 1 ]; then
  # The journal gets the log, tagged as the manual says: cmgrd<val> for -I <val>, however -I was
  # given. The unit's SyslogIdentifier cannot know an -I from /etc/cmgr.env: when the output is
  # the journal (systemd sets JOURNAL_STREAM), systemd-cat reconnects it under the right tag and
  # execs Karaf, which keeps the main PID and the lock.
  export KARAF_SYSTEM_OPTS="$KARAF_SYSTEM_OPTS -Dkaraf.log.console=INFO"
  if [ -n "${JOURNAL_STREAM:-}" ]; then
    if command -v systemd-cat >/dev/null; then
      journal_tag=(systemd-cat -t "$CMGR_DAEMON")
    else
      echo "cmgr.sh: systemd-cat not found: the journal tag stays the unit's SyslogIdentifier" >&2
    fi
  fi
fi
if [ "$CMGR_FOREGROUND" = 1 ] || [ "${CMGR_SERVICE:-}" = 1 ]; then
  # The lock (fd 9) stays held by Karaf's JVM for its whole life.
  exec ${journal_tag[@]+"${journal_tag[@]}"} "$HOME_DIR/bin/karaf" run
fi
# In the background too, Karaf's JVM inherits the lock (fd 9) and holds it while it runs.
exec "$HOME_DIR/bin/karaf" start
