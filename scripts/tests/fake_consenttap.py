#!/usr/bin/env python3
"""Stand-in for the consenttap binary, for testing scripts/bench end to end before the real one exists.

`fake_consenttap.py http FILE.pcap` prints one JSON line per request that the truth next to the file
(FILE.truth.json) lists, and a summary on stderr. For a make_workload.py truth: tracker requests by
host, then the other HTTP requests under a non-tracker host, minus FAKE_DROP tracker requests of
api.mixpanel.com (to test that the check fails). For a captures/ truth: its requests, as consenttap
prints them. `fake_consenttap.py analyze ...` fails like an unknown subcommand.
It does not read the pcap: it only exercises the timing, the output plumbing and the check.
"""
import json
import os
import sys


def main():
    if len(sys.argv) < 2 or sys.argv[1] != 'http':
        sys.stderr.write("Error: Unknown subcommand '%s'\n" % (sys.argv[1] if len(sys.argv) > 1 else ''))
        sys.exit(64)
    pcap = sys.argv[2]
    with open(pcap[:-len('.pcap')] + '.truth.json') as f:
        truth = json.load(f)
    if 'requests' in truth:  # captures/<name>.truth.json
        for r in truth['requests']:
            row = {'ts': '2026-11-29T00:00:00.000000Z', 'tls': None, 'headers': [], 'gaps': False}
            row.update({k: r[k] for k in ('client', 'server', 'http_version', 'method', 'host', 'path',
                                          'content_type', 'content_encoding', 'body_length',
                                          'body_decoded_length', 'status')})
            sys.stdout.write(json.dumps(row) + '\n')
        sys.stderr.write('fake summary: requests %d\n' % len(truth['requests']))
        return
    drop = int(os.environ.get('FAKE_DROP', '0'))
    line = ('{"ts":"2024-03-12T09:00:00.000000Z","client":"10.1.0.10:40000","server":"203.0.113.5:80",'
            '"tls":null,"http_version":"1.1","method":"POST","host":%s,"path":"/","headers":[],'
            '"content_type":null,"content_encoding":null,"body_length":0,"body_decoded_length":0,'
            '"status":200,"gaps":false}\n')
    n = 0
    for host, count in truth['tracker_requests_by_host'].items():
        if host == 'api.mixpanel.com':
            count -= drop
        for _ in range(count):
            sys.stdout.write(line % json.dumps(host))
            n += 1
    for _ in range(truth.get('other_http_requests', 0)):
        sys.stdout.write(line % '"shop.example"')
        n += 1
    sys.stderr.write('fake summary: requests %d\n' % n)


if __name__ == '__main__':
    main()
