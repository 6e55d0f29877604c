#!/usr/bin/env bash
# Builds the container image (Dockerfile here) from target/qmcookie.jar with Podman, runs it
# against a fake renewal endpoint on this machine's loopback, and checks that the container:
#   - renews (the fake got the request; the stored cookie holds the new key),
#   - writes the shared export with the mode and group of compose.yaml's qmcookie service,
#     which Meting-API's user can read and others cannot,
#   - stops cleanly on SIGTERM (exit code 0 within 5 s),
# and reports the image size, the start time and the idle memory.
#
# Nothing reaches a real host: the renewal goes to 127.0.0.1, and the only network use is the
# Debian mirror apt already uses (for the base image and the JRE). It needs root (rootful Podman),
# podman, runc, debootstrap and python3; README.md here explains the settings below.
# Everything Podman stores goes to a private folder that is removed at the end. The base image's
# root file system is kept as a tarball in $QMCOOKIE_CONTAINER_CACHE (default
# ~/.cache/qmcookie-container) so that later runs skip debootstrap; delete it to make a fresh one.
#
# Usage (from anywhere; the jar must be built):  docs/container/test-with-podman.sh
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd -P)
here=$repo/docs/container
image=localhost/qmcookie:test
base=localhost/debian:bookworm
name=qmcookie-test-$$
health_port=8091 # fixed by the image's ENTRYPOINT (--listen 127.0.0.1:8091)
uin=123456789
old_key=Q_H_L_63k3NoldKEYoldKEYoldKEY01
new_key=Q_H_L_63k3NcontainerRENEWED0001
started_at=$(date +%s)

say() { printf 'container-test: %s\n' "$*"; }
fail() {
  say "FAIL: $*"
  exit 1
}
pass() { say "ok: $*"; }
# Runs "$@" until it succeeds, at most $1 seconds; returns its last status.
wait_for() {
  local limit=$1
  shift
  local deadline=$((SECONDS + limit))
  until "$@"; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 0.2
  done
}

[ "$(id -u)" -eq 0 ] || fail "run as root: the test uses rootful Podman"
for tool in podman runc debootstrap python3; do
  command -v "$tool" >/dev/null || fail "$tool is missing: apt-get install podman runc debootstrap python3"
done
[ -r "$repo/target/qmcookie.jar" ] && [ -r "$repo/target/qmcookie" ] \
  || fail "target/qmcookie.jar is missing: run mvn -B -q -DskipTests package first"

# The export settings under test are compose.yaml's, read from it, so the file users copy is the
# one checked: its command: line (a JSON-style list) and its group_add: list.
compose_setting() {
  python3 - "$here/compose.yaml" "$1" <<'EOF'
import json, re, sys
text = open(sys.argv[1], encoding="utf-8").read()
service = re.search(r"^  qmcookie:\n((?:    .*\n|\s*\n)*)", text, re.M)
line = service and re.search(r"^    " + sys.argv[2] + r":\s*(\[.*\])\s*$", service.group(1), re.M)
if not line:
    sys.exit("compose.yaml: no one-line '" + sys.argv[2] + ": [...]' in the qmcookie service")
print("\n".join(json.loads(line.group(1))))
EOF
}
mapfile -t daemon_args < <(compose_setting command)
mapfile -t group_add < <(compose_setting group_add)
[ "${#daemon_args[@]}" -gt 0 ] && [ "${#group_add[@]}" -eq 1 ] || fail "compose.yaml's qmcookie service is not as expected"
option() { # the value after option $1 in compose's command
  local i
  for ((i = 0; i < ${#daemon_args[@]} - 1; i++)); do
    [ "${daemon_args[i]}" = "$1" ] && { printf '%s' "${daemon_args[i + 1]}"; return 0; }
  done
  return 1
}
export_target=$(option --export) || fail "compose.yaml: no --export"
export_path=${export_target#header:}
want_mode=$(option --mode) || fail "compose.yaml: no --mode"
want_group=$(option --group) || fail "compose.yaml: no --group"
[ "$want_group" = "${group_add[0]}" ] || fail "compose.yaml: --group $want_group but group_add ${group_add[0]}"
case $export_path in /app/cookie/*) ;; *) fail "compose.yaml: the export is not under /app/cookie: $export_target" ;; esac
say "compose.yaml exports $export_target with mode $want_mode, group $want_group"

# Private Podman: storage, run state, locks, events and network settings all under $work, so that
# the reset at the end removes only what this test made (the test itself uses no network of its
# own: --network=host or none).
umask 077
work=$(mktemp -d /tmp/qmcookie-container.XXXXXX)
fake_pid=
# Builds note the layers they saw in /var/lib/containers/cache whatever the storage; that goes too
# when this test made it.
blob_cache=/var/lib/containers/cache/blob-info-cache-v1.boltdb
[ -e /var/lib/containers ] && made_var_lib= || made_var_lib=yes
cleanup() {
  local status=$?
  set +e
  if [ "$status" -ne 0 ] && podman container exists "$name" 2>/dev/null; then
    say "the container's log:"
    podman logs "$name" 2>&1 | sed 's/^/  | /'
  fi
  [ -n "$fake_pid" ] && kill "$fake_pid" 2>/dev/null
  podman rm -f -t 0 "$name" >/dev/null 2>&1
  podman system reset -f >/dev/null 2>&1
  rm -rf "$work"
  [ -n "$made_var_lib" ] && rm -f "$blob_cache" && rmdir /var/lib/containers/cache /var/lib/containers
  say "$([ "$status" -eq 0 ] && echo PASSED || echo FAILED) in $(($(date +%s) - started_at)) s"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

mkdir -p "$work/storage" "$work/run" "$work/tmp" "$work/networks"
cat >"$work/storage.conf" <<EOF
[storage]
driver = "overlay"
graphroot = "$work/storage"
runroot = "$work/run"
EOF
nofile=$(ulimit -Hn)
nproc=$(ulimit -Hu)
[ "$nproc" = unlimited ] || [ "$nproc" -ge 4096 ] || fail "the process limit ($nproc) is too low for a container"
[ "$nproc" = unlimited ] && nproc=32768
[ "$nproc" -gt 32768 ] && nproc=32768
cat >"$work/containers.conf" <<EOF
[containers]
default_ulimits = ["nofile=$nofile:$nofile", "nproc=$nproc:$nproc"]
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
events_logfile_path = "$work/events.log"
tmp_dir = "$work/tmp"
[network]
network_config_dir = "$work/networks"
EOF
export CONTAINERS_STORAGE_CONF=$work/storage.conf CONTAINERS_CONF=$work/containers.conf
export TMPDIR=$work/tmp

# The base image: a minimal Debian from the mirror apt already uses, made once and cached.
cache=${QMCOOKIE_CONTAINER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/qmcookie-container}
base_tar=$cache/debian-bookworm-minbase.tar
if [ ! -s "$base_tar" ]; then
  mirror=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  [ -n "$mirror" ] || fail "no Debian mirror in /etc/apt/sources.list.d/debian.sources"
  say "making the base image with debootstrap from $mirror (once; cached in $cache)"
  rootfs=$work/rootfs
  debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 \
    || { tail -n 20 "$work/debootstrap.log"; fail "debootstrap failed"; }
  rm -f "$rootfs/etc/apt/sources.list"
  cp /etc/apt/sources.list.d/debian.sources "$rootfs/etc/apt/sources.list.d/"
  cp /etc/apt/apt.conf.d/* "$rootfs/etc/apt/apt.conf.d/" 2>/dev/null || true
  chroot "$rootfs" apt-get clean
  mkdir -p "$cache"
  tar -C "$rootfs" -cf "$base_tar.partial" .
  mv -f "$base_tar.partial" "$base_tar"
  rm -rf "$rootfs"
fi
base_start=$SECONDS
podman import --quiet "$base_tar" "$base" >/dev/null || fail "podman import of $base_tar failed"
pass "base image $base ready in $((SECONDS - base_start)) s"

say "building $image from target/qmcookie.jar"
build_start=$SECONDS
(cd "$repo" && podman build --quiet --format docker --build-arg "BASE=$base" \
  -f docs/container/Dockerfile -t "$image" .) >"$work/build.log" 2>&1 \
  || { tail -n 30 "$work/build.log"; fail "podman build failed"; }
image_bytes=$(podman image inspect --format '{{.Size}}' "$image")
pass "image built in $((SECONDS - build_start)) s, $((image_bytes / 1000000)) MB"
uid=$(podman run --rm --network=none --no-healthcheck --entrypoint id "$image" -u)
[ "$uid" != 0 ] || fail "the image runs as root"
pass "the image runs as uid $uid, not root"
# The daemon's help has a "…": without a UTF-8 locale Java prints it, and every message's
# non-ASCII text, as "?".
podman run --rm --network=none --no-healthcheck --entrypoint qmcookie "$image" daemon --help 2>&1 \
  | grep -q '4m … up to 1h' || fail "the image prints non-ASCII text as '?': no UTF-8 locale"
pass "the image prints UTF-8"

# The fake renewal endpoint: answers the protocol's request as the real one does (see
# src/test/java/dev/qmcookie/cli/RenewalAnswers.java), only for the stored uin and key, and notes
# each request it got.
cat >"$work/fake.py" <<'EOF'
import json, sys, time
from http.server import BaseHTTPRequestHandler, HTTPServer

uin, old_key, new_key, log_path, port_path = sys.argv[1:6]

class Renewal(BaseHTTPRequestHandler):
    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))) or b"{}")
        param = body.get("req1", {}).get("param", {})
        cookie = self.headers.get("Cookie", "")
        ok = (self.path.startswith("/cgi-bin/musicu.fcg?") and param.get("str_musicid") == uin
              and param.get("musickey") == old_key and "qqmusic_key=" + old_key in cookie)
        now = int(time.time())
        if ok:
            answer = {"code": 0, "ts": now * 1000, "req1": {"code": 0, "data": {
                "openid": "", "refresh_token": "REFRESHcontainer0001", "access_token": "ACCESScontainer0001",
                "expired_at": now + 7 * 86400, "musicid": int(uin), "musickey": new_key,
                "musickeyCreateTime": now, "unionid": "", "str_musicid": uin, "encryptUin": "",
                "keyExpiresIn": 259200, "refresh_key": "", "loginType": 2, "first": 0}}}
        else:
            answer = {"code": 1000, "req1": {"code": 1000}}
        data = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        with open(log_path, "a") as log:
            log.write(("renewal-request ok" if ok else "renewal-request refused " + self.path) + "\n")

    def log_message(self, *args):
        pass

server = HTTPServer(("127.0.0.1", 0), Renewal)
with open(port_path, "w") as f:
    f.write(str(server.server_port))
server.serve_forever()
EOF
: >"$work/fake.log"
timeout 900 python3 "$work/fake.py" "$uin" "$old_key" "$new_key" "$work/fake.log" "$work/fake.port" &
fake_pid=$!
wait_for 10 test -s "$work/fake.port" || fail "the fake renewal endpoint did not start"
endpoint=http://127.0.0.1:$(cat "$work/fake.port")/cgi-bin/musicu.fcg
pass "fake renewal endpoint at $endpoint"

# The container shares the host's network (the only way to reach the fake on its loopback), so
# the daemon's --listen port must be free here.
if (exec 3<>"/dev/tcp/127.0.0.1/$health_port") 2>/dev/null; then
  fail "127.0.0.1:$health_port is in use on this machine; the container's daemon listens there"
fi

# The home and the shared cookie folder, as named volumes would be: owned by the image's user.
home=$work/home
shared=$work/cookie
install -d -o "$uid" -g "$uid" -m 0700 "$home"
install -d -o "$uid" -g "$uid" -m 0755 "$shared"
run_opts=(--network=host --http-proxy=false --read-only --read-only-tmpfs=false --cap-drop=all
  --security-opt=no-new-privileges --group-add "${group_add[0]}"
  -e "QMCOOKIE_ENDPOINT=$endpoint" -e "QMCOOKIE_CHECK_ENDPOINT=$endpoint"
  -v "$home:/var/lib/qmcookie" -v "$shared:/app/cookie")

say "starting the daemon on an empty home: ${daemon_args[*]} --jitter 0s"
start_ms=$(date +%s%3N)
# No systemd here to schedule the probe (--health-interval=disable): the test runs it itself.
# Podman 4.3 still complains that it cannot reach systemd; its messages are shown on failure only.
podman run -d --name "$name" --health-interval=disable "${run_opts[@]}" "$image" "${daemon_args[@]}" --jitter 0s \
  >/dev/null 2>"$work/run.err" || { cat "$work/run.err"; fail "podman run failed"; }
running() { [ "$(podman inspect --format '{{.State.Running}}' "$name")" = true ]; }
healthy() {
  running || fail "the daemon exited (code $(podman inspect --format '{{.State.ExitCode}}' "$name")) before it was healthy"
  podman healthcheck run "$name" >/dev/null 2>&1
}
wait_for 30 healthy || fail "the HEALTHCHECK did not pass within 30 s"
pass "healthy (HEALTHCHECK passed) $(($(date +%s%3N) - start_ms)) ms after podman run"

# A login whose key is 21 h old: due for renewal (20 h) and not yet expired (24 h).
created=$(($(date +%s) - 21 * 3600))
cookie="pgv_pvid=8403187130; login_type=1; psrf_musickey_createtime=$created; euin=oKoAoFAKEoc7Nv**;"
cookie+=" uin=$uin; qqmusic_key=$old_key; qm_keyst=$old_key; psrf_qqrefresh_token=REFRESHold000000000001;"
cookie+=" psrf_qqunionid=UNIONID0000000000000000001; tmeLoginType=2;"
cookie+=" psrf_qqaccess_token=ACCESSold0000000000001; psrf_access_token_expiresAt=$((created + 7 * 86400));"
cookie+=" psrf_qqopenid=OPENID00000000000000000001"
# Imported as README.md says, into the running daemon, which is to notice it and renew.
printf '%s\n' "$cookie" | podman exec -i "$name" qmcookie import >"$work/import.log" 2>&1 \
  || { cat "$work/import.log"; fail "qmcookie import in the running container failed"; }
pass "imported a due login with podman exec … qmcookie import"

renewed() { grep -q '^renewal-request ok$' "$work/fake.log" && grep -q "$new_key" "$home/default/cookie.json" 2>/dev/null; }
wait_for 30 renewed || { cat "$work/fake.log"; fail "no renewal within 30 s"; }
grep -q refused "$work/fake.log" && fail "the fake refused a request: $(grep refused "$work/fake.log")"
pass "renewed: the fake got the request, the stored cookie holds the new key"

shared_file=$shared/${export_path#/app/cookie/}
exported() { [ -f "$shared_file" ] && grep -q "qqmusic_key=$new_key" "$shared_file"; }
wait_for 10 exported || fail "$export_path does not hold the new key"
[ ! -L "$shared_file" ] || fail "$export_path is a symbolic link"
read -r mode owner group < <(stat -c '%a %u %g' "$shared_file")
[ "$((8#$mode))" -eq "$((8#$want_mode))" ] || fail "$export_path has mode $mode, want $want_mode"
[ "$group" = "$want_group" ] || fail "$export_path has group $group, want $want_group"
[ "$owner" = "$uid" ] || fail "$export_path belongs to uid $owner, want $uid"
pass "the shared export holds the new key, mode $mode, owner $owner, group $group"
[ "$(stat -c '%a' "$home/default/cookie.json")" = 600 ] || fail "the stored cookie is not 0600"

# Meting-API's side, as compose.yaml mounts it: its user (uid 1010 in its image) with the shared
# group reads the file through the read-only volume; a user outside that group cannot.
reader() { # uid:gid
  podman run --rm --network=none --no-healthcheck --user "$1" -v "$shared:/app/cookie:ro" \
    --entrypoint cat "$image" "$export_path" 2>/dev/null | grep -q "qqmusic_key=$new_key"
}
reader "1010:$want_group" || fail "uid 1010 in group $want_group cannot read $export_path"
! reader 1011:1011 || fail "a user outside group $want_group can read $export_path"
pass "uid 1010 in group $want_group reads the export; uid 1011 outside it cannot"

sleep 3 # let the start-up settle before measuring
pid=$(podman inspect --format '{{.State.Pid}}' "$name")
rss_kb=$(awk '/^VmRSS:/{print $2}' "/proc/$pid/status")
say "measured: image $((image_bytes / 1000000)) MB, idle RSS $((rss_kb / 1024)) MB (java, PID 1 in the container)"

say "sending SIGTERM"
stop_ms=$(date +%s%3N)
podman kill --signal TERM "$name" >/dev/null
stopped() { ! running; }
wait_for 10 stopped || fail "still running 10 s after SIGTERM"
took=$(($(date +%s%3N) - stop_ms))
code=$(podman inspect --format '{{.State.ExitCode}}' "$name")
[ "$code" = 0 ] || fail "exit code $code after SIGTERM, want 0"
[ "$took" -le 5000 ] || fail "took $took ms to stop, want at most 5 s"
podman logs "$name" 2>&1 | grep -q 'stopped' || fail "the daemon did not log 'stopped'"
pass "stopped on SIGTERM with exit code 0 in $took ms"
