"""Reading a parsed Doc into Event records with every registered event type (the top of
extract/: it imports the rest)."""
from __future__ import annotations

from datetime import date

from spacy.tokens import Doc

from ..records import Event
from .construction import constructions
from .context import ArticleContext, SentenceContext
from .events import Reader
from .frames import FrameReader
from .merge import merge, to_event
from .registry import event_types

__all__ = ["extract_doc"]


def extract_doc(doc: Doc, *, published: date | None = None, article_ref: dict | None = None) -> list[Event]:
    """Every event in a Doc that went through the armstrack pipeline.

    Each sentence is read token by token by every type's reader, then the types' `sentence`
    constructions read its mentions beside the earlier ones (sides from talks and deals, "also",
    replies, one transfer per party); once the article is read, its `article` constructions
    (stances pointing back at a report); then the mentions of one event are merged."""
    modules = event_types()
    frames = FrameReader(doc, published)
    reader = Reader(frames, modules)
    per_sentence = [unit for module in modules for unit in constructions(module.type, "sentence")]
    per_article = [unit for module in modules for unit in constructions(module.type, "article")]
    mentions = []
    number: dict[int, int] = {}  # sentence start -> its number
    for sent in doc.sents:
        number[sent.start] = len(number)
        here = SentenceContext(frames, sent, reader.read(sent), mentions, number)
        for unit in per_sentence:
            unit.run(here)
        mentions.extend(here.read)
    whole = ArticleContext(frames, mentions, number)
    for unit in per_article:
        unit.run(whole)
    return [to_event(group, article_ref or {}) for group in merge(mentions, modules)]
