#!/usr/bin/env bash
# Load: CAMERAS simulated cameras upload at once on loopback, mixed sFTP (curl/libssh2 and SSH.NET), FTP and
# explicit FTPS (curl), ROUNDS rounds of a snapshot burst each (1-10 files of 100-500 kB over one connection) and a few 20 MB
# clips. Afterwards every file must be at its per-day path with the right SHA-256, none missing or extra, no
# temporary left. Prints uploads/s, MB/s, p50/p99 connect-to-committed, the receiver's peak RSS and CPU seconds.
# Needs: the .NET SDK, python3, curl. Bounded: curl's --max-time caps every connection.
# Usage: bench/load.sh   (CAMERAS=100 ROUNDS=3 CLIPS=4; RECEIVER_DLL=... skips the build)
set -euo pipefail

REPO="$(cd "$(dirname "$0")/.." && pwd)"
CAMERAS="${CAMERAS:-100}"
ROUNDS="${ROUNDS:-3}"
CLIPS="${CLIPS:-4}"
# shellcheck source=lib/common.sh
. "$(dirname "$0")/lib/common.sh"
bench_init load-bench
# shellcheck source=lib/receiver.sh
. "$(dirname "$0")/lib/receiver.sh"

build_receiver
echo "== building the SSH.NET load client (bench/SshNetLoad)"
dotnet build "$REPO/bench/SshNetLoad" -c Release -o "$WORK/sshnet" --nologo -v quiet >/dev/null
mkdir -p "$WORK/data"
PASSWORD="Load$(date +%s)x"
# One camera through the CLI, then its account entry copied for the others (same password hash: hashing 100
# passwords through 100 CLI runs would take longer than the load itself).
add_camera cam000 "$PASSWORD"
python3 - "$WORK/data/.receiver/accounts.json" "$CAMERAS" <<'PY'
import json, sys, copy
path, n = sys.argv[1], int(sys.argv[2])
doc = json.load(open(path))
first = doc["accounts"][0]
for i in range(1, n):
    entry = copy.deepcopy(first)
    entry["name"] = f"cam{i:03d}"
    doc["accounts"].append(entry)
json.dump(doc, open(path, "w"), indent=2)
PY

cat > "$WORK/openssl-receiver.cnf" <<'CONF'
openssl_conf = openssl_init
[openssl_init]
ssl_conf = ssl_sect
[ssl_sect]
system_default = system_default_sect
[system_default_sect]
NumTickets = 0
CONF
start_receiver OPENSSL_CONF="$WORK/openssl-receiver.cnf"
echo "== $CAMERAS cameras, $ROUNDS rounds"
python3 "$(dirname "$0")/lib/load_driver.py" --data "$WORK/data" --work "$WORK" --ftp-port "$FTP_PORT" \
    --sftp-port "$SFTP_PORT" --cameras "$CAMERAS" --rounds "$ROUNDS" --clips "$CLIPS" --password "$PASSWORD" \
    --sshnet "$WORK/sshnet/SshNetLoad.dll" --pid "$RECEIVER_PID" && status=0 || status=$?
echo "machine: $(machine)"
exit $status
