#!/usr/bin/env python3
"""Load driver for bench/load.sh: N simulated cameras upload at once, then every file is checked.

Each camera runs ROUNDS rounds; per round it opens one connection and uploads a burst of 1-10 snapshots of
100-500 kB, as a camera's `snapcount` does; a few cameras also send one 20 MB clip. By camera number the client is
curl over sFTP (libssh2, as the cameras), SSH.NET over sFTP (one bench/SshNetLoad process drives all of those
cameras at once), curl over FTP, or curl over explicit FTPS. Time from connect to committed file: curl starts the connection, and the server answers a
file's transfer (FTP 226, SFTP CLOSE status) only once it is committed, so the running sum of curl's per-transfer
times is the time from connect to each commit.
"""
import argparse, datetime, hashlib, json, os, random, subprocess, sys, threading, time

ap = argparse.ArgumentParser()
ap.add_argument("--data", required=True)
ap.add_argument("--work", required=True)
ap.add_argument("--ftp-port", type=int, required=True)
ap.add_argument("--sftp-port", type=int, default=0)
ap.add_argument("--cameras", type=int, default=100)
ap.add_argument("--rounds", type=int, default=3)
ap.add_argument("--clips", type=int, default=4)
ap.add_argument("--password", required=True)
ap.add_argument("--sshnet", default="", help="bench/SshNetLoad's dll: adds SSH.NET cameras")
ap.add_argument("--pid", type=int, required=True)
args = ap.parse_args()
rng = random.Random(20261128)

# A pool of snapshot files (content need not be unique: each path's expected hash is recorded).
pool = []
for i in range(24):
    path = os.path.join(args.work, f"pool-{i}.jpg")
    with open(path, "wb") as f:
        f.write(os.urandom(rng.randint(100_000, 500_000)))
    pool.append(path)
clip = os.path.join(args.work, "clip.mp4")
with open(clip, "wb") as f:
    f.write(os.urandom(20 * 1024 * 1024))

def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()

hashes = {p: sha256(p) for p in pool + [clip]}
sizes = {p: os.path.getsize(p) for p in pool + [clip]}
protocols = (["sftp"] + (["sshnet"] if args.sshnet else []) if args.sftp_port else []) + ["ftp", "ftps"]

expected = {}          # (camera, name) -> source path
latencies = []         # seconds from connect to each committed file
failures = []
lock = threading.Lock()

def rounds_of(n):
    """Per round, the (remote name, local file) pairs camera n uploads."""
    crng = random.Random(n)
    rounds = []
    for r in range(args.rounds):
        files = [(f"r{r}-snap{i}.jpg", crng.choice(pool)) for i in range(crng.randint(1, 10))]
        if r == 0 and n < args.clips:
            files.append(("r0-clip.mp4", clip))
        rounds.append(files)
    return rounds

def camera(n):
    name = f"cam{n:03d}"
    proto = protocols[n % len(protocols)]
    for r, files in enumerate(rounds_of(n)):
        cmd = ["curl", "-sS", "--connect-timeout", "60", "--max-time", "600", "--user", f"{name}:{args.password}",
               "-w", "%{time_total}\n"]
        port = args.sftp_port if proto == "sftp" else args.ftp_port
        scheme = "sftp" if proto == "sftp" else "ftp"
        if proto == "sftp":
            cmd += ["--insecure"]
        if proto == "ftps":
            cmd += ["--ssl-reqd", "--insecure"]
        for remote, local in files:
            cmd += ["-T", local, f"{scheme}://127.0.0.1:{port}/{remote}"]
        done = subprocess.run(cmd, capture_output=True, text=True)
        with lock:
            for remote, local in files:
                expected[(name, remote)] = local
            if done.returncode != 0:
                failures.append(f"{name} {proto} round {r}: curl {done.returncode} {done.stderr.strip()[:200]}")
            total = 0.0
            for line in done.stdout.split():
                total += float(line)
                latencies.append(total)

def cpu_seconds(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

def sshnet_cameras(numbers):
    """All SSH.NET cameras in one bench/SshNetLoad process; its lines: ok CAM ROUND REMOTE SECONDS | fail CAM ROUND MSG."""
    plan = os.path.join(args.work, "sshnet-plan.jsonl")
    with open(plan, "w") as f:
        for n in numbers:
            for r, files in enumerate(rounds_of(n)):
                f.write(json.dumps({"camera": f"cam{n:03d}", "round": r, "files": [[remote, local] for remote, local in files]}) + "\n")
                for remote, local in files:
                    expected[(f"cam{n:03d}", remote)] = local
    done = subprocess.run(["dotnet", args.sshnet, plan, str(args.sftp_port), args.password], capture_output=True, text=True, timeout=1200)
    with lock:
        for line in done.stdout.splitlines():
            parts = line.split(" ", 4)
            if parts[0] == "ok":
                latencies.append(float(parts[4]))
            elif parts[0] == "fail":
                failures.append(f"{parts[1]} sshnet round {parts[2]}: {' '.join(parts[3:])[:200]}")
        if done.returncode != 0:
            failures.append(f"SshNetLoad exited {done.returncode}: {done.stderr.strip()[:200]}")

cpu0 = cpu_seconds(args.pid)
start = time.monotonic()
curl_cameras = [n for n in range(args.cameras) if protocols[n % len(protocols)] != "sshnet"]
threads = [threading.Thread(target=camera, args=(n,)) for n in curl_cameras]
if "sshnet" in protocols:
    threads.append(threading.Thread(target=sshnet_cameras, args=([n for n in range(args.cameras) if protocols[n % len(protocols)] == "sshnet"],)))
for t in threads:
    t.start()
for t in threads:
    t.join()
wall = time.monotonic() - start
cpu = cpu_seconds(args.pid) - cpu0
hwm = int([l.split()[1] for l in open(f"/proc/{args.pid}/status") if l.startswith("VmHWM:")][0])

# Verification: every expected file at its per-day path with the right SHA-256, nothing extra, no temporary.
days = {datetime.date.today().isoformat(), (datetime.date.today() - datetime.timedelta(days=1)).isoformat()}
found = {}
for cam in sorted(os.listdir(args.data)):
    if cam.startswith("."):
        continue
    for dirpath, _, names in os.walk(os.path.join(args.data, cam)):
        for f in names:
            found[(cam, f)] = os.path.join(dirpath, f)
missing = [k for k in expected if k not in found]
extra = [k for k in found if k not in expected]
wrong_day = [k for k, p in found.items() if os.path.basename(os.path.dirname(p)) not in days]
corrupt = [k for k, p in found.items() if k in expected and sha256(p) != hashes[expected[k]]]
temporaries = os.listdir(os.path.join(args.data, ".receiver", "incoming"))

files = len(expected)
megabytes = sum(sizes[p] for p in expected.values()) / 1e6
latencies.sort()
pct = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] if latencies else float("nan")
print(f"cameras {args.cameras} ({'/'.join(protocols)}), rounds {args.rounds}, files {files}, {megabytes:.0f} MB in {wall:.1f} s")
print(f"uploads/s {files / wall:.1f}   MB/s {megabytes / wall:.1f}")
print(f"connect-to-committed p50 {pct(0.50) * 1000:.0f} ms   p99 {pct(0.99) * 1000:.0f} ms")
print(f"receiver peak RSS {hwm / 1024:.0f} MB   CPU {cpu:.1f} s ({cpu / max(megabytes, 1) * 1000:.1f} s per GB)")
print(f"check: failed connections {len(failures)}, missing {len(missing)}, extra {len(extra)}, wrong day {len(wrong_day)}, "
      f"bad SHA-256 {len(corrupt)}, temporaries left {len(temporaries)}")
for line in (failures + [f"missing {m}" for m in missing] + [f"extra {e}" for e in extra] + [f"corrupt {c}" for c in corrupt])[:20]:
    print("  " + line)
sys.exit(1 if failures or missing or extra or wrong_day or corrupt or temporaries else 0)
