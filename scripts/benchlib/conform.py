#!/usr/bin/env python3
"""Compares `consenttap http` JSON lines with a capture's truth file (captures/<name>.truth.json).

  conform.py TRUTH.json OUTPUT.jsonl        prints one line per difference and a summary; exit 1 on any

Each truth request must appear in the output with the same client, server, http_version, method,
host, path, body_length, body_decoded_length and status. Requests are paired by (client, method,
path) in order, so the output may interleave connections differently; output requests that no truth
request pairs with are reported as extra. A truth request inside a CONNECT tunnel (key "tunnel")
counts like any other: the bytes of the tunnel are plain HTTP in these captures.
Standard library only.
"""
import json
import sys

FIELDS = ('server', 'http_version', 'method', 'host', 'path', 'body_length', 'body_decoded_length', 'status')


def load_jsonl(path):
    rows = []
    with open(path, 'rb') as f:
        for n, line in enumerate(f, 1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except ValueError as e:
                    raise ValueError('%s:%d: not JSON: %s' % (path, n, e)) from None
    return rows


def compare(truth_requests, output):
    """Returns a list of difference strings (empty when the output matches the truth)."""
    pending = {}
    for i, r in enumerate(output):
        pending.setdefault((r.get('client'), r.get('method'), r.get('path')), []).append(i)
    used = set()
    diffs = []
    for t in truth_requests:
        key = (t['client'], t['method'], t['path'])
        queue = pending.get(key)
        if not queue:
            diffs.append('missing: %s %s %s (from %s)' % (t['method'], t['host'], t['path'], t['client']))
            continue
        i = queue.pop(0)
        used.add(i)
        got = output[i]
        for k in FIELDS:
            if got.get(k) != t[k]:
                diffs.append('%s %s %s: %s is %r, expected %r' % (t['method'], t['host'], t['path'], k, got.get(k),
                                                                 t[k]))
    for i, r in enumerate(output):
        if i not in used:
            diffs.append('extra: %s %s %s (from %s)' % (r.get('method'), r.get('host'), r.get('path'), r.get('client')))
    return diffs


def main():
    if len(sys.argv) != 3:
        raise SystemExit('usage: conform.py TRUTH.json OUTPUT.jsonl')
    with open(sys.argv[1]) as f:
        truth = json.load(f)
    output = load_jsonl(sys.argv[2])
    diffs = compare(truth['requests'], output)
    for d in diffs:
        print('  ' + d)
    print('%s: %d/%d requests, %d differences' % (truth['capture'], len(truth['requests']) - sum(
        d.startswith('missing') for d in diffs), len(truth['requests']), len(diffs)))
    sys.exit(1 if diffs else 0)


if __name__ == '__main__':
    main()
