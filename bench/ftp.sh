#!/usr/bin/env bash
# FTP/FTPS benchmark: the receiver against Debian's vsftpd, both on loopback, with the same curl workloads.
#   1. 60 snapshots of 300 kB, one connection (login) each, 6 in parallel
#   2. one 200 MB file, with the server's CPU per GB (`measure` in lib/common.sh: the machine's CPU time from the
#      upload's start to a sync after it, minus curl's own, the same for both servers, as vsftpd forks per
#      connection; the servers take turns) and, beside it, the disk's limit: the time to write and fsync the same
#      200 MB in the bench folder (the receiver fsyncs before 226; vsftpd never does)
# over FTP and over explicit FTPS. vsftpd gets TLS 1.2 (Debian 12's vsftpd fails curl's FTPS uploads over
# TLS 1.3); the receiver is measured over TLS 1.2 too, for a like-for-like ratio, and over TLS 1.3 as extra.
# Needs: root (vsftpd runs as root and uploads as user "ftp"), vsftpd, curl, openssl, python3, the .NET SDK.
# Usage: bench/ftp.sh   (best of REPEAT=3 runs per figure; BENCH_DIR=/dev/shm keeps all files in RAM)
# RECEIVER_DLL=PATH runs that build instead of a Release build of the checkout: a receiver.dll, or a published
# program such as the NativeAOT one the image and the systemd install run (PUBLISH_MODE=aot deploy/docker/publish.sh).
set -euo pipefail

REPO="$(cd "$(dirname "$0")/.." && pwd)"
REPEAT="${REPEAT:-3}"
# shellcheck source=lib/common.sh
. "$(dirname "$0")/lib/common.sh"
bench_init ftp-bench "${BENCH_DIR:-/tmp}"   # BENCH_DIR=/dev/shm takes the disk out of the figures
# shellcheck source=lib/receiver.sh
. "$(dirname "$0")/lib/receiver.sh"
chmod 0755 "$WORK"   # vsftpd serves anonymous users as "ftp", who must reach the folder
VSFTPD_PORT="${VSFTPD_PORT:-$(free_port)}"
RECEIVER_PORT="${RECEIVER_PORT:-$(free_port)}"

for tool in vsftpd curl openssl dotnet python3; do
    command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || { echo "missing: $tool (apt-get install vsftpd curl openssl)" >&2; exit 1; }
done
VSFTPD="$(command -v vsftpd || echo /usr/sbin/vsftpd)"

echo "== preparing in $WORK"
head -c 300000 /dev/urandom > "$WORK/snapshot.jpg"
head -c 200000000 /dev/urandom > "$WORK/big.mp4"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=127.0.0.1" \
    -keyout "$WORK/key.pem" -out "$WORK/cert.pem" 2>/dev/null

# vsftpd: anonymous uploads into a folder owned by "ftp" (no system account to create), TLS allowed, no reuse demand.
mkdir -p "$WORK/vsftpd-root/upload" /var/run/vsftpd/empty
chown ftp "$WORK/vsftpd-root/upload" 2>/dev/null || chmod 0777 "$WORK/vsftpd-root/upload"
chmod 0555 "$WORK/vsftpd-root"
cat > "$WORK/vsftpd.conf" <<CONF
listen=YES
listen_ipv6=NO
listen_address=127.0.0.1
listen_port=$VSFTPD_PORT
background=NO
anonymous_enable=YES
anon_root=$WORK/vsftpd-root
no_anon_password=YES
write_enable=YES
anon_upload_enable=YES
anon_mkdir_write_enable=YES
anon_other_write_enable=YES
local_enable=NO
pasv_enable=YES
pasv_address=127.0.0.1
max_clients=200
max_per_ip=200
seccomp_sandbox=NO
xferlog_enable=NO
ssl_enable=YES
allow_anon_ssl=YES
force_anon_logins_ssl=NO
force_anon_data_ssl=NO
ssl_tlsv1=YES
ssl_sslv2=NO
ssl_sslv3=NO
require_ssl_reuse=NO
ssl_ciphers=HIGH
rsa_cert_file=$WORK/cert.pem
rsa_private_key_file=$WORK/key.pem
CONF
# vsftpd reports configuration errors on its standard input (its control connection in inetd mode).
"$VSFTPD" "$WORK/vsftpd.conf" < /dev/null &
PIDS+=($!)

build_receiver
echo "== receiver: $(receiver_cmd)"
export Storage__Root="$WORK/receiver-data" Ssh__Port=0 Ftp__Port="$RECEIVER_PORT" Ftp__ListenAddress=127.0.0.1 \
    Ftp__PassivePorts="" Ftp__PassiveAddress="" Ftp__MaxConnectionsPerSource=200 Ftp__MaxStartups=200 \
    Serilog__MinimumLevel__Default=Warning Web__Port=0
CAMERA_PASSWORD="Bench$(date +%s)x"
echo "$CAMERA_PASSWORD" | $(receiver_cmd) --add-camera bench --password-stdin >/dev/null
$(receiver_cmd) > "$WORK/receiver.log" 2>&1 &
PIDS+=($!)
B_PID=$!   # take_turns checks the machine's accounting against the receiver's own CPU

wait_port() {
    for _ in $(seq 1 100); do
        curl -s --max-time 2 "ftp://127.0.0.1:$1/" --user "$2" -o /dev/null && return 0
        sleep 0.2
    done
    echo "server on port $1 did not answer" >&2; return 1
}
wait_port "$VSFTPD_PORT" "anonymous:x"
wait_port "$RECEIVER_PORT" "bench:$CAMERA_PASSWORD"


# snapshots URL USER TLS...: prints seconds for 60 uploads, one connection each, 6 in parallel.
snapshots() {
    local url="$1" user="$2"; shift 2
    local start tag=$RANDOM$RANDOM; start=$(now)
    seq 1 60 | xargs -P 6 -I{} curl -s -S --fail -T "$WORK/snapshot.jpg" --user "$user" "$@" "${url}snap-$tag-{}.jpg"
    echo "$(now) - $start" | bc
}

# bigfile URL USER TLS...: one 200 MB upload with curl.
bigfile() {
    local url="$1" user="$2"; shift 2
    curl -s -S --fail -T "$WORK/big.mp4" --user "$user" "$@" "${url}big-$RANDOM$RANDOM.mp4"
}

# disk_limit: seconds to write and fsync the 200 MB in the bench folder (where both servers store), from the page cache.
disk_limit() {
    local start; start=$(now)
    dd if="$WORK/big.mp4" of="$WORK/disk-limit.bin" bs=1M conv=fsync status=none
    local t; t=$(echo "$(now) - $start" | bc); rm -f "$WORK/disk-limit.bin"; echo "$t"
}

VSFTPD_URL="ftp://127.0.0.1:$VSFTPD_PORT/upload/"
RECEIVER_URL="ftp://127.0.0.1:$RECEIVER_PORT/"
TLS12=(--ssl-reqd --insecure --tlsv1.2 --tls-max 1.2)
TLS13=(--ssl-reqd --insecure --tlsv1.3)

report() { # name vsftpd-seconds receiver-seconds unit-amount unit
    local name="$1" v="$2" r="$3" amount="$4" unit="$5"
    local vr rr ratio
    vr=$(echo "scale=2; $amount / $v" | bc); rr=$(echo "scale=2; $amount / $r" | bc); ratio=$(echo "scale=2; $v / $r" | bc)
    printf '%-28s vsftpd %8s %-8s receiver %8s %-8s ratio receiver/vsftpd %s\n' "$name" "$vr" "$unit" "$rr" "$unit" "$ratio"
}

# bigreport NAME "VSFTPD_WALL VSFTPD_CPU RECEIVER_WALL RECEIVER_CPU" [DISK_SECONDS]: 200 MB figures, CPU per GB.
bigreport() {
    local name="$1" vw vc rw rc disk="${3:-}"
    read -r vw vc rw rc _ <<< "$2"
    report "$name" "$vw" "$rw" 200 MB/s
    printf '%-28s vsftpd %8s CPU s/GB  receiver %8s CPU s/GB (ratio %s)\n' "" \
        "$(echo "scale=2; $vc / 0.2" | bc)" "$(echo "scale=2; $rc / 0.2" | bc)" "$(echo "scale=2; $rc / $vc" | bc)"
    if [ -n "$disk" ]; then
        printf '%-28s disk limit (dd write + fsync of 200 MB here) %8s MB/s; receiver on disk at %s of it\n' "" \
            "$(echo "scale=2; 200 / $disk" | bc)" "$(echo "scale=2; $disk / $rw" | bc)"
    fi
}

# Every path of the receiver runs once before anything is measured, so a JIT build's tiers have settled.
echo "== warming up the receiver"
snapshots "$RECEIVER_URL" "bench:$CAMERA_PASSWORD" >/dev/null
snapshots "$RECEIVER_URL" "bench:$CAMERA_PASSWORD" "${TLS12[@]}" >/dev/null
bigfile "$RECEIVER_URL" "bench:$CAMERA_PASSWORD"
bigfile "$RECEIVER_URL" "bench:$CAMERA_PASSWORD" "${TLS12[@]}"
bigfile "$RECEIVER_URL" "bench:$CAMERA_PASSWORD" "${TLS13[@]}"
rm -rf "$WORK/receiver-data/bench"/*

echo "== running (best of $REPEAT; 200 MB: the servers take turns; CPU ratio receiver/vsftpd, at or below 1.00 = at vsftpd's cost or better)"
v=$(best snapshots "$VSFTPD_URL" anonymous:x); r=$(best snapshots "$RECEIVER_URL" "bench:$CAMERA_PASSWORD")
report "FTP  60 x 300 kB (6 par.)" "$v" "$r" 60 files/s
d=$(best disk_limit)
bigreport "FTP  1 x 200 MB" "$(take_turns bigfile "$VSFTPD_URL" anonymous:x -- bigfile "$RECEIVER_URL" "bench:$CAMERA_PASSWORD")" "$d"
v=$(best snapshots "$VSFTPD_URL" anonymous:x "${TLS12[@]}"); r=$(best snapshots "$RECEIVER_URL" "bench:$CAMERA_PASSWORD" "${TLS12[@]}")
report "FTPS 60 x 300 kB TLS 1.2" "$v" "$r" 60 files/s
bigreport "FTPS 1 x 200 MB TLS 1.2" "$(take_turns bigfile "$VSFTPD_URL" anonymous:x "${TLS12[@]}" -- bigfile "$RECEIVER_URL" "bench:$CAMERA_PASSWORD" "${TLS12[@]}")"
r=$(best snapshots "$RECEIVER_URL" "bench:$CAMERA_PASSWORD" "${TLS13[@]}")
printf '%-28s receiver %8s files/s (vsftpd: not supported)\n' "FTPS 60 x 300 kB TLS 1.3" "$(echo "scale=2; 60 / $r" | bc)"
rw=""; rc=""
for _ in $(seq 1 "$REPEAT"); do
    read -r w c _ < <(measure bigfile "$RECEIVER_URL" "bench:$CAMERA_PASSWORD" "${TLS13[@]}")
    rw=$(lower "$rw" "$w"); rc=$(lower "$rc" "$c")
done
printf '%-28s receiver %8s MB/s, %s CPU s/GB (vsftpd: not supported)\n' "FTPS 1 x 200 MB TLS 1.3" "$(echo "scale=2; 200 / $rw" | bc)" "$(echo "scale=2; $rc / 0.2" | bc)"

# Every upload must have arrived whole on both sides.
for side in "$WORK/vsftpd-root/upload" "$WORK/receiver-data/bench"; do
    snaps=$(find "$side" -name 'snap-*.jpg' -size 300000c | wc -l)
    bigs=$(find "$side" -name 'big-*.mp4' -size 200000000c | wc -l)
    echo "== complete files in $side: $snaps snapshots, $bigs big files"
done
accounting_verdict
