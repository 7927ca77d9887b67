"""Tests of scripts/benchlib/conform.py (consenttap http output vs a capture's truth) and of
scripts/check-captures with the stand-in consenttap. Run: python3 -m unittest discover -s scripts/tests
"""
import glob
import json
import os
import subprocess
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, '..', '..'))
sys.path.insert(0, os.path.join(ROOT, 'scripts', 'benchlib'))
import conform  # noqa: E402

KEYS = ('client', 'server', 'http_version', 'method', 'host', 'path', 'body_length', 'body_decoded_length', 'status')


def truth(name):
    with open(os.path.join(ROOT, 'captures', name + '.truth.json')) as f:
        return json.load(f)['requests']


def as_output(reqs):
    return [{k: r[k] for k in KEYS} for r in reqs]


class CompareTests(unittest.TestCase):
    def test_identical_output_has_no_differences(self):
        reqs = truth('keepalive')
        self.assertEqual(conform.compare(reqs, as_output(reqs)), [])

    def test_connections_may_interleave_differently(self):
        reqs = truth('keepalive')
        out = as_output(reqs)
        out.sort(key=lambda r: r['client'], reverse=True)  # stable: order within a connection is kept
        self.assertEqual(conform.compare(reqs, out), [])

    def test_missing_wrong_and_extra_requests_are_reported(self):
        reqs = truth('encodings')
        out = as_output(reqs)
        dropped = out.pop(0)
        out[0]['body_decoded_length'] += 1
        out.append(dict(out[1], path='/not-sent'))
        diffs = conform.compare(reqs, out)
        self.assertEqual(len(diffs), 3, diffs)
        self.assertTrue(diffs[0].startswith('missing: %s' % dropped['method']))
        self.assertIn('body_decoded_length', diffs[1])
        self.assertTrue(diffs[2].startswith('extra:'))

    def test_tunnelled_request_must_be_found_too(self):
        reqs = truth('proxy')
        self.assertTrue(any('tunnel' in r for r in reqs))
        out = as_output([r for r in reqs if 'tunnel' not in r])
        self.assertEqual(len(conform.compare(reqs, out)), 1)


class CheckCapturesTests(unittest.TestCase):
    def test_stand_in_binary_passes_every_capture(self):
        env = dict(os.environ, CONSENTTAP=os.path.join(HERE, 'fake_consenttap.py'))
        p = subprocess.run([os.path.join(ROOT, 'scripts', 'check-captures')], env=env, capture_output=True,
                           text=True, timeout=120)
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        n = len(glob.glob(os.path.join(ROOT, 'captures', '*.pcap')))
        self.assertIn('captures: %d passed, 0 failed' % n, p.stdout)

    def test_a_failing_binary_fails_the_check(self):
        env = dict(os.environ, CONSENTTAP='/bin/false')
        p = subprocess.run([os.path.join(ROOT, 'scripts', 'check-captures'),
                            os.path.join(ROOT, 'captures', 'vlan.pcap')], env=env, capture_output=True, text=True,
                           timeout=60)
        self.assertEqual(p.returncode, 1)
        self.assertIn('captures: 0 passed, 1 failed', p.stdout)


if __name__ == '__main__':
    unittest.main()
