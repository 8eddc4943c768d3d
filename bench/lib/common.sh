# Shared by every script under bench/: a scratch folder that goes away on exit with the child processes, free
# loopback ports, and timing helpers. Source it, then call bench_init.

# bench_init NAME [PARENT]: WORK=a new folder PARENT/NAME.XXXXXX (PARENT defaults to /tmp), PIDS=() for the child
# processes to stop on exit. A script with more to undo defines cleanup_extra (run before WORK is removed).
bench_init() {
    WORK="$(mktemp -d "${2:-/tmp}/$1.XXXXXX")"
    PIDS=()
    trap bench_cleanup EXIT
}

bench_cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    if declare -F cleanup_extra >/dev/null; then cleanup_extra; fi
    rm -rf "$WORK"
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

now() { date +%s.%N; }

# best COMMAND...: the lowest of REPEAT runs of a command that prints seconds.
best() {
    local best=""
    for _ in $(seq 1 "${REPEAT:-1}"); do
        local t; t=$("$@")
        if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then best=$t; fi
    done
    echo "$best"
}

# User + system CPU seconds of a process so far.
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15) / hz}' "/proc/$1/stat"; }

# The whole machine's busy CPU seconds so far (user, nice, system, irq, softirq, steal from /proc/stat): servers
# that fork per connection (vsftpd, sshd) are measured the same way as one that does not.
machine_cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '/^cpu /{print ($2 + $3 + $4 + $7 + $8 + $9) / hz; exit}' /proc/stat; }
