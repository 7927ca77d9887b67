#!/usr/bin/env python3
"""Client scenarios for scripts/record-captures: real HTTP clients talking to scripts/record/server.py.

Runs inside the client network namespace, where /etc/hosts maps the lab names (see HOSTS_FILE) to the
server namespace. `clients.py --list` prints "name interface precision" lines; `clients.py NAME` runs one
scenario and fails (non-zero exit) if any response is not what the server should have sent.
Clients: curl, urllib, http.client, requests, httpx and a raw socket (for pipelining and odd bytes).
Personal data are synthetic (FAKE_PEOPLE, example domains and 555-01xx numbers), never real people.
Requires: Python 3 standard library + PyPI requests, httpx, brotli, zstandard; curl.
"""
import atexit
import base64
import gzip
import hashlib
import http.client
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
import zlib

import brotli
import httpx
import requests
import zstandard

V4, V6, VLAN4, PROXY = '10.77.0.2', 'fd00:77::2', '10.78.0.2', 'proxy.consenttap.test:3128'
HOSTS_FILE = """127.0.0.1 localhost
::1 localhost
10.77.0.2 lab.consenttap.test shop.example proxy.consenttap.test
10.77.0.2 graph.facebook.com api.segment.io www.google-analytics.com api.mixpanel.com
fd00:77::2 v6.consenttap.test
10.78.0.2 vlan.consenttap.test
"""
FAKE_PEOPLE = [
    {'name': 'Jane Example', 'email': 'jane.example@example.com', 'phone': '+12025550100', 'id': 'u-1001'},
    {'name': 'John Sample', 'email': 'john.sample@example.org', 'phone': '+12025550101', 'id': 'u-1002'},
    {'name': 'Erika Mustermann', 'email': 'erika.mustermann@example.net', 'phone': '+12025550102', 'id': 'u-1003'},
]
CURL = ['curl', '-sS', '--max-time', '10']


def check(cond, what):
    if not cond:
        raise SystemExit('scenario check failed: %s' % what)


def curl(*args):
    """Runs curl (bodies to a pipe); returns the status code of each transfer."""
    common = CURL + ['-w', '\\n@@status=%{http_code}@@\\n']
    argv = common[:]
    for a in args:  # --next starts a new option set on the same connection cache
        argv += [a] + (common[1:] if a == '--next' else [])
    r = subprocess.run(argv, capture_output=True)
    check(r.returncode == 0, 'curl %s: rc %d %s' % (' '.join(args), r.returncode, r.stderr.decode().strip()))
    return [int(x) for x in re.findall(rb'@@status=(\d+)@@', r.stdout)]


def sha(s):
    return hashlib.sha256(s.strip().lower().encode()).hexdigest()


def capi_body(i, n_events=2):
    p = FAKE_PEOPLE[i % len(FAKE_PEOPLE)]
    events = [{'event_name': ('Purchase', 'PageView', 'AddToCart')[k % 3], 'event_time': 1795970000 + k,
               'action_source': 'website', 'event_source_url': 'https://shop.example/checkout',
               'user_data': {'em': [sha(p['email'])], 'ph': [sha(p['phone'])], 'external_id': [sha(p['id'])],
                             'client_ip_address': '192.0.2.%d' % (10 + i), 'client_user_agent': 'Mozilla/5.0 (X11)',
                             'fbp': 'fb.1.1795970000.%d' % (1000 + i)},
               'custom_data': {'currency': 'EUR', 'value': 19.5 + k}} for k in range(n_events)]
    return json.dumps({'data': events, 'access_token': 'EAAfakeTOKEN%d' % i}).encode()


def segment_body(i):
    p = FAKE_PEOPLE[i % len(FAKE_PEOPLE)]
    return json.dumps({'batch': [
        {'type': 'identify', 'userId': p['id'], 'traits': {'email': p['email'], 'phone': p['phone'], 'name': p['name']}},
        {'type': 'track', 'userId': p['id'], 'event': 'Order Completed', 'properties': {'revenue': 42.0}}],
        'sentAt': '2026-11-29T12:00:00.000Z'}).encode()


def ga4_body(i):
    p = FAKE_PEOPLE[i % len(FAKE_PEOPLE)]
    return json.dumps({'client_id': '123456789.%d' % (1795970000 + i), 'user_id': p['id'],
                       'events': [{'name': 'purchase', 'params': {'currency': 'EUR', 'value': 42.5,
                                                                  'transaction_id': 'T-%d' % i}}]}).encode()


def mixpanel_body(i):
    p = FAKE_PEOPLE[i % len(FAKE_PEOPLE)]
    ev = [{'event': 'Signed Up', 'properties': {'token': 'fakeprojecttoken', 'distinct_id': p['id'],
                                                '$email': p['email'], 'ip': '192.0.2.%d' % (20 + i)}}]
    return ('data=' + urllib.parse.quote(base64.b64encode(json.dumps(ev).encode()).decode())).encode()


def filler_json(n):
    items = [{'sku': 'SKU-%04d' % k, 'name': 'Widget %d' % k, 'price': k * 1.25, 'qty': k % 5 + 1}
             for k in range(n)]
    return json.dumps({'cart': items}).encode()


def tmpfile(data):
    """A file holding data for curl --data-binary @FILE; removed when the scenario ends."""
    f = tempfile.NamedTemporaryFile(delete=False)
    f.write(data)
    f.close()
    atexit.register(os.unlink, f.name)
    return f.name


def raw_exchange(host, port, payload, expect_statuses):
    """Sends payload at once on a fresh connection, reads until the server closes."""
    s = socket.create_connection((host, port), timeout=10)
    s.sendall(payload)
    data = b''
    while True:
        b = s.recv(65536)
        if not b:
            break
        data += b
    s.close()
    got = [int(x) for x in re.findall(rb'HTTP/1\.[01] (\d{3}) ', data)]  # bodies here never contain this
    check(got == expect_statuses, 'raw exchange statuses %r != %r' % (got, expect_statuses))


# ---------------------------------------------------------------- scenarios
def keepalive():
    lab = 'http://lab.consenttap.test'
    check(curl(lab + '/', lab + '/page?id=1', lab + '/missing') == [200, 200, 404], 'curl keep-alive')
    check(curl(lab + '/a', '--next', '-H', 'Content-Type: application/json', '--data-binary',
               filler_json(3).decode(), lab + '/cart') == [200, 200], 'curl --next')
    with requests.Session() as s:
        check(s.get(lab + '/r1').status_code == 200, 'requests get')
        check(s.post(lab + '/r2', json={'cart': [1, 2, 3]}).status_code == 200, 'requests post')
        check(s.get(lab + '/r3?te=chunked').status_code == 200, 'requests chunked get')
    with httpx.Client() as c:
        check(c.get(lab + '/x1').status_code == 200, 'httpx get')
        check(c.post(lab + '/x2', json={'a': 1}).status_code == 200, 'httpx post')
        check(c.delete(lab + '/x3').status_code == 200, 'httpx delete')
    conn = http.client.HTTPConnection('lab.consenttap.test', 80, timeout=10)
    for path in ('/h1', '/h2?size=3000'):
        conn.request('GET', path, headers={'User-Agent': 'python-http.client'})
        r = conn.getresponse()
        r.read()
        check(r.status == 200, 'http.client ' + path)
    conn.close()
    with urllib.request.urlopen(lab + '/u1', timeout=10) as r:
        check(r.status == 200, 'urllib')


def pipelining():
    ua = b'User-Agent: raw-socket/1\r\n'
    body = b'{"event":"pipelined","n":2}'
    reqs = (b'GET /p1 HTTP/1.1\r\nHost: lab.consenttap.test\r\n' + ua + b'\r\n'
            + b'POST /p2 HTTP/1.1\r\nHost: lab.consenttap.test\r\n' + ua
            + b'Content-Type: application/json\r\nContent-Length: %d\r\n\r\n' % len(body) + body
            + b'GET /p3?te=chunked HTTP/1.1\r\nHost: lab.consenttap.test\r\n' + ua + b'Connection: close\r\n\r\n')
    raw_exchange(V4, 80, reqs, [200, 200, 200])
    parts = [b'{"event":"pipelined-chunk",', b'"n":5}']
    chunked = b''.join(b'%x\r\n%s\r\n' % (len(p), p) for p in parts) + b'0\r\nX-Trailer: yes\r\n\r\n'
    reqs = (b'HEAD /p4 HTTP/1.1\r\nHost: lab.consenttap.test\r\n' + ua + b'\r\n'
            + b'POST /p5 HTTP/1.1\r\nHost: lab.consenttap.test\r\n' + ua
            + b'Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n' + chunked
            + b'GET /missing HTTP/1.1\r\nHost: lab.consenttap.test\r\n' + ua + b'Connection: close\r\n\r\n')
    raw_exchange(V4, 80, reqs, [200, 200, 404])


def chunked():
    lab = 'http://lab.consenttap.test'
    f = tmpfile(filler_json(40))
    check(curl('-H', 'Transfer-Encoding: chunked', '-H', 'Content-Type: application/json',
               '--data-binary', '@' + f, lab + '/upload?te=chunked&trailer=1') == [200], 'curl chunked upload')

    def gen():
        for k in range(4):
            yield json.dumps({'part': k, 'pad': 'x' * 300}).encode()
    check(requests.post(lab + '/gen', data=gen(), headers={'Content-Type': 'application/json'}).status_code == 200,
          'requests generator')
    with httpx.Client() as c:
        r = c.post(lab + '/stream?te=chunked', content=iter([b'{"a":', b'1}']),
                   headers={'Content-Type': 'application/json'})
        check(r.status_code == 200, 'httpx chunked')
    conn = http.client.HTTPConnection('lab.consenttap.test', 80, timeout=10)
    conn.request('POST', '/hc', body=iter([b'{"b":', b'2,', b'"c":3}']), encode_chunked=True,
                 headers={'User-Agent': 'python-http.client', 'Content-Type': 'application/json',
                          'Transfer-Encoding': 'chunked'})
    r = conn.getresponse()
    r.read()
    check(r.status == 200, 'http.client chunked')
    conn.close()
    with urllib.request.urlopen(lab + '/big?te=chunked&trailer=1&size=9000', timeout=10) as r:
        check(len(r.read()) == 9000, 'urllib chunked response')


def encodings():
    lab = 'http://lab.consenttap.test'
    body = filler_json(60)
    raw = zlib.compressobj(wbits=-15)
    raw_deflate = raw.compress(body) + raw.flush()
    with requests.Session() as s:
        r = s.post(lab + '/gz', data=gzip.compress(body, mtime=0),
                   headers={'Content-Type': 'application/json', 'Content-Encoding': 'gzip'})
        check(r.status_code == 200 and r.json()['received'] == len(gzip.compress(body, mtime=0)), 'requests gzip')
        r = s.get(lab + '/resp-br?ce=br&size=4000')
        check(len(r.content) == 4000, 'requests br response')
    with httpx.Client() as c:
        r = c.post(lab + '/br', content=brotli.compress(body),
                   headers={'Content-Type': 'application/json', 'Content-Encoding': 'br'})
        check(r.status_code == 200, 'httpx br')
        r = c.post(lab + '/zstd', content=zstandard.ZstdCompressor().compress(body),
                   headers={'Content-Type': 'application/json', 'Content-Encoding': 'zstd'})
        check(r.status_code == 200, 'httpx zstd')
        r = c.get(lab + '/resp-auto?ce=auto&size=5000')
        check(len(r.content) == 5000, 'httpx auto response (%s)' % r.headers.get('content-encoding'))
    conn = http.client.HTTPConnection('lab.consenttap.test', 80, timeout=10)
    conn.request('POST', '/deflate', body=zlib.compress(body), headers={
        'User-Agent': 'python-http.client', 'Content-Type': 'application/json', 'Content-Encoding': 'deflate'})
    r = conn.getresponse()
    r.read()
    check(r.status == 200, 'http.client deflate')
    conn.close()
    req = urllib.request.Request(lab + '/deflate-raw', data=raw_deflate, method='POST', headers={
        'Content-Type': 'application/json', 'Content-Encoding': 'deflate'})
    with urllib.request.urlopen(req, timeout=10) as r:
        check(r.status == 200, 'urllib raw deflate')
    f = tmpfile(gzip.compress(body, mtime=0))
    check(curl('-H', 'Content-Type: application/json', '-H', 'Content-Encoding: gzip', '--data-binary', '@' + f,
               lab + '/curl-gz') == [200], 'curl gzip upload')
    check(curl('--compressed', lab + '/r-gzip?ce=gzip&size=3000', lab + '/r-deflate?ce=deflate&size=3000',
               lab + '/r-br?ce=br&size=3000', lab + '/r-zstd?ce=zstd&size=3000',
               lab + '/r-gzip-chunked?ce=gzip&te=chunked&size=6000') == [200] * 5, 'curl compressed responses')


def expect100():
    lab = 'http://lab.consenttap.test'
    f = tmpfile(filler_json(30))  # curl 7.88 adds Expect by itself only above 1 MiB: none here
    check(curl('-H', 'Content-Type: application/json', '--data-binary', '@' + f, lab + '/no-expect') == [200],
          'curl post without expect')
    f = tmpfile(filler_json(400))
    check(curl('-H', 'Expect: 100-continue', '-H', 'Content-Type: application/json', '--data-binary', '@' + f,
               lab + '/forced-expect') == [200], 'curl forced expect')
    # a raw client that really waits for the interim 100 before it sends the body
    body = filler_json(20)
    s = socket.create_connection((V4, 80), timeout=10)
    s.sendall(b'POST /wait-for-100 HTTP/1.1\r\nHost: lab.consenttap.test\r\nUser-Agent: raw-socket/1\r\n'
              b'Content-Type: application/json\r\nContent-Length: %d\r\nExpect: 100-continue\r\n'
              b'Connection: close\r\n\r\n' % len(body))
    interim = b''
    while b'\r\n\r\n' not in interim:
        interim += s.recv(1)
    check(interim.startswith(b'HTTP/1.1 100'), 'interim 100 response')
    s.sendall(body)
    rest = b''
    while True:
        b = s.recv(65536)
        if not b:
            break
        rest += b
    s.close()
    check(rest.startswith(b'HTTP/1.1 200'), 'final response after 100')
    conn = http.client.HTTPConnection('lab.consenttap.test', 80, timeout=10)
    conn.request('POST', '/small', body=b'{"tiny":true}', headers={
        'User-Agent': 'python-http.client', 'Content-Type': 'application/json'})
    r = conn.getresponse()
    r.read()
    check(r.status == 200, 'http.client small post')


def proxy():
    px = 'http://' + PROXY
    check(curl('-x', px, '-H', 'Content-Type: application/json', '--data-binary', capi_body(0).decode(),
               'http://graph.facebook.com/v19.0/1234567890/events') == [200], 'curl via proxy (absolute-form)')
    check(curl('-x', px, 'http://shop.example/catalog?page=2') == [200], 'curl GET via proxy')
    r = requests.post('http://api.segment.io/v1/batch', data=segment_body(1), proxies={'http': px},
                      auth=('fakeWriteKey', ''), headers={'Content-Type': 'application/json'})
    check(r.status_code == 200, 'requests via proxy')
    check(curl('-p', '-x', px, '-H', 'Content-Type: application/x-www-form-urlencoded', '--data-binary',
               mixpanel_body(2).decode(), 'http://api.mixpanel.com/track') == [200], 'curl CONNECT tunnel')


def socks():
    sx = PROXY.split(':')[0] + ':1080'
    check(curl('--socks5-hostname', sx, '-H', 'Content-Type: application/json', '--data-binary', capi_body(3).decode(),
               'http://graph.facebook.com/v19.0/1234567890/events') == [200], 'curl via SOCKS 5 (name)')
    check(curl('--socks4a', sx, 'http://shop.example/catalog?page=3') == [200], 'curl via SOCKS 4a')
    check(curl('-x', 'socks5h://user:secret@' + sx, '-u', 'fakeWriteKey:', '-H', 'Content-Type: application/json',
               '--data-binary', segment_body(2).decode(), 'http://api.segment.io/v1/batch') == [200],
          'curl via SOCKS 5 with user/password')
    check(curl('--socks4', sx, 'http://lab.consenttap.test/page?size=2000') == [200], 'curl via SOCKS 4 (address)')


def dns():
    server = PROXY.split(':')[0]
    for args, name in ((['+tcp'], 'graph.facebook.com'), ([], 'api.segment.io')):
        r = subprocess.run(['dig', '+short', '+time=3', '+tries=1', *args, '@' + server, name, 'A'], capture_output=True, text=True)
        check(r.stdout.strip() == V4, 'dig %s %s' % (' '.join(args), name))
        # The request names no host: its Host header is the address the answer gave.
        if name.startswith('graph'):
            check(curl('-H', 'Content-Type: application/json', '--data-binary', capi_body(4).decode(),
                       'http://%s/v19.0/1234567890/events' % V4) == [200], 'curl CAPI POST to the address')
        else:
            check(curl('-u', 'fakeWriteKey:', '-H', 'Content-Type: application/json', '--data-binary',
                       segment_body(3).decode(), 'http://%s/v1/batch' % V4) == [200], 'curl Segment POST to the address')


def ipv6():
    check(curl('-g', 'http://v6.consenttap.test/', 'http://v6.consenttap.test/page?ce=gzip', '--compressed')
          == [200, 200], 'curl v6')
    check(curl('--resolve', 'graph.facebook.com:80:[%s]' % V6, '-H', 'Content-Type: application/json',
               '--data-binary', capi_body(1).decode(), 'http://graph.facebook.com/v19.0/1234567890/events') == [200],
          'curl v6 capi')
    with httpx.Client() as c:
        r = c.post('http://[%s]/v1/batch' % V6, content=segment_body(2), auth=('fakeWriteKey', ''),
                   headers={'Host': 'api.segment.io', 'Content-Type': 'application/json'})
        check(r.status_code == 200, 'httpx v6')
    with requests.Session() as s:
        check(s.get('http://v6.consenttap.test/r?te=chunked').status_code == 200, 'requests v6')


def vlan():
    base = 'http://vlan.consenttap.test'
    check(curl(base + '/', base + '/second') == [200, 200], 'curl vlan')
    check(curl('--resolve', 'graph.facebook.com:80:' + VLAN4, '-H', 'Content-Type: application/json',
               '--data-binary', capi_body(2).decode(), 'http://graph.facebook.com/v19.0/1234567890/events') == [200],
          'curl vlan capi')
    r = requests.post('http://%s/mp/collect?measurement_id=G-FAKE000001&api_secret=fakeSecret' % VLAN4,
                      data=ga4_body(0), headers={'Host': 'www.google-analytics.com', 'Content-Type': 'application/json'})
    check(r.status_code == 204, 'requests vlan ga4')
    with urllib.request.urlopen(base + '/u?te=chunked', timeout=10) as r:
        check(r.status == 200, 'urllib vlan')


def trackers():
    check(curl('-H', 'Content-Type: application/json', '--data-binary', capi_body(0, 3).decode(),
               'http://graph.facebook.com/v19.0/1234567890/events') == [200], 'curl capi')
    with requests.Session() as s:
        for i in range(2):
            r = s.post('http://api.segment.io/v1/batch', data=segment_body(i), auth=('fakeWriteKey', ''),
                       headers={'Content-Type': 'application/json'})
            check(r.status_code == 200, 'requests segment')
    with httpx.Client() as c:
        r = c.post('http://www.google-analytics.com/mp/collect?measurement_id=G-FAKE000001&api_secret=fakeSecret',
                   content=ga4_body(1), headers={'Content-Type': 'application/json'})
        check(r.status_code == 204, 'httpx ga4')
    req = urllib.request.Request('http://api.mixpanel.com/track', data=mixpanel_body(0), method='POST',
                                 headers={'Content-Type': 'application/x-www-form-urlencoded'})
    with urllib.request.urlopen(req, timeout=10) as r:
        check(r.read() == b'1', 'urllib mixpanel')
    conn = http.client.HTTPConnection('graph.facebook.com', 80, timeout=10)
    conn.request('POST', '/v19.0/1234567890/events', body=gzip.compress(capi_body(1, 8), mtime=0), headers={
        'User-Agent': 'python-http.client', 'Content-Type': 'application/json', 'Content-Encoding': 'gzip'})
    r = conn.getresponse()
    r.read()
    check(r.status == 200, 'http.client capi gzip')


def send(method, host, path, headers, body, agent, sessions):
    """One request to http://host/path with the given client; returns the response status."""
    url = 'http://%s%s' % (host, path)
    if agent == 'requests':
        return sessions['requests'].request(method, url, data=body or None, headers=headers).status_code
    if agent == 'httpx':
        return sessions['httpx'].request(method, url, content=body or None, headers=headers).status_code
    if agent == 'urllib':
        req = urllib.request.Request(url, data=body or None, method=method, headers=headers)
        with urllib.request.urlopen(req, timeout=10) as r:
            r.read()
            return r.status
    if agent == 'http.client':
        conn = http.client.HTTPConnection(host, 80, timeout=10)
        conn.request(method, path, body=body or None, headers=headers)
        r = conn.getresponse()
        r.read()
        conn.close()
        return r.status
    args = ['-X', method]
    for name, value in headers.items():
        args += ['-H', '%s: %s' % (name, value)]
    if body:
        args += ['--data-binary', '@' + tmpfile(body)]
    return curl(*args, url)[0]


def vendors():
    # One request per vendor API of the research catalog (vendor_payloads.py), clients in rotation;
    # the fields each request carries, personal or not, go to $CT_EXPECT_OUT for the tests.
    import vendor_payloads
    agents = ['requests', 'httpx', 'urllib', 'http.client', 'curl']
    expect = []
    with requests.Session() as rs, httpx.Client() as hx:
        sessions = {'requests': rs, 'httpx': hx}
        for i, r in enumerate(vendor_payloads.vendor_requests()):
            agent = agents[i % len(agents)]
            status = send(r['method'], r['host'], r['path'], r['headers'], r['body'], agent, sessions)
            check(status in (200, 204), '%s %s %s%s: status %s' % (agent, r['method'], r['host'], r['path'], status))
            expect.append({'vendor': r['vendor'], 'method': r['method'], 'host': r['host'], 'path': r['path'],
                           'agent': agent, 'note': r['note'], 'personal': r['personal'],
                           'not_personal': r['not_personal'], 'inband': r['inband']})
    out = os.environ.get('CT_EXPECT_OUT')
    if out:
        with open(out, 'w') as f:
            json.dump({'capture': 'vendors.pcap', 'requests': expect}, f, indent=1, ensure_ascii=False)
            f.write('\n')


def sdks():
    # Vendor SDKs from PyPI (sdk_clients.py); the expectations are read from the server log afterwards.
    import sdk_clients
    sdk_clients.run()


def write_expectations(name, log, skip, out):
    """`--expect`: the expectations of a scenario that are read from what the server received."""
    if name != 'sdks':
        return
    import sdk_clients
    with open(log) as f:
        records = [json.loads(line) for line in f.read().splitlines()[skip:] if line.strip()]
    with open(out, 'w') as f:
        json.dump({'capture': name + '.pcap', 'requests': sdk_clients.expectations(records)}, f, indent=1,
                  ensure_ascii=False)
        f.write('\n')


def http10():
    lab = 'http://lab.consenttap.test'
    check(curl('--http1.0', lab + '/old?close=1') == [200], 'curl 1.0 close-delimited')
    check(curl('--http1.0', '-H', 'Content-Type: application/json', '--data-binary', '{"v":"1.0"}',
               lab + '/old-post') == [200], 'curl 1.0 post')
    ua = b'User-Agent: raw-socket/1\r\n'
    raw_exchange(V4, 80, b'GET /close-delimited?close=1 HTTP/1.1\r\nHost: lab.consenttap.test\r\n' + ua + b'\r\n',
                 [200])
    # bare LF line ends and an obsolete folded header line
    raw_exchange(V4, 80, b'POST /bare-lf HTTP/1.1\nHost: lab.consenttap.test\nUser-Agent: raw-socket/1\n'
                 b'X-Folded: first part\n  second part\nContent-Length: 11\nConnection: close\n\n{"lf":true}',
                 [200])


def cooked():
    check(curl('-H', 'Content-Type: application/json', '--data-binary', capi_body(2).decode(),
               'http://graph.facebook.com/v19.0/1234567890/events') == [200], 'curl capi (any)')
    with requests.Session() as s:
        check(s.get('http://lab.consenttap.test/c1').status_code == 200, 'requests (any)')
        check(s.post('http://api.segment.io/v1/batch', data=segment_body(0), auth=('fakeWriteKey', ''),
                     headers={'Content-Type': 'application/json'}).status_code == 200, 'requests segment (any)')
    with httpx.Client() as c:
        check(c.get('http://v6.consenttap.test/c2?te=chunked').status_code == 200, 'httpx v6 (any)')


SCENARIOS = {
    'keepalive': ('cli0', keepalive, 'Keep-alive: several requests per connection from curl (several URLs, '
                  '--next), requests.Session, httpx.Client, http.client; a one-shot urllib request; a 404.'),
    'pipelining': ('cli0', pipelining, 'Pipelining: a raw socket writes 3 requests at once (twice): GET, '
                   'POST with Content-Length, chunked GET response; HEAD, chunked POST with trailer, 404.'),
    'chunked': ('cli0', chunked, 'Chunked request bodies from curl, requests (generator), httpx (iterator), '
                'http.client (encode_chunked); chunked responses, some with a trailer.'),
    'encodings': ('cli0', encodings, 'POST JSON with Content-Encoding gzip (requests, curl), br and zstd (httpx), '
                  'deflate zlib (http.client) and raw deflate (urllib); responses in gzip, deflate, br, zstd, '
                  'gzip+chunked.'),
    'expect-100': ('cli0', expect100, 'Expect: 100-continue: curl with the header forced (~27 KB body; curl '
                   '7.88 adds it by itself only above 1 MiB), a raw client that waits for the 100 before sending '
                   'its body; the server answers 100 then 200. Also a 2 KB curl POST and a small http.client POST '
                   'without Expect.'),
    'proxy': ('cli0', proxy, 'Forward proxy on port 3128: absolute-form POST (curl) to graph.facebook.com, '
              'GET (curl), POST (requests) to api.segment.io, and a CONNECT tunnel (curl -p) carrying a plain '
              'HTTP POST to api.mixpanel.com.'),
    'socks': ('cli0', socks, 'SOCKS proxy on port 1080 (curl): SOCKS 5 with a host name carrying a CAPI POST, '
              'SOCKS 4a GET, SOCKS 5 with user/password carrying a Segment POST, SOCKS 4 to an address.'),
    'dns': ('cli0', dns, 'DNS before requests to bare addresses: dig over TCP resolves graph.facebook.com, then curl '
            'POSTs a CAPI event to the address; dig over UDP resolves api.segment.io, then curl POSTs a Segment batch.'),
    'ipv6': ('cli0', ipv6, 'IPv6 (fd00:77::/64): curl GETs, a gzip response, a CAPI POST; httpx POST with a '
             'Host header; requests with a chunked response.'),
    'vlan': ('w0', vlan, '802.1Q VLAN 42: frames between two TAP devices relayed over a tagged veth trunk by '
             'scripts/record/vlan_relay.py; curl, requests (GA4) and urllib.'),
    'trackers': ('cli0', trackers, 'Tracker-looking requests with synthetic personal data: Meta CAPI (curl; '
                 'http.client with gzip), Segment batch (requests, Basic auth, keep-alive), GA4 Measurement '
                 'Protocol (httpx, 204), Mixpanel /track form (urllib).'),
    'cooked': ('any', cooked, 'tcpdump -i any: Linux cooked capture v2 (LINKTYPE_LINUX_SLL2) with IPv4 and IPv6: '
               'a Meta CAPI POST (curl), a GET and a Segment POST (requests: one connection per host), a '
               'chunked response over IPv6 (httpx).'),
    'vendors': ('cli0', vendors, 'One request per server-side tracking API of the research catalog '
                '(scripts/record/vendor_payloads.py: conversion APIs, analytics, CDPs, CRM), synthetic people, '
                'clients in rotation (requests, httpx, urllib, http.client, curl); vendors.expect.json lists '
                'the personal and the clearly non-personal fields of each request.'),
    'sdks': ('cli0', sdks, 'Vendor SDKs from PyPI, as a backend runs them: posthog (capture, set), '
             'snowplow-tracker (POST tp2 to a collector under the customer\'s name, one GET /i, one event '
             'without a subject), amplitude-analytics (track, identify), rudder-sdk-python (identify, track, '
             'page; gzip bodies), customerio (identify with the id in the URL path, track, anonymous track), '
             'klaviyo-api (JSON:API event with a profile); sdks.expect.json lists the fields that carry the '
             'synthetic people\'s values, found in what the server received.'),
    'http10': ('cli0', http10, 'HTTP/1.0 from curl (close-delimited response, POST); a close-delimited HTTP/1.1 '
               'response; a raw request with bare LF line ends and an obsolete folded header.'),
}


NANOSECOND = {'trackers'}  # recorded with nanosecond timestamps (pcap magic 0xa1b23c4d)


def main():
    if sys.argv[1:] == ['--list']:
        for name, (iface, _, _) in SCENARIOS.items():
            print(name, iface, 'nano' if name in NANOSECOND else 'micro')
    elif sys.argv[1:] == ['--hosts']:
        sys.stdout.write(HOSTS_FILE)
        import sdk_clients
        import vendor_payloads
        hosts = {r['host'] for r in vendor_payloads.vendor_requests()} | set(sdk_clients.HOSTS)
        sys.stdout.write('10.77.0.2 %s\n' % ' '.join(sorted(hosts)))
    elif sys.argv[1:2] == ['--expect'] and len(sys.argv) == 6:
        write_expectations(sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5])
    elif len(sys.argv) == 2 and sys.argv[1] in SCENARIOS:
        SCENARIOS[sys.argv[1]][1]()
    else:
        raise SystemExit('usage: clients.py --list | --hosts | --expect SCENARIO LOG SKIP OUT | SCENARIO')


if __name__ == '__main__':
    main()
