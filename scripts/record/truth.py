#!/usr/bin/env python3
"""Writes captures/<name>.truth.json from the server log of one recording (scripts/record-captures).

The truth is what the local servers saw (scripts/record/server.py logs every request it received),
never a parse of the pcap. Records from the proxy's own upstream connections are left out (they are
not on the recorded wire); requests inside a CONNECT tunnel appear with the tunnel's outer endpoints
and a "tunnel" key. Requests are ordered by arrival of their request head at the server, which for
these one-client-at-a-time scenarios is the order of the request's first packet.
Usage: truth.py --log LOG --skip N --name NAME --description TEXT --interface IF --pcap FILE --out FILE.truth.json
Standard library only.
"""
import argparse
import json
import struct
import subprocess
import sys

KEYS = ('client', 'server', 'http_version', 'method', 'host', 'path', 'body_length', 'body_decoded_length',
        'status', 'content_type', 'content_encoding', 'transfer_encoding', 'expect', 'agent')


def versions():
    out = {'python': sys.version.split()[0]}
    try:
        out['curl'] = subprocess.run(['curl', '--version'], capture_output=True, text=True).stdout.split()[1]
    except (OSError, IndexError):
        pass
    for mod in ('requests', 'httpx'):
        try:
            out[mod] = __import__(mod).__version__
        except ImportError:
            pass
    return out


LINK_TYPES = {1: 'ethernet', 113: 'linux_sll', 276: 'linux_sll2'}


def link_type(pcap):
    """The link type in a classic pcap file header (capture metadata, not request data)."""
    with open(pcap, 'rb') as f:
        head = f.read(24)
    order = '<' if head[:4] in (b'\xd4\xc3\xb2\xa1', b'\x4d\x3c\xb2\xa1') else '>'
    code = struct.unpack(order + 'I', head[20:24])[0] & 0x0FFFFFFF
    return LINK_TYPES.get(code, str(code))


def precision(pcap):
    with open(pcap, 'rb') as f:
        head = f.read(4)
    return 'nanosecond' if head in (b'\x4d\x3c\xb2\xa1', b'\xa1\xb2\x3c\x4d') else 'microsecond'


def build(records, name, description, interface, link='ethernet', ts_precision='microsecond'):
    reqs = []
    for rec in sorted(records, key=lambda r: r['seq']):
        if rec.get('upstream'):
            continue
        row = {k: rec.get(k) for k in KEYS}
        if rec.get('tunnel'):
            row['tunnel'] = rec['tunnel']
        reqs.append(row)
    return {'capture': name + '.pcap', 'description': description, 'interface': interface,
            'link_type': link, 'timestamp_precision': ts_precision, 'recorded_with': versions(), 'request_count': len(reqs), 'requests': reqs}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--log', required=True)
    ap.add_argument('--skip', type=int, default=0, help='log lines written before this recording')
    ap.add_argument('--name', required=True)
    ap.add_argument('--description', default='')
    ap.add_argument('--interface', default='')
    ap.add_argument('--out', required=True)
    ap.add_argument('--pcap', help='the recorded file, for its link type (default: ethernet)')
    a = ap.parse_args()
    with open(a.log) as f:
        records = [json.loads(line) for line in f.readlines()[a.skip:] if line.strip()]
    if a.pcap:
        truth = build(records, a.name, a.description, a.interface, link_type(a.pcap), precision(a.pcap))
    else:
        truth = build(records, a.name, a.description, a.interface)
    if not truth['requests']:
        raise SystemExit('no requests logged for %s' % a.name)
    with open(a.out, 'w') as f:
        json.dump(truth, f, indent=1)
        f.write('\n')
    print('%s: %d requests' % (a.name, truth['request_count']))


if __name__ == '__main__':
    main()
