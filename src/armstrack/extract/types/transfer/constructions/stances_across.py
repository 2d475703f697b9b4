"""stances_across: "Iran shipped drones to Sudan, reports said. Tehran denied the reports"."""
from __future__ import annotations

from .....records import EventType, StatementKind
from ....construction import construction
from ....context import ArticleContext
from ....frames import FrameReader
from ....lexicon import words
from ....mention import Mention
from ..common import PARTY_ROLES

WORDS = words("constructions/transfer", "stances_across")


@construction(EventType.TRANSFER, "article", 10, "stances_across")
def stances_across(whole: ArticleContext) -> None:
    """A denial or confirmation in its own sentence that points back at a report: "Iran shipped
    drones to Sudan, reports said. Tehran denied the reports", "North Korea denies the
    accusation", or a headline over the body ("Iran denies arming Russia" above "Iran has
    supplied drones to Russia, officials said"). It marks the transfers its speaker is a party
    to: in the two sentences before it, or, from the headline, in the whole article.

    A denial in a sentence of its own is a report of its own (issue 23): the allegation keeps
    its sources and stays asserted, and the denial is a second mention of the transfer, in the
    speaker's sentence, which the transfer's merge policy keeps apart (types/transfer/group.py). "Moscow and Pyongyang denied any arms dealings" denies for both,
    "any arms dealings" pointing back as "the reports" does."""
    frames, number = whole.frames, whole.number
    report_nouns = frames.lex.report_nouns | set(frames.lex.section("statement")["pointing_words"]) | \
        WORDS.pointing_objects
    transfers = [m for m in whole.mentions if m.type == EventType.TRANSFER and not m.negated]
    for s in list(whole.mentions):
        if s.type != EventType.STATEMENT or s.kind not in (StatementKind.DENY, StatementKind.CONFIRM) or s.negated:
            continue
        objects = [c for c in s.trigger.children if c.dep_ in ("dobj", "ccomp", "xcomp", "pcomp")]
        pointing = not objects or any(o.lemma_.lower() in report_nouns or o.lower_ in report_nouns or
                                      _any_dealings(o) or _transfers_before(o) for o in objects)
        headline = _is_headline(s, frames, number)
        if not (pointing or headline):
            continue
        speaker = {f.id for f in s.roles.get("speaker") or [] if f.id} | _joint_speakers(s, frames)
        if not speaker:
            continue
        for t in transfers:
            if _points_at(s, t, number, objects=objects, pointing=pointing, headline=headline):
                if t.sent.start == s.sent.start or s.kind == StatementKind.CONFIRM:
                    # one sentence, one report ("X received Y, Z denied"); a confirmation
                    # confirms the report it points at
                    _mark(s, t, speaker)
                else:
                    _own_report(s, t, speaker, whole.mentions)


def _any_dealings(obj) -> bool:
    """"denied any arms dealings", "rejected all such transfers": a blanket object points back."""
    return any(c.dep_ == "det" and c.lower_ in WORDS.blanket_determiners for c in obj.children)


def _transfers_before(obj) -> bool:
    """"Pyongyang and Moscow deny the transfers", "Tehran denied such shipments": a transfer noun
    that a determiner points back with, and that says nothing of its own of what or to whom."""
    return obj.lemma_.lower() in WORDS.transfer_nouns_back and \
        any(c.dep_ in ("det", "amod", "predet") and c.lower_ in WORDS.back_determiners for c in obj.children) and \
        not any(c.dep_ == "prep" for c in obj.children)


def _joint_speakers(s: Mention, frames: FrameReader) -> set[str]:
    """"Moscow and Pyongyang denied": every conjoined subject speaks (the STATEMENT keeps one)."""
    subject = next((c for c in s.trigger.children if c.dep_ == "nsubj"), None)
    return {a.id for a in frames.actors(subject) if a.id} if subject is not None else set()


def _own_report(s: Mention, t: Mention, speaker: set, mentions: list[Mention]) -> None:
    """The speaker's denial of `t`'s transfer as a mention of its own, in the speaker's
    sentence, right after `t` (so it joins `t`'s transfer, as a report apart)."""
    sides = {f.state or f.id for r in PARTY_ROLES for f in t.roles.get(r) or []}
    if not speaker & sides:
        return
    m = Mention(EventType.TRANSFER, s.trigger, s.sent, roles={r: list(x) for r, x in t.roles.items()},
                status=t.status, quantity=t.quantity, realis=t.realis, main=t.main)
    m.denied_by.extend(sorted(speaker))
    mentions.insert(mentions.index(t) + 1, m)


def _is_headline(s: Mention, frames: FrameReader, number: dict[int, int]) -> bool:
    """The first line, standing alone and with no full stop, is the headline."""
    line = frames.doc.text[s.sent.start_char:s.sent.end_char]
    ending = line[len(line.rstrip()):] + frames.doc.text[s.sent.end_char:s.sent.end_char + 1]
    return number[s.sent.start] == 0 and line.rstrip()[-1:] not in ".!?\"'" and "\n" in ending


def _points_at(s: Mention, t: Mention, number: dict[int, int], *, objects: list, pointing: bool,
               headline: bool) -> bool:
    here, there = number[s.sent.start], number[t.sent.start]
    if t.sent.start == s.sent.start:
        # "Moscow delivered Pantsir systems to Mali, the Malian government denied": a bare
        # denial the parser joins to the transfer's clause
        joined = not objects and s.trigger.dep_ in ("conj", "parataxis") and s.trigger.head.i == t.trigger.i
        # "Russia shipped tanks to Eritrea, the Eritrean government said, denying it"
        beside = pointing and objects and s.trigger.dep_ == "advcl" and t.trigger.head.i == s.trigger.head.i
        return bool(joined or beside)
    return (headline and there > here) or (pointing and 0 < here - there <= 2)


def _mark(s: Mention, t: Mention, speaker: set) -> None:
    """The speaker's denial or confirmation on a transfer the speaker is a party to."""
    sides = {f.state or f.id for r in PARTY_ROLES for f in t.roles.get(r) or []}
    if not speaker & sides:
        return
    marks = t.denied_by if s.kind == StatementKind.DENY else t.confirmed_by
    for who in sorted(speaker - set(marks)):
        marks.append(who)
