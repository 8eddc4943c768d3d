# Shared by bench/memory.sh and bench/load.sh: build, start and measure a receiver on loopback.
# Source it after lib/common.sh and bench_init; it expects $REPO, and adds to the PIDS array.

# The receiver, built once in Release (RECEIVER_DLL=/path/receiver.dll, or the executable of a self-contained
# publish such as deploy/docker/publish.sh makes, skips the build).
build_receiver() {
    if [ -n "${RECEIVER_DLL:-}" ]; then return; fi
    echo "== building the receiver (Release)"
    dotnet publish "$REPO/src/Receiver/Receiver.csproj" -c Release -o "$WORK/receiver" --nologo -v quiet >/dev/null
    RECEIVER_DLL="$WORK/receiver/receiver.dll"
}

# The command that runs the receiver: `dotnet receiver.dll`, or a self-contained build's own executable.
receiver_cmd() {
    case "$RECEIVER_DLL" in
        *.dll) echo dotnet "$RECEIVER_DLL" ;;
        *) echo "$RECEIVER_DLL" ;;
    esac
}

# add_camera NAME PASSWORD [PUBKEY_FILE]
add_camera() {
    local args=(--add-camera "$1" --password-stdin)
    [ -n "${3:-}" ] && args+=(--authorized-key "$3")
    echo "$2" | Storage__Root="$WORK/data" $(receiver_cmd) "${args[@]}" >/dev/null
}

# start_receiver: sets FTP_PORT, SFTP_PORT, RECEIVER_PID; SFTP_PORT stays 0 when this build has no SSH wiring.
start_receiver() {
    FTP_PORT="$(free_port)"; SFTP_PORT="$(free_port)"; FTPS_PORT="$(free_port)"
    env Storage__Root="$WORK/data" Ftp__Port="$FTP_PORT" Ftp__ImplicitTlsPort="$FTPS_PORT" Ftp__ListenAddress=127.0.0.1 \
        Ftp__PassivePorts= Ssh__Port="$SFTP_PORT" Ssh__ListenAddress=127.0.0.1 \
        Ftp__MaxConnections=1000 Ftp__MaxConnectionsPerSource=1000 \
        Ssh__MaxConnections=1000 Ssh__MaxConnectionsPerSource=1000 Ssh__MaxStartups=1000 Ftp__MaxStartups=1000 \
        "$@" $(receiver_cmd) > "$WORK/receiver.log" 2>&1 &
    RECEIVER_PID=$!
    PIDS+=("$RECEIVER_PID")
    for _ in $(seq 1 600); do
        grep -q "listening on 127.0.0.1:$FTP_PORT" "$WORK/receiver.log" 2>/dev/null && break
        kill -0 "$RECEIVER_PID" 2>/dev/null || { cat "$WORK/receiver.log"; echo "receiver exited" >&2; exit 1; }
        sleep 0.1
    done
    grep -q "listening on 127.0.0.1:$FTP_PORT" "$WORK/receiver.log" || { cat "$WORK/receiver.log"; exit 1; }
    sleep 1
    if ! grep -q "listening on 127.0.0.1:$SFTP_PORT" "$WORK/receiver.log"; then
        echo "   (no sFTP listener in this build: sFTP figures skipped)"
        SFTP_PORT=0
    fi
}

stop_receiver() {
    kill "$RECEIVER_PID" 2>/dev/null || true
    wait "$RECEIVER_PID" 2>/dev/null || true
}

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
hwm_kb() { awk '/^VmHWM:/ {print $2}' "/proc/$1/status"; }

machine() {
    echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), $(uname -sr), .NET $(dotnet --version)"
}
