#!/usr/bin/env python3
"""Tracker requests for scripts/live-test, over one keep-alive connection per call.

  live-client.py https HOST IP PATH N [--pause-file F]   N POSTs over HTTPS (key log: SSLKEYLOGFILE)
  live-client.py http HOST IP PATH N                     N POSTs over plain HTTP

With --pause-file, the client sends the first request, creates F + '.sent', then waits until F
exists before sending the rest on the same connection (to test that SIGHUP keeps flows).
Bodies are synthetic (example.com addresses). Prints one line per response status.
"""
import argparse
import http.client
import json
import os
import socket
import ssl
import time


def main():
    p = argparse.ArgumentParser()
    p.add_argument('scheme', choices=['http', 'https'])
    p.add_argument('host')
    p.add_argument('ip')
    p.add_argument('path')
    p.add_argument('count', type=int)
    p.add_argument('--pause-file')
    a = p.parse_args()
    if a.scheme == 'https':
        ctx = ssl.create_default_context()
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
        if os.environ.get('SSLKEYLOGFILE'):
            ctx.keylog_filename = os.environ['SSLKEYLOGFILE']
        conn = http.client.HTTPSConnection(a.ip, 443, context=ctx, timeout=10)
    else:
        conn = http.client.HTTPConnection(a.ip, 80, timeout=10)
    for i in range(a.count):
        if a.pause_file and i == 1:
            open(a.pause_file + '.sent', 'w').close()
            deadline = time.time() + 20
            while not os.path.exists(a.pause_file) and time.time() < deadline:
                time.sleep(0.05)
        body = json.dumps({'event': 'Order Completed', 'userId': 'user-%d' % (1000 + i),
                           'context': {'traits': {'email': 'live.test%d@example.com' % i}},
                           'properties': {'revenue': 10 + i}}).encode()
        conn.request('POST', a.path, body=body, headers={'Host': a.host, 'Content-Type': 'application/json',
                                                        'User-Agent': 'analytics-python/2.3.2'})
        r = conn.getresponse()
        r.read()
        print(r.status, flush=True)
    conn.close()


if __name__ == '__main__':
    main()
