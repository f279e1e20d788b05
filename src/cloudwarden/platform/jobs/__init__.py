"""Scan jobs: one job function, run by the embedded worker (and later by Celery workers)."""
