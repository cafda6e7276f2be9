"""Territorial-control history: snapshots, layer areas, daily change and settlement timelines.

Pure functions on plain data; the store and the CLI live in ``frontcheck.store`` and
``frontcheck.cli``.
"""
