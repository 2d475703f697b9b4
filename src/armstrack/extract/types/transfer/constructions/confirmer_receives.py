"""confirmer_receives: "The Polish defence ministry confirmed that South Korea had delivered the tanks";
confirmer_gives: "Israel's defence ministry confirmed the sale of Barak-8 systems to Morocco"."""
from __future__ import annotations

from .....records import EventType, StatementKind
from ....construction import construction
from ....context import SentenceContext
from ....lexicon import words
from ..common import is_state_id

WORDS = words("constructions/transfer", "confirmer_gives")


def _confirmed_by_a_state(here: SentenceContext):
    """(state, transfer) for each transfer of the sentence inside a confirmation by one state."""
    frames = here.frames
    for s in here.read:
        if s.type != EventType.STATEMENT or s.kind != StatementKind.CONFIRM or s.negated:
            continue
        speaker = [f for f in s.roles.get("speaker") or [] if f.id]
        if len(speaker) != 1 or not is_state_id(frames, speaker[0].id):
            continue
        inside = {t.i for t in s.trigger.subtree}
        for t in here.read:
            if t.type == EventType.TRANSFER and t.trigger.i in inside:
                yield speaker[0], t


@construction(EventType.TRANSFER, "sentence", 20, "confirmer_receives")
def confirmer_receives(here: SentenceContext) -> None:
    """"The Polish defence ministry confirmed that South Korea had delivered the tanks": a state
    confirming a delivery by another that names no recipient is the recipient. (An arms company
    confirming a delivery by no one named is its supplier; see `Stance.statements_over`.)"""
    for state, t in _confirmed_by_a_state(here):
        if not t.roles.get("recipient") and t.roles.get("supplier") and state.id not in {f.state or f.id for f in t.roles["supplier"]}:
            t.roles["recipient"] = [state]


@construction(EventType.TRANSFER, "sentence", 21, "confirmer_gives")
def confirmer_gives(here: SentenceContext) -> None:
    """"Israel's defence ministry confirmed the sale of Barak-8 systems to Morocco", "Turkish
    officials confirmed that Bayraktar drones had been delivered to Niger": a state confirming a
    sale or delivery to another that names no giver is the giver (the buyer's confirmation is
    `confirmer_receives`)."""
    frames = here.frames
    lex = frames.lex
    for state, t in _confirmed_by_a_state(here):
        if t.roles.get("supplier") or not t.roles.get("recipient"):
            continue
        lemma = t.trigger.lemma_.lower()
        entry = (lex.transfer_nouns if t.trigger.pos_ in ("NOUN", "PROPN") else lex.transfer_verbs).get(lemma) or {}
        item = t.first("item")
        made = getattr(frames.kb.get(item.id), "country", None) if item is not None and item.id else None
        # a sale is confirmed by its seller; a delivery only by the state that makes the item
        # ("The U.S. confirmed that missiles had been delivered to Russia" names no giver)
        if (entry.get("class") in WORDS.selling_classes or made == state.id) and \
                state.id not in {f.state or f.id for f in t.roles["recipient"]}:
            t.roles["supplier"] = [state]
