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

# User + system CPU seconds of a process so far. printf, not print: awk prints numbers with 6 significant digits,
# so from 100,000 s on (a 2-core machine up for a day) a plain print drops the decimals.
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f\n", ($14 + $15) / hz}' "/proc/$1/stat"; }

# The machine's busy CPU seconds so far, all cores: user, nice, system, irq, softirq from /proc/stat (not idle,
# iowait or steal). Servers that fork per connection (vsftpd, sshd) are measured the same way as one that does not.
machine_busy() { awk -v hz="$(getconf CLK_TCK)" '/^cpu /{printf "%.2f\n", ($2 + $3 + $4 + $7 + $8) / hz; exit}' /proc/stat; }

# measure CLIENT_COMMAND...: "WALL SERVER_CPU CLIENT_CPU" seconds for one run. Wall time ends when the client exits; the CPU
# window ends after a sync, so a server that leaves the bytes in the page cache (sshd, vsftpd) pays for writing
# them to disk as the receiver, which fsyncs before it reports success, does. The client's own CPU (bash's `times`
# of the subshell that ran it: its children's rusage) is taken off the machine's.
measure() {
    local b0 t0 t1 b1 client
    sync
    b0=$(machine_busy); t0=$(now)
    client=$( ( "$@" >/dev/null; times ) | awk '{ for (i = 1; i <= 2; i++) { split($i, a, "m"); s += a[1] * 60 + a[2] } } END { print s }')
    t1=$(now); sync; b1=$(machine_busy)
    echo "$(echo "$t1 - $t0" | bc) $(echo "$b1 - $b0 - $client" | bc) $client"
}

# lower CURRENT VALUE: the smaller of the two (CURRENT empty: VALUE).
lower() { if [ -z "$1" ] || [ "$(echo "$2 < $1" | bc)" = 1 ]; then echo "$2"; else echo "$1"; fi; }

# take_turns A_COMMAND... -- B_COMMAND...: "A_WALL A_CPU B_WALL B_CPU A_CLIENT B_CLIENT", each side's lowest wall
# time, lowest server CPU and lowest client CPU of REPEAT measured runs (the client's CPU shows when the client, not
# the server, set the pace). The two take turns (A, B, A, B, ...), so a slow spell of the machine falls
# on both rather than on whichever ran in it. With B_PID set (the receiver, one process), each B run also checks
# the machine's accounting: its busy time less the client's can never be below that one process's own CPU in the
# same window. It was, once machine_busy printed whole seconds only. The machine's figure is sampled at clock
# ticks, so it can come out a few percent below the process's exact one; only a gap beyond 10 % (and two ticks)
# counts. A run that fails the check is reported on standard error and marks the bench as no result
# (accounting_verdict).
take_turns() {
    local a=() b=()
    while [ "$1" != -- ]; do a+=("$1"); shift; done; shift
    b=("$@")
    local a_wall="" a_cpu="" a_client="" b_wall="" b_cpu="" b_client="" w c k
    for _ in $(seq 1 "${REPEAT:-1}"); do
        read -r w c k < <(measure "${a[@]}")
        a_wall=$(lower "$a_wall" "$w"); a_cpu=$(lower "$a_cpu" "$c"); a_client=$(lower "$a_client" "$k")
        local own0=""; [ -n "${B_PID:-}" ] && own0=$(cpu_seconds "$B_PID")
        read -r w c k < <(measure "${b[@]}")
        if [ -n "$own0" ]; then
            local own; own=$(echo "$(cpu_seconds "$B_PID") - $own0" | bc)
            if [ "$(echo "$c + 0.02 < 0.9 * $own" | bc)" = 1 ]; then
                echo "!! the machine's accounting undercounted: $c s of server CPU, but the receiver process alone used $own s" >&2
                touch "$WORK/accounting-undercounted"
            fi
        fi
        b_wall=$(lower "$b_wall" "$w"); b_cpu=$(lower "$b_cpu" "$c"); b_client=$(lower "$b_client" "$k")
    done
    echo "$a_wall $a_cpu $b_wall $b_cpu $a_client $b_client"
}

# accounting_verdict: the last line of a bench whose figures take_turns checked; exit status 3 when one run failed it.
accounting_verdict() {
    if [ -e "$WORK/accounting-undercounted" ]; then
        echo "== NOT A RESULT: the machine's CPU accounting undercounted in at least one run (see '!!' above); run it again when the VM is quiet"
        return 3
    fi
    echo "== the machine's CPU accounting held in every checked run"
}
