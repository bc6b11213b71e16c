"""Run every ``bench_*.py`` script in this folder, one after another.

Usage::

    python benchmarks/run_all.py [--quick] [NAME ...]

``--quick`` is passed on to each script; NAMEs (e.g. ``pure``) select scripts.
Exits non-zero if any script fails.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    ap = argparse.ArgumentParser(description="run all benchmarks")
    ap.add_argument("--quick", action="store_true", help="pass --quick to every script")
    ap.add_argument("names", nargs="*", help="run only bench_<name>.py")
    args = ap.parse_args()
    scripts = sorted(HERE.glob("bench_*.py"))
    if args.names:
        scripts = [s for s in scripts if s.stem.removeprefix("bench_") in args.names]
    env = dict(os.environ)
    root = str(HERE.parent)  # run against this checkout even when not installed
    env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    failed = []
    for script in scripts:
        print(f"== {script.name} ==", flush=True)
        started = time.perf_counter()
        cmd = [sys.executable, str(script)] + (["--quick"] if args.quick else [])
        if subprocess.run(cmd, env=env).returncode != 0:
            failed.append(script.name)
        print(f"   ({time.perf_counter() - started:.1f} s)\n", flush=True)
    if failed:
        print("failed:", ", ".join(failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
