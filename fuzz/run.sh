#!/usr/bin/env bash
# Coverage-guided fuzzing with AFL++ and SharpFuzz: publishes fuzz/Receiver.Fuzz, instruments our assemblies
# (Receiver.Ssh, Receiver.Ftp, Receiver.Provisioning, Receiver.Abstractions), then runs afl-fuzz on each target for a
# bounded time, seeded from fuzz/corpus/<target> (with the tokens in fuzz/dict/<target>.dict), and prints
# executions, paths, crashes and hangs per target.
# Exits 1 when a target found a crash. Findings: fuzz/out/<target>/default/{crashes,hangs}; replay one with
#   dotnet fuzz/out/bin/Receiver.Fuzz.dll <target> < fuzz/out/<target>/default/crashes/id:...
# Usage: fuzz/run.sh [seconds-per-target] [target...]   (targets: ssh ssh-messages sftp ftp cgi; default all)
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
SECONDS_PER_TARGET="${1:-60}"
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(ssh ssh-messages sftp ftp cgi)
OUT="${FUZZ_OUT:-$REPO/fuzz/out}"
BIN="$OUT/bin"

if ! command -v afl-fuzz >/dev/null; then
    echo "== installing afl++"
    sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
    $sudo apt-get install -y afl++ >/dev/null || { $sudo apt-get update >/dev/null && $sudo apt-get install -y afl++ >/dev/null; }
fi
(cd "$REPO" && dotnet tool restore >/dev/null)

echo "== publishing and instrumenting"
rm -rf "$BIN"
dotnet publish "$REPO/fuzz/Receiver.Fuzz" -c Release -o "$BIN" --nologo -v quiet >/dev/null
for assembly in Receiver.Ssh Receiver.Ftp Receiver.Provisioning Receiver.Abstractions; do
    (cd "$REPO" && dotnet tool run sharpfuzz "$BIN/$assembly.dll" >/dev/null)
done

# As root in a container: no CPU governor, no core_pattern changes, no CPU pinning (other jobs share the cores).
export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1
# dotnet itself carries no AFL marks; the SharpFuzz fork server in Receiver.Fuzz speaks the protocol.
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_FORKSRV_INIT_TMOUT=60000 AFL_SKIP_CRASHES=1

stat() { grep -E "^$2 *:" "$1/default/fuzzer_stats" | head -1 | sed 's/.*: *//'; }
declare -a ROWS
crashed=0
for target in "${TARGETS[@]}"; do
    echo "== $target for $SECONDS_PER_TARGET s"
    rm -rf "${OUT:?}/$target"
    dict=()
    [ -f "$REPO/fuzz/dict/$target.dict" ] && dict=(-x "$REPO/fuzz/dict/$target.dict")
    afl-fuzz -i "$REPO/fuzz/corpus/$target" -o "$OUT/$target" "${dict[@]}" -V "$SECONDS_PER_TARGET" -m none -t 25000 \
        -- dotnet "$BIN/Receiver.Fuzz.dll" "$target" >"$OUT/$target.log" 2>&1 || { tail -30 "$OUT/$target.log"; exit 2; }
    execs=$(stat "$OUT/$target" execs_done)
    runtime=$(stat "$OUT/$target" run_time)
    crashes=$(stat "$OUT/$target" saved_crashes)
    [ -n "$crashes" ] || crashes=$(stat "$OUT/$target" unique_crashes)
    hangs=$(stat "$OUT/$target" saved_hangs)
    [ -n "$hangs" ] || hangs=$(stat "$OUT/$target" unique_hangs)
    ROWS+=("$(printf '%-13s %10s %8s %7s %9s %8s %6s %6s' "$target" "$execs" \
        "$(awk -v e="$execs" -v t="$runtime" 'BEGIN { printf "%.0f", (t > 0 ? e / t : 0) }')" \
        "$(stat "$OUT/$target" corpus_count)" "$(stat "$OUT/$target" bitmap_cvg)" "$(stat "$OUT/$target" stability)" "$crashes" "$hangs")")
    if [ "${crashes:-0}" != 0 ]; then
        crashed=1
        echo "   $crashes crash(es): $OUT/$target/default/crashes"
    fi
done

echo
printf '%-13s %10s %8s %7s %9s %8s %6s %6s\n' target executions execs/s paths bitmap stability crashes hangs
printf '%s\n' "${ROWS[@]}"
exit $crashed
