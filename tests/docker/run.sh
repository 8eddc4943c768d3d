#!/usr/bin/env bash
# The receiver's Docker image, checked the way a user meets it: built from the project's own Dockerfile
# (around an already published program when RECEIVER_PUBLISH_DIR names its folder),
# started on an empty volume, uploaded to over sFTP and FTP(S) with curl, stopped, started again on the same
# volume, and used for one-shot commands. The official base images are replaced by local stand-ins made from
# Debian's packages (tests/docker/local-images.sh): no registry is reachable here.
# Containers use the host's network but listen on 127.0.0.1 only, on free ports.
# Exits 0 with a reason when Docker cannot run here; ends with "docker: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
export DOCKER_BUILDKIT=0 # the classic builder: Debian's docker.io has no buildx

image=receiver-test:latest
helper=receiver-local/debian:bookworm # a shell to look into the volume (the receiver's image has none)
run="receiver-test-$$"
volume="$run-data"
tz=Pacific/Kiritimati # UTC+14: the per-day folder proves that TZ and the image's time zone data work
work="$(mktemp -d)"
log="$work/log"
started_dockerd=""

# shellcheck source=../../scripts/lib/checks.sh
source scripts/lib/checks.sh
check() { local name="$1"; shift; if "$@" >>"$log" 2>&1; then ok "$name"; else bad "$name"; fi; }

cleanup() {
  docker rm -f "$run-1" "$run-2" >/dev/null 2>&1
  docker volume rm "$volume" >/dev/null 2>&1
  if [ -n "$started_dockerd" ]; then
    kill "$started_dockerd" 2>/dev/null
    for _ in $(seq 1 60); do kill -0 "$started_dockerd" 2>/dev/null || break; sleep 0.25; done
  fi
  rm -rf "$work"
}
finish() {
  echo "docker: $passed passed, $failed failed"
  [ "$failed" -eq 0 ] && exit 0
  exit 1
}
cannot_run() {
  echo "docker: cannot run Docker here: $1 (the Docker checks did not run)"
  echo "docker: 0 passed, 0 failed"
  exit 0
}
trap cleanup EXIT
trap 'bad "interrupted"; finish' INT TERM

# --- Docker itself -------------------------------------------------------------------------------------------
as_root=""
if [ "$(id -u)" -ne 0 ]; then
  if sudo -n true 2>/dev/null; then as_root="sudo -n"; else as_root="none"; fi
fi
install() {
  [ "$as_root" = none ] && cannot_run "$* missing and not root (apt-get install $*)"
  echo "docker: installing $*"
  $as_root apt-get update -qq >>"$log" 2>&1
  DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq --no-install-recommends "$@" >>"$log" 2>&1 \
    || cannot_run "apt-get install $* failed"
}
if ! docker info >/dev/null 2>&1; then
  command -v dockerd >/dev/null || install docker.io
  [ "$as_root" = none ] && cannot_run "the Docker daemon is not running and starting it needs root"
  $as_root dockerd >"$work/dockerd.log" 2>&1 &
  started_dockerd=$!
  for _ in $(seq 1 120); do docker info >/dev/null 2>&1 && break; kill -0 "$started_dockerd" 2>/dev/null || break; sleep 0.25; done
  docker info >/dev/null 2>&1 || cannot_run "dockerd did not start: $(tail -n 3 "$work/dockerd.log" | tr '\n' ' ')"
fi
docker image inspect "$helper" >/dev/null 2>&1 || command -v debootstrap >/dev/null || install debootstrap

# --- Local base images and the image -------------------------------------------------------------------------
echo "docker: local base images"
if ! images="$(bash tests/docker/local-images.sh "$log")"; then
  bad "local base images" "$(tail -n 15 "$log")"
  finish
fi
sdk_image="$(sed -n 's/^SDK_IMAGE=//p' <<<"$images")"
runtime_image="$(sed -n 's/^RUNTIME_IMAGE=//p' <<<"$images")"

# RECEIVER_PUBLISH_DIR (scripts/test.sh: the NativeAOT build it made and tested already) puts that program into
# the image (the Dockerfile's prebuilt target, with the folder as the build context); without it the image is
# built from the sources, as a user's plain "docker build ." does.
if [ -n "${RECEIVER_PUBLISH_DIR:-}" ]; then
  source_label="the Dockerfile's prebuilt target around $RECEIVER_PUBLISH_DIR"
  build_args=(-f "$PWD/Dockerfile" --target prebuilt "$RECEIVER_PUBLISH_DIR")
else
  # PUBLISH_MODE (e.g. trimmed) picks the Dockerfile's build mode; without it, the Dockerfile's default.
  source_label="./Dockerfile${PUBLISH_MODE:+ (PUBLISH_MODE=$PUBLISH_MODE)}"
  build_args=(${PUBLISH_MODE:+--build-arg "PUBLISH_MODE=$PUBLISH_MODE"} .)
fi
echo "docker: building $image from $source_label on $sdk_image and $runtime_image"
start=$SECONDS
if timeout 1800 docker build --network host --build-arg "SDK_IMAGE=$sdk_image" --build-arg "RUNTIME_IMAGE=$runtime_image" \
  -t "$image" "${build_args[@]}" >"$work/build.log" 2>&1; then
  ok "the image builds from $source_label ($((SECONDS - start)) s)"
else
  bad "the image builds from $source_label" "$(cat "$work/build.log")"
  finish
fi
size_mb=$(($(docker image inspect -f '{{.Size}}' "$image") / 1000000))
echo "docker: image size ${size_mb} MB"
check "image size ${size_mb} MB <= 120 MB" test "$size_mb" -le 120
config="$(docker image inspect -f '{{.Config.User}} {{json .Config.Volumes}} {{.Config.StopSignal}} {{json .Config.Healthcheck.Test}} {{json .Config.ExposedPorts}}' "$image")"
image_config_ok() {
  [[ "$config" == 'receiver {"/data":{}} SIGTERM ["CMD","/opt/receiver/receiver","--health"] '* ]] || return 1
  for p in 2222 2121 990 50000 50100; do [[ "$config" == *"\"$p/tcp\""* ]] || return 1; done
}
check "image runs as receiver, keeps /data in a volume, has a health check, exposes 2222 2121 990 50000-50100" image_config_ok

# --- Helpers -------------------------------------------------------------------------------------------------
read -r sftp_port ftp_port ftps_port web_port passive_first < <(python3 - <<'EOF'
import random, socket
def free(port):
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port)); return True
        except OSError:
            return False
ports = []
while len(ports) < 4:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]
    if p not in ports: ports.append(p)
while True:
    first = random.randrange(20000, 30000)
    if all(free(p) for p in range(first, first + 11)): break
print(*ports, first)
EOF
)
passive="$passive_first-$((passive_first + 10))"

# One-shot run of the image on the volume, as "docker run --rm receiver-test ..." (no network needed).
receiver() { docker run --rm -i --network none -v "$volume:/data" "$@"; }
# A shell on the volume (read-only), in the receiver's time zone.
on_volume() { docker run --rm --network none -e "TZ=$tz" -v "$volume:/data:ro" "$helper" sh -c "$1"; }
start_receiver() {
  docker run -d --name "$1" --network host -e "TZ=$tz" \
    -e Ssh__ListenAddress=127.0.0.1 -e "Ssh__Port=$sftp_port" \
    -e Ftp__ListenAddress=127.0.0.1 -e "Ftp__Port=$ftp_port" -e "Ftp__ImplicitTlsPort=$ftps_port" \
    -e "Ftp__PassivePorts=$passive" -e Ftp__PassiveAddress=127.0.0.1 \
    -e Web__ListenAddress=127.0.0.1 -e "Web__Port=$web_port" -e Web__HttpPort=0 \
    --health-interval 1s -v "$volume:/data" "$image" >>"$log" 2>&1
}
now_ms() { echo $(($(date +%s%N) / 1000000)); }
seconds_since() { local ms=$(($(now_ms) - $1)); printf '%d.%d' $((ms / 1000)) $((ms % 1000 / 100)); }
# Starts a service container ($1) and checks that Docker reports it healthy within 60 s.
start_healthy() {
  local begin status label="$2"
  begin=$(now_ms)
  start_receiver "$1"
  while [ $(($(now_ms) - begin)) -lt 60000 ]; do
    status="$(docker inspect -f '{{.State.Status}} {{.State.Health.Status}}' "$1" 2>/dev/null)"
    if [ "$status" = "running healthy" ]; then
      ok "$label reports healthy ($(seconds_since "$begin") s after docker run)"
      return
    fi
    [[ "$status" == running* ]] || break
    sleep 0.2
  done
  bad "$label reports healthy within 60 s" "$(docker logs "$1" 2>&1)"
}
# docker stop must end the service within 10 s (Docker's grace time) with exit code 0.
stop_cleanly() {
  local begin code
  begin=$(now_ms)
  docker stop -t 10 "$1" >>"$log" 2>&1
  code="$(docker inspect -f '{{.State.ExitCode}}' "$1")"
  if [ "$code" = 0 ] && [ $(($(now_ms) - begin)) -lt 10000 ]; then
    ok "docker stop ends it with exit code 0 ($(seconds_since "$begin") s)"
  else
    bad "docker stop ends it within 10 s with exit code 0 (exit $code, $(seconds_since "$begin") s)" "$(docker logs --tail 10 "$1" 2>&1)"
  fi
}
# The file <camera>/<today>/<name> on the volume has the same bytes as <local file> (today or, past midnight, yesterday).
filed() {
  local want found
  want="$(sha256sum "$3" | cut -d' ' -f1)"
  found="$(on_volume "for d in \$(date +%F) \$(date -d yesterday +%F); do f=/data/$1/\$d/$2; [ -f \$f ] && sha256sum \$f; done")"
  grep -q "^$want " <<<"$found"
}
# Retries a curl upload for up to 10 s: an account added by a one-shot run reaches the service within 2 s.
upload() {
  local begin=$SECONDS
  until curl -sS --max-time 20 "$@" >>"$log" 2>&1; do
    [ $((SECONDS - begin)) -ge 10 ] && return 1
    sleep 0.5
  done
}
fingerprint() { receiver "$image" --show-hostkey | sed -n 's/^Fingerprint: *SHA256://p'; }

head -c 200000 /dev/urandom >"$work/snap.jpg"
head -c 700000 /dev/urandom >"$work/clip.mp4"
head -c 50000 /dev/urandom >"$work/tls.jpg"
mkdir -m 0755 "$work/keys" # the one-shot run reads the camera's public key as the receiver user
ssh-keygen -q -t ed25519 -N '' -C camera -f "$work/keys/camera_key" >>"$log" 2>&1
docker volume create "$volume" >>"$log"

# --- One-shot verbs --------------------------------------------------------------------------------------------
help="$(receiver "$image" --help 2>&1)"
check "--help prints the usage" grep -q -- "--add-camera" <<<"$help"

# --- First start on an empty volume ----------------------------------------------------------------------------
echo "docker: first start on an empty volume (sFTP $sftp_port, FTP $ftp_port, FTPS $ftps_port, passive $passive)"
start_healthy "$run-1" "a container on an empty volume"
pid="$(docker inspect -f '{{.State.Pid}}' "$run-1")"
check "the service runs as a non-root user (uid 10001)" grep -Eq '^Uid:\s+10001\s+10001\s+10001\s+10001$' "/proc/$pid/status"
echo "docker: RSS of the running receiver: $(awk '/VmRSS/ {print int($2/1024) " MB"}' "/proc/$pid/status")"
keys="$(on_volume 'cd /data/.receiver/keys && stat -c "%u %a %n" ssh_host_ed25519_key ssh_host_rsa_key ftps.key ftps.crt')"
check "it created its SSH host keys and TLS certificate on the volume (owner receiver, private keys 0600)" \
  test "$keys" = "$(printf '10001 600 ssh_host_ed25519_key\n10001 600 ssh_host_rsa_key\n10001 600 ftps.key\n10001 644 ftps.crt')"

fp="$(fingerprint)"
logged_fingerprint() { local logs; logs="$(docker logs "$1" 2>&1)" && [ -n "$fp" ] && grep -qF "SHA256:$fp" <<<"$logs"; }
check "--show-hostkey prints the host key fingerprint the service logged at start" logged_fingerprint "$run-1"
added="$(receiver -v "$work/keys:/keys:ro" "$image" --add-camera garage --authorized-key /keys/camera_key.pub 2>&1)"
garage_password="$(sed -n 's/^Password (shown only now): //p' <<<"$added")"
check "--add-camera garage --authorized-key FILE prints a generated password once" \
  test -n "$garage_password" -a "$(grep -c 'Authorized keys: 1' <<<"$added")" = 1
check "--add-camera porch --password-stdin" receiver "$image" --add-camera porch --password-stdin <<<"Porch2Camera9"
lists_both() { local cameras; cameras="$(receiver "$image" --list-cameras)" && grep -q "^garage " <<<"$cameras" && grep -q "^porch " <<<"$cameras"; }
check "--list-cameras lists both cameras" lists_both

# --- Uploads ---------------------------------------------------------------------------------------------------
sftp_url="sftp://127.0.0.1:$sftp_port"
ftp_url="ftp://127.0.0.1:$ftp_port"
# The uploads a camera makes; $1 names the round, so that every file is new.
uploads() {
  local round="$1"
  check "sFTP upload (curl/libssh2, password, host key pinned) lands in garage/<today>/ ($round)" \
    eval 'upload --hostpubsha256 "$fp" -u "garage:$garage_password" -T "$work/snap.jpg" "$sftp_url/snap-$round.jpg" && filed garage "snap-$round.jpg" "$work/snap.jpg"'
  check "sFTP upload with the camera's key into a folder the camera chose lands in garage/<today>/alarm/ ($round)" \
    eval 'upload --hostpubsha256 "$fp" -u garage: --key "$work/keys/camera_key" --pubkey "$work/keys/camera_key.pub" --ftp-create-dirs -T "$work/clip.mp4" "$sftp_url/alarm/clip-$round.mp4" && filed garage "alarm/clip-$round.mp4" "$work/clip.mp4"'
  check "FTP upload (curl, passive) lands in porch/<today>/ ($round)" \
    eval 'upload -u porch:Porch2Camera9 -T "$work/clip.mp4" "$ftp_url/clip-$round.mp4" && filed porch "clip-$round.mp4" "$work/clip.mp4"'
  check "FTPS uploads (explicit AUTH TLS and implicit) land in porch/<today>/ ($round)" \
    eval 'upload --ssl-reqd -k -u porch:Porch2Camera9 -T "$work/tls.jpg" "$ftp_url/explicit-$round.jpg" && filed porch "explicit-$round.jpg" "$work/tls.jpg" &&
      upload -k -u porch:Porch2Camera9 -T "$work/tls.jpg" "ftps://127.0.0.1:$ftps_port/implicit-$round.jpg" && filed porch "implicit-$round.jpg" "$work/tls.jpg"'
}
uploads first
check "the service logs each completed upload" eval '[ "$(docker logs "$run-1" 2>&1 | grep -c "Upload completed")" -ge 5 ]'

stop_cleanly "$run-1"

# --- Second start on the same volume ---------------------------------------------------------------------------
echo "docker: a new container on the same volume"
start_healthy "$run-2" "a new container on the same volume"
check "the same host key fingerprint (--show-hostkey and the service's log)" eval '[ "$(fingerprint)" = "$fp" ] && logged_fingerprint "$run-2"'
check "the same accounts" lists_both
check "the files of the first run are still there" \
  eval 'filed garage snap-first.jpg "$work/snap.jpg" && filed garage alarm/clip-first.mp4 "$work/clip.mp4" && filed porch clip-first.mp4 "$work/clip.mp4"'
uploads again
stop_cleanly "$run-2"

finish
