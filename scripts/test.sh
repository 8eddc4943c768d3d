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
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing test tools: ${need[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

dotnet build Receiver.sln --configuration Debug -warnaserror -nologo -clp:ErrorsOnly
log=$(mktemp)
status=0
dotnet test Receiver.sln --no-build --nologo --logger "console;verbosity=normal" 2>&1 | tee "$log" || status=$?
# The Docker image, built from the real Dockerfile and run (prints why and passes when Docker cannot run here).
bash tests/docker/run.sh 2>&1 | tee -a "$log" || status=1

# One closing line for the whole run: "Total: N passed, N failed".
# Each test project closes with "Total tests: N" then "Passed: N" / "Failed: N" lines; the Docker script with
# "docker: N passed, N failed".
passed=$( (grep -E '^ +Passed: +[0-9]+ *$' "$log" || true) | awk '{s+=$2} END {print s+0}')
failed=$( (grep -E '^ +Failed: +[0-9]+ *$' "$log" || true) | awk '{s+=$2} END {print s+0}')
docker_passed=$( (grep -E '^docker: [0-9]+ passed, [0-9]+ failed' "$log" || true) | awk '{s+=$2} END {print s+0}')
docker_failed=$( (grep -E '^docker: [0-9]+ passed, [0-9]+ failed' "$log" || true) | awk '{s+=$4} END {print s+0}')
passed=$((passed + docker_passed))
failed=$((failed + docker_failed))
rm -f "$log"
echo "Total: ${passed} passed, ${failed} failed"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
