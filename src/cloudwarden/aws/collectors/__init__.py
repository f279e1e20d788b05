"""Collectors: one module (or package) per AWS service, each registering the types it yields.

Every module of this package other than the engine's own (``spec``, ``mapping``, ``registry``,
``runner``, ``common``) is a service module, or a service package whose modules each register
some of its types; :func:`load_all` imports them all.
"""

from __future__ import annotations

import importlib
import pkgutil

from cloudwarden.aws.collectors.registry import SpecRegistry, collectors

ENGINE_MODULES = frozenset({"spec", "mapping", "registry", "runner", "common"})
_loaded = False


def service_modules() -> list[str]:
    """The dotted names of every service module, packages walked (``rds.instances``)."""
    prefix = f"{__name__}."
    names: list[str] = []
    for module in pkgutil.walk_packages(__path__, prefix, onerror=_raise):
        name = module.name.removeprefix(prefix)
        if name.split(".")[0] not in ENGINE_MODULES and not module.ispkg:
            names.append(name)
    return sorted(names)


def _raise(name: str) -> None:
    raise ImportError(f"the collector package {name} cannot be imported")


def load_all() -> SpecRegistry:
    """Import every service module (registering its types) and return the registry."""
    global _loaded  # noqa: PLW0603 - import once per process
    if not _loaded:
        for name in service_modules():
            importlib.import_module(f"{__name__}.{name}")
        _loaded = True
    return collectors
