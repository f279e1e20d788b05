"""The resource-type registry: name -> model class, filled by the collector modules."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from cloudwarden.inventory.resource import Resource


@dataclass(frozen=True)
class ResourceTypeInfo:
    """What the registry knows of a resource type."""

    name: str
    model: type[Resource]
    description: str
    service: str
    account_asset: bool = False
    """The type describes the account itself (the account, its per-region settings), not an
    asset of its own: reports score it as part of the account."""


ACCOUNT_TYPE = "aws.account"
"""The account itself: the one type named without a resource part."""


class ResourceTypeRegistry:
    """A name -> :class:`ResourceTypeInfo` registry; registering a name twice is a bug."""

    def __init__(self) -> None:
        self._types: dict[str, ResourceTypeInfo] = {}

    def register(self, info: ResourceTypeInfo) -> None:
        if info.name in self._types:
            raise ValueError(f"resource type {info.name} is registered twice")
        parts = info.name.split(".")
        if info.name != ACCOUNT_TYPE and (len(parts) != 3 or parts[0] != "aws"):
            raise ValueError(f"resource type {info.name} is not named aws.<service>.<resource>")
        self._types[info.name] = info

    def get(self, name: str) -> ResourceTypeInfo:
        return self._types[name]

    def __contains__(self, name: object) -> bool:
        return name in self._types

    def __iter__(self) -> Iterator[ResourceTypeInfo]:
        return iter(sorted(self._types.values(), key=lambda info: info.name))

    def __len__(self) -> int:
        return len(self._types)

    def names(self) -> list[str]:
        return sorted(self._types)


resource_types = ResourceTypeRegistry()


def resource_type(
    name: str, description: str, *, account_asset: bool = False
) -> Callable[[type[Resource]], type[Resource]]:
    """Class decorator: register a resource model under its stable type name.

    Where a type is collected (regional or global) is declared once, by its collector spec's
    ``scope``; ``account_asset`` marks the types that describe the account itself.
    """

    def register(model: type[Resource]) -> type[Resource]:
        model.resource_type = name
        model.account_asset = account_asset
        resource_types.register(
            ResourceTypeInfo(
                name=name,
                model=model,
                description=description,
                service=name.split(".")[1],
                account_asset=account_asset,
            )
        )
        return model

    return register
