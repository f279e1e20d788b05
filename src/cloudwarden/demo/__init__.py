"""The embedded emulated AWS account (moto) used by --demo, the tests and the benchmarks.

Needs the ``demo`` extra (moto); nothing in the scanner itself imports this package.
"""
