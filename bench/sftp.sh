#!/usr/bin/env bash
# sFTP benchmark: the receiver against Debian's OpenSSH sshd (internal-sftp, chrooted user), both on loopback.
#   curl (libssh2):   60 snapshots of 300 kB, one connection each, 6 in parallel; one 200 MB file
#   OpenSSH sftp:     one 200 MB file with aes128-gcm, chacha20-poly1305 and aes128-ctr
# It prints every figure, the ratio receiver/sshd (>1 = receiver faster) and the receiver's CPU seconds per GB.
# Needs: root (sshd, a temporary system user), openssh-server, openssh-client, curl, bc, the .NET SDK.
# Usage: bench/sftp.sh            (REPEAT=3 bench/sftp.sh takes the best of 3 runs per figure)
set -euo pipefail

REPO="$(cd "$(dirname "$0")/.." && pwd)"
REPEAT="${REPEAT:-1}"
# shellcheck source=lib/common.sh
. "$(dirname "$0")/lib/common.sh"
bench_init sftp-bench
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

echo "== building the receiver (Release)"
dotnet publish "$REPO/src/Receiver/Receiver.csproj" -c Release -o "$WORK/receiver" --nologo -v quiet >/dev/null
export Storage__Root="$WORK/receiver-data" Ftp__Port=0 Ssh__Port="$RECEIVER_PORT" Ssh__ListenAddress=127.0.0.1 \
    Ssh__MaxConnectionsPerSource=200 Ssh__MaxStartups=200 Serilog__MinimumLevel__Default=Warning
echo "$PASSWORD" | dotnet "$WORK/receiver/receiver.dll" --add-camera bench --password-stdin --authorized-key "$WORK/client_key.pub" >/dev/null
dotnet "$WORK/receiver/receiver.dll" > "$WORK/receiver.log" 2>&1 &
RECEIVER_PID=$!
PIDS+=($RECEIVER_PID)

wait_port() {
    for _ in $(seq 1 150); do
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
        sleep 0.2
    done
    echo "server on port $1 did not answer" >&2; return 1
}
wait_port "$SSHD_PORT"
wait_port "$RECEIVER_PORT"


# snapshots PORT USER DIR: seconds for 60 uploads, one connection each, 6 in parallel.
snapshots() {
    local port="$1" user="$2" dir="$3" start tag=$RANDOM$RANDOM; start=$(now)
    seq 1 60 | xargs -P 6 -I{} curl -s -S --fail --insecure -T "$WORK/snapshot.jpg" --user "$user:$PASSWORD" \
        "sftp://127.0.0.1:$port$dir/snap-$tag-{}.jpg"
    echo "$(now) - $start" | bc
}

# curlbig PORT USER DIR: seconds for one 200 MB upload with curl.
curlbig() {
    local port="$1" user="$2" dir="$3" start tag=$RANDOM$RANDOM; start=$(now)
    curl -s -S --fail --insecure -T "$WORK/big.mp4" --user "$user:$PASSWORD" "sftp://127.0.0.1:$port$dir/big-$tag.mp4"
    echo "$(now) - $start" | bc
}

# sftpbig PORT USER DIR CIPHER: seconds for one 200 MB put with OpenSSH sftp.
sftpbig() {
    local port="$1" user="$2" dir="$3" cipher="$4" start tag=$RANDOM$RANDOM; start=$(now)
    echo "put $WORK/big.mp4 $dir/sftp-$tag.mp4" | sftp -q -b - -P "$port" -c "$cipher" -i "$WORK/client_key" -F /dev/null \
        -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o BatchMode=yes -o IdentitiesOnly=yes "$user@127.0.0.1" >/dev/null
    echo "$(now) - $start" | bc
}

report() { # name sshd-seconds receiver-seconds amount unit
    local name="$1" s="$2" r="$3" amount="$4" unit="$5"
    printf '%-34s sshd %8s %-8s receiver %8s %-8s ratio receiver/sshd %s\n' "$name" \
        "$(echo "scale=2; $amount / $s" | bc)" "$unit" "$(echo "scale=2; $amount / $r" | bc)" "$unit" "$(echo "scale=2; $s / $r" | bc)"
}

echo "== warming up the receiver (JIT)"
snapshots "$RECEIVER_PORT" bench "" >/dev/null
sftpbig "$RECEIVER_PORT" bench "" aes128-gcm@openssh.com >/dev/null
rm -rf "$WORK/receiver-data/bench"/*
CPU_START=$(cpu_seconds "$RECEIVER_PID")

echo "== running (best of $REPEAT)"
s=$(best snapshots "$SSHD_PORT" "$BENCH_USER" /upload); r=$(best snapshots "$RECEIVER_PORT" bench "")
report "curl 60 x 300 kB (6 parallel)" "$s" "$r" 60 files/s
s=$(best curlbig "$SSHD_PORT" "$BENCH_USER" /upload); r=$(best curlbig "$RECEIVER_PORT" bench "")
report "curl 1 x 200 MB" "$s" "$r" 200 MB/s
for cipher in aes128-gcm@openssh.com chacha20-poly1305@openssh.com aes128-ctr; do
    s=$(best sftpbig "$SSHD_PORT" "$BENCH_USER" /upload "$cipher"); r=$(best sftpbig "$RECEIVER_PORT" bench "" "$cipher")
    report "sftp 1 x 200 MB $cipher" "$s" "$r" 200 MB/s
done

CPU_USED=$(echo "$(cpu_seconds "$RECEIVER_PID") - $CPU_START" | bc)
GB=$(echo "scale=3; $REPEAT * (60 * 300000 + 4 * 200000000) / 1000000000" | bc)
echo "receiver CPU: $CPU_USED s for $GB GB uploaded = $(echo "scale=2; $CPU_USED / $GB" | bc) CPU s/GB"

# Every upload must have arrived whole on both sides.
for side in "$CHROOT/upload" "$WORK/receiver-data/bench"; do
    snaps=$(find "$side" -name 'snap-*.jpg' -size 300000c | wc -l)
    bigs=$(find "$side" \( -name 'big-*.mp4' -o -name 'sftp-*.mp4' \) -size 200000000c | wc -l)
    echo "== complete files in $side: $snaps snapshots, $bigs big files"
done
