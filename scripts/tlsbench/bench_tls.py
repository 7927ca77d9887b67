#!/usr/bin/env python3
"""Runs the TLS decryption benchmark (called by scripts/bench-tls) and prints the figures.

  bench_tls.py --pcap W.pcap --keys W.keys --truth W.truth.json --records W.records \
               --ceiling ./gcm_ceiling --consenttap ./consenttap --work DIR [--runs N]

Measures, in the same run:
  ceiling     gcm_ceiling W.records: OpenSSL AES-GCM decryption of the workload's record sizes, in
              CPU seconds of the decrypt loop alone;
  consenttap  `consenttap http --keylog W.keys W.pcap` (JSON lines to a file), in CPU seconds
              (user + system, from wait4) of the whole process: reading, TCP, TLS, HTTP, output.
Decrypted Gbit/s per core = plaintext bytes of every encrypted record * 8 / CPU seconds. The ratio
is consenttap's over the ceiling's (goal >= 0.5). Then checks the output: every generated request
(method, host, path) found exactly once, every row marked decrypted, and (with `consenttap tls`,
untimed) every connection decrypted.
Exit status 0 when everything ran and matched, 1 otherwise. Standard library only.
"""
import argparse
import collections
import json
import os
import statistics
import subprocess
import sys
import time


def run_measured(argv, stdout_path, stderr_path):
    """Runs argv; returns (exit status, wall s, CPU s = user + system, peak RSS KiB)."""
    with open(stdout_path, "wb") as so, open(stderr_path, "wb") as se:
        t0 = time.perf_counter()
        p = subprocess.Popen(argv, stdout=so, stderr=se)
        _, status, usage = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
    code = os.waitstatus_to_exitcode(status)
    return code, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def tail(path, n=8):
    try:
        with open(path, errors="replace") as f:
            return "".join(f.readlines()[-n:])
    except OSError:
        return ""


def gbps(nbytes, seconds):
    return nbytes * 8 / seconds / 1e9 if seconds > 0 else float("nan")


def check_requests(truth, jsonl_path):
    """(found, expected, missing, extra, undecrypted rows) comparing (method, host, path) multisets."""
    want = collections.Counter((q["method"], q["host"], q["path"]) for q in truth["request_list"])
    got = collections.Counter()
    undecrypted = 0
    with open(jsonl_path) as f:
        for line in f:
            if not line.strip():
                continue
            row = json.loads(line)
            got[(row.get("method"), row.get("host"), row.get("path"))] += 1
            if not (row.get("tls") or {}).get("decrypted"):
                undecrypted += 1
    found = sum((want & got).values())
    return found, sum(want.values()), want - got, got - want, undecrypted


def check_connections(jsonl_path):
    total = decrypted = 0
    reasons = collections.Counter()
    with open(jsonl_path) as f:
        for line in f:
            if not line.strip():
                continue
            row = json.loads(line)
            total += 1
            if row.get("decrypted"):
                decrypted += 1
            else:
                reasons[row.get("not_decrypted_reason") or row.get("reason") or "?"] += 1
    return total, decrypted, reasons


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    for name in ("pcap", "keys", "truth", "records", "ceiling", "consenttap", "work"):
        p.add_argument("--" + name, required=True)
    p.add_argument("--runs", type=int, default=1)
    a = p.parse_args(argv)
    os.makedirs(a.work, exist_ok=True)
    with open(a.truth) as f:
        truth = json.load(f)
    plaintext = truth["decrypted_bytes"]
    pcap_bytes = os.path.getsize(a.pcap)
    print("workload: %s (%.1f MB), %d connections %s, %d requests (%d to trackers), %d encrypted records, %.1f MB plaintext"
          % (a.pcap, pcap_bytes / 1e6, truth["connections"], json.dumps(truth["by_suite"]), truth["requests"],
             truth["tracker_requests"], truth["encrypted_records"], plaintext / 1e6))
    ok = True

    ceilings = []
    for _ in range(a.runs):
        out, err = os.path.join(a.work, "ceiling.out"), os.path.join(a.work, "ceiling.stderr")
        code, wall, cpu, _ = run_measured([a.ceiling, a.records], out, err)
        if code != 0:
            print("ceiling: exit %d\n%s" % (code, tail(err)))
            return 1
        fields = open(out).read().split()
        values = dict(zip(fields[0::2], fields[1::2]))
        if int(values["bytes"]) != plaintext:
            print("ceiling: decrypted %s bytes, the workload has %d" % (values["bytes"], plaintext))
            ok = False
        ceilings.append(float(values["seconds"]))
    ceiling_s = statistics.median(ceilings)
    ceiling_gbps = gbps(plaintext, ceiling_s)
    print("ceiling     OpenSSL AES-GCM decrypt loop: %8.3f CPU s  %7.2f Gbit/s per core  (runs: %s)"
          % (ceiling_s, ceiling_gbps, ", ".join("%.3f" % s for s in ceilings)))

    http_out = os.path.join(a.work, "http.jsonl")
    http_err = os.path.join(a.work, "http.stderr")
    cpus, walls, rss = [], [], 0
    for _ in range(a.runs):
        code, wall, cpu, rss = run_measured([a.consenttap, "http", "--keylog", a.keys, a.pcap], http_out, http_err)
        if code != 0:
            print("consenttap http: exit %d\n%s" % (code, tail(http_err)))
            return 1
        cpus.append(cpu)
        walls.append(wall)
    cpu_s, wall_s = statistics.median(cpus), statistics.median(walls)
    ct_gbps = gbps(plaintext, cpu_s)
    print("consenttap  http --keylog:                %8.3f CPU s  %7.2f Gbit/s per core  (wall %.3f s, pcap %.2f Gbit/s per core, "
          "peak RSS %.0f MiB; runs: %s)"
          % (cpu_s, ct_gbps, wall_s, gbps(pcap_bytes, cpu_s), rss / 1024, ", ".join("%.3f" % s for s in cpus)))
    ratio = ct_gbps / ceiling_gbps if ceiling_gbps else float("nan")
    print("ratio       consenttap / ceiling: %.3f  (goal >= 0.5: %s)" % (ratio, "met" if ratio >= 0.5 else "NOT met"))

    # Where the time goes, roughly: the same run without the key log (capture, TCP, TLS framing, and
    # records held while they wait for a key, up to 1 MiB per connection; no decryption, no HTTP).
    # The difference approximates what decryption and HTTP over the plaintext cost.
    nokey_out, nokey_err = os.path.join(a.work, "http-nokey.jsonl"), os.path.join(a.work, "http-nokey.stderr")
    code, _, nokey_cpu, _ = run_measured([a.consenttap, "http", a.pcap], nokey_out, nokey_err)
    if code == 0:
        extra = cpu_s - nokey_cpu
        print("breakdown   without --keylog: %.3f CPU s (capture, TCP, TLS framing, records held for a key); "
              "with it, decryption + HTTP add ~%.3f CPU s = %.2f Gbit/s per core on their own (%.3f of the ceiling)"
              % (nokey_cpu, extra, gbps(plaintext, extra), gbps(plaintext, extra) / ceiling_gbps if extra > 0 else float("nan")))

    found, expected, missing, extra, undecrypted = check_requests(truth, http_out)
    print("requests    found %d / generated %d, %d not generated, %d rows not marked decrypted"
          % (found, expected, sum(extra.values()), undecrypted))
    for key, n in list(missing.items())[:5]:
        print("  missing %dx %s %s %s" % (n, *key))
    for key, n in list(extra.items())[:5]:
        print("  extra   %dx %s %s %s" % (n, *key))
    ok &= found == expected and not extra and undecrypted == 0

    tls_out, tls_err = os.path.join(a.work, "tls.jsonl"), os.path.join(a.work, "tls.stderr")
    code, _, _, _ = run_measured([a.consenttap, "tls", "--keylog", a.keys, a.pcap], tls_out, tls_err)
    if code != 0:
        print("consenttap tls: exit %d\n%s" % (code, tail(tls_err)))
        return 1
    total, decrypted, reasons = check_connections(tls_out)
    print("connections decrypted %d / %d TLS rows / %d generated%s"
          % (decrypted, total, truth["connections"], "" if not reasons else "  not decrypted: " + json.dumps(dict(reasons))))
    ok &= decrypted == total == truth["connections"]
    print("bench-tls: %s" % ("ok" if ok else "MISMATCH (see above)"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
