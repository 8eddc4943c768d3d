#!/usr/bin/env bash
# Runs every test of the project. Installs the real client programs the tests drive when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v ssh >/dev/null && command -v sftp >/dev/null && command -v ssh-keygen >/dev/null || need+=(openssh-client)
command -v curl >/dev/null && curl -V | grep -q sftp || need+=(curl)
command -v lftp >/dev/null || need+=(lftp)
command -v python3 >/dev/null || need+=(python3)
command -v ssh-audit >/dev/null || need+=(ssh-audit)
command -v systemd-analyze >/dev/null || need+=(systemd)
# The web page's tests: Debian's headless Chromium and its driver (no browser download), promtool for /metrics.
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -x /usr/bin/chromedriver ] || need+=(chromium-driver)
command -v promtool >/dev/null || need+=(prometheus)
[ -x /usr/sbin/mosquitto ] || need+=(mosquitto)
command -v mosquitto_sub >/dev/null || need+=(mosquitto-clients)
# The NativeAOT builds (deploy/docker/publish.sh, PUBLISH_MODE=aot): clang and lld link them; the arm64 one is
# cross-linked against Debian's arm64 cross C library and run under qemu-user-static with the arm64 libc and OpenSSL.
command -v clang >/dev/null || need+=(clang)
command -v ld.lld >/dev/null || need+=(lld)
command -v file >/dev/null || need+=(file)
[ -e /usr/aarch64-linux-gnu/lib/crt1.o ] && command -v aarch64-linux-gnu-objcopy >/dev/null || need+=(gcc-aarch64-linux-gnu)
command -v qemu-aarch64-static >/dev/null || need+=(qemu-user-static)
if [ ! -e /usr/lib/aarch64-linux-gnu/libssl.so.3 ]; then
  need+=(libssl3:arm64)
  dpkg --print-foreign-architectures | grep -qx arm64 || add_arm64=1
fi
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing test tools: ${need[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  [ -z "${add_arm64:-}" ] || $sudo dpkg --add-architecture arm64
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

dotnet build Receiver.sln --configuration Debug -warnaserror -nologo -clp:ErrorsOnly
log=$(mktemp)
status=0
# The NativeAOT program for both architectures (warnings are errors here too). The tests that start the real
# program as a child process start this one (RECEIVER_EXE), so the whole run passes against the AOT build.
aot="$(mktemp -d)"
for rid in linux-x64 linux-arm64; do
  start=$(date +%s)
  if PUBLISH_MODE=aot sh deploy/docker/publish.sh "$rid" "$aot/$rid" -nologo -clp:ErrorsOnly >"$aot/$rid.log" 2>&1; then
    echo "aot-build-$rid: 1 passed, 0 failed ($(($(date +%s) - start)) s)" | tee -a "$log"
  else
    tail -n 30 "$aot/$rid.log"
    echo "aot-build-$rid: 0 passed, 1 failed" | tee -a "$log"
  fi
done
export RECEIVER_EXE="$aot/linux-x64/receiver"
dotnet test Receiver.sln --no-build --nologo --logger "console;verbosity=normal" 2>&1 | tee -a "$log" || status=$?
# The AOT builds as a user meets them: arm64 under qemu (--help, --health, sFTP and FTP uploads that land intact).
for rid in linux-x64 linux-arm64; do
  bash scripts/aot-check.sh "$rid" "$aot/$rid" 2>&1 | tee -a "$log" || status=1
done
# The Docker image from the real Dockerfile, run (prints why and passes when Docker cannot run here): around the
# x64 NativeAOT program built and checked above (the Dockerfile's prebuilt target), so it is not compiled twice.
prebuilt=""
[ -x "$aot/linux-x64/receiver" ] && prebuilt="$aot/linux-x64"
RECEIVER_PUBLISH_DIR="$prebuilt" bash tests/docker/run.sh 2>&1 | tee -a "$log" || status=1
rm -rf "$aot"

# One closing line for the whole run: "Total: N passed, N failed".
# Each test project closes with "Total tests: N" then "Passed: N" / "Failed: N" lines; the Docker script with
# "docker: N passed, N failed".
passed=$( (grep -E '^ +Passed: +[0-9]+ *$' "$log" || true) | awk '{s+=$2} END {print s+0}')
failed=$( (grep -E '^ +Failed: +[0-9]+ *$' "$log" || true) | awk '{s+=$2} END {print s+0}')
# The Docker and AOT scripts close with "<name>: N passed, N failed".
docker_passed=$( (grep -E '^(docker|aot-[a-z0-9-]+): [0-9]+ passed, [0-9]+ failed' "$log" || true) | awk '{s+=$2} END {print s+0}')
docker_failed=$( (grep -E '^(docker|aot-[a-z0-9-]+): [0-9]+ passed, [0-9]+ failed' "$log" || true) | awk '{s+=$4} END {print s+0}')
passed=$((passed + docker_passed))
failed=$((failed + docker_failed))
# The names of what failed, repeated here at the end, where a CI page that shows only the tail still has them.
if [ "$failed" -ne 0 ]; then
  echo "Failed tests and checks:"
  (grep -E '^ +(Failed [A-Za-z_]|FAIL )' "$log" || true) | sed -E 's/^ +/  /' | head -n 30
fi
rm -f "$log"
echo "Total: ${passed} passed, ${failed} failed"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
