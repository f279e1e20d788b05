"""Offset pagination shared by every list query."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

T = TypeVar("T")
MAX_LIMIT = 500


def page(session: Session, query: Select[Any], offset: int, limit: int) -> tuple[list[Any], int]:
    """One page of rows and the total count of the query."""
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    rows = list(session.scalars(query.offset(offset).limit(min(limit, MAX_LIMIT))))
    return rows, int(total or 0)


def page_rows(
    session: Session, query: Select[*tuple[Any, ...]], offset: int, limit: int
) -> tuple[list[tuple[Any, ...]], int]:
    """``page`` for a query of several entities: each row a tuple."""
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    rows = session.execute(query.offset(offset).limit(min(limit, MAX_LIMIT)))
    return [tuple(row) for row in rows], int(total or 0)
