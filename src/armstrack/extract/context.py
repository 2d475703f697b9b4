"""What the constructions that read across mentions see: a sentence's mentions beside the
article's earlier ones (stage `sentence`), or all the article's mentions (stage `article`)."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span

from .frames import FrameReader
from .mention import Mention


@dataclass(eq=False)
class SentenceContext:
    frames: FrameReader
    sent: Span
    read: list[Mention]         # the sentence's mentions, in reading order; a construction may replace it
    earlier: list[Mention]      # the article's mentions before this sentence
    number: dict[int, int]      # sentence start -> its number in the article


@dataclass(eq=False)
class ArticleContext:
    frames: FrameReader
    mentions: list[Mention]
    number: dict[int, int]
