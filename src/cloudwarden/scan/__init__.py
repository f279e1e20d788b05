"""The pipeline: discover -> evaluate -> report. The CLI, the platform and the agent call it."""

from cloudwarden.scan.discover import DiscoveryScope, discover

__all__ = ["DiscoveryScope", "discover"]
