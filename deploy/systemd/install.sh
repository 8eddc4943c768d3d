#!/bin/sh
# Installs the receiver as a systemd service on Debian / Raspberry Pi OS. Run as root from a checkout:
#   sudo deploy/systemd/install.sh            (linux-arm64 on a Pi 4/5, linux-x64 on a PC)
set -eu
cd "$(dirname "$0")/../.."
case "$(uname -m)" in
  aarch64|arm64) rid=linux-arm64 ;;
  x86_64) rid=linux-x64 ;;
  *) echo "unsupported architecture $(uname -m)" >&2; exit 1 ;;
esac
sh deploy/docker/publish.sh "$rid" /opt/receiver
getent passwd receiver >/dev/null || useradd --system --home-dir /var/lib/receiver --shell /usr/sbin/nologin receiver
install -d -m 0750 -o receiver -g receiver /var/lib/receiver
install -d -m 0755 /etc/receiver
[ -f /etc/receiver/appsettings.json ] || printf '{\n  "Storage": { "Root": "/var/lib/receiver" }\n}\n' > /etc/receiver/appsettings.json
install -m 0644 deploy/systemd/receiver.service /etc/systemd/system/receiver.service
systemctl daemon-reload
systemctl enable --now receiver
echo "Installed. Add a camera:  sudo -u receiver /opt/receiver/receiver --add-camera garage"
