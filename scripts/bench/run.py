#!/usr/bin/env python3
"""Benchmarks of issue 3, from a second process (wrk) on loopback, against a release build.

  scripts/bench/run.py [--works 1000000] [--runs 3] [--duration 15] [--binary PATH]

Starts `street-manager serve` on a fresh data directory (or DATABASE_URL for PostgreSQL), fills
it with `generate --works N`, then measures with wrk (16 connections): GET /works/{wrn},
GET /reporting/permits?status=submitted (first page), GET /event/works/updates (a page),
POST /works (full validation), each `--runs` times; prints the median requests/s and p99 of the
runs, the count of non-2xx answers, and the server's peak memory (VmHWM). Installs wrk with apt
if it is missing. The loops are bounded by --duration and stop by themselves.
"""
import argparse, json, os, re, shutil, socket, statistics, subprocess, sys, tempfile, time, urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p


def call(base, method, path, body=None, token=None):
    req = urllib.request.Request(base + path, data=None if body is None else json.dumps(body).encode(), method=method)
    req.add_header("content-type", "application/json")
    if token: req.add_header("token", token)
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.loads(r.read() or b"null")


def ms(value):
    match = re.match(r"([\d.]+)(us|ms|s|m)$", value)
    if not match:
        return float("inf")
    number, unit = match.groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def wrk(url, script, token, duration, connections=16):
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", "-s", os.path.join(HERE, script), url],
        capture_output=True, text=True, env=dict(os.environ, TOKEN=token), check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    found = re.search(r"99%\s+(\S+)", out)
    p99 = ms(found.group(1)) if found else float("inf")
    if not found:
        print(out, file=sys.stderr)
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, p99, int(bad.group(1)) if bad else 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--works", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--duration", type=int, default=15)
    ap.add_argument("--binary", default=os.path.join(ROOT, ".build/release/street-manager"))
    args = ap.parse_args()
    if not os.path.exists(args.binary):
        subprocess.run(["swift", "build", "-c", "release", "--product", "street-manager"], cwd=ROOT, check=True)
    if not shutil.which("wrk"):
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True)
    data = tempfile.mkdtemp(prefix="sm-bench-")
    env = dict(os.environ, LOG_LEVEL="warning", RATE_LIMIT_PER_MINUTE="0")
    t = time.time()
    subprocess.run([args.binary, "generate", "--works", str(args.works), "--data-dir", data], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    print(f"generated {args.works} works in {time.time() - t:.0f} s ({'PostgreSQL' if os.environ.get('DATABASE_URL') else 'SQLite'})")
    port = free_port()
    server = subprocess.Popen([args.binary, "serve", "--port", str(port), "--data-dir", data], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                call(base, "GET", "/v6/work/status"); break
            except OSError:
                time.sleep(0.1)
        login = lambda email: call(base, "POST", "/v6/work/authenticate", {"emailAddress": email, "password": "Demo-Passw0rd!"})["idToken"]
        planner, officer = login("planner@anytown-water.example"), login("ha.officer@anytown.example")
        wrn = call(base, "GET", "/v6/reporting/permits?status=granted", token=planner)["rows"][0]["work_reference_number"]
        middle = max(1, args.works)  # update ids run to about 3 per works record
        scenarios = [
            ("GET /works/{wrn}", f"{base}/v6/work/works/{wrn}", "get.lua", planner, (10_000, 10)),
            ("GET /reporting/permits?status=submitted", f"{base}/v6/reporting/permits?status=submitted", "get.lua", officer, (None, 20)),
            ("GET /event/works/updates", f"{base}/v6/event/works/updates?update_id={middle}", "get.lua", planner, (None, 10)),
            ("POST /works", f"{base}/v6/work/works", "post-works.lua", planner, (1_000, 50)),
        ]
        print(f"| scenario | median req/s | median p99 (ms) | non-2xx | target |")
        print(f"|---|---:|---:|---:|---|")
        for name, url, script, token, (min_rps, max_p99) in scenarios:
            runs = [wrk(url, script, token, args.duration) for _ in range(args.runs)]
            rps = statistics.median(r[0] for r in runs)
            p99 = statistics.median(r[1] for r in runs)
            bad = sum(r[2] for r in runs)
            target = (f"≥ {min_rps:,}/s, " if min_rps else "") + f"p99 < {max_p99} ms"
            print(f"| {name} | {rps:,.0f} | {p99:.2f} | {bad} | {target} |", flush=True)
        peak = [l for l in open(f"/proc/{server.pid}/status") if l.startswith("VmHWM")][0].split()[1]
        print(f"server peak memory (VmHWM): {int(peak) / 1024:.0f} MB (target < 300 MB)")
    finally:
        server.terminate(); server.wait()
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
