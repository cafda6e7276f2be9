"""``python -m bench [--scale full|tiny] [--only NAME]``: run every ``bench/bench_*.py``.

Each module's ``run(scale)`` writes its own results file; this prints a summary of ratios,
checks and goals. Exit status 1 when a bench failed or one of its same-answer checks did not
pass; a missed goal is reported, not an error (it is a measurement).
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from importlib import import_module

from bench.common import SCALES, bench_modules


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=SCALES, default="full",
                        help="full: the real input sizes (default); tiny: seconds, for smoke tests")
    parser.add_argument("--only", action="append", default=[], metavar="NAME",
                        help="run only bench_NAME (repeatable), e.g. --only control")
    args = parser.parse_args(argv)
    names = bench_modules()
    if args.only:
        wanted = {f"bench.bench_{n.removeprefix('bench_')}" for n in args.only}
        unknown = wanted - set(names)
        if unknown:
            parser.error(f"no such bench: {', '.join(sorted(unknown))} (have {', '.join(names)})")
        names = [n for n in names if n in wanted]
    failed = []
    for name in names:
        print(f"== {name} (scale {args.scale})", flush=True)
        start = time.perf_counter()
        try:
            result = import_module(name).run(args.scale)
        except Exception:  # report and go on with the other benches
            traceback.print_exc()
            failed.append(name)
            continue
        _summarise(result, time.perf_counter() - start)
        if not all(result.get("checks", {}).values()):
            failed.append(name)
    if failed:
        print(f"FAILED: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


def _summarise(result: dict, seconds: float) -> None:
    for key, value in result.get("ratios", {}).items():
        print(f"  ratio  {key:<34} {value:.4g}")
    for key, ok in result.get("checks", {}).items():
        print(f"  check  {key:<34} {'ok' if ok else 'FAILED'}")
    for key, g in result.get("goals", {}).items():
        print(f"  goal   {key:<34} {g['value']:.4g} (goal {g['goal']}): {'met' if g['met'] else 'MISSED'}")
    print(f"  wrote {result.get('results_file')} in {seconds:.1f} s", flush=True)


if __name__ == "__main__":
    sys.exit(main())
