"""Load bundles: the shipped YAML files plus any custom ones, into one checked catalogue."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import ValidationError

from cloudwarden.exceptions import PolicyError
from cloudwarden.policy.definitions import Definitions
from cloudwarden.policy.functions import FUNCTION_NAMES
from cloudwarden.policy.model import BundleFile, Check, Framework, Group, Policy, ScoringSystem

SHIPPED = Path(__file__).parent / "bundles"
RESERVED_NAMES = FUNCTION_NAMES | {
    "has",
    "size",
    "int",
    "uint",
    "double",
    "string",
    "bytes",
    "bool",
    "type",
    "dyn",
    "duration",
    "timestamp",
    "matches",
    "contains",
    "startsWith",
    "endsWith",
    "resource",
    "true",
    "false",
    "null",
    "in",
}
"""Names a definition cannot take: CEL's own functions and the registered ones."""
IMPLICIT_PREFIX = "file:"
"""Uid prefix of the policy that runs a file's checks no policy includes (``file:<stem>``)."""


@dataclass
class Bundle:
    """Every check, policy and framework loaded, with the file each came from."""

    checks: dict[str, Check] = field(default_factory=dict)
    policies: dict[str, Policy] = field(default_factory=dict)
    frameworks: dict[str, Framework] = field(default_factory=dict)
    sources: dict[str, Path] = field(default_factory=dict)
    implicit: dict[str, list[str]] = field(default_factory=dict)
    """Implicit policies, uid -> check ids: the checks of a file that no policy includes."""
    definitions: Definitions = field(default_factory=Definitions)

    def add(self, content: BundleFile, source: Path) -> None:
        for definition in content.definitions:
            if definition.name in RESERVED_NAMES:
                raise PolicyError(
                    f"{source}: definition {definition.name!r} has the name of a CEL function; "
                    "choose another"
                )
            self.definitions.add(
                definition.name,
                tuple(definition.params),
                definition.expression,
                where=str(source),
            )
        for kind, items, key in (
            ("check", content.checks, "id"),
            ("policy", content.policies, "uid"),
            ("framework", content.frameworks, "id"),
        ):
            target: dict[str, object] = getattr(
                self, {"check": "checks", "policy": "policies", "framework": "frameworks"}[kind]
            )
            for item in items:
                name = getattr(item, key)
                if name in target:
                    raise PolicyError(
                        f"{source}: {kind} {name!r} is already defined in {self.sources[name]}"
                    )
                target[name] = item
                self.sources[name] = source

    def checks_of(self, policy_uids: list[str] | None = None) -> list[Check]:
        """The checks of the named policies (all policies when None), each once, in order."""
        uids = policy_uids if policy_uids is not None else list(self.policies)
        seen: dict[str, Check] = {}
        for uid in uids:
            for check_id in self.policies[uid].check_ids:
                seen.setdefault(check_id, self.checks[check_id])
        return list(seen.values())


def _location(error: dict[str, object]) -> str:
    return ".".join(str(part) for part in error.get("loc", ()))  # type: ignore[attr-defined]


def read_file(path: Path) -> BundleFile:
    """Parse and validate one YAML file; every problem names the file and the place in it."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise PolicyError(f"cannot read policy file {path}: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise PolicyError(
            f"{path}: is not UTF-8 text (byte {exc.start} is {exc.object[exc.start]:#04x}); "
            "save the policy file as UTF-8"
        ) from None
    except RecursionError:
        raise PolicyError(
            f"{path}: nests too deeply to read; a bundle file is a mapping of checks, "
            "policies and frameworks a few levels deep"
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        raise PolicyError(
            f"{path}:{where} is not valid YAML: {getattr(exc, 'problem', exc)}"
        ) from exc
    if not isinstance(data, dict):
        raise PolicyError(f"{path}: a bundle file is a mapping with checks, policies or frameworks")
    try:
        return BundleFile.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{_location(dict(error))}: {error['msg']}" for error in exc.errors()[:5]
        )
        raise PolicyError(f"{path}: {problems}") from None


def load(paths: list[Path] | None = None, *, shipped: bool = True) -> Bundle:
    """The shipped bundles (unless ``shipped=False``) and the given files, cross-checked."""
    bundle = Bundle()
    files = sorted(SHIPPED.rglob("*.yaml")) if shipped else []
    every = [*files, *(paths or [])]
    for path in every:
        bundle.add(read_file(path), path)
    _expand_definitions(bundle)
    _cross_check(bundle)
    _add_implicit_policies(bundle, every)
    return bundle


def _expand_definitions(bundle: Bundle) -> None:
    """Replace every call of a definition in a check by its expression (see :mod:`.definitions`)."""
    if not len(bundle.definitions):
        return
    for check_id, check in bundle.checks.items():
        where = f"{bundle.sources[check_id]}: check {check_id}"
        update: dict[str, str] = {
            "assertion": bundle.definitions.expand(check.assertion, where=where)
        }
        if check.filter is not None:
            update["filter"] = bundle.definitions.expand(check.filter, where=where)
        bundle.checks[check_id] = check.model_copy(update=update)


def _add_implicit_policies(bundle: Bundle, files: list[Path]) -> None:
    """Give the checks of each file that no policy includes a policy of their own.

    Otherwise such a check would lint clean and never run (a scan evaluates policies).
    """
    included = {check_id for policy in bundle.policies.values() for check_id in policy.check_ids}
    for path in dict.fromkeys(files):
        orphans = [
            check_id
            for check_id, source in bundle.sources.items()
            if source == path and check_id in bundle.checks and check_id not in included
        ]
        if not orphans:
            continue
        uid = f"{IMPLICIT_PREFIX}{path.stem}"
        if uid in bundle.policies:
            uid = f"{IMPLICIT_PREFIX}{path}"
        # Built without validation: the uid pattern of authored policies has no ':' on
        # purpose, so an implicit policy can never collide with one.
        bundle.policies[uid] = Policy.model_construct(
            uid=uid,
            name=f"Checks of {path.name} in no policy",
            version="implicit",
            scoring=ScoringSystem.HIGHEST_IMPACT,
            description=f"The checks of {path} that no policy includes.",
            groups=[Group(title="checks in no policy", checks=orphans)],
        )
        bundle.sources[uid] = path
        bundle.implicit[uid] = orphans


def _cross_check(bundle: Bundle) -> None:
    for policy in bundle.policies.values():
        unknown = [c for c in policy.check_ids if c not in bundle.checks]
        if unknown:
            raise PolicyError(
                f"{bundle.sources[policy.uid]}: policy {policy.uid!r} names unknown checks "
                f"{', '.join(unknown)}"
            )
    for framework in bundle.frameworks.values():
        for control in framework.controls:
            unknown = [c for c in control.checks if c not in bundle.checks]
            if unknown:
                raise PolicyError(
                    f"{bundle.sources[framework.id]}: control {control.id} of {framework.id!r} "
                    f"names unknown checks {', '.join(unknown)}"
                )
            if not control.checks and not (control.manual or control.not_covered):
                raise PolicyError(
                    f"{bundle.sources[framework.id]}: control {control.id} of {framework.id!r} "
                    "has no checks and no 'manual' or 'not_covered' reason"
                )
