#!/usr/bin/env python3
"""Measurement and checking half of scripts/bench (standard library only).

  bench.py run --pcap W.pcap --truth W.truth.json --pcap-count BIN [--consenttap BIN] --work DIR [--runs N]
      Warms the page cache, then runs under /usr/bin/time -v, in this order and in the same run:
      pcap_count FILE; consenttap http FILE (JSON lines to DIR/http.jsonl, summary to DIR/http.stderr);
      consenttap analyze FILE (skipped with a message when the subcommand is unknown), with the ratio of
      analyze's throughput to http's (issue 4's goal: 0.8) and the CPU seconds of each.
      Prints seconds, Gbit/s, packets/s, peak RSS and the ratio to pcap_count for each, then checks that
      every tracker request of the generator's truth is in consenttap http's output (found/expected by
      host). Exit status: 0 when everything ran and the tracker check matched, 1 otherwise.
  bench.py check --truth W.truth.json --jsonl http.jsonl
      Only the tracker check, on an existing JSON lines file.

Truth: the JSON that shared/bench/make_workload.py --truth writes: "tracker_requests_by_host"
({host: count}), "tracker_requests", "http_requests_total", "packets", "bytes".
A JSON line counts for a tracker host when its "host" (lower-cased, without a :port) is that host.
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time

TRACKER_HOSTS = ('graph.facebook.com', 'www.google-analytics.com', 'api.segment.io', 'api.mixpanel.com')
GOAL_RATIO = 0.25
GOAL_RSS_MIB = 512
GOAL_ANALYZE_OF_HTTP = 0.8  # issue 4: analyze throughput at least 0.8 of http's on the same file


def norm_host(host):
    """Host header value -> lower-case name without port ("[v6]:port" keeps the brackets' content)."""
    if not isinstance(host, str):
        return None
    h = host.strip().lower()
    if h.startswith('['):
        return h[1:h.index(']')] if ']' in h else h
    if h.count(':') == 1:
        h = h.split(':', 1)[0]
    return h.rstrip('.')


def load_truth(path):
    with open(path) as f:
        truth = json.load(f)
    by_host = truth.get('tracker_requests_by_host')
    if not isinstance(by_host, dict):
        raise ValueError('%s: no "tracker_requests_by_host" object (not a make_workload.py truth?)' % path)
    expected = {h: int(by_host.get(h, 0)) for h in TRACKER_HOSTS}
    if 'tracker_requests' in truth and sum(expected.values()) != int(truth['tracker_requests']):
        raise ValueError('%s: tracker_requests %s != sum by host %d' % (path, truth['tracker_requests'],
                                                                         sum(expected.values())))
    return truth, expected


def count_jsonl(path):
    """Returns (requests, {tracker host: requests}, malformed lines)."""
    found = {h: 0 for h in TRACKER_HOSTS}
    total = bad = 0
    with open(path, 'rb') as f:
        for line in f:
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except ValueError:
                bad += 1
                continue
            if not isinstance(obj, dict):
                bad += 1
                continue
            total += 1
            h = norm_host(obj.get('host'))
            if h in found:
                found[h] += 1
    return total, found, bad


def compare(expected, found):
    """Lines of a found/expected report and whether every host matches exactly."""
    lines = []
    ok = True
    for h in TRACKER_HOSTS:
        e, f = expected[h], found.get(h, 0)
        mark = 'ok' if e == f else ('MISSING %d' % (e - f) if f < e else 'EXTRA %d' % (f - e))
        ok = ok and e == f
        lines.append('  %-26s %8d / %-8d %s' % (h, f, e, mark))
    te, tf = sum(expected.values()), sum(found.get(h, 0) for h in TRACKER_HOSTS)
    lines.append('  %-26s %8d / %-8d %s' % ('all tracker requests', tf, te, 'ok' if ok else 'MISMATCH'))
    return lines, ok


def check(truth_path, jsonl_path, out=sys.stdout):
    truth, expected = load_truth(truth_path)
    total, found, bad = count_jsonl(jsonl_path)
    lines, ok = compare(expected, found)
    out.write('tracker requests found/expected (consenttap http vs generator truth):\n')
    out.write('\n'.join(lines) + '\n')
    out.write('  all HTTP requests: %d (generator wrote %s)%s\n' % (
        total, truth.get('http_requests_total'), '; %d malformed JSON lines' % bad if bad else ''))
    return ok and bad == 0


def parse_time_v(err):
    m = re.search(r'Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)', err)
    wall = (int(m.group(1) or 0) * 3600 + int(m.group(2)) * 60 + float(m.group(3))) if m else float('nan')
    m = re.search(r'Maximum resident set size \(kbytes\): (\d+)', err)
    rss_kib = int(m.group(1)) if m else 0
    m = re.search(r'Exit status: (\d+)', err)
    status = int(m.group(1)) if m else None
    user = re.search(r'User time \(seconds\): ([\d.]+)', err)
    system = re.search(r'System time \(seconds\): ([\d.]+)', err)
    cpu = float(user.group(1)) + float(system.group(1)) if user and system else float('nan')
    return wall, rss_kib, status, cpu


def timed(argv, stdout_path, stderr_path):
    """Runs argv under /usr/bin/time -v; returns (wall s, peak RSS KiB, exit status).

    The wall time is measured here with a monotonic clock (time -v rounds to 10 ms); the peak RSS
    comes from time -v."""
    timing = stderr_path + '.time'
    with open(stdout_path, 'wb') as so, open(stderr_path, 'wb') as se:
        t0 = time.perf_counter()
        p = subprocess.run(['/usr/bin/time', '-v', '-o', timing] + argv, stdout=so, stderr=se)
        wall = time.perf_counter() - t0
    with open(timing) as f:
        _, rss, status, cpu = parse_time_v(f.read())
    return wall, rss, p.returncode if status is None else status, cpu


def measure(name, argv, work, runs):
    walls, rsss, cpus, rc = [], [], [], 0
    out = os.path.join(work, name + '.out')
    err = os.path.join(work, name + '.stderr')
    for _ in range(runs):
        w, r, rc, c = timed(argv, out, err)
        walls.append(w)
        rsss.append(r)
        cpus.append(c)
        if rc != 0:
            break
    return {'name': name, 'wall': statistics.median(walls), 'walls': walls, 'rss_kib': statistics.median(rsss),
            'cpu': statistics.median(cpus), 'rc': rc, 'out': out, 'err': err}


def tail(path, n=12):
    try:
        with open(path, errors='replace') as f:
            return f.read().splitlines()[-n:]
    except OSError:
        return []


def run(a):
    truth, _ = load_truth(a.truth)
    size = os.path.getsize(a.pcap)
    packets = truth.get('packets')
    os.makedirs(a.work, exist_ok=True)
    with open(a.pcap, 'rb') as f:  # warm the page cache
        while f.read(1 << 24):
            pass
    print('file %s: %.1f MB, %s packets; truth: %s HTTP requests, %s tracker requests; runs per tool: %d'
          % (a.pcap, size / 1e6, packets, truth.get('http_requests_total'), truth.get('tracker_requests'), a.runs))
    results = [measure('pcap_count', [a.pcap_count, a.pcap], a.work, a.runs)]
    skipped = []
    if a.consenttap:
        results.append(measure('consenttap_http', [a.consenttap, 'http', a.pcap], a.work, a.runs))
        res = measure('consenttap_analyze', [a.consenttap, 'analyze', a.pcap], a.work, a.runs)
        if res['rc'] != 0 and any('unknown' in line.lower() or 'unexpected argument' in line.lower()
                                  for line in tail(res['err'], 40)):
            skipped.append('consenttap_analyze: skipped (the binary has no "analyze" subcommand yet)')
        else:
            results.append(res)
    else:
        skipped.append('consenttap: skipped (no binary; see the build step above)')
    base = results[0]['wall']
    with open(results[0]['out'], errors='replace') as f:
        m = re.search(r'packets (\d+)', f.read())
    if m and packets is not None and int(m.group(1)) != int(packets):
        print('warning: pcap_count read %s packets, the truth says %s' % (m.group(1), packets))
    ok = True
    print('%-20s %9s %8s %8s %12s %11s %9s %6s  %s' % ('tool', 'seconds', 'cpu_s', 'Gbit/s', 'packets/s',
                                                        'peakRSS_MiB', 'ratio', 'exit', 'runs (s)'))
    for r in results:
        w = r['wall']
        print('%-20s %9.3f %8.3f %8.3f %12.0f %11.1f %9.3f %6d  %s' % (
            r['name'], w, r['cpu'], size * 8 / w / 1e9, (packets or 0) / w, r['rss_kib'] / 1024, base / w, r['rc'],
            '/'.join('%.3f' % x for x in r['walls'])))
        if r['rc'] != 0:
            ok = False
            print('  %s failed (exit %d); last lines of its stderr:' % (r['name'], r['rc']))
            for line in tail(r['err']):
                print('    ' + line)
    for line in skipped:
        print(line)
    http = next((r for r in results if r['name'] == 'consenttap_http'), None)
    if http is None:
        return False
    if http['rc'] == 0:
        print('consenttap http summary (stderr, last lines):')
        for line in tail(http['err'], 20):
            print('    ' + line)
        ratio = base / http['wall']
        print('goal ratio to pcap_count >= %.2f: %s (%.3f)' % (GOAL_RATIO, 'met' if ratio >= GOAL_RATIO else 'NOT met',
                                                             ratio))
        rss = http['rss_kib'] / 1024
        print('goal peak RSS < %d MiB: %s (%.1f MiB)' % (GOAL_RSS_MIB, 'met' if rss < GOAL_RSS_MIB else 'NOT met', rss))
        ok = check(a.truth, http['out']) and ok
        analyze = next((r for r in results if r['name'] == 'consenttap_analyze'), None)
        if analyze is not None and analyze['rc'] == 0:
            share = http['wall'] / analyze['wall']
            print('goal analyze throughput >= %.1f of http (wall clock; analyze decodes on one thread and analyses '
                  'on workers): %s (%.3f; CPU seconds analyze %.3f, http %.3f)' % (
                      GOAL_ANALYZE_OF_HTTP, 'met' if share >= GOAL_ANALYZE_OF_HTTP else 'NOT met', share,
                      analyze['cpu'], http['cpu']))
    return ok


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    sub = ap.add_subparsers(dest='cmd', required=True)
    r = sub.add_parser('run')
    r.add_argument('--pcap', required=True)
    r.add_argument('--truth', required=True)
    r.add_argument('--pcap-count', required=True)
    r.add_argument('--consenttap')
    r.add_argument('--work', required=True, help='directory for outputs (outside the repository)')
    r.add_argument('--runs', type=int, default=1)
    c = sub.add_parser('check')
    c.add_argument('--truth', required=True)
    c.add_argument('--jsonl', required=True)
    a = ap.parse_args()
    ok = run(a) if a.cmd == 'run' else check(a.truth, a.jsonl)
    sys.exit(0 if ok else 1)


if __name__ == '__main__':
    main()
