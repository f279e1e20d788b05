"""How one call's pages are read, by botocore's own paginators.

A listing walks its pages one at a time (each page is normalised and dropped, and the resume
token after it lets a retried listing carry on). A detail wants the whole response: botocore's
``build_full_result`` merges the pages by the operation's declared result keys.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from botocore import xform_name
from botocore.paginate import PageIterator

from cloudwarden.aws.collectors.spec import Call

Page = tuple[Any, str | None]
"""A response page and the resume token after it (None after the last page)."""


class _CountedPages(PageIterator):  # type: ignore[type-arg] # generic only in botocore-stubs
    """botocore's page iterator, counting pages: each is one round of the critical path."""

    pages = 0

    def __iter__(self) -> Iterator[Any]:
        for page in super().__iter__():
            self.pages += 1
            yield page


def list_pages(
    client: Any, call: Call, params: Mapping[str, Any], resume: str | None
) -> Iterator[Page]:
    """The pages of ``call`` from ``resume`` on; one page for an unpaginated call."""
    if call.fetch is not None:
        yield call.fetch(client, params), None
        return
    method = xform_name(call.operation)
    if client.can_paginate(method):
        config = {"StartingToken": resume} if resume else {}
        iterator = client.get_paginator(method).paginate(**params, PaginationConfig=config)
        for page in iterator:
            yield page, iterator.resume_token
        return
    yield getattr(client, method)(**params), None


def fetch_full_response(client: Any, call: Call, params: Mapping[str, Any]) -> tuple[Any, int]:
    """The whole response of ``call`` (every page merged) and how many pages it took."""
    if call.fetch is not None:
        return call.fetch(client, params), 1
    method = xform_name(call.operation)
    if not client.can_paginate(method):
        return getattr(client, method)(**params), 1
    paginator = client.get_paginator(method)
    paginator.PAGE_ITERATOR_CLS = _CountedPages
    iterator = paginator.paginate(**params)
    return iterator.build_full_result(), max(iterator.pages, 1)
