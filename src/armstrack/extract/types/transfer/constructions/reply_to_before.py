"""reply_to_before: "Ukraine asked Germany for Taurus missiles. Berlin refused."."""
from __future__ import annotations

from dataclasses import replace

from .....records import EventType, Realis, Status
from ....construction import construction
from ....context import SentenceContext
from ....lexicon import words
from ....mention import Mention
from ..common import PARTY_ROLES

WORDS = words("constructions/transfer", "reply_to_before")
SPEECH = words("frames", "modality").speech_verbs
# the statuses an answer to a request or an offer gives it
ANSWERS = ("agreed", "suspended", "refused", "cancelled")


@construction(EventType.TRANSFER, "sentence", 50, "reply_to_before")
def reply_to_before(here: SentenceContext) -> None:
    """"Ukraine asked Germany for Taurus missiles. Berlin refused." / "Berlin later agreed to send
    them.": a sentence that only answers, its subject a side of the transfer just before, moves
    that transfer's status. The answer is the sentence's main verb, a status word, with no
    object of its own but a pronoun."""
    answer = _answer(here)
    if answer is not None:
        here.read.append(answer)
    here.read.extend(_answers_within(here))


def _answers_within(here: SentenceContext) -> list[Mention]:
    """"Kyiv has requested Taurus missiles from Berlin, but Germany has so far refused": a
    clause coordinated with a transfer's verb that only answers it, its subject a side."""
    frames, out = here.frames, []
    for m in [m for m in here.read if m.type == EventType.TRANSFER]:
        for verb in (c for c in m.trigger.children if c.dep_ == "conj" and c.pos_ == "VERB"):
            status = frames.status_word(verb)
            if status not in ANSWERS or \
                    any(c.dep_ in ("neg", "dobj", "xcomp", "ccomp") for c in verb.children):
                continue
            speaker = {a.state or a.id for a in frames.actors(frames.subject_of(verb)) if a.id}
            sides = {f.state or f.id for r in PARTY_ROLES for f in m.roles.get(r) or []}
            if speaker and speaker <= sides:
                out.append(_answering(frames, m, verb, m.sent, status))
    return out


def _answer(here: SentenceContext) -> Mention | None:
    sent, read, earlier, number, frames = here.sent, here.read, here.earlier, here.number, here.frames
    if any(m.type == EventType.TRANSFER for m in read):
        return None
    root = sent.root
    status = frames.status_word(root)
    if status not in ANSWERS or any(c.dep_ == "neg" for c in root.children):
        return None
    if any(c.dep_ == "xcomp" and c.lemma_.lower() in SPEECH for c in root.children):
        return None  # "Houthi officials declined to comment.": no answer to the request
    pronouns = WORDS.answer_objects
    objects = [t for c in root.children if c.dep_ in ("dobj", "xcomp", "ccomp") for t in c.subtree
               if t.dep_ in ("dobj", "pobj") or c.dep_ == "dobj"]
    if any(t.lower_ not in pronouns and t.pos_ not in ("PRON", "DET") and t.lemma_.lower() not in WORDS.answered_nouns
           for t in objects):
        return None
    speaker = {a.id for a in frames.actors(frames.subject_of(root)) if a.id}
    for prev in reversed(earlier):
        if prev.type != EventType.TRANSFER:
            continue
        if number[sent.start] - number[prev.sent.start] != 1:
            break
        sides = {f.state or f.id for r in PARTY_ROLES for f in prev.roles.get(r) or []}
        if speaker and speaker <= sides:
            return _answering(frames, prev, root, sent, status)
    return None


def _answering(frames, m: Mention, verb, sent, status: str) -> Mention:
    """The answer as a report of `m`'s transfer of its own, in the answering verb's words."""
    answer = replace(m, trigger=verb, sent=sent, status=Status(status), hedges=[], sources=[],
                     confirmed_by=[], denied_by=[], more_items=[], roles={k: list(v) for k, v in m.roles.items()})
    answer.realis = Realis.PLANNED if answer.status == Status.AGREED else Realis.ACTUAL
    frames.attribution(answer)
    return answer
