"""Tests of scripts/benchlib/bench.py: truth parsing, JSON lines counting and the found/expected check.

Run: python3 -m unittest discover -s scripts/tests -v   (standard library only)
"""
import io
import json
import os
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'benchlib'))
import bench  # noqa: E402

DATA = os.path.join(HERE, 'data')
TRUTH = os.path.join(DATA, 'truth-sample.json')
JSONL = os.path.join(DATA, 'http-sample.jsonl')

TIME_V = """\tCommand being timed: "/tmp/pcap_count /tmp/w.pcap"
\tUser time (seconds): 0.50
\tSystem time (seconds): 0.25
\tElapsed (wall clock) time (h:mm:ss or m:ss): 1:02.25
\tMaximum resident set size (kbytes): 524288
\tExit status: 0
"""


def read(path):
    with open(path) as f:
        return f.read()


def write_tmp(text, suffix):
    f = tempfile.NamedTemporaryFile('w', suffix=suffix, delete=False)
    f.write(text)
    f.close()
    return f.name


class HostTests(unittest.TestCase):
    def test_normalises_case_port_and_trailing_dot(self):
        self.assertEqual(bench.norm_host('Graph.Facebook.com:80'), 'graph.facebook.com')
        self.assertEqual(bench.norm_host('api.segment.io.'), 'api.segment.io')
        self.assertEqual(bench.norm_host('[2001:db8::1]:80'), '2001:db8::1')
        self.assertEqual(bench.norm_host('2001:db8::1'), '2001:db8::1')
        self.assertIsNone(bench.norm_host(None))


class TruthTests(unittest.TestCase):
    def test_reads_counts_by_tracker_host(self):
        truth, expected = bench.load_truth(TRUTH)
        self.assertEqual(expected, {'graph.facebook.com': 2, 'www.google-analytics.com': 1,
                                    'api.segment.io': 2, 'api.mixpanel.com': 1})
        self.assertEqual(truth['http_requests_total'], 8)

    def test_rejects_a_truth_without_counts_by_host(self):
        path = write_tmp(json.dumps({'tracker_requests': 3}), '.json')
        with self.assertRaises(ValueError):
            bench.load_truth(path)

    def test_rejects_a_total_that_disagrees_with_the_hosts(self):
        t = json.loads(read(TRUTH))
        t['tracker_requests'] = 7
        with self.assertRaises(ValueError):
            bench.load_truth(write_tmp(json.dumps(t), '.json'))


class CheckTests(unittest.TestCase):
    def test_hand_made_output_matches_its_truth(self):
        total, found, bad = bench.count_jsonl(JSONL)
        self.assertEqual((total, bad), (8, 0))
        self.assertEqual(found['graph.facebook.com'], 2)
        self.assertEqual(found['api.segment.io'], 2)
        out = io.StringIO()
        self.assertTrue(bench.check(TRUTH, JSONL, out))
        self.assertIn('all tracker requests', out.getvalue())
        self.assertIn('6 / 6', out.getvalue())

    def test_a_missing_request_fails_and_is_named(self):
        lines = [line for line in read(JSONL).splitlines(True) if '"api.mixpanel.com"' not in line]
        out = io.StringIO()
        self.assertFalse(bench.check(TRUTH, write_tmp(''.join(lines), '.jsonl'), out))
        self.assertIn('api.mixpanel.com', out.getvalue())
        self.assertIn('MISSING 1', out.getvalue())

    def test_a_duplicate_request_fails(self):
        lines = read(JSONL).splitlines(True)
        dup = next(line for line in lines if '"www.google-analytics.com"' in line)
        out = io.StringIO()
        self.assertFalse(bench.check(TRUTH, write_tmp(''.join(lines + [dup]), '.jsonl'), out))
        self.assertIn('EXTRA 1', out.getvalue())

    def test_malformed_lines_are_counted_and_fail_the_check(self):
        text = read(JSONL) + '{"host": "api.segment.io"\n[1, 2]\n'
        path = write_tmp(text, '.jsonl')
        total, found, bad = bench.count_jsonl(path)
        self.assertEqual((total, bad, found['api.segment.io']), (8, 2, 2))
        self.assertFalse(bench.check(TRUTH, path, io.StringIO()))

    def test_an_empty_output_finds_nothing(self):
        lines, ok = bench.compare({h: 1 for h in bench.TRACKER_HOSTS}, {})
        self.assertFalse(ok)
        self.assertEqual(sum('MISSING 1' in line for line in lines), 4)


class TimeTests(unittest.TestCase):
    def test_parses_usr_bin_time_verbose_output(self):
        wall, rss, status, cpu = bench.parse_time_v(TIME_V)
        self.assertAlmostEqual(wall, 62.25)
        self.assertAlmostEqual(cpu, 0.75)
        self.assertEqual((rss, status), (524288, 0))

    def test_parses_hours(self):
        wall, _, _, _ = bench.parse_time_v(TIME_V.replace('1:02.25', '1:00:01.5'))
        self.assertAlmostEqual(wall, 3601.5)


if __name__ == '__main__':
    unittest.main()
