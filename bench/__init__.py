"""frontcheck's benchmarks: ``python -m bench`` (``make bench``) runs every ``bench/bench_*.py``.

Each bench module has ``run(scale: str = "full") -> dict``: it times frontcheck and a baseline
a user would write on the same input, in one run, checks that both give the same answer first,
and writes ``bench/results/<job>.json`` (``<job>-<scale>.json`` at other scales). The result
dict's shape is described in ``bench.common``. ``python -m bench --scale tiny`` runs each at a
size that finishes in seconds; ``tests/test_bench_smoke.py`` does that in ``make test``.
"""
