"""next_token_listing: every page of an operation botocore cannot paginate, in one answer."""

from __future__ import annotations

from typing import Any

from cloudwarden.aws.collectors.common import next_token_listing


class Pages:
    """A client whose list_things answers three pages, chained by NextToken."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []

    def list_things(self, **request: Any) -> dict[str, Any]:
        self.requests.append(request)
        pages = {None: (["a", "b"], "t1"), "t1": (["c"], "t2"), "t2": ([], None)}
        items, token = pages[request.get("NextToken")]
        return {"Things": items, **({"NextToken": token} if token else {})}


def test_every_page_is_read_with_the_callers_parameters():
    client = Pages()
    answer = next_token_listing("list_things", "Things")(client, {"MaxResults": 2})
    assert answer == {"Things": ["a", "b", "c"]}
    assert client.requests == [
        {"MaxResults": 2},
        {"MaxResults": 2, "NextToken": "t1"},
        {"MaxResults": 2, "NextToken": "t2"},
    ]
