"""End-to-end test of scripts/bench on a tiny workload with a stand-in consenttap (fake_consenttap.py).

Needs ../shared/bench next to the repository (fails loudly otherwise), gcc, libpcap-dev, /usr/bin/time.
Run: python3 -m unittest discover -s scripts/tests -v
"""
import os
import subprocess
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, '..', '..'))
SHARED = os.environ.get('SHARED', os.path.join(ROOT, '..', 'shared'))
WORK = tempfile.mkdtemp(prefix='consenttap-bench-test-')


def bench(**env):
    e = dict(os.environ, SIZE='2M', BENCH_DIR=WORK, CONSENTTAP=os.path.join(HERE, 'fake_consenttap.py'), SHARED=SHARED)
    e.update(env)
    return subprocess.run([os.path.join(ROOT, 'scripts', 'bench')], env=e, capture_output=True, text=True,
                          timeout=600)


class BenchScriptTests(unittest.TestCase):
    def setUp(self):
        self.assertTrue(os.path.isfile(os.path.join(SHARED, 'bench', 'make_workload.py')),
                        'shared/bench is missing at %s: this test needs it' % SHARED)

    def test_measures_both_tools_and_finds_every_tracker_request(self):
        p = bench()
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        self.assertIn('pcap_count', p.stdout)
        self.assertIn('consenttap_http', p.stdout)
        self.assertIn('consenttap_analyze: skipped', p.stdout)
        self.assertIn('all tracker requests', p.stdout)
        self.assertNotIn('MISSING', p.stdout)
        self.assertTrue(os.path.exists(os.path.join(WORK, 'workload-2M.pcap')))
        # second run reuses the workload and the pcap_count build
        p = bench()
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        self.assertIn('reusing', p.stdout)
        self.assertNotIn('building', p.stdout)

    def test_fails_when_a_tracker_request_is_missing(self):
        p = bench(FAKE_DROP='1')
        self.assertEqual(p.returncode, 1, p.stdout + p.stderr)
        self.assertIn('MISSING 1', p.stdout)


def tearDownModule():
    subprocess.run(['rm', '-rf', WORK], check=False)


if __name__ == '__main__':
    unittest.main()
