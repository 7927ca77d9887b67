#!/usr/bin/env python3
"""Runs the tests of scripts/ (unittest discovery in this folder) and ends with the plain line
'N passed, N failed, N skipped'. Exit status 0 only when nothing failed or errored."""
import os
import sys
import unittest

sys.dont_write_bytecode = True  # no __pycache__ folders in the work tree


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    suite = unittest.defaultTestLoader.discover(here, top_level_dir=here)
    result = unittest.TextTestRunner(verbosity=2).run(suite)
    failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
    skipped = len(result.skipped)
    passed = result.testsRun - failed - skipped
    print('scripts: %d passed, %d failed, %d skipped' % (passed, failed, skipped))
    sys.exit(0 if failed == 0 and result.testsRun > 0 else 1)


if __name__ == '__main__':
    main()
