#!/usr/bin/env bash
# sFTP benchmark: the receiver against Debian's OpenSSH sshd (internal-sftp, chrooted user), both on loopback.
#   curl (libssh2):   60 snapshots of 300 kB, one connection each, 6 in parallel; one 200 MB file (aes-ctr + hmac-sha2)
#   OpenSSH sftp:     one 200 MB file with aes128-gcm, chacha20-poly1305 and aes128-ctr
# For every upload it prints both servers' wall time and server CPU per GB, and the ratios receiver/sshd (at or
# below 1.00 = the receiver is as fast / as cheap as sshd). Server CPU is measured the same way for both (`measure`
# in lib/common.sh): the machine's busy CPU time (/proc/stat) from the upload's start until a `sync` after it (so
# both pay for writing the bytes to disk, although only the receiver fsyncs), minus the client's own CPU (its
# rusage with children, from `times`); sshd forks per connection, so its process CPU could not be read the way the
# receiver's can. Each figure is the best of REPEAT runs, the two servers taking turns. The client's own CPU (against
# sshd / against the receiver) ends each line: where it is close to the wall time, the client set the pace.
# The machine must be quiet: anything else running is counted as server CPU.
# NO_AES=1 masks the CPU's AES and PCLMUL instructions for OpenSSL in sshd, the clients and the receiver
# (OPENSSL_ia32cap) and .NET's own intrinsics (DOTNET_EnableAES=0), as on a Raspberry Pi 4, which has none:
# there chacha20-poly1305 is the cipher to prefer. The mask has no ':' part, so OpenSSL also clears its second
# capability word (SHA-NI, AVX2: `openssl speed -evp sha256` 1.4 -> 0.33 GB/s here); a Pi 4 has no SHA
# instructions either.
# Needs: root (sshd, a temporary system user), openssh-server, openssh-client, curl, bc, the .NET SDK.
# Usage: bash bench/sftp.sh; NO_AES=1 bash bench/sftp.sh; REPEAT=1 for one run per figure (default: best of 3).
# RECEIVER_DLL=PATH runs that build instead of a Release build of the checkout: a receiver.dll, or a published
# program such as the NativeAOT one the image and the systemd install run (PUBLISH_MODE=aot deploy/docker/publish.sh).
set -euo pipefail

REPO="$(cd "$(dirname "$0")/.." && pwd)"
REPEAT="${REPEAT:-3}"
if [ "${NO_AES:-0}" = 1 ]; then
    # Bits 57 (AES-NI) and 33 (PCLMULQDQ) of OpenSSL's capability vector; without a ':' part OpenSSL zeroes the
    # second word (SHA-NI, AVX2) as well. Never export it empty (that masks everything).
    export OPENSSL_ia32cap="~0x200000200000000"
fi
# shellcheck source=lib/common.sh
. "$(dirname "$0")/lib/common.sh"
bench_init sftp-bench
# shellcheck source=lib/receiver.sh
. "$(dirname "$0")/lib/receiver.sh"
# sshd refuses a chroot below a group/world-writable folder such as /tmp.
CHROOT="$(mktemp -d /var/lib/sftp-bench.XXXXXX)"
chmod 0755 "$CHROOT"
SSHD_PORT="${SSHD_PORT:-$(free_port)}"
RECEIVER_PORT="${RECEIVER_PORT:-$(free_port)}"
BENCH_USER="sftpbench$$"
PASSWORD="Bench$(date +%s)x"
cleanup_extra() {
    userdel "$BENCH_USER" 2>/dev/null || true
    rm -rf "$CHROOT"
}

for tool in ssh sftp ssh-keygen curl bc dotnet python3; do
    command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 1; }
done
[ -x /usr/sbin/sshd ] || { echo "missing: /usr/sbin/sshd (apt-get install openssh-server)" >&2; exit 1; }

echo "== preparing in $WORK (chroot $CHROOT)"
head -c 300000 /dev/urandom > "$WORK/snapshot.jpg"
head -c 200000000 /dev/urandom > "$WORK/big.mp4"
ssh-keygen -q -t ed25519 -N '' -f "$WORK/client_key"
ssh-keygen -q -t ed25519 -N '' -f "$WORK/sshd_host_key"

# sshd: a throw-away system user, chrooted, internal-sftp only, password and key login.
useradd -M -d / -s /usr/sbin/nologin "$BENCH_USER"
echo "$BENCH_USER:$PASSWORD" | chpasswd
mkdir -p "$CHROOT/upload"
chown "$BENCH_USER" "$CHROOT/upload"
# sshd reads authorized_keys as the user, so it lives in the (world-readable) chroot, not in $WORK.
install -m 0644 "$WORK/client_key.pub" "$CHROOT/authorized_keys"
mkdir -p /run/sshd
cat > "$WORK/sshd_config" <<CONF
Port $SSHD_PORT
ListenAddress 127.0.0.1
HostKey $WORK/sshd_host_key
PidFile $WORK/sshd.pid
UsePAM no
StrictModes no
PasswordAuthentication yes
KbdInteractiveAuthentication no
PubkeyAuthentication yes
AuthorizedKeysFile $CHROOT/authorized_keys
MaxStartups 100:30:200
MaxSessions 100
Subsystem sftp internal-sftp
Match User $BENCH_USER
    ChrootDirectory $CHROOT
    ForceCommand internal-sftp
    AllowTcpForwarding no
CONF
/usr/sbin/sshd -D -e -f "$WORK/sshd_config" 2> "$WORK/sshd.log" &
PIDS+=($!)

build_receiver
echo "== receiver: $(receiver_cmd)"
export Storage__Root="$WORK/receiver-data" Ftp__Port=0 Ssh__Port="$RECEIVER_PORT" Ssh__ListenAddress=127.0.0.1 \
    Ssh__MaxConnectionsPerSource=200 Ssh__MaxStartups=200 Serilog__MinimumLevel__Default=Warning Web__Port=0
echo "$PASSWORD" | $(receiver_cmd) --add-camera bench --password-stdin --authorized-key "$WORK/client_key.pub" >/dev/null
if [ "${NO_AES:-0}" = 1 ]; then
    DOTNET_EnableAES=0 $(receiver_cmd) > "$WORK/receiver.log" 2>&1 &
else
    $(receiver_cmd) > "$WORK/receiver.log" 2>&1 &
fi
RECEIVER_PID=$!
PIDS+=($RECEIVER_PID)
B_PID=$RECEIVER_PID   # take_turns checks the machine's accounting against the receiver's own CPU

wait_port() {
    for _ in $(seq 1 150); do
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
        sleep 0.2
    done
    echo "server on port $1 did not answer" >&2; return 1
}
wait_port "$SSHD_PORT"
wait_port "$RECEIVER_PORT"


# snapshots PORT USER DIR: 60 uploads, one connection each, 6 in parallel.
snapshots() {
    local port="$1" user="$2" dir="$3" tag=$RANDOM$RANDOM
    seq 1 60 | xargs -P 6 -I{} curl -s -S --fail --insecure -T "$WORK/snapshot.jpg" --user "$user:$PASSWORD" \
        "sftp://127.0.0.1:$port$dir/snap-$tag-{}.jpg"
}

# curlbig PORT USER DIR: one 200 MB upload with curl.
curlbig() {
    local port="$1" user="$2" dir="$3" tag=$RANDOM$RANDOM
    curl -s -S --fail --insecure -T "$WORK/big.mp4" --user "$user:$PASSWORD" "sftp://127.0.0.1:$port$dir/big-$tag.mp4"
}

# sftpbig PORT USER DIR CIPHER: one 200 MB put with OpenSSH sftp.
sftpbig() {
    local port="$1" user="$2" dir="$3" cipher="$4" tag=$RANDOM$RANDOM
    echo "put $WORK/big.mp4 $dir/sftp-$tag.mp4" | sftp -q -b - -P "$port" -c "$cipher" -i "$WORK/client_key" -F /dev/null \
        -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o BatchMode=yes -o IdentitiesOnly=yes "$user@127.0.0.1" >/dev/null
}

# compare NAME GB SSHD_COMMAND... -- RECEIVER_COMMAND...: one line per upload, both servers (taking turns), with the ratios.
compare() {
    local name="$1" gb="$2"; shift 2
    local sw sc rw rc sk rk
    read -r sw sc rw rc sk rk < <(take_turns "$@")
    printf '%-40s time sshd %6.2f s receiver %6.2f s (%s) | CPU/GB sshd %6.2f s receiver %6.2f s (%s) | client CPU %.2f / %.2f s\n' "$name" \
        "$sw" "$rw" "$(echo "scale=2; $rw / $sw" | bc)" \
        "$(echo "scale=3; $sc / $gb" | bc)" "$(echo "scale=3; $rc / $gb" | bc)" "$(echo "scale=2; $rc / $sc" | bc)" "$sk" "$rk"
}

CIPHERS=(aes128-gcm@openssh.com chacha20-poly1305@openssh.com aes128-ctr)
# Every path of the receiver runs until its JIT tiers have settled (a few rounds of connections: the second wave's
# code made the first rounds cost twice the settled figure, which the old single warm-up counted as upload CPU).
echo "== warming up the receiver (JIT)"
for _ in 1 2 3 4; do snapshots "$RECEIVER_PORT" bench "" >/dev/null; done
curlbig "$RECEIVER_PORT" bench "" >/dev/null
for cipher in "${CIPHERS[@]}"; do sftpbig "$RECEIVER_PORT" bench "" "$cipher"; done
rm -rf "$WORK/receiver-data/bench"/*
CPU_START=$(cpu_seconds "$RECEIVER_PID")

echo "== running (best of $REPEAT)${OPENSSL_ia32cap:+, AES and PCLMUL masked (OPENSSL_ia32cap=$OPENSSL_ia32cap, DOTNET_EnableAES=0)}; ratios receiver/sshd, at or below 1.00 = at sshd's cost or better"
compare "curl 60 x 300 kB (6 parallel)" 0.018 snapshots "$SSHD_PORT" "$BENCH_USER" /upload -- snapshots "$RECEIVER_PORT" bench ""
compare "curl 1 x 200 MB (aes-ctr, hmac-sha2)" 0.2 curlbig "$SSHD_PORT" "$BENCH_USER" /upload -- curlbig "$RECEIVER_PORT" bench ""
for cipher in "${CIPHERS[@]}"; do
    compare "sftp 1 x 200 MB $cipher" 0.2 sftpbig "$SSHD_PORT" "$BENCH_USER" /upload "$cipher" -- sftpbig "$RECEIVER_PORT" bench "" "$cipher"
done

CPU_USED=$(echo "$(cpu_seconds "$RECEIVER_PID") - $CPU_START" | bc)
GB=$(echo "scale=3; $REPEAT * (60 * 300000 + 4 * 200000000) / 1000000000" | bc)
echo "receiver process CPU: $CPU_USED s for $GB GB uploaded = $(echo "scale=2; $CPU_USED / $GB" | bc) CPU s/GB (its own threads only, no kernel writeback)"

# Every upload must have arrived whole on both sides.
for side in "$CHROOT/upload" "$WORK/receiver-data/bench"; do
    snaps=$(find "$side" -name 'snap-*.jpg' -size 300000c | wc -l)
    bigs=$(find "$side" \( -name 'big-*.mp4' -o -name 'sftp-*.mp4' \) -size 200000000c | wc -l)
    echo "== complete files in $side: $snaps snapshots, $bigs big files"
done
accounting_verdict
