"""extract: a parsed Doc -> Event records (triggers and roles from the data-file lexicons)."""
from __future__ import annotations

from datetime import date

from spacy.tokens import Doc

from ..records import Event
from .events import Reader
from .frames import FrameReader
from .merge import merge, to_event


def extract_doc(doc: Doc, *, published: date | None = None, article_ref: dict | None = None) -> list[Event]:
    """Every event in a Doc that went through the armstrack pipeline."""
    frames = FrameReader(doc, published)
    reader = Reader(frames)
    mentions = []
    for sent in doc.sents:
        mentions.extend(reader.read(sent))
    return [to_event(group, article_ref or {}) for group in merge(mentions)]
