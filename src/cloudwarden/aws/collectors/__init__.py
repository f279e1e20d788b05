"""Collectors: one module per AWS service, each registering the resource types it yields.

Every module in this package other than the engine's own (``spec``, ``registry``, ``runner``,
``common``) is a service module and is imported by :func:`load_all`.
"""

from __future__ import annotations

import importlib
import pkgutil

from cloudwarden.aws.collectors.registry import SpecRegistry, collectors

ENGINE_MODULES = frozenset({"spec", "mapping", "registry", "runner", "common"})
_loaded = False


def load_all() -> SpecRegistry:
    """Import every service module (registering its types) and return the registry."""
    global _loaded  # noqa: PLW0603 - import once per process
    if not _loaded:
        for module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
            if module.name not in ENGINE_MODULES:
                importlib.import_module(f"{__name__}.{module.name}")
        _loaded = True
    return collectors
