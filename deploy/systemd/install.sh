#!/bin/sh
# Installs the receiver as a systemd service on Debian / Raspberry Pi OS. Run as root from a checkout:
#   sudo deploy/systemd/install.sh            (linux-arm64 on a Pi 4/5, linux-x64 on a PC)
# It installs the NativeAOT build (a tenth of the CPU to start, 33 MB idle instead of 49 MB: bench/README.md),
# which needs clang and lld (installed here with apt-get when missing) and about 1.3 GB of memory while it
# compiles; on a machine with less, or with PUBLISH_MODE=trimmed, it installs the trimmed build instead.
set -eu
cd "$(dirname "$0")/../.."
case "$(uname -m)" in
  aarch64|arm64) rid=linux-arm64 ;;
  x86_64) rid=linux-x64 ;;
  *) echo "unsupported architecture $(uname -m)" >&2; exit 1 ;;
esac
mode="${PUBLISH_MODE:-}"
if [ -z "$mode" ]; then
  memory_kb="$(awk '/^(MemTotal|SwapTotal):/ { total += $2 } END { print total }' /proc/meminfo)"
  if [ "$memory_kb" -ge 1500000 ]; then
    mode=aot
  else
    mode=trimmed
    echo "install.sh: $((memory_kb / 1024)) MB of memory and swap is too little to compile the NativeAOT build; installing the trimmed one" >&2
  fi
fi
if [ "$mode" = aot ] && ! { command -v clang >/dev/null && command -v ld.lld >/dev/null; }; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends clang lld
fi
PUBLISH_MODE="$mode" sh deploy/docker/publish.sh "$rid" /opt/receiver
/opt/receiver/receiver --help >/dev/null
getent passwd receiver >/dev/null || useradd --system --home-dir /var/lib/receiver --shell /usr/sbin/nologin receiver
install -d -m 0750 -o receiver -g receiver /var/lib/receiver
install -d -m 0755 /etc/receiver
[ -f /etc/receiver/appsettings.json ] || printf '{\n  "Storage": { "Root": "/var/lib/receiver" }\n}\n' > /etc/receiver/appsettings.json
install -m 0644 deploy/systemd/receiver.service /etc/systemd/system/receiver.service
systemctl daemon-reload
systemctl enable --now receiver
echo "Installed. Add a camera:  sudo -u receiver /opt/receiver/receiver --add-camera garage"
