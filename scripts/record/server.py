#!/usr/bin/env python3
"""Local origin server and forward proxy used by scripts/record-captures.

Runs inside the server network namespace. Both listen dual-stack ([::]):
  origin (--port, default 80): HTTP/1.0 and 1.1 with keep-alive, pipelining (requests are read one
      after another from a buffered stream), Expect: 100-continue (http.server answers 100 before the
      body is read), chunked request bodies (with trailers), request bodies with Content-Encoding gzip,
      deflate (zlib or raw), br, zstd. Query parameters shape the response:
        ce=gzip|deflate|deflate-raw|br|zstd|auto   content-encode the response (auto: from Accept-Encoding)
        te=chunked      chunked response (trailer=1 adds a trailer)
        close=1         close-delimited response (no Content-Length, connection closed)
        status=N        status code          size=N   response body size in bytes (before encoding)
  proxy (--proxy-port, default 3128): absolute-form requests (forwarded to the origin on loopback)
      and CONNECT (a byte tunnel to the origin on loopback, whatever the target).
  socks (--socks-port, default 1080): SOCKS 4, 4a and 5 (no authentication, or user/password, any
      accepted), CONNECT only: a byte tunnel to the origin on loopback, whatever the target.
  dns (--dns-port, default 53, UDP and TCP): answers every A query with --dns-answer (default
      10.77.0.2), other types with no record.

Every request received is appended as one JSON line to --log, with: seq (order of arrival of the
request head), client, server (ip:port as on the wire), http_version, method, host, path (the target
as sent), content_type, content_encoding, transfer_encoding, body_length (after transfer decoding),
body_decoded_length (after content decoding), status (the status of the final response sent), agent
(program inferred from User-Agent), expect (the Expect header). Requests that the origin receives from the proxy's own upstream
connections carry "upstream": true (they are not on the recorded wire), except those that came
through a CONNECT tunnel: those are rewritten to the tunnel's outer client/server and get "tunnel".
Requires: Python 3 standard library + PyPI brotli, zstandard.
"""
import argparse
import base64
import gzip
import http.client
import http.server
import json
import select
import socket
import socketserver
import threading
import urllib.parse
import zlib

import brotli
import zstandard

LOCK = threading.Lock()
STATE = {'seq': 0, 'log': None}
TUNNELS = {}       # proxy upstream local endpoint -> {'client', 'server', 'tunnel'}
UPSTREAMS = set()  # proxy upstream local endpoints used for absolute-form forwarding
HOP = {'connection', 'proxy-connection', 'keep-alive', 'transfer-encoding', 'te', 'trailer', 'upgrade',
       'proxy-authorization', 'content-length'}
AGENTS = (('curl/', 'curl'), ('python-requests/', 'requests'), ('python-httpx/', 'httpx'),
          ('Python-urllib/', 'urllib'), ('python-http.client', 'http.client'), ('raw-socket', 'raw-socket'))


def endpoint(addr):
    host, port = addr[0], addr[1]
    if host.startswith('::ffff:') and '.' in host:
        host = host[7:]
    return '[%s]:%d' % (host, port) if ':' in host else '%s:%d' % (host, port)


def next_seq():
    with LOCK:
        STATE['seq'] += 1
        return STATE['seq']


def write_log(rec):
    with LOCK:
        with open(STATE['log'], 'a') as f:
            f.write(json.dumps(rec) + '\n')


def agent_of(ua):
    for prefix, name in AGENTS:
        if ua.startswith(prefix):
            return name
    return ua or None


def decode_content(body, ce):
    """Undo Content-Encoding (a list, applied in order, so undone in reverse)."""
    for c in reversed([x.strip().lower() for x in ce.split(',') if x.strip()]):
        if c in ('gzip', 'x-gzip'):
            body = gzip.decompress(body)
        elif c == 'deflate':
            try:
                body = zlib.decompress(body)
            except zlib.error:
                body = zlib.decompress(body, -15)
        elif c == 'br':
            body = brotli.decompress(body)
        elif c == 'zstd':
            body = zstandard.ZstdDecompressor().decompressobj().decompress(body)
        elif c != 'identity':
            raise ValueError('unknown content-encoding %r' % c)
    return body


def encode_content(body, ce):
    if ce == 'gzip':
        return gzip.compress(body, mtime=0)
    if ce == 'deflate':
        return zlib.compress(body)
    if ce == 'deflate-raw':
        c = zlib.compressobj(wbits=-15)
        return c.compress(body) + c.flush()
    if ce == 'br':
        return brotli.compress(body)
    if ce == 'zstd':
        return zstandard.ZstdCompressor().compress(body)
    return body


class Base(http.server.BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'
    server_version = 'consenttap-lab/1'
    sys_version = ''

    def log_message(self, *args):
        pass

    def parse_request(self):
        self.seq = next_seq()
        return super().parse_request()

    def read_body(self):
        """Returns the body after transfer decoding (chunked or Content-Length)."""
        if 'chunked' in self.headers.get('Transfer-Encoding', '').lower():
            out = bytearray()
            while True:
                line = self.rfile.readline(65537)
                size = int(line.split(b';')[0].strip() or b'0', 16)
                if size == 0:
                    while self.rfile.readline(65537) not in (b'\r\n', b'\n', b''):
                        pass  # trailer fields
                    return bytes(out)
                out += self.rfile.read(size)
                self.rfile.readline(65537)
        n = int(self.headers.get('Content-Length') or 0)
        return self.rfile.read(n) if n else b''

    def record(self, body, status, **extra):
        ce = self.headers.get('Content-Encoding', '')
        decoded = len(decode_content(body, ce)) if body and ce else len(body)
        version = self.request_version.split('/', 1)[1] if '/' in self.request_version else None
        rec = {'seq': self.seq, 'client': endpoint(self.client_address),
               'server': endpoint(self.connection.getsockname()), 'http_version': version,
               'method': self.command, 'host': self.headers.get('Host'), 'path': self.path,
               'content_type': self.headers.get('Content-Type'), 'content_encoding': ce or None,
               'transfer_encoding': self.headers.get('Transfer-Encoding'), 'body_length': len(body),
               'body_decoded_length': decoded, 'status': status,
               'agent': agent_of(self.headers.get('User-Agent', '')), 'expect': self.headers.get('Expect'),
               # the body as received, for scenarios whose expectations are read from what was sent
               'body_b64': base64.b64encode(body).decode('ascii')}
        rec.update(extra)
        write_log(rec)


class Origin(Base):
    def handle_any(self):
        body = self.read_body()
        url = urllib.parse.urlsplit(self.path)
        q = dict(urllib.parse.parse_qsl(url.query))
        host = (self.headers.get('Host') or '').split(':')[0]
        status, ctype, payload = self.reply_for(host, url.path, q, body)
        extra = {}
        me = endpoint(self.client_address)
        if me in TUNNELS:
            t = TUNNELS[me]
            extra = {'client': t['client'], 'server': t['server'], 'tunnel': t['tunnel']}
        elif me in UPSTREAMS:
            extra = {'upstream': True}
        self.record(body, status, **extra)
        self.respond(status, ctype, payload, q)

    def reply_for(self, host, path, q, body):
        if 'status' in q:
            status = int(q['status'])
        elif path.startswith('/missing'):
            status = 404
        elif host == 'www.google-analytics.com' and path.startswith('/mp/collect'):
            status = 204
        else:
            status = 200
        if host == 'graph.facebook.com':
            payload = b'{"events_received":1,"messages":[],"fbtrace_id":"AbCdEfGhIjKlMnOp"}'
        elif host == 'api.segment.io':
            payload = b'{"success":true}'
        elif host == 'api.mixpanel.com':
            payload = b'1'
        elif host == 'api2.amplitude.com':
            payload = json.dumps({'code': 200, 'events_ingested': 1, 'payload_size_bytes': len(body),
                                  'server_upload_time': 1712046000000}).encode()
        else:
            payload = json.dumps({'ok': True, 'method': self.command, 'received': len(body)}).encode()
        if 'size' in q:
            n = int(q['size'])
            line = b'{"lorem":"ipsum dolor sit amet, consectetur adipiscing elit"}\n'
            payload = (line * (n // len(line) + 1))[:n]
        return status, 'application/json', payload

    def respond(self, status, ctype, payload, q):
        no_body = status in (204, 304) or 100 <= status < 200 or self.command == 'HEAD'
        ce = q.get('ce')
        if ce == 'auto':
            accept = self.headers.get('Accept-Encoding', '')
            ce = next((c for c in ('zstd', 'br', 'gzip', 'deflate') if c in accept), None)
        data = b'' if no_body else encode_content(payload, ce)
        self.send_response(status)
        if not no_body:
            self.send_header('Content-Type', ctype)
            if ce:
                self.send_header('Content-Encoding', 'deflate' if ce == 'deflate-raw' else ce)
        if no_body:
            self.end_headers()
            return
        if q.get('close') == '1':
            self.send_header('Connection', 'close')
            self.close_connection = True
            self.end_headers()
            self.wfile.write(data)
        elif q.get('te') == 'chunked' and self.request_version == 'HTTP/1.1':
            self.send_header('Transfer-Encoding', 'chunked')
            if q.get('trailer') == '1':
                self.send_header('Trailer', 'X-Checksum')
            self.end_headers()
            step = max(1, len(data) // 3)
            for i in range(0, len(data), step):
                part = data[i:i + step]
                self.wfile.write(b'%x\r\n%s\r\n' % (len(part), part))
            trailer = b'X-Checksum: %08x\r\n' % zlib.crc32(data) if q.get('trailer') == '1' else b''
            self.wfile.write(b'0\r\n' + trailer + b'\r\n')
        else:
            self.send_header('Content-Length', str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_HEAD = do_DELETE = do_OPTIONS = do_PATCH = handle_any


class Proxy(Base):
    upstream = ('127.0.0.1', 80)

    def do_CONNECT(self):
        up = socket.create_connection(self.upstream)
        TUNNELS[endpoint(up.getsockname())] = {'client': endpoint(self.client_address),
                                               'server': endpoint(self.connection.getsockname()),
                                               'tunnel': self.path}
        self.record(b'', 200)
        self.send_response(200, 'Connection established')
        self.end_headers()
        self.wfile.flush()
        self.close_connection = True
        relay(self.connection, up)

    def forward(self):
        body = self.read_body()
        url = urllib.parse.urlsplit(self.path)
        if not url.scheme:
            self.record(body, 400)
            self.send_error(400, 'proxy needs an absolute-form target')
            return
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP}
        headers['Host'] = self.headers.get('Host') or url.netloc
        conn = http.client.HTTPConnection(*self.upstream, timeout=10)
        conn.connect()
        UPSTREAMS.add(endpoint(conn.sock.getsockname()))
        target = url.path + ('?' + url.query if url.query else '')
        conn.request(self.command, target or '/', body=body if body or self.command in ('POST', 'PUT') else None,
                     headers=headers)
        resp = conn.getresponse()
        data = resp.read()
        self.record(body, resp.status)
        self.send_response(resp.status, resp.reason)
        for k, v in resp.getheaders():
            if k.lower() not in HOP and k.lower() not in ('server', 'date'):
                self.send_header(k, v)
        if resp.status not in (204, 304) and self.command != 'HEAD':
            self.send_header('Content-Length', str(len(data)))
        self.end_headers()
        if resp.status not in (204, 304) and self.command != 'HEAD':
            self.wfile.write(data)
        conn.close()

    do_GET = do_POST = do_PUT = do_HEAD = do_DELETE = do_OPTIONS = do_PATCH = forward


def relay(client, up):
    """Copies bytes both ways until one side closes or 30 s pass in silence; closes the upstream."""
    try:
        while True:
            readable, _, _ = select.select([client, up], [], [], 30)
            if not readable:
                return
            for r in readable:
                data = r.recv(65536)
                if not data:
                    return
                (up if r is client else client).sendall(data)
    finally:
        up.close()


def read_exactly(sock, n):
    data = b''
    while len(data) < n:
        more = sock.recv(n - len(data))
        if not more:
            raise ConnectionError('SOCKS client closed')
        data += more
    return data


def read_until_nul(sock):
    data = b''
    while not data.endswith(b'\0'):
        data += read_exactly(sock, 1)
    return data[:-1]


class Socks(socketserver.BaseRequestHandler):
    """SOCKS 4/4a/5 CONNECT to the origin on loopback; requests through it are logged with the outer endpoints."""
    upstream = ('127.0.0.1', 80)

    def handle(self):
        c = self.request
        version = read_exactly(c, 1)[0]
        if version == 4:
            cmd, port = read_exactly(c, 3)[0], None
            ip = read_exactly(c, 4)
            read_until_nul(c)  # user id
            target = read_until_nul(c).decode() if ip[:3] == b'\0\0\0' and ip[3] else socket.inet_ntoa(ip)
            granted = b'\0\x5a' + b'\0' * 6
        elif version == 5:
            methods = read_exactly(c, read_exactly(c, 1)[0])
            if 2 in methods:  # RFC 1929 user/password, any accepted
                c.sendall(b'\x05\x02')
                read_exactly(c, 1)
                read_exactly(c, read_exactly(c, 1)[0])
                read_exactly(c, read_exactly(c, 1)[0])
                c.sendall(b'\x01\x00')
            else:
                c.sendall(b'\x05\x00')
            _, cmd, _, atyp = read_exactly(c, 4)
            if atyp == 3:
                target = read_exactly(c, read_exactly(c, 1)[0]).decode()
            else:
                target = socket.inet_ntop(socket.AF_INET if atyp == 1 else socket.AF_INET6, read_exactly(c, 4 if atyp == 1 else 16))
            read_exactly(c, 2)
            granted = b'\x05\x00\x00\x01' + b'\0' * 6
        else:
            return
        up = socket.create_connection(self.upstream)
        TUNNELS[endpoint(up.getsockname())] = {'client': endpoint(self.client_address),
                                               'server': endpoint(c.getsockname()), 'tunnel': 'socks%d:%s' % (version, target)}
        c.sendall(granted)
        relay(c, up)


def dns_answer(query, address):
    """The response to a DNS query: the question copied, one A record (TTL 60) for an A query."""
    end = 12
    while end < len(query) and query[end]:
        end += 1 + query[end]
    question = query[12:end + 5]
    qtype = question[-4:-2]
    answers = b''
    if qtype == b'\x00\x01':
        answers = b'\xc0\x0c\x00\x01\x00\x01\x00\x00\x00\x3c\x00\x04' + socket.inet_aton(address)
    flags = b'\x81\x80'
    return query[:2] + flags + b'\x00\x01' + (b'\x00\x01' if answers else b'\x00\x00') + b'\x00\x00\x00\x00' \
        + question + answers


class DNSOverUDP(socketserver.BaseRequestHandler):
    answer = '10.77.0.2'

    def handle(self):
        data, sock = self.request
        sock.sendto(dns_answer(data, self.answer), self.client_address)


class DNSOverTCP(socketserver.BaseRequestHandler):
    """RFC 1035 4.2.2: each message after a two-byte length; several per connection."""
    answer = '10.77.0.2'

    def handle(self):
        while True:
            try:
                length = int.from_bytes(read_exactly(self.request, 2), 'big')
                query = read_exactly(self.request, length)
            except ConnectionError:
                return
            reply = dns_answer(query, self.answer)
            self.request.sendall(len(reply).to_bytes(2, 'big') + reply)


class DualStack(socketserver.ThreadingMixIn):
    """A threading server on [::] that takes IPv4 clients too."""
    address_family = socket.AF_INET6
    daemon_threads = True
    allow_reuse_address = True

    def server_bind(self):
        self.socket.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
        super().server_bind()


class TCPDualStack(DualStack, socketserver.TCPServer):
    pass


class UDPDualStack(DualStack, socketserver.UDPServer):
    pass


class Server(DualStack, http.server.HTTPServer):
    pass


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--log', required=True, help='JSON lines file, appended to')
    ap.add_argument('--port', type=int, default=80)
    ap.add_argument('--proxy-port', type=int, default=3128)
    ap.add_argument('--socks-port', type=int, default=1080)
    ap.add_argument('--dns-port', type=int, default=53)
    ap.add_argument('--dns-answer', default='10.77.0.2')
    a = ap.parse_args()
    STATE['log'] = a.log
    Proxy.upstream = Socks.upstream = ('127.0.0.1', a.port)
    DNSOverUDP.answer = DNSOverTCP.answer = a.dns_answer
    servers = [Server(('::', a.port), Origin), Server(('::', a.proxy_port), Proxy), TCPDualStack(('::', a.socks_port), Socks),
               TCPDualStack(('::', a.dns_port), DNSOverTCP), UDPDualStack(('::', a.dns_port), DNSOverUDP)]
    for s in servers[1:]:
        threading.Thread(target=s.serve_forever, daemon=True).start()
    print('listening', flush=True)
    servers[0].serve_forever()


if __name__ == '__main__':
    main()
