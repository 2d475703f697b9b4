"""The Store protocol every backend implements, and the row type it returns."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol

from ..records import Article, Event


@dataclass(frozen=True, slots=True)
class StoredEvent:
    id: str
    article_id: str
    type: str
    data: dict[str, Any]        # Event.to_dict(), the output contract


class Store(Protocol):
    def has_article(self, article_id: str) -> bool: ...
    def add_article(self, article: Article, events: Iterable[Event]) -> bool: ...
    def article(self, article_id: str) -> Article | None: ...
    def articles(self) -> Iterator[Article]: ...
    def events(self, *, type: str | None = None, actor: str | None = None,
               since: str | None = None, limit: int | None = None, realis: str | None = None,
               focus: str | None = None) -> Iterator[StoredEvent]: ...
    def event(self, event_id: str) -> StoredEvent: ...
    def replace_events(self, article_id: str, events: Iterable[Event]) -> None: ...
    def counts(self) -> dict[str, int]: ...
    def close(self) -> None: ...


def connection(store):
    """The database connection behind a store, or None for a backend without one.

    The layers above hand it, as it is, to the functions of the store's table modules
    (`store/claims.py`, `reviews.py`, `search.py`, ...), and use it themselves only as
    `with db:`, one transaction; they never run SQL over it."""
    return getattr(store, "db", None)
