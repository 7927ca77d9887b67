#!/usr/bin/env python3
"""Mock tracker endpoints for scripts/live-test: answers every request with 200 and a small JSON body.

Listens on HTTP (--http-port) and HTTPS (--https-port, with --cert/--key) on --address, HTTP/1.1
with keep-alive. Standard library only. Logs nothing personal (method and path length only).
"""
import argparse
import http.server
import socketserver
import ssl
import threading


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'

    def _answer(self):
        length = int(self.headers.get('Content-Length') or 0)
        if length:
            self.rfile.read(length)
        body = b'{"events_received":1}'
        self.send_response(200)
        self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PUT = _answer

    def log_message(self, fmt, *args):
        pass


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--address', default='0.0.0.0')
    p.add_argument('--http-port', type=int, default=80)
    p.add_argument('--https-port', type=int, default=443)
    p.add_argument('--cert')
    p.add_argument('--key')
    a = p.parse_args()
    plain = Server((a.address, a.http_port), Handler)
    threading.Thread(target=plain.serve_forever, daemon=True).start()
    secure = Server((a.address, a.https_port), Handler)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(a.cert, a.key)
    secure.socket = ctx.wrap_socket(secure.socket, server_side=True)
    print('ready', flush=True)
    secure.serve_forever()


if __name__ == '__main__':
    main()
