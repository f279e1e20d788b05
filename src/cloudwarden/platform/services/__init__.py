"""The use cases: each owns its transaction and its authorization decision."""
