"""denied_report: "Russia and Iran denied a report in The Wall Street Journal that Tehran shipped
missiles to Moscow"."""
from __future__ import annotations

from spacy.tokens import Token

from .....records import EventType
from ....arguments import pobjs
from ....construction import construction
from ....context import ArticleContext
from ....frames import FrameReader
from ....lexicon import words
from ....mention import Mention

WORDS = words("constructions/transfer", "denied_report")


@construction(EventType.TRANSFER, "article", 20, "denied_report")
def denied_report(whole: ArticleContext) -> None:
    """"Russia and Iran denied a report in The Wall Street Journal that Tehran shipped missiles to
    Moscow", "Beijing rejected a Reuters report that it had sold drones to Russia", "dismissed a
    report by UN experts that": a denied (or confirmed) report that names who made it is an
    allegation of its own (issue 23). The transfer it tells of is a second mention, asserted
    with that source, beside the denial; "denied reports that ..." names no one and stays one
    denial."""
    frames = whole.frames
    for m in list(whole.mentions):
        if m.type != EventType.TRANSFER or not (m.denied_by or m.confirmed_by):
            continue
        source = _report_source(frames, m.trigger)
        if source is None:
            continue
        alleged = Mention(EventType.TRANSFER, m.trigger, m.sent, roles={r: list(x) for r, x in m.roles.items()},
                          status=m.status, quantity=m.quantity, when=m.when, realis=m.realis, main=m.main,
                          sources=[source], hedges=[h for h in m.hedges if h != "reports"])
        whole.mentions.insert(whole.mentions.index(m), alleged)


def _report_source(frames: FrameReader, trigger: Token) -> str | None:
    """Who made the report noun governing `trigger`, as written: its possessor or compound name
    ("the Journal's report", "a Reuters report") or its "in"/"by"/"from" phrase."""
    report_nouns = frames.lex.report_nouns
    for node in frames.chain(trigger, 5)[1:]:
        if node.pos_ not in ("NOUN", "PROPN"):
            continue
        if node.lemma_.lower() not in report_nouns and node.lower_ not in report_nouns:
            return None
        named = [c for c in node.children if c.dep_ in ("poss", "compound") and c.pos_ == "PROPN"]
        named += pobjs(node, *WORDS.source_preps)
        for who in named:
            if who.pos_ == "PROPN" or who.i in frames.ent_at or frames.actors(who):
                return frames._source_text(who)
        return None
    return None
