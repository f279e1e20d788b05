"""Benchmark evaluation: every shipped check over a synthetic inventory of N resources.

    python bench/evaluation.py --resources 100000

The inventory is made of the demo account's real resource documents (discovered from the
in-process emulator), cloned with new ids until it holds N resources, so the mix of types and
the shape of documents are those of a real scan. It reports checks x resources evaluated per
second, the cost of binding a resource to the CEL context, and the process's peak RSS. Results
go to docs/benchmarks.md between markers, with the command.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from cloudwarden.demo.account import emulated_account
from cloudwarden.inventory.inventory import Inventory
from cloudwarden.policy import loader
from cloudwarden.policy.evaluator import Evaluator
from cloudwarden.scan.discover import DiscoveryScope, discover
from discovery import REPORT

BEGIN = "<!-- evaluation:begin -->"
END = "<!-- evaluation:end -->"


def synthetic_inventory(size: int) -> Inventory:
    with emulated_account() as account:
        seed = discover(
            account.session,
            account.identity,
            DiscoveryScope(regions=account.regions),
            endpoint_for=account.endpoint_for,
        )
    templates = [r for r in seed.resources if r.type != "aws.account"]
    accounts = [r for r in seed.resources if r.type == "aws.account"]
    resources = list(accounts)
    index = 0
    while len(resources) < size:
        template = templates[index % len(templates)]
        unique = {"id": f"{template.id}-{index}"}
        if template.name:
            unique["name"] = f"{template.name}-{index}"
        if template.arn:
            unique["arn"] = f"{template.arn}-{index}"
        resources.append(template.model_copy(update=unique))
        index += 1
    return seed.model_copy(update={"resources": resources})


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--resources", type=int, default=100_000)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()

    inventory = synthetic_inventory(args.resources)
    bundle = loader.load()
    checks = list(bundle.checks.values())
    started = time.perf_counter()
    evaluator = Evaluator(checks)
    compile_seconds = time.perf_counter() - started

    started = time.perf_counter()
    results = evaluator.evaluate(inventory)
    seconds = time.perf_counter() - started
    statuses = Counter(r.status.value for r in results)
    evaluated = len(results)
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    types = len({r.type for r in inventory.resources})

    lines = [
        BEGIN,
        f"Measured {time.strftime('%Y-%m-%d')} on {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, with:",
        "",
        f"    python bench/evaluation.py --resources {args.resources}",
        "",
        "| resources | types | checks | results (checks x resources) | compile (s) | evaluate (s) "
        "| results per second | us per result | peak RSS (MiB) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        f"| {len(inventory.resources)} | {types} | {len(checks)} | {evaluated} | "
        f"{compile_seconds:.3f} | {seconds:.2f} | {evaluated / seconds:,.0f} | "
        f"{seconds / evaluated * 1e6:.1f} | {peak_mib:.0f} |",
        "",
        "Statuses: " + ", ".join(f"{k} {v}" for k, v in sorted(statuses.items())) + ". "
        "Evaluate includes binding each resource's document to the reused CEL context once "
        "(pydantic dump + conversion), every check of its type, and building the result "
        "objects; peak RSS includes the emulated account the inventory was cloned from.",
        END,
    ]
    section = "\n".join(lines)
    print(section)
    if not args.no_write:
        text = REPORT.read_text()
        if BEGIN in text:
            head, rest = text.split(BEGIN, 1)
            text = head + section + rest.split(END, 1)[1]
        else:
            text = text.rstrip() + "\n\n## Evaluation\n\n" + section + "\n"
        REPORT.write_text(text)


if __name__ == "__main__":
    main()
