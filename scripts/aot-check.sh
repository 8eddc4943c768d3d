#!/usr/bin/env bash
# A NativeAOT build (deploy/docker/publish.sh with PUBLISH_MODE=aot), checked the way a user meets it: the
# program answers --help, starts on an empty folder, takes an sFTP upload (curl, libssh2) and an FTP upload (curl)
# whose bytes land with the same SHA-256, answers --health while it runs and stops on SIGTERM. linux-arm64 runs
# under Debian's qemu-user-static, so the arm64 build is proven here, not assumed.
#   scripts/aot-check.sh <linux-x64|linux-arm64> <folder with the published program>
# Ends with "aot-<rid>: N passed, N failed"; a missing qemu or program fails with its reason.
set -uo pipefail
rid="$1"
dir="$(cd "$2" && pwd)"
name="aot-$rid"
work="$(mktemp -d)"
pid=""

# shellcheck source=lib/checks.sh
source "$(dirname "$0")/lib/checks.sh"
finish() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  rm -rf "$work"
  echo "$name: $passed passed, $failed failed"
  [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
  exit $?
}
trap finish EXIT

run=("$dir/receiver")
case "$rid" in
  linux-x64) ;;
  linux-arm64)
    # No binfmt_misc in a container: qemu is named on the command line; the arm64 libc and OpenSSL come from
    # Debian's arm64 packages (libc6:arm64, libssl3:arm64), found through the program's own ELF interpreter.
    if ! command -v qemu-aarch64-static >/dev/null; then
      bad "qemu-aarch64-static is missing (apt-get install qemu-user-static): the arm64 build cannot run here"
      exit
    fi
    if [ ! -e /lib/ld-linux-aarch64.so.1 ] || [ ! -e /usr/lib/aarch64-linux-gnu/libssl.so.3 ]; then
      bad "the arm64 C library or OpenSSL is missing (dpkg --add-architecture arm64; apt-get install libssl3:arm64)"
      exit
    fi
    run=(qemu-aarch64-static "$dir/receiver")
    ;;
  *) bad "unknown runtime '$rid'"; exit ;;
esac
if [ ! -x "$dir/receiver" ]; then
  bad "no program at $dir/receiver"
  exit
fi
arch="$(file -b "$dir/receiver")"
case "$rid" in
  linux-x64) [[ "$arch" == *x86-64* ]] && ok "an x86-64 executable" || bad "an x86-64 executable" "$arch" ;;
  linux-arm64) [[ "$arch" == *aarch64* ]] && ok "an aarch64 executable" || bad "an aarch64 executable" "$arch" ;;
esac
[ ! -e "$dir/receiver.dll" ] && ok "native: no receiver.dll beside it" || bad "native: no receiver.dll beside it"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
data="$work/data"
sftp_port="$(free_port)"
ftp_port="$(free_port)"
export Storage__Root="$data" Ssh__Port="$sftp_port" Ssh__ListenAddress=127.0.0.1 Ftp__Port="$ftp_port" \
  Ftp__ListenAddress=127.0.0.1 Ftp__PassivePorts="" Ftp__ImplicitTlsPort=0 Web__Port=0

out="$("${run[@]}" --help 2>&1)"
[[ "$out" == *"--add-camera"* && "$out" == *"--health"* ]] && ok "--help" || bad "--help" "$out"

out="$("${run[@]}" --health 2>&1)"
[ $? -ne 0 ] && ok "--health fails while no service runs" || bad "--health fails while no service runs" "$out"

password="Aot-Check-Passw0rd"
out="$(echo "$password" | "${run[@]}" --add-camera cam --password-stdin 2>&1)" \
  && ok "--add-camera (accounts file: source-generated JSON)" || bad "--add-camera" "$out"
out="$("${run[@]}" --list-cameras 2>&1)"
[[ "$out" == *cam* ]] && ok "--list-cameras" || bad "--list-cameras" "$out"

"${run[@]}" >"$work/log" 2>&1 &
pid=$!
for _ in $(seq 1 1200); do
  grep -q "listening on 127.0.0.1:$sftp_port" "$work/log" && grep -q "listening on 127.0.0.1:$ftp_port" "$work/log" && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
if grep -q "listening on 127.0.0.1:$sftp_port" "$work/log" && grep -q "listening on 127.0.0.1:$ftp_port" "$work/log"; then
  ok "starts and listens on sFTP and FTP"
else
  bad "starts and listens on sFTP and FTP" "$(cat "$work/log")"
  exit
fi

out="$("${run[@]}" --health 2>&1)" && ok "--health while it runs" || bad "--health while it runs" "$out"

# The pages only start-up touched go back to the system 2 s after start (StartupPageRelease): the program file's
# resident pages fall to a fraction. x64 only: qemu-user does not pass the guest's madvise on to the kernel.
if [ "$rid" = linux-x64 ]; then
  program="$(readlink -f "$dir/receiver")"
  resident() { awk -v exe="$program" '/^[0-9a-f]+-[0-9a-f]+ / { mine = ($6 == exe) } mine && /^Rss:/ { kb += $2 } END { print kb + 0 }' "/proc/$pid/smaps"; }
  first="$(resident)"
  now="$first"
  for _ in $(seq 1 150); do
    now="$(resident)"
    [ "$now" -lt $((first / 2)) ] && break
    sleep 0.1
  done
  [ "$now" -lt $((first / 2)) ] && ok "start-up pages given back: program file resident $first kB -> $now kB" \
    || bad "start-up pages given back" "program file resident $first kB -> $now kB after 15 s"
fi

# The host key a camera pins, as --show-hostkey prints it; curl checks it (libssh2's SHA256 of the key blob).
fingerprint="$("${run[@]}" --show-hostkey 2>&1 | sed -n 's/.*SHA256:\([A-Za-z0-9+/=]*\).*/\1/p' | head -n 1)"
[ -n "$fingerprint" ] && ok "--show-hostkey" || bad "--show-hostkey" "$("${run[@]}" --show-hostkey 2>&1)"

head -c 3000000 /dev/urandom >"$work/snap.jpg"
head -c 2500000 /dev/urandom >"$work/clip.mp4"
landed() { find "$data/cam" -name "$1" -type f | head -n 1; }
same() { [ -n "$2" ] && [ "$(sha256sum <"$1")" = "$(sha256sum <"$2")" ]; }

out="$(curl -sS --max-time 120 --hostpubsha256 "$fingerprint" -u "cam:$password" -T "$work/snap.jpg" \
  "sftp://127.0.0.1:$sftp_port/snap.jpg" 2>&1)"
file="$(landed snap.jpg)"
same "$work/snap.jpg" "$file" && ok "sFTP upload (curl) lands intact: ${file#"$data"/}" \
  || bad "sFTP upload (curl) lands intact" "$out$(tail -n 5 "$work/log")"

out="$(curl -sS --max-time 120 -u "cam:$password" -T "$work/clip.mp4" "ftp://127.0.0.1:$ftp_port/clip.mp4" 2>&1)"
file="$(landed clip.mp4)"
same "$work/clip.mp4" "$file" && ok "FTP upload (curl) lands intact: ${file#"$data"/}" \
  || bad "FTP upload (curl) lands intact" "$out$(tail -n 5 "$work/log")"

grep -q "cam" "$work/log" && ok "logs through Serilog (console)" || bad "logs through Serilog (console)" "$(cat "$work/log")"

# The camera client (Flurl.Http, whose reflection-based helpers are the AOT warnings left: README, NativeAOT):
# --enroll --dry-run reads the camera's settings over its CGI API from the camera emulator and plans the changes.
emulator="$(dirname "$0")/../tests/CameraEmulator/bin/Debug/net10.0/CameraEmulator.dll"
if [ -f "$emulator" ]; then
  camera_port="$(free_port)"
  dotnet "$emulator" --port "$camera_port" >"$work/camera.log" 2>&1 &
  camera=$!
  for _ in $(seq 1 600); do grep -q "listening on" "$work/camera.log" && break; kill -0 "$camera" 2>/dev/null || break; sleep 0.1; done
  out="$("${run[@]}" --enroll "http://admin:instar@127.0.0.1:$camera_port" --name porch --receiver-address 127.0.0.1 --dry-run 2>&1)"
  code=$?
  kill -KILL "$camera" 2>/dev/null # the emulator stops only on Ctrl+C, which a background job ignores
  wait "$camera" 2>/dev/null
  [ "$code" -eq 0 ] && [[ "$out" == *127.0.0.1* ]] && ok "--enroll --dry-run against the camera emulator (Flurl.Http)"     || bad "--enroll --dry-run against the camera emulator (Flurl.Http)" "exit $code: $out"
else
  bad "the camera emulator is not built ($emulator): dotnet build Receiver.sln first"
fi

kill -TERM "$pid"
code=0
for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$pid" 2>/dev/null; then
  bad "stops on SIGTERM within 30 s"
else
  wait "$pid"
  code=$?
  pid=""
  [ "$code" -eq 0 ] && ok "stops on SIGTERM with exit code 0" || bad "stops on SIGTERM with exit code 0" "exit $code"
fi
