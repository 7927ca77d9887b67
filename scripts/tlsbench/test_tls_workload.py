#!/usr/bin/env python3
"""Tests of the TLS workload generator and the ceiling: key schedule known answers, determinism,
record sizes, and (when tshark is installed) an independent decryption of every request.

  python3 scripts/tlsbench/test_tls_workload.py        (standard library + python3-cryptography)
"""
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import unittest
import hashlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_tls_workload as gen  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def generate(tmp, name, size="1M", seed=1):
    paths = {k: os.path.join(tmp, name + "." + k) for k in ("pcap", "keys", "truth", "records")}
    argv = ["--size", size, "--seed", str(seed), "--out", paths["pcap"], "--keys", paths["keys"],
            "--truth", paths["truth"], "--records", paths["records"]]
    with open(os.devnull, "w") as null:
        old, sys.stdout = sys.stdout, null
        try:
            gen.main(argv)
        finally:
            sys.stdout = old
    return paths


class KeySchedule(unittest.TestCase):
    def test_hkdf_expand_label_rfc8448(self):
        # RFC 8448 §3: server handshake traffic secret -> write key and iv.
        secret = bytes.fromhex("b67b7d690cc16c4e75e54213cb2d37b4e9c912bcded9105d42befd59d391ad38")
        self.assertEqual(gen.hkdf_expand_label(hashlib.sha256, secret, b"key", b"", 16).hex(), "3fce516009c21727d0f2e4e86ee403bc")
        self.assertEqual(gen.hkdf_expand_label(hashlib.sha256, secret, b"iv", b"", 12).hex(), "5d313eb2671276ee13000b30")

    def test_tls12_prf_published_vector(self):
        out = gen.tls12_prf(hashlib.sha256, bytes.fromhex("9bbe436ba940f017b17652849a71db35"), b"test label",
                            bytes.fromhex("a0ba9f936cda311827a6f796ffd5198c"), 100)
        self.assertEqual(out.hex(), "e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a6b301791e90d35c9c9a46b4e14baf9af"
                                    "0fa022f7077def17abfd3797c0564bab4fbc91666e9def9b97fce34f796789baa48082d122ee42c5a72e5a5110fff701"
                                    "87347b66")


class Workload(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="tlsbench-test-")
        cls.a = generate(cls.tmp, "a")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_same_seed_same_bytes_other_seed_other_bytes(self):
        b = generate(self.tmp, "b")
        c = generate(self.tmp, "c", seed=2)
        for k in ("pcap", "keys", "records"):
            with open(self.a[k], "rb") as x, open(b[k], "rb") as y:
                self.assertEqual(x.read(), y.read(), k)
        with open(self.a["pcap"], "rb") as x, open(c["pcap"], "rb") as y:
            self.assertNotEqual(x.read(), y.read())

    def test_every_suite_and_the_key_log(self):
        truth = json.load(open(self.a["truth"]))
        self.assertGreaterEqual(truth["connections"], 4)
        self.assertTrue(all(n > 0 for n in truth["by_suite"].values()), truth["by_suite"])
        lines = open(self.a["keys"]).read().split("\n")
        labels = [line.split(" ")[0] for line in lines if line]
        tls13 = truth["by_suite"]["TLS1.3/0x1301"] + truth["by_suite"]["TLS1.3/0x1302"]
        self.assertEqual(labels.count("CLIENT_TRAFFIC_SECRET_0"), tls13)
        self.assertEqual(labels.count("CLIENT_RANDOM"), truth["connections"] - tls13)
        self.assertEqual(len(truth["request_list"]), truth["requests"])

    def test_records_file_matches_the_truth(self):
        data = open(self.a["records"], "rb").read()
        truth = json.load(open(self.a["truth"]))
        self.assertEqual(len(data), 5 * truth["encrypted_records"])
        sizes = [struct.unpack_from("<BI", data, i) for i in range(0, len(data), 5)]
        self.assertEqual(sum(n for _, n in sizes), truth["decrypted_bytes"])
        self.assertTrue(all(k in (16, 32) and 0 < n <= 16385 for k, n in sizes))

    @unittest.skipUnless(shutil.which("gcc") and os.path.exists("/usr/include/openssl/evp.h"), "needs gcc and libssl-dev")
    def test_ceiling_decrypts_every_byte(self):
        exe = os.path.join(self.tmp, "gcm_ceiling")
        subprocess.run(["gcc", "-O2", "-o", exe, os.path.join(HERE, "gcm_ceiling.c"), "-lcrypto"], check=True)
        out = subprocess.run([exe, self.a["records"]], check=True, capture_output=True, text=True).stdout.split()
        values = dict(zip(out[0::2], out[1::2]))
        truth = json.load(open(self.a["truth"]))
        self.assertEqual(int(values["records"]), truth["encrypted_records"])
        self.assertEqual(int(values["bytes"]), truth["decrypted_bytes"])

    @unittest.skipUnless(shutil.which("tshark"), "needs Debian tshark")
    def test_tshark_decrypts_every_request_and_response(self):
        def fields(filter_, *names):
            argv = ["tshark", "-r", self.a["pcap"], "-o", "tls.keylog_file:" + self.a["keys"], "-Y", filter_, "-T", "fields"]
            for n in names:
                argv += ["-e", n]
            out = subprocess.run(argv, check=True, capture_output=True, text=True).stdout
            return [tuple(line.split("\t")) for line in out.splitlines()]
        truth = json.load(open(self.a["truth"]))
        want = sorted((q["method"], q["host"], q["path"]) for q in truth["request_list"])
        self.assertEqual(sorted(fields("http.request", "http.request.method", "http.host", "http.request.uri")), want)
        self.assertEqual(len(fields("http.response", "http.response.code")), len(want))


if __name__ == "__main__":
    unittest.main()
