"""tacked_denial: "Iran has shipped drones to Russia, officials say, allegations Tehran rejects"."""
from __future__ import annotations

from .....records import EventType
from ....construction import construction
from ....context import SentenceContext
from ....lexicon import words

WORDS = words("constructions/transfer", "tacked_denial")


@construction(EventType.TRANSFER, "sentence", 67, "tacked_denial")
def tacked_denial(here: SentenceContext) -> None:
    """"The UAE sent weapons to the RSF, U.N. experts said, allegations Abu Dhabi rejects", "...,
    a charge Tehran denies": wire copy tacks the accused's denial onto the allegation as a noun
    phrase after a comma. The small model parses the tail as anything (the verb a noun, the
    report noun the root), so it is read in word order: a comma, a report noun, a state and a
    denying word. The state denies every transfer told before the comma."""
    f = here.frames
    sent = list(here.sent)
    for k, token in enumerate(sent):
        if token.lower_ not in f.lex.report_nouns or not _after_comma(sent, k):
            continue
        denier = _denier(f, sent, k + 1)
        if denier is None:
            continue
        for m in here.read:
            if m.type == EventType.TRANSFER and m.trigger.i < token.i and denier not in m.denied_by:
                m.denied_by.append(denier)
        return


def _after_comma(sent, k: int) -> bool:
    before = [t for t in sent[max(0, k - 2):k] if t.lower_ not in WORDS.determiners]
    return bool(before) and before[-1].text == ","


def _denier(f, sent, start: int) -> str | None:
    """The state named right after the report noun, when a denying word follows it: "allegations
    Abu Dhabi rejects", "claims Pyongyang has dismissed"."""
    for i in range(start, min(start + 3, len(sent))):
        ent = f.ent_at.get(sent[i].i)
        if ent is None:
            continue
        actors = [a for a in f.actors(ent.root) if a.id]
        rest = [t for t in sent if t.i >= ent.end][:4]
        rest = [t for t in rest if t.lower_ not in WORDS.fillers]
        if actors and rest and (rest[0].lower_ in WORDS.denying or rest[0].lemma_.lower() in WORDS.denying):
            return actors[0].state or actors[0].id
        return None
    return None
