"""Fetching what frontcheck reads: HTTP clients (``http``), the state kept between runs
(``state``), and the pure parsing of what the servers send (``deepstate``, ``archive``,
``feeds``, ``geonames``, ``telegram``).

This package is shell, not core: it opens sockets and writes files. What it fetches goes into
the store through the same ingest code as the files a user gives by hand.
"""
