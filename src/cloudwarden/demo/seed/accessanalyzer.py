"""IAM Access Analyzer: nothing is planted.

moto 5.2.5 does not emulate Access Analyzer (CreateAnalyzer and ListAnalyzers answer
"Not yet implemented"), so the demo account shows what a scan records when an API is missing: a
not_supported error on ``aws.accessanalyzer.region_settings`` in every region. A seeder must not
raise, so no analyzer is created; with an emulator that has the API, plant ANALYZER here.
"""

from __future__ import annotations

from cloudwarden.demo.seed import SeedContext

ANALYZER = "cw-demo-account-analyzer"
"""The analyzer a fuller emulator would get (type ACCOUNT, in the home region)."""


def seed(ctx: SeedContext) -> None:
    """Plant nothing: the emulator cannot hold an analyzer (see the module docstring)."""
