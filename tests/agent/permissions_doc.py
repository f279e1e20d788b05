"""docs/agent-permissions.json, generated: what the agent's roles may do (the published file).

python -m tests.agent.permissions_doc          # rewrite docs/agent-permissions.json
python -m tests.agent.permissions_doc --check  # exit 1 if it is out of date (the suite runs this)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from cloudwarden.agent.permissions import permissions_document

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "agent-permissions.json"


def render() -> str:
    return json.dumps(permissions_document(), indent=2) + "\n"


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        return 0 if DOC.exists() and DOC.read_text(encoding="utf-8") == text else 1
    DOC.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
