#!/usr/bin/env bash
# Memory of the receiver: resident set (VmRSS) idle after start, then with N idle authenticated sessions
# (FTP logins held open by python3 ftplib; sFTP sessions held open by OpenSSH sftp), and the cost per session.
# Targets: idle <= 60 MB, <= 256 kB per idle session.
# Needs: the .NET SDK, python3, OpenSSH client (sftp, ssh-keygen).
# Usage: bench/memory.sh   (SESSIONS=100; RECEIVER_DLL=... skips the build; extra receiver environment
#        variables after the command, e.g. bench/memory.sh DOTNET_GCHeapHardLimit=0x4000000)
set -euo pipefail

REPO="$(cd "$(dirname "$0")/.." && pwd)"
SESSIONS="${SESSIONS:-100}"
# shellcheck source=lib/common.sh
. "$(dirname "$0")/lib/common.sh"
bench_init mem-bench
# shellcheck source=lib/receiver.sh
. "$(dirname "$0")/lib/receiver.sh"

build_receiver
mkdir -p "$WORK/data"
ssh-keygen -q -t ed25519 -N '' -f "$WORK/camkey"
add_camera cam Passw0rdForBench "$WORK/camkey.pub"

start_receiver "$@"
sleep 3
IDLE="$(rss_kb "$RECEIVER_PID")"
echo "idle after start:                  $((IDLE / 1024)) MB ($IDLE kB)"

# FTP: N sessions logged in and left idle.
mkfifo "$WORK/ftp-hold"
cat > "$WORK/hold_ftp.py" <<'PY'
import ftplib, sys
port, n = int(sys.argv[1]), int(sys.argv[2])
sessions = []
for _ in range(n):
    f = ftplib.FTP()
    f.connect("127.0.0.1", port, timeout=60)
    f.login("cam", "Passw0rdForBench")
    sessions.append(f)
print("ready", flush=True)
sys.stdin.read()
PY
python3 "$WORK/hold_ftp.py" "$FTP_PORT" "$SESSIONS" < "$WORK/ftp-hold" > "$WORK/ftp.out" 2>&1 &
FTP_DRIVER=$!
PIDS+=("$FTP_DRIVER")
exec 3> "$WORK/ftp-hold"
for _ in $(seq 1 600); do grep -q ready "$WORK/ftp.out" && break; sleep 0.1; done
grep -q ready "$WORK/ftp.out" || { cat "$WORK/ftp.out"; exit 1; }
sleep 2
FTP_RSS="$(rss_kb "$RECEIVER_PID")"
echo "with $SESSIONS idle FTP sessions:     $((FTP_RSS / 1024)) MB; per session $(( (FTP_RSS - IDLE) / SESSIONS )) kB"
exec 3>&-
wait "$FTP_DRIVER" 2>/dev/null || true
sleep 2

if [ "$SFTP_PORT" != 0 ]; then
    # Each sftp reads "pwd" and then waits on the fifo, which ends (EOF) when this script closes fd 4 or exits.
    mkfifo "$WORK/sftp-hold"
    exec 4<> "$WORK/sftp-hold"
    # open_sftp FIRST LAST: sessions FIRST..LAST logged in (public key) and left idle; waits until all are up.
    open_sftp() {
        for i in $(seq "$1" "$2"); do
            (exec 4>&-; echo pwd; cat "$WORK/sftp-hold") | sftp 4>&- -q -i "$WORK/camkey" -P "$SFTP_PORT" -o BatchMode=yes \
                -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null cam@127.0.0.1 > "$WORK/sftp.$i.out" 2>&1 &
            PIDS+=($!)
        done
        for _ in $(seq 1 1200); do
            [ "$(grep -l "Remote working directory" "$WORK"/sftp.*.out 2>/dev/null | wc -l)" -ge "$2" ] && break
            sleep 0.1
        done
        UP="$(grep -l "Remote working directory" "$WORK"/sftp.*.out | wc -l)"
        [ "$UP" -ge "$2" ] || { echo "only $UP of $2 sFTP sessions came up" >&2; exit 1; }
        sleep 2
    }
    # A first batch of 10 pays the one-time costs (JIT of the key exchange and cipher code, thread pool growth),
    # so the per-session figure is what each further camera costs.
    BASE="$(rss_kb "$RECEIVER_PID")"
    open_sftp 1 10
    WARM="$(rss_kb "$RECEIVER_PID")"
    open_sftp 11 $((SESSIONS + 10))
    SFTP_RSS="$(rss_kb "$RECEIVER_PID")"
    echo "first 10 sFTP sessions:            +$(( (WARM - BASE) / 1024 )) MB (one-time code and threads included)"
    echo "with $((SESSIONS + 10)) idle sFTP sessions:    $((SFTP_RSS / 1024)) MB; per further session $(( (SFTP_RSS - WARM) / SESSIONS )) kB"
fi
exec 4>&-
echo "peak (VmHWM):                      $(( $(hwm_kb "$RECEIVER_PID") / 1024 )) MB"
echo "machine: $(machine)"
