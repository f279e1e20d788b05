"""Collector registry: resource type name -> :class:`ResourceSpec`."""

from __future__ import annotations

from collections.abc import Iterator

from cloudwarden.aws.collectors.spec import ResourceSpec


class SpecRegistry:
    """Every collectable resource type; each service module registers its specs at import."""

    def __init__(self) -> None:
        self._specs: dict[str, ResourceSpec] = {}

    def register(self, *specs: ResourceSpec) -> None:
        for spec in specs:
            name = spec.type_name
            if not name:
                raise ValueError(f"{spec.model.__name__} is not a registered resource type")
            if name in self._specs:
                raise ValueError(f"a collector for {name} is registered twice")
            self._specs[name] = spec

    def get(self, name: str) -> ResourceSpec:
        return self._specs[name]

    def __contains__(self, name: object) -> bool:
        return name in self._specs

    def __iter__(self) -> Iterator[ResourceSpec]:
        return iter(sorted(self._specs.values(), key=lambda spec: spec.type_name))

    def services(self) -> list[str]:
        return sorted({spec.model.resource_type.split(".")[1] for spec in self._specs.values()})


collectors = SpecRegistry()
