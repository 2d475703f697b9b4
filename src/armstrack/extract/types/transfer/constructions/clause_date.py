"""clause_date: "signed a deal on Friday to buy", "has received ..., the minister said on Monday"."""
from __future__ import annotations

from spacy.tokens import Token

from .....records import EventType, Status
from ....construction import construction
from ....context import SentenceContext
from ....lexicon import words

WORDS = words("constructions/transfer", "clause_date")


@construction(EventType.TRANSFER, "sentence", 70, "clause_date")
def clause_date(here: SentenceContext) -> None:
    """A transfer with no date of its own takes the date its clause gives (issue 23, wire
    stories): one on a word governing the trigger ("Poland signed a deal on Friday to buy 180
    tanks", "approved on Friday the sale of"), else, when the clause tells the event as just done
    or doing ("has received", "has won a deal to export", "delivers"), the date it was reported on
    ("..., the company said Friday"). A past tense with no date ("delivered ..., the ministry
    said on Thursday") may tell of an earlier day, and keeps none; so does what a denial or a
    confirmation speaks of ("denied on Wednesday that it had sent")."""
    f = here.frames
    speaking = f.lex.attribution | frozenset(w for words in f.lex.statement.values() for w in words)
    for m in here.read:
        if m.type != EventType.TRANSFER or m.when:
            continue
        finite = None
        for node in f.chain(m.trigger, 6)[1:]:
            if node.pos_ == "VERB" and node.lemma_.lower() in speaking and not (
                    m.status == Status.REFUSED and node.i == m.trigger.head.i):
                break   # "said", "denied on Wednesday": the day it was said, not the day it was done
                #         (but "denied an export licence" is the refusal itself)
            when = f.date_of(node)
            if when:
                m.when = when
                break
            if node.pos_ in ("VERB", "AUX") and finite is None and _finite(node):
                finite = node
        if m.when or not m.reported_on:
            continue
        clause = m.trigger if m.trigger.pos_ == "VERB" and _finite(m.trigger) else finite or m.trigger
        if _just_done(clause):
            m.when = m.reported_on


def _finite(verb: Token) -> bool:
    """A verb with its own tense ("won", "has won"), not an infinitive ("to export")."""
    return verb.tag_ in ("VBD", "VBZ", "VBP") or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ != "TO" for c in verb.children)


def _just_done(verb: Token) -> bool:
    """"has received", "have been delivered", "delivers", "is delivering": the present, or the
    perfect of the present, whose day is the day of the report."""
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(c.lower_ in WORDS.modal_auxiliaries for c in aux):
        return False   # "will deliver": a date to come, not the report's
    if any(c.lower_ in WORDS.present_perfect for c in aux):
        return True
    return not aux and verb.tag_ in ("VBZ", "VBP")
