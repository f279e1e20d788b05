"""Test and benchmark tools, never used by the product: the loopback latency proxy.

They ship in the package (like ``structlog.testing``) so that the test suite and the scripts in
``bench/`` share one copy; no command of cloudwarden imports them.
"""
