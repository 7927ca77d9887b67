#!/usr/bin/env python3
"""Deterministic TLS workload for the decryption benchmark: a pcap plus its NSS key log.

Writes a classic pcap (LINKTYPE_ETHERNET, microsecond timestamps) of roughly --size bytes made of
complete TCP/443 connections, each a real TLS handshake followed by HTTP/1.1 keep-alive requests and
responses, encrypted with real keys (python3-cryptography's AESGCM):

  TLS 1.3  TLS_AES_128_GCM_SHA256 (0x1301), TLS_AES_256_GCM_SHA384 (0x1302): ClientHello and
           ServerHello in clear, ChangeCipherSpec, then EncryptedExtensions, Certificate,
           CertificateVerify and Finished under the server handshake traffic key, the client
           Finished under the client handshake traffic key, a NewSessionTicket and the HTTP
           exchange under the application traffic keys (RFC 8446 §5.2, §7.3).
  TLS 1.2  ECDHE-RSA-AES128-GCM-SHA256 (0xc02f), ECDHE-RSA-AES256-GCM-SHA384 (0xc030): full
           handshake, key block from the master secret (RFC 5246 §6.3, RFC 5288 nonces).

About a third of the connections go to tracker endpoints (Meta CAPI, GA4 Measurement Protocol,
Segment, Mixpanel) and carry POSTs with JSON bodies; the others carry GETs to content hosts whose
responses (2-384 KiB) carry most of the bytes. The SNI is the Host of the connection's requests. Records carry at most 16384 plaintext bytes; TCP segments at most 1448.
Up to --concurrency connections (default 16) are open at once and their packets interleave. Every
secret comes from random.Random(--seed), so the same arguments give the same bytes.

Outputs: --out FILE.pcap, --keys FILE.keys (NSS key log: CLIENT_RANDOM for TLS 1.2, the four
TLS 1.3 traffic secrets), --truth FILE.json (connections, requests with method/host/path,
decrypted plaintext bytes), --records FILE.bin (one 5-byte entry per encrypted record: key length
in bytes, then the record's plaintext length as u32 little-endian, in capture order; the OpenSSL
ceiling decrypts exactly these sizes). Prints the number of connections, requests and bytes.

Example:  python3 scripts/tlsbench/make_tls_workload.py --size 200M --out /tmp/t.pcap \
              --keys /tmp/t.keys --truth /tmp/t.truth.json --records /tmp/t.records
"""
import argparse
import hashlib
import hmac
import json
import random
import struct
import sys
from array import array

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

MSS = 1448
MAX_RECORD = 16384

SUITES = {
    0x1301: ("TLS1.3", 16, hashlib.sha256),
    0x1302: ("TLS1.3", 32, hashlib.sha384),
    0xC02F: ("TLS1.2", 16, hashlib.sha256),
    0xC030: ("TLS1.2", 32, hashlib.sha384),
}

TRACKERS = [
    ("graph.facebook.com", lambda r: "/v19.0/%d/events?access_token=EAAB%08x" % (r.randrange(10**14, 10**15), r.getrandbits(32))),
    ("www.google-analytics.com", lambda r: "/mp/collect?measurement_id=G-%08X&api_secret=s%06x" % (r.getrandbits(32), r.getrandbits(24))),
    ("api.segment.io", lambda r: "/v1/batch"),
    ("api.mixpanel.com", lambda r: "/track"),
]
CONTENT_HOSTS = ["cdn.example-shop.test", "static.news-site.test", "img.photos.test", "www.example-blog.test"]


def parse_size(text):
    units = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    text = text.strip().upper()
    if text and text[-1] in units:
        return int(float(text[:-1]) * units[text[-1]])
    return int(text)


# ---------------------------------------------------------------- key schedule

def hkdf_expand_label(hash_fn, secret, label, context, length):
    full = b"tls13 " + label
    info = struct.pack(">H", length) + bytes([len(full)]) + full + bytes([len(context)]) + context
    out, block, counter = b"", b"", 1
    while len(out) < length:
        block = hmac.new(secret, block + info + bytes([counter]), hash_fn).digest()
        out += block
        counter += 1
    return out[:length]


def tls12_prf(hash_fn, secret, label, seed, length):
    seed = label + seed
    out, a = b"", seed
    while len(out) < length:
        a = hmac.new(secret, a, hash_fn).digest()
        out += hmac.new(secret, a + seed, hash_fn).digest()
    return out[:length]


class Sealer:
    """One direction's record protection; counts every sealed record into the workload's tallies."""

    def __init__(self, workload, framing, key, iv):
        self.w, self.framing, self.aead, self.iv, self.seq = workload, framing, AESGCM(key), iv, 0
        self.key_len = len(key)

    def seal(self, content_type, plaintext):
        w = self.w
        if self.framing == "tls13":
            inner = plaintext + bytes([content_type])
            nonce = (int.from_bytes(self.iv, "big") ^ self.seq).to_bytes(12, "big")
            header = struct.pack(">BHH", 23, 0x0303, len(inner) + 16)
            record = header + self.aead.encrypt(nonce, inner, header)
            w.note_record(self.key_len, len(inner))
        else:
            explicit = struct.pack(">Q", self.seq)
            aad = struct.pack(">QBHH", self.seq, content_type, 0x0303, len(plaintext))
            body = explicit + self.aead.encrypt(self.iv + explicit, plaintext, aad)
            record = struct.pack(">BHH", content_type, 0x0303, len(body)) + body
            w.note_record(self.key_len, len(plaintext))
        self.seq += 1
        return record

    def seal_stream(self, content_type, data):
        return b"".join(self.seal(content_type, data[i:i + MAX_RECORD]) for i in range(0, len(data), MAX_RECORD))


def record(content_type, payload, version=0x0303):
    return struct.pack(">BHH", content_type, version, len(payload)) + payload


def handshake(msg_type, body):
    return bytes([msg_type]) + len(body).to_bytes(3, "big") + body


def ext(ext_type, data):
    return struct.pack(">HH", ext_type, len(data)) + data


def vec16(b):
    return struct.pack(">H", len(b)) + b


def vec8(b):
    return bytes([len(b)]) + b


def client_hello(rng, random_bytes, sni, tls13):
    sni_b = sni.encode()
    exts = ext(0, vec16(b"\x00" + vec16(sni_b)))
    exts += ext(10, vec16(struct.pack(">HHH", 0x001D, 0x0017, 0x0018)))
    exts += ext(11, vec8(b"\x00"))
    exts += ext(13, vec16(struct.pack(">HHHHH", 0x0403, 0x0804, 0x0401, 0x0503, 0x0805)))
    exts += ext(16, vec16(vec8(b"http/1.1")))
    exts += ext(23, b"")
    if tls13:
        exts += ext(43, vec8(struct.pack(">HH", 0x0304, 0x0303)))
        exts += ext(45, vec8(b"\x01"))
        exts += ext(51, vec16(struct.pack(">HH", 0x001D, 32) + rng.randbytes(32)))
    suites = struct.pack(">9H", 0x1301, 0x1302, 0x1303, 0xC02B, 0xC02F, 0xC02C, 0xC030, 0xCCA9, 0xCCA8)
    body = struct.pack(">H", 0x0303) + random_bytes + vec8(rng.randbytes(32)) + vec16(suites) + vec8(b"\x00") + vec16(exts)
    return handshake(1, body)


def server_hello(rng, random_bytes, session_id, suite, tls13):
    if tls13:
        exts = ext(43, struct.pack(">H", 0x0304)) + ext(51, struct.pack(">HH", 0x001D, 32) + rng.randbytes(32))
    else:
        exts = ext(16, vec16(vec8(b"http/1.1"))) + ext(23, b"") + ext(0xFF01, b"\x00")
    body = struct.pack(">H", 0x0303) + random_bytes + vec8(session_id) + struct.pack(">HB", suite, 0) + vec16(exts)
    return handshake(2, body)


def certificate_der(rng):
    """A real self-signed Ed25519 certificate (deterministic: key from `rng`, fixed dates and serial),
    so that dissectors such as tshark parse the server flight through to its Finished."""
    from datetime import datetime, timezone
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.x509.oid import NameOID
    key = Ed25519PrivateKey.from_private_bytes(rng.randbytes(32))
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "consenttap-bench.test")])
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(1).not_valid_before(datetime(2026, 1, 1, tzinfo=timezone.utc))
            .not_valid_after(datetime(2036, 1, 1, tzinfo=timezone.utc)).sign(key, None))
    return cert.public_bytes(serialization.Encoding.DER)


def certificate_message(der, tls13):
    entry = len(der).to_bytes(3, "big") + der + (b"\x00\x00" if tls13 else b"")
    chain = len(entry).to_bytes(3, "big") + entry
    return handshake(11, (b"\x00" if tls13 else b"") + chain)


# ---------------------------------------------------------------- HTTP

def tracker_body(rng, host):
    uid = "%016x" % rng.getrandbits(64)
    event = {"event_name": rng.choice(["Purchase", "PageView", "AddToCart", "Lead"]),
             "event_time": 1790000000 + rng.randrange(10**6), "client_id": uid,
             "user_data": {"em": hashlib.sha256(uid.encode()).hexdigest(), "client_ip_address": "203.0.113.%d" % rng.randrange(1, 255)},
             "custom_data": {"value": rng.randrange(1, 500), "currency": "EUR", "items": [{"id": "SKU-%d" % rng.randrange(999)} for _ in range(rng.randrange(1, 6))]}}
    return json.dumps({"data": [event]} if "facebook" in host else event, separators=(",", ":")).encode()


def make_exchange(rng, host):
    """One request to `host` and its response: (method, path, request bytes, response bytes)."""
    paths = dict(TRACKERS)
    if host in paths:
        path = paths[host](rng)
        body = tracker_body(rng, host)
        req = ("POST %s HTTP/1.1\r\nHost: %s\r\nUser-Agent: bench/1.0\r\nContent-Type: application/json\r\n"
               "Content-Length: %d\r\n\r\n" % (path, host, len(body))).encode() + body
        resp_body = b'{"events_received":1}'
        method = "POST"
    else:
        path = "/assets/%08x.bin" % rng.getrandbits(32)
        req = ("GET %s HTTP/1.1\r\nHost: %s\r\nUser-Agent: bench/1.0\r\nAccept: */*\r\n\r\n" % (path, host)).encode()
        size = int(rng.choice([2, 8, 32, 64, 128, 256]) * 1024 * (0.5 + rng.random()))
        resp_body = rng.randbytes(size)
        method = "GET"
    resp = ("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: %d\r\n\r\n" % len(resp_body)).encode() + resp_body
    return method, path, req, resp


# ---------------------------------------------------------------- pcap

def checksum_le(data):
    """RFC 1071 sum over little-endian words; stored little-endian it is the right checksum."""
    if len(data) & 1:
        data += b"\x00"
    s = sum(array("H", data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return (~s) & 0xFFFF


class Workload:
    def __init__(self, args):
        self.rng = random.Random(args.seed)
        self.out = open(args.out, "wb")
        self.records = open(args.records, "wb") if args.records else None
        self.out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        self.size, self.written = parse_size(args.size), 24
        self.time_us = 1_790_000_000 * 1_000_000
        self.decrypted_bytes = 0
        self.record_count = 0
        self.requests = []
        self.connections = {"TLS1.3/0x1301": 0, "TLS1.3/0x1302": 0, "TLS1.2/0xc02f": 0, "TLS1.2/0xc030": 0}
        self.keylog = []
        self.pending = []
        self.certificate = certificate_der(self.rng)

    def note_record(self, key_len, plaintext_len):
        self.decrypted_bytes += plaintext_len
        self.record_count += 1
        if self.records:
            self.records.write(struct.pack("<BI", key_len, plaintext_len))

    def packet(self, src, dst, sport, dport, seq, ack, flags, payload=b""):
        tcp = struct.pack(">HHIIBBHHH", sport, dport, seq & 0xFFFFFFFF, ack & 0xFFFFFFFF, 5 << 4, flags, 65535, 0, 0) + payload
        pseudo = src + dst + struct.pack(">BBH", 0, 6, len(tcp))
        csum = checksum_le(pseudo + tcp)
        tcp = tcp[:16] + struct.pack("<H", csum) + tcp[18:]
        ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), 0, 0x4000, 64, 6, 0, src, dst)
        ip = ip[:10] + struct.pack("<H", checksum_le(ip)) + ip[12:]
        frame = b"\x02\x00\x00\x00\x00\x02\x02\x00\x00\x00\x00\x01\x08\x00" + ip + tcp
        self.pending.append(frame)
        self.written += 16 + len(frame)

    def flush(self):
        """Writes the frames built since the last flush, 7 microseconds apart."""
        for frame in self.pending:
            self.time_us += 7
            self.out.write(struct.pack("<IIII", self.time_us // 1_000_000, self.time_us % 1_000_000, len(frame), len(frame)) + frame)
        self.pending.clear()


class Connection:
    """One TCP connection; `send` segments a direction's bytes and acknowledges every second segment.
    `send` is a generator: it pauses every 16 segments and at the end, so connections interleave."""

    def __init__(self, w, index):
        self.w = w
        self.client = bytes([10, 1 + (index >> 16) % 200, (index >> 8) & 0xFF, 1 + (index & 0x7F)])
        self.server = bytes([198, 18, (index >> 8) & 0xFF, 1 + index % 250])
        self.cport = 20000 + index % 40000
        r = w.rng
        self.seq = [r.getrandbits(32), r.getrandbits(32)]  # next sequence number: client, server
        w.packet(self.client, self.server, self.cport, 443, self.seq[0], 0, 0x02)
        w.packet(self.server, self.client, 443, self.cport, self.seq[1], self.seq[0] + 1, 0x12)
        self.seq = [self.seq[0] + 1, self.seq[1] + 1]
        w.packet(self.client, self.server, self.cport, 443, self.seq[0], self.seq[1], 0x10)

    def send(self, d, data):
        w = self.w
        src, dst, sp, dp = (self.client, self.server, self.cport, 443) if d == 0 else (self.server, self.client, 443, self.cport)
        unacked = 0
        for i in range(0, len(data), MSS):
            seg = data[i:i + MSS]
            w.packet(src, dst, sp, dp, self.seq[d], self.seq[1 - d], 0x18 if i + MSS >= len(data) else 0x10, seg)
            self.seq[d] += len(seg)
            unacked += 1
            if unacked == 2:
                w.packet(dst, src, dp, sp, self.seq[1 - d], self.seq[d], 0x10)
                unacked = 0
            if i % (16 * MSS) == 15 * MSS:
                yield  # let other connections' packets in between
        if unacked:
            w.packet(dst, src, dp, sp, self.seq[1 - d], self.seq[d], 0x10)
        yield

    def close(self):
        w = self.w
        w.packet(self.client, self.server, self.cport, 443, self.seq[0], self.seq[1], 0x11)
        w.packet(self.server, self.client, 443, self.cport, self.seq[1], self.seq[0] + 1, 0x11)
        w.packet(self.client, self.server, self.cport, 443, self.seq[0] + 1, self.seq[1] + 1, 0x10)


def tls_connection(w, index):
    """A generator: builds connection `index` a few packets at a time (see `Connection.send`)."""
    r = w.rng
    suite = [0x1301, 0x1302, 0xC02F, 0xC030][index % 4]
    version, key_len, hash_fn = SUITES[suite]
    tls13 = version == "TLS1.3"
    w.connections["%s/0x%04x" % (version, suite)] += 1
    # About a third of the connections go to a tracker (POSTs with JSON), the rest to content hosts (GETs).
    sni = r.choice(TRACKERS)[0] if r.random() < 0.35 else r.choice(CONTENT_HOSTS)
    crandom, srandom = r.randbytes(32), r.randbytes(32)
    conn = Connection(w, index)
    ch = client_hello(r, crandom, sni, tls13)
    yield from conn.send(0, record(22, ch, 0x0301))
    if tls13:
        h = hash_fn().digest_size
        secrets = {name: r.randbytes(h) for name in ("CLIENT_HANDSHAKE_TRAFFIC_SECRET", "SERVER_HANDSHAKE_TRAFFIC_SECRET",
                                                     "CLIENT_TRAFFIC_SECRET_0", "SERVER_TRAFFIC_SECRET_0")}
        for name, secret in secrets.items():
            w.keylog.append("%s %s %s" % (name, crandom.hex(), secret.hex()))

        def sealer(name):
            s = secrets[name]
            return Sealer(w, "tls13", hkdf_expand_label(hash_fn, s, b"key", b"", key_len), hkdf_expand_label(hash_fn, s, b"iv", b"", 12))
        session_id = ch[39:71]
        server = sealer("SERVER_HANDSHAKE_TRAFFIC_SECRET")
        flight = handshake(8, vec16(ext(16, vec16(vec8(b"http/1.1"))))) + certificate_message(w.certificate, True) + handshake(15, struct.pack(">H", 0x0804) + vec16(r.randbytes(256))) \
            + handshake(20, r.randbytes(h))
        yield from conn.send(1, record(22, server_hello(r, srandom, session_id, suite, True)) + record(20, b"\x01") + server.seal_stream(22, flight))
        client = sealer("CLIENT_HANDSHAKE_TRAFFIC_SECRET")
        yield from conn.send(0, record(20, b"\x01") + client.seal(22, handshake(20, r.randbytes(h))))
        client, server = sealer("CLIENT_TRAFFIC_SECRET_0"), sealer("SERVER_TRAFFIC_SECRET_0")
        yield from conn.send(1, server.seal(22, handshake(4, struct.pack(">IIB", 7200, r.getrandbits(32), 8) + r.randbytes(8) + vec16(r.randbytes(64)) + vec16(b""))))
    else:
        master = r.randbytes(48)
        w.keylog.append("CLIENT_RANDOM %s %s" % (crandom.hex(), master.hex()))
        block = tls12_prf(hash_fn, master, b"key expansion", srandom + crandom, 2 * (key_len + 4))
        ck, sk = block[:key_len], block[key_len:2 * key_len]
        civ, siv = block[2 * key_len:2 * key_len + 4], block[2 * key_len + 4:]
        client, server = Sealer(w, "tls12", ck, civ), Sealer(w, "tls12", sk, siv)
        ske = struct.pack(">BHB", 3, 0x001D, 32) + r.randbytes(32) + struct.pack(">H", 0x0401) + vec16(r.randbytes(256))
        yield from conn.send(1, record(22, server_hello(r, srandom, r.randbytes(32), suite, False) + certificate_message(w.certificate, False)
                            + handshake(12, ske) + handshake(14, b"")))
        yield from conn.send(0, record(22, handshake(16, vec8(r.randbytes(32)))) + record(20, b"\x01") + client.seal(22, handshake(20, r.randbytes(12))))
        yield from conn.send(1, record(20, b"\x01") + server.seal(22, handshake(20, r.randbytes(12))))
    for _ in range(r.randrange(1, 9)):
        method, path, req, resp = make_exchange(r, sni)
        yield from conn.send(0, client.seal_stream(23, req))
        yield from conn.send(1, server.seal_stream(23, resp))
        w.requests.append({"method": method, "host": sni, "path": path, "connection": index})
    yield from conn.send(0, client.seal(21, b"\x01\x00"))  # close_notify
    conn.close()


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--size", default="200M", help="approximate pcap size, e.g. 500M, 2G")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--concurrency", type=int, default=16, help="connections open at once (interleaved)")
    p.add_argument("--out", required=True)
    p.add_argument("--keys", required=True)
    p.add_argument("--truth")
    p.add_argument("--records")
    a = p.parse_args(argv)
    w = Workload(a)
    index = 0
    active = []
    turn = 0
    # Up to --concurrency connections are open at once; their packets interleave a flight (or 16
    # segments) at a time. Once --size bytes are built no connection starts, the open ones finish.
    while active or w.written < w.size:
        while len(active) < a.concurrency and w.written < w.size:
            active.append(tls_connection(w, index))
            index += 1
        turn %= len(active)
        try:
            next(active[turn])
            turn += 1
        except StopIteration:
            del active[turn]
        w.flush()
    w.out.close()
    if w.records:
        w.records.close()
    with open(a.keys, "w") as f:
        f.write("\n".join(w.keylog) + "\n")
    summary = {"connections": index, "by_suite": w.connections, "requests": len(w.requests),
               "tracker_requests": sum(1 for q in w.requests if q["method"] == "POST"),
               "encrypted_records": w.record_count, "decrypted_bytes": w.decrypted_bytes, "pcap_bytes": w.written}
    if a.truth:
        with open(a.truth, "w") as f:
            json.dump(dict(summary, request_list=w.requests), f)
    print("tls workload: %d connections %s, %d requests (%d to trackers), %d encrypted records, %d plaintext bytes, %d pcap bytes"
          % (index, json.dumps(w.connections), len(w.requests), summary["tracker_requests"], w.record_count, w.decrypted_bytes, w.written))
    return 0


if __name__ == "__main__":
    sys.exit(main())
