#!/usr/bin/env bash
# Start-up and idle cost of one receiver build: the time from exec until the sFTP and FTP ports answer with their
# greetings (best of REPEAT starts), the CPU of that start, the idle RSS (and PSS, private dirty) with sFTP, FTP and events (MQTT to a
# local mosquitto) on, again after three sFTP and three FTP uploads (curl), then with the web server on, and the
# CPU of each `--health` run.
# Targets for the NativeAOT build: listening <= 150 ms after exec, idle RSS <= 25 MB (web on: aim 35 MB),
# --health <= 20 ms CPU.
# Needs: python3, mosquitto (Debian's), curl.
# Usage: bench/start.sh PROGRAM      PROGRAM is a published executable (deploy/docker/publish.sh) or receiver.dll
#        (REPEAT=5 starts; IDLE_SECONDS=5 before RSS is read)
#   e.g. PUBLISH_MODE=aot deploy/docker/publish.sh linux-x64 /tmp/aot && bench/start.sh /tmp/aot/receiver
#        PUBLISH_MODE=trimmed deploy/docker/publish.sh linux-x64 /tmp/trimmed && bench/start.sh /tmp/trimmed/receiver
set -euo pipefail
program="$(readlink -f "$1")"
# shellcheck source=lib/common.sh
. "$(dirname "$0")/lib/common.sh"
bench_init start-bench

broker_port="$(free_port)"
printf 'listener %s 127.0.0.1\nallow_anonymous true\npersistence false\n' "$broker_port" >"$WORK/mosquitto.conf"
/usr/sbin/mosquitto -c "$WORK/mosquitto.conf" >"$WORK/mosquitto.log" 2>&1 &
PIDS+=($!)

echo "== $program"
echo "   $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$program" "$WORK" "$broker_port" "${REPEAT:-5}" "${IDLE_SECONDS:-5}" <<'PY'
import os, socket, subprocess, sys, time

program, work, broker, repeat, idle = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), float(sys.argv[5])
command = ["dotnet", program] if program.endswith(".dll") else [program]

def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close(); return port

def greeting(port):
    """True once the port answers with a first line (the SSH banner, FTP's 220)."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
            return len(s.recv(64)) > 0
    except OSError:
        return False

def environment(web):
    sftp, ftp = free_port(), free_port()
    env = dict(os.environ, Storage__Root=os.path.join(work, "data"), Ssh__Port=str(sftp), Ssh__ListenAddress="127.0.0.1",
               Ftp__Port=str(ftp), Ftp__ListenAddress="127.0.0.1", Ftp__PassivePorts="", Ftp__ImplicitTlsPort="0",
               Events__Mqtt__Url=f"mqtt://127.0.0.1:{broker}", Web__Port=str(free_port()) if web else "0",
               Web__HttpPort=str(free_port()), Web__ListenAddress="127.0.0.1")
    return env, sftp, ftp

def cpu_of(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

def memory_kb(pid):
    """RSS, PSS and the private dirty pages (what the process alone holds; the rest of RSS is clean pages of the
    program file and shared libraries, which the kernel can drop and read again)."""
    with open(f"/proc/{pid}/smaps_rollup") as f:
        fields = {l.split(":")[0]: int(l.split()[1]) for l in f if l.endswith("kB\n")}
    return fields["Rss"], fields["Pss"], fields["Private_Dirty"]

def start(web):
    env, sftp, ftp = environment(web)
    t0 = time.monotonic()
    p = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    waiting = {sftp, ftp}
    while waiting:
        if p.poll() is not None:
            sys.exit(f"the receiver exited with {p.returncode}")
        if time.monotonic() - t0 > 120:
            sys.exit("the receiver did not listen within 120 s")
        waiting = {port for port in waiting if not greeting(port)}
        if waiting:
            time.sleep(0.002)
    return p, env, time.monotonic() - t0

def stop(p):
    p.terminate(); p.wait(30)

# The first start creates the keys and the folder; it is not counted. A camera account for the uploads below.
p, _, _ = start(False); stop(p)
password = "Bench-" + str(os.getpid()) + "-pass"
subprocess.run(command + ["--add-camera", "bench", "--password-stdin"], env=environment(False)[0], input=password.encode(),
               stdout=subprocess.DEVNULL, check=True)
snapshot = os.path.join(work, "snapshot.jpg")
with open(snapshot, "wb") as f:
    f.write(os.urandom(300_000))

def uploads(sftp, ftp):
    """Three snapshots over sFTP and three over FTP, as a camera sends them, with curl."""
    for i in range(3):
        for url in (f"sftp://127.0.0.1:{sftp}/s{i}.jpg", f"ftp://127.0.0.1:{ftp}/f{i}.jpg"):
            subprocess.run(["curl", "-s", "-S", "--fail", "--insecure", "-T", snapshot, "--user", f"bench:{password}", url], check=True)

best, cpu = None, None
for _ in range(repeat):
    p, _, elapsed = start(False)
    used = cpu_of(p.pid)
    stop(p)
    if best is None or elapsed < best:
        best, cpu = elapsed, used
print(f"   exec to sFTP and FTP greetings: {best * 1000:.0f} ms (best of {repeat}), {cpu * 1000:.0f} ms CPU by then")

for web in (False, True):
    p, env, _ = start(web)
    time.sleep(idle)
    rss, pss, dirty = memory_kb(p.pid)
    if not web:
        uploads(int(env["Ssh__Port"]), int(env["Ftp__Port"]))
        time.sleep(idle)
        used = memory_kb(p.pid)
    health = []
    for _ in range(repeat):
        child = subprocess.Popen(command + ["--health"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit("--health failed")
        health.append(usage.ru_utime + usage.ru_stime)
    stop(p)
    label = "sFTP, FTP, events and web" if web else "sFTP, FTP and events    "
    print(f"   {label}: idle RSS {rss / 1024:.1f} MB (PSS {pss / 1024:.1f}, private dirty {dirty / 1024:.1f}) after {idle:.0f} s; --health {min(health) * 1000:.0f} ms CPU (best of {repeat})")
    if not web:
        print(f"   {label}  after 3 sFTP and 3 FTP uploads (curl), idle again: RSS {used[0] / 1024:.1f} MB (PSS {used[1] / 1024:.1f}, private dirty {used[2] / 1024:.1f})")
PY
