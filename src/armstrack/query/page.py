"""One page of a listing: every list function of `armstrack.query` returns a Page."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from ..errors import ArmstrackError

T = TypeVar("T")
U = TypeVar("U")
MAX_PER_PAGE = 500
MAX_PAGE = 100_000      # 50 million items at 500 a page; a larger page number is a mistake or a probe


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """`items` on page `page` (from 1) of `per_page` each, out of `total` matches."""

    items: list[T] = field(default_factory=list)
    total: int = 0
    page: int = 1
    per_page: int = 50

    @property
    def pages(self) -> int:
        """How many pages the matches fill (at least 1, so page 1 always exists)."""
        return max(1, -(-self.total // self.per_page))

    def map(self, fn: Callable[[T], U]) -> "Page[U]":
        """The same page with each item turned into something else (a dict, a table row)."""
        return Page([fn(item) for item in self.items], self.total, self.page, self.per_page)

    def to_dict(self, item: Callable[[T], object] | None = None) -> dict:
        """The page as JSON-ready data; `item` turns one item into JSON (default: its to_dict)."""
        convert = item or (lambda x: x.to_dict())
        return {"items": [convert(i) for i in self.items], "total": self.total, "page": self.page,
                "per_page": self.per_page, "pages": self.pages}


def check_paging(page: int, per_page: int) -> tuple[int, int]:
    """(LIMIT, OFFSET) for a page; ArmstrackError when page is not 1..MAX_PAGE or per_page is
    not 1..500 (page 9223372036854775807 overflowed SQLite's OFFSET with a 500, issue 21)."""
    if not isinstance(page, int) or isinstance(page, bool) or page < 1:
        raise ArmstrackError(f"page {page!r}: pages count from 1")
    if page > MAX_PAGE:
        raise ArmstrackError(f"page {page!r}: give 1 to {MAX_PAGE:,}")
    if not isinstance(per_page, int) or isinstance(per_page, bool) or not 1 <= per_page <= MAX_PER_PAGE:
        raise ArmstrackError(f"per_page {per_page!r}: give 1 to {MAX_PER_PAGE} items per page")
    return per_page, (page - 1) * per_page


def paged(items: list[T], page: int, per_page: int) -> Page[T]:
    """A Page cut from a list already in order (for listings computed in Python)."""
    limit, offset = check_paging(page, per_page)
    return Page(items[offset:offset + limit], len(items), page, per_page)
