"""Tests of the capture recorder's parts (scripts/record/) and of the committed captures/.

The server test runs scripts/record/server.py on loopback ports (no namespaces, no root needed) and
checks that its log, the source of every truth file, says what the clients sent.
Needs PyPI brotli and zstandard (as scripts/record-captures does). Run:
  python3 -m unittest discover -s scripts/tests -v
"""
import glob
import json
import os
import re
import socket
import struct
import subprocess
import sys
import tempfile
import time
import unittest
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, '..', '..'))
sys.path.insert(0, os.path.join(ROOT, 'scripts', 'record'))
import server  # noqa: E402
import truth  # noqa: E402
import vendor_payloads  # noqa: E402
import vlan_relay  # noqa: E402

CAPTURES = os.path.join(ROOT, 'captures')
KEYS = ('client', 'server', 'http_version', 'method', 'host', 'path', 'body_length', 'body_decoded_length', 'status')


class CodecTests(unittest.TestCase):
    def test_every_encoding_round_trips(self):
        body = b'{"cart": [' + b'{"sku": "SKU-1", "qty": 2},' * 50 + b'{}]}'
        for ce, header in (('gzip', 'gzip'), ('deflate', 'deflate'), ('deflate-raw', 'deflate'), ('br', 'br'),
                           ('zstd', 'zstd')):
            enc = server.encode_content(body, ce)
            self.assertNotEqual(enc, body, ce)
            self.assertEqual(server.decode_content(enc, header), body, ce)

    def test_layered_encodings_are_undone_in_reverse(self):
        enc = server.encode_content(server.encode_content(b'hello hello hello', 'gzip'), 'br')
        self.assertEqual(server.decode_content(enc, 'gzip, br'), b'hello hello hello')

    def test_unknown_encoding_is_an_error(self):
        with self.assertRaises(ValueError):
            server.decode_content(b'x', 'compress')


class NamingTests(unittest.TestCase):
    def test_endpoints_as_consenttap_prints_them(self):
        self.assertEqual(server.endpoint(('::ffff:10.77.0.1', 5000, 0, 0)), '10.77.0.1:5000')
        self.assertEqual(server.endpoint(('fd00:77::1', 80, 0, 0)), '[fd00:77::1]:80')
        self.assertEqual(server.endpoint(('10.0.0.1', 1)), '10.0.0.1:1')

    def test_agents_from_user_agent(self):
        self.assertEqual(server.agent_of('curl/7.88.1'), 'curl')
        self.assertEqual(server.agent_of('python-httpx/0.28.1'), 'httpx')
        self.assertEqual(server.agent_of('Python-urllib/3.11'), 'urllib')
        self.assertIsNone(server.agent_of(''))


class TruthBuildTests(unittest.TestCase):
    def test_orders_by_arrival_drops_upstream_and_keeps_tunnels(self):
        recs = [
            {'seq': 3, 'client': '127.0.0.1:9', 'method': 'POST', 'path': '/x', 'upstream': True},
            {'seq': 4, 'client': '10.77.0.1:5', 'method': 'POST', 'path': '/track', 'tunnel': 'api.mixpanel.com:80'},
            {'seq': 1, 'client': '10.77.0.1:4', 'method': 'GET', 'path': '/'},
        ]
        t = truth.build(recs, 'n', 'd', 'cli0')
        self.assertEqual([r['path'] for r in t['requests']], ['/', '/track'])
        self.assertEqual(t['requests'][1]['tunnel'], 'api.mixpanel.com:80')
        self.assertNotIn('tunnel', t['requests'][0])
        self.assertEqual(t['request_count'], 2)


class VendorPayloadTests(unittest.TestCase):
    """The vendor table behind captures/vendors.pcap: valid, and what the committed expectations say."""

    def test_table_validates(self):
        errors, lines = vendor_payloads.validate(vendor_payloads.vendor_requests())
        self.assertEqual(errors, [])
        self.assertGreaterEqual(len(lines), 50)

    def test_validator_catches_a_wrong_table(self):
        reqs = vendor_payloads.vendor_requests()
        reqs[0]['personal'][0] = dict(reqs[0]['personal'][0], path='data[0].user_data.nothing_here')
        errors, _ = vendor_payloads.validate(reqs)
        self.assertTrue(errors)

    def test_committed_expectations_match_the_table(self):
        path = os.path.join(CAPTURES, 'vendors.expect.json')
        recorded = json.load(open(path))['requests']
        table = vendor_payloads.vendor_requests()
        self.assertEqual(len(recorded), len(table))
        for r, t in zip(recorded, table):
            for key in ('vendor', 'method', 'host', 'path', 'personal', 'not_personal', 'inband'):
                self.assertEqual(r[key], t[key], '%s %s' % (t['note'], key))


class SDKExpectationTests(unittest.TestCase):
    """captures/sdks.expect.json is read from the server log: fields holding the people's values."""

    def test_fields_with_a_persons_value_are_found_in_what_the_server_received(self):
        import base64 as b64
        import sdk_clients
        from vendor_payloads import L
        body = json.dumps({'batch': [{'distinct_id': L.user_id, 'event': 'x', 'uuid': 'not-a-person',
                                      'properties': {'$set': {'email': L.email}, 'value': 3}}]}).encode()
        records = [
            {'seq': 2, 'client': '10.77.0.1:2', 'method': 'POST', 'host': sdk_clients.POSTHOG, 'path': '/batch/',
             'content_type': 'application/json', 'body_b64': b64.b64encode(body).decode()},
            {'seq': 1, 'client': '10.77.0.1:1', 'method': 'POST', 'host': sdk_clients.SNOWPLOW,
             'path': '/com.snowplowanalytics.snowplow/tp2', 'content_type': 'application/json',
             'body_b64': b64.b64encode(b'{"data":[{"e":"se","aid":"acmeshop"}]}').decode()},
        ]
        out = sdk_clients.expectations(records)
        self.assertEqual([r['vendor'] for r in out], ['snowplow', 'posthog'])   # arrival order
        self.assertEqual(out[0]['personal'], [])
        self.assertEqual(out[0]['not_personal'], [{'location': 'body', 'path': 'data[0].aid'}])   # documented app id
        found = {(p['location'], p['path']): p['category'] for p in out[1]['personal']}
        self.assertEqual(found, {('body', 'batch[0].distinct_id'): 'user_id',
                                 ('body', 'batch[0].properties.$set.email'): 'email'})

    def test_committed_expectations_have_negatives_and_positives(self):
        recorded = json.load(open(os.path.join(CAPTURES, 'sdks.expect.json')))['requests']
        self.assertGreaterEqual(len(recorded), 12)
        self.assertTrue(any(not r['personal'] for r in recorded))
        self.assertEqual({r['vendor'] for r in recorded},
                         {'posthog', 'snowplow', 'amplitude', 'rudderstack', 'customerio', 'klaviyo'})

    def test_snowplow_get_pixel_is_known_by_its_parameters(self):
        import sdk_clients
        host = sdk_clients.SNOWPLOW
        self.assertEqual(sdk_clients._vendor(host, '/i?e=pv&p=pc&tv=py-1.1.0&aid=x'), 'snowplow')
        self.assertIsNone(sdk_clients._vendor(host, '/i?e=pv'))
        self.assertIsNone(sdk_clients._vendor(host, '/other'))


class VlanTests(unittest.TestCase):
    FRAME = bytes(range(12)) + b'\x08\x00' + b'payload'

    def aux(self, status, tci):
        return [(vlan_relay.SOL_PACKET, vlan_relay.PACKET_AUXDATA, vlan_relay.AUX.pack(status, 0, 0, 0, 0, tci, 0x8100))]

    def test_tag_in_metadata(self):
        self.assertEqual(vlan_relay.untag(self.FRAME, self.aux(0x10, 42), 42), self.FRAME)
        self.assertEqual(vlan_relay.untag(self.FRAME, self.aux(0x10, 0x2000 | 42), 42), self.FRAME)  # priority bits
        self.assertIsNone(vlan_relay.untag(self.FRAME, self.aux(0x10, 43), 42))

    def test_tag_inline(self):
        tagged = self.FRAME[:12] + b'\x81\x00\x00\x2a' + self.FRAME[12:]
        self.assertEqual(vlan_relay.untag(tagged, [], 42), self.FRAME)
        self.assertIsNone(vlan_relay.untag(tagged, [], 7))

    def test_untagged_frames_are_dropped(self):
        self.assertIsNone(vlan_relay.untag(self.FRAME, self.aux(0, 0), 42))
        self.assertIsNone(vlan_relay.untag(self.FRAME, [], 42))


def free_port():
    s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    s.bind(('::', 0))
    port = s.getsockname()[1]
    s.close()
    return port


def exchange(port, payload, until_close=True):
    s = socket.create_connection(('127.0.0.1', port), timeout=5)
    s.sendall(payload)
    data = b''
    while True:
        b = s.recv(65536)
        if not b:
            break
        data += b
        if not until_close:
            break
    s.close()
    return data


class ServerTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix='ct-record-test-')
        cls.log = os.path.join(cls.dir, 'log.jsonl')
        cls.port, cls.pport = free_port(), free_port()
        cls.proc = subprocess.Popen([sys.executable, os.path.join(ROOT, 'scripts', 'record', 'server.py'), '--log',
                                     cls.log, '--port', str(cls.port), '--proxy-port', str(cls.pport)],
                                    stdout=subprocess.PIPE, text=True)
        assert cls.proc.stdout.readline().strip() == 'listening'

    @classmethod
    def tearDownClass(cls):
        cls.proc.terminate()
        cls.proc.wait()
        cls.proc.stdout.close()
        subprocess.run(['rm', '-rf', cls.dir], check=False)

    def records(self):
        time.sleep(0.05)
        with open(self.log) as f:
            return [json.loads(line) for line in f]

    def test_pipelined_chunked_and_encoded_requests_are_logged_as_sent(self):
        gz = server.encode_content(b'{"email":"jane.example@example.com"}', 'gzip')
        chunked = b'%x\r\n%s\r\n%x\r\n%s\r\n0\r\nX-T: 1\r\n\r\n' % (10, gz[:10], len(gz) - 10, gz[10:])
        data = exchange(self.port,
                        b'GET /one HTTP/1.1\r\nHost: lab.test\r\nUser-Agent: raw-socket/1\r\n\r\n'
                        b'POST /two?ce=br HTTP/1.1\r\nHost: graph.facebook.com\r\nContent-Encoding: gzip\r\n'
                        b'Transfer-Encoding: chunked\r\nAccept-Encoding: br\r\n\r\n' + chunked +
                        b'GET /missing HTTP/1.1\r\nHost: lab.test\r\nConnection: close\r\n\r\n')
        self.assertEqual(re.findall(rb'HTTP/1\.1 (\d{3}) ', data), [b'200', b'200', b'404'])
        recs = [r for r in self.records() if r['path'] in ('/one', '/two?ce=br', '/missing')]
        self.assertEqual([r['path'] for r in recs], ['/one', '/two?ce=br', '/missing'])
        two = recs[1]
        self.assertEqual((two['method'], two['host'], two['body_length'], two['body_decoded_length'],
                          two['content_encoding'], two['transfer_encoding'], two['status']),
                         ('POST', 'graph.facebook.com', len(gz), 36, 'gzip', 'chunked', 200))
        self.assertEqual(recs[0]['agent'], 'raw-socket')
        self.assertTrue(all(set(KEYS) <= set(r) for r in recs))
        self.assertEqual(len({r['client'] for r in recs}), 1)
        self.assertEqual(recs[0]['server'], '127.0.0.1:%d' % self.port)

    def test_expect_100_gets_an_interim_response(self):
        s = socket.create_connection(('127.0.0.1', self.port), timeout=5)
        s.sendall(b'POST /e HTTP/1.1\r\nHost: lab.test\r\nContent-Length: 4\r\nExpect: 100-continue\r\n'
                  b'Connection: close\r\n\r\n')
        self.assertTrue(s.recv(25).startswith(b'HTTP/1.1 100'))
        s.sendall(b'abcd')
        rest = s.recv(65536)
        s.close()
        self.assertIn(b'200 OK', rest)
        rec = [r for r in self.records() if r['path'] == '/e'][0]
        self.assertEqual((rec['expect'], rec['body_length'], rec['status']), ('100-continue', 4, 200))

    def test_proxy_absolute_form_and_connect(self):
        data = exchange(self.pport, b'POST http://api.segment.io/v1/batch HTTP/1.1\r\nHost: api.segment.io\r\n'
                                    b'Content-Length: 2\r\nConnection: close\r\n\r\n{}')
        self.assertIn(b'{"success":true}', data)
        s = socket.create_connection(('127.0.0.1', self.pport), timeout=5)
        s.sendall(b'CONNECT api.mixpanel.com:80 HTTP/1.1\r\nHost: api.mixpanel.com:80\r\n\r\n')
        self.assertTrue(s.recv(4096).startswith(b'HTTP/1.1 200'))
        s.sendall(b'POST /track HTTP/1.1\r\nHost: api.mixpanel.com\r\nContent-Length: 6\r\nConnection: close\r\n\r\n'
                  b'data=x')
        reply = b''
        while True:
            b = s.recv(4096)
            if not b:
                break
            reply += b
        outer = s.getsockname()
        s.close()
        self.assertTrue(reply.endswith(b'\r\n\r\n1'), reply)
        recs = self.records()
        t = truth.build(recs, 'n', 'd', 'lo')['requests']
        abs_form = [r for r in t if r['path'] == 'http://api.segment.io/v1/batch']
        self.assertEqual(len(abs_form), 1)
        self.assertEqual(abs_form[0]['server'], '127.0.0.1:%d' % self.pport)
        inner = [r for r in t if r.get('tunnel') == 'api.mixpanel.com:80']
        self.assertEqual(len(inner), 1)
        self.assertEqual(inner[0]['client'], '%s:%d' % outer)
        self.assertEqual(inner[0]['server'], '127.0.0.1:%d' % self.pport)
        self.assertFalse([r for r in t if r['path'] == '/v1/batch'], 'the upstream copy must not be in the truth')


class CaptureTests(unittest.TestCase):
    def setUp(self):
        self.pcaps = sorted(glob.glob(os.path.join(CAPTURES, '*.pcap')))
        self.assertTrue(self.pcaps, 'no captures in %s' % CAPTURES)

    def test_every_capture_has_a_truth_and_is_small(self):
        total = 0
        for p in self.pcaps:
            size = os.path.getsize(p)
            total += size
            self.assertLess(size, 200 * 1024, p)
            with open(p, 'rb') as f:
                magic, major, _, _, _, snaplen, link = struct.unpack('<IHHiIII', f.read(24))
            self.assertIn(magic, (0xa1b2c3d4, 0xa1b23c4d), p)
            self.assertEqual(major, 2, p)
            self.assertIn(link, (1, 276), p)
            with open(p[:-5] + '.truth.json') as f:
                t = json.load(f)
            self.assertEqual(t['capture'], os.path.basename(p))
            self.assertEqual(t['link_type'], {1: 'ethernet', 276: 'linux_sll2'}[link], p)
            self.assertTrue(t['requests'], p)
            self.assertEqual(t['request_count'], len(t['requests']))
            for r in t['requests']:
                self.assertTrue(set(KEYS) <= set(r), (p, r))
                self.assertIn(r['http_version'], ('1.0', '1.1'))
        self.assertLess(total, 2 * 1024 * 1024)
        self.assertEqual(len(glob.glob(os.path.join(CAPTURES, '*.truth.json'))), len(self.pcaps))

    def test_personal_data_in_captures_is_synthetic(self):
        emails = set()
        for p in self.pcaps:
            with open(p, 'rb') as f:
                data = f.read()
            # gzip/br/zstd bodies are not searched here; the generator uses the same fixed list for them
            emails |= set(re.findall(rb'[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[a-z]{2,}', data))
        self.assertTrue(emails)
        for e in emails:
            self.assertRegex(e.decode(), r'@example\.(com|org|net)$')

    def test_captures_cover_the_cases_of_the_issue(self):
        reqs = {}
        for p in self.pcaps:
            with open(p[:-5] + '.truth.json') as f:
                reqs[os.path.basename(p)[:-5]] = json.load(f)['requests']
        flat = [r for rs in reqs.values() for r in rs]
        self.assertTrue(any(r['transfer_encoding'] == 'chunked' for r in flat))
        self.assertEqual({r['content_encoding'] for r in flat} >= {'gzip', 'br', 'zstd', 'deflate'}, True)
        self.assertTrue(any(r['method'] == 'CONNECT' for r in flat))
        self.assertTrue(any(r['path'].startswith('http://') for r in flat))
        self.assertTrue(any(r['client'].startswith('[') for r in flat))
        self.assertTrue(any(r.get('expect') == '100-continue' for r in flat))
        self.assertTrue(any(r['http_version'] == '1.0' for r in flat))
        self.assertLessEqual({'curl', 'urllib', 'http.client', 'requests', 'httpx', 'raw-socket'},
                             {r['agent'] for r in flat})
        hosts = {r['host'] for r in flat}
        self.assertLessEqual({'graph.facebook.com', 'api.segment.io', 'www.google-analytics.com',
                              'api.mixpanel.com'}, hosts)
        keepalive = {}
        for r in reqs['keepalive']:
            keepalive[r['client']] = keepalive.get(r['client'], 0) + 1
        self.assertGreaterEqual(max(keepalive.values()), 3)
        with open(os.path.join(CAPTURES, 'trackers.pcap'), 'rb') as f:
            self.assertEqual(f.read(4), b'\x4d\x3c\xb2\xa1')  # nanosecond timestamps
        with open(os.path.join(CAPTURES, 'vlan.pcap'), 'rb') as f:
            self.assertIn(b'\x81\x00\x00\x2a', f.read())  # 802.1Q, VID 42


if __name__ == '__main__':
    unittest.main()
