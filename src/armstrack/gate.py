"""The relevance gate: a cheap pass over raw text that decides what the parser reads.

Most news has nothing to do with arms, and the statistical parse is nearly all of armstrack's
time. The gate reads the text with no parser: the knowledge base's phrase matcher (weapon
systems and their category heads) and the word lists of `armstrack.extract.lexicon` (every
word of every event type's trigger file, and the materiel words), looked up by word form. It
reads those at run time, so a word the extractors learn is a word the gate keeps.

`scope="transfers"` (the default): a transfer needs its trigger and an item in that sentence,
the one before or (what a package includes) the one after, so an article where no transfer
word has a weapon name or a materiel phrase in those sentences cannot hold one (sentences, not
a count of words: a window of 120 words back and 80 on kept 22 more bbc_news articles, and
19 % more text, for nothing). In an article that can, the parser reads each sentence where a
transfer can be with all the text before it (coreference reads back), and, with the two
sentences before each, the sentences naming an item (an attack links to a transfer by its
weapon) and the meeting, sanction and statement sentences naming a known actor (they link by
the parties). An article with no transfer can still hold what links to a claim reported
elsewhere (claims/links.py): an attack with its weapon and attacker, kept when an attack word,
an item and an actor share a sentence, and a meeting of two parties, kept when a meeting word
and two actors do in an article that names an item. The rest is stored unparsed. `scope="all"` parses everything.
Sentences are split cautiously (a split the parser would not make only joins two sentences
into one unit), and the kept ones are joined as paragraphs. The transfers are the ones a
whole-text parse finds, and so are the links of the events that link to claims (what decides a
link, `claims.links.link_key`): tests/test_gate.py and bench/gate_check.py compare them on
every corpus.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable

from . import eventtypes
# the gate's mark on a stored article, kept by the store (the one door to the database)
from .store.articles import gated_articles, mark_gated  # noqa: F401

SCOPES = ("transfers", "all")
CONTEXT = 2          # sentences before a hit that go with it
WINDOW = 15          # words between a materiel head and the materiel word that makes it one
# transfer word lists of a lexicon that predates the per-type files
_OLD_TRANSFER_FIELDS = ("destination_participles", "receiving_support_verbs", "content_nouns",
                        "user_verbs", "interdiction_verbs", "production_verbs", "licence_nouns")
_WORD = re.compile(r"[a-z][a-z'\-]*")
_PARAGRAPH = re.compile(r"\n[ \t]*\n\s*")
# schema keys of the type files, not words a text would hold
LINKING = ("meeting", "sanction", "statement")
# keys (or parts of keys) of the lists that hold trigger words
TRIGGER_KEYS = ("verbs", "nouns", "confirm", "deny", "warn", "accuse", "mediation", "statement")
_KEYS = frozenset({"frame", "class", "status", "get_without_to"})
ITEM_KINDS = ("generic", "weapon")   # the knowledge base's kinds whose names are items


@dataclass(frozen=True)
class Plan:
    """What the parser reads of one text: `text`, and for each of its characters the offset in
    the original (`origin`, None when the text goes whole)."""

    text: str
    origin: list[int] | None
    kept: int           # paragraphs kept
    total: int          # paragraphs in the text

    @property
    def skipped(self) -> bool:
        return not self.text

    @property
    def gated(self) -> bool:
        """True when the parser reads less than the whole text."""
        return self.origin is not None


def _forms(word: str) -> set[str]:
    """Inflected forms of a lemma, over-generated (a form no text holds costs nothing)."""
    out = {word, word + "s", word + "es", word + "ed", word + "d", word + "ing", word + "'s"}
    if word.endswith("e"):
        out |= {word[:-1] + "ing", word[:-1] + "ed"}
    if word.endswith("y"):
        out |= {word[:-1] + "ies", word[:-1] + "ied"}
    if len(word) > 2 and word[-1] not in "aeiouwy":
        out |= {word + word[-1] + "ed", word + word[-1] + "ing"}
    return out


@lru_cache(maxsize=1)
def _irregular() -> dict[str, set[str]]:
    """lemma -> irregular forms ("sold", "sent", "bought"), from the English model's own
    lemmatizer exception tables (read from disk; the model is not loaded)."""
    import importlib.util
    from pathlib import Path

    from spacy.lookups import Lookups

    from .nlp.pipeline import model_name

    out: dict[str, set[str]] = {}
    try:
        base = Path(importlib.util.find_spec(model_name()).origin).parent
        folder = next(base.glob("*/lemmatizer/lookups"))
        table = Lookups().from_disk(folder).get_table("lemma_exc")
    except (StopIteration, OSError, KeyError, AttributeError):
        return out
    for pos in ("verb", "noun"):
        for form, lemmas in (table.get(pos) or {}).items():
            for lemma in lemmas:
                out.setdefault(lemma.lower(), set()).add(form.lower())
    return out


def _strings(node: object, skip: Callable[[str], bool] = lambda key: False) -> Iterable[str]:
    """Every word of a YAML structure: list items, mapping keys, string values; a mapping entry
    whose key `skip` names is left out with everything under it."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            if isinstance(key, str) and skip(key):
                continue
            if isinstance(key, str) and key not in _KEYS:
                yield key
            if not isinstance(value, (bool, int, float)):
                yield from _strings(value, skip)
    elif isinstance(node, (list, tuple, set, frozenset)):
        for item in node:
            yield from _strings(item, skip)


def _trigger_lists(section: dict) -> Iterable[str]:
    """The words of an event type's file that can be its trigger: its verb and noun lists and
    the kinds of statement, not the words that fill its roles (places, victims, prepositions)."""
    for key, value in section.items():
        if any(part in key for part in TRIGGER_KEYS):
            yield from _strings(value, _not_words)


def _not_words(key: str) -> bool:
    return "prep" in key


def _noun_forms(word: str) -> set[str]:
    out = {word, word + "s", word + "es", word + "'s"}
    if word.endswith("y"):
        out.add(word[:-1] + "ies")
    return out


def _words(phrases: Iterable[str], forms: Callable[[str], set[str]] = _forms) -> set[str]:
    """The word forms of lexicon entries; a phrase counts by each of its words of 3+ letters."""
    irregular = _irregular()
    out: set[str] = set()
    for phrase in phrases:
        for word in _WORD.findall(phrase.lower()):
            if len(word) >= 3 or phrase.lower() == word:
                out |= forms(word) | irregular.get(word, set())
    return out


def _materiel_words(lex) -> set[str]:
    """The words without which the transfer reader finds no item: a weapon name or category head
    (the knowledge base), else a materiel head only counts with a materiel word beside it
    ("military aid", "nuclear assistance") or a weapon word in its purpose phrase ("technology
    for its missile programme"); see extract/frames.py, `FrameReader.item`."""
    from .extract import frames

    words = set(getattr(lex, "materiel_words", ()))
    for name in ("WEAPON_PURPOSE_WORDS", "NUCLEAR_WORDS"):
        words |= set(getattr(frames, name, ()))
    return words


class Gate:
    """Built once per process (`gate()`); `plan(text)` is a pure function of the text."""

    def __init__(self, *, kb_dirs: Iterable[str] = ()):
        from .extract.lexicon import lexicon
        from .resolve.kb import load_kb

        lex = lexicon()
        self.kb = load_kb(list(kb_dirs))
        sections = getattr(lex, "sections", None)
        if sections:  # the trigger lists of every event type's own file
            trigger_words = [w for section in sections.values() for w in _trigger_lists(section)]
        else:  # an older lexicon without per-type files: its trigger fields
            trigger_words = [w for name in lex.__dataclass_fields__ if any(p in name for p in TRIGGER_KEYS)
                             for w in _strings(getattr(lex, name), _not_words)]
        self.materiel = _words(_materiel_words(lex))
        self.heads = _words(_strings(getattr(lex, "materiel_heads", ())))
        self.triggers = _words(trigger_words) | self.materiel
        if sections and "transfer" in sections:
            # what a transfer mention starts on (extract/types/transfer/reader.py): its verbs and
            # nouns ("took possession" too), "bound for" and "Iranian-made" participles, licensed
            # production
            starts = ("verbs", "nouns", "taken_nouns", "licensed_production")
            self.transfer = _words(w for key, value in sections["transfer"].items()
                                   if key in starts or key.endswith("participles")
                                   for w in _strings(value, _not_words))
        else:
            self.transfer = _words(w for name in lex.__dataclass_fields__ if name.startswith("transfer")
                                   or name in _OLD_TRANSFER_FIELDS for w in _strings(getattr(lex, name), _not_words))
        self.triggers |= self.transfer  # every transfer word is a trigger (recall first)
        # the types whose events link to a transfer by its parties (meetings) or by what they are
        # about (sanctions, statements); attacks link by their weapon, an item word
        if sections:
            linking = [w for name, section in sections.items() if name in LINKING for w in _trigger_lists(section)]
        else:
            linking = [w for name in lex.__dataclass_fields__ if name.startswith(LINKING) or name == "mediation"
                       for w in _strings(getattr(lex, name), _not_words)]
        self.linking = _words(linking)
        # with no transfer in its article, a meeting links to a claim by its two parties: the
        # words that start one (extract/types/meeting/reader.py, `read`), verbs as verbs and nouns as
        # nouns ("according" is no form of the noun "accord")
        meeting = lex.section("meeting")
        self.meeting = _words(v for v in lex.meeting_verbs if v not in meeting["carrier_lemmas"]) | _words(
            (n for n in lex.meeting_nouns if n not in meeting["talks_heads"]), forms=_noun_forms)
        # the words of the types added as packages (`TypeSpec.gate_words`): their sentences are kept
        self.own = _words(w for spec in eventtypes.specs() for w in spec.gate_words)
        # and an attack by its attacker and weapon
        if sections and "attack" in sections:
            self.attack = _words(_trigger_lists(sections["attack"]))
        else:
            self.attack = _words(w for name in lex.__dataclass_fields__ if name.startswith("attack")
                                 for w in _strings(getattr(lex, name), _not_words))

    def weapons(self, text: str) -> list[int]:
        """Where the knowledge base's matcher (the one the kb_ruler runs) finds a weapon system
        or a category head: their start offsets."""
        return [m.start for m in self.kb.match(text)
                if any(getattr(self.kb.get(e), "kind", None) in ITEM_KINDS for e in m.entity_ids)]

    def mentions(self, text: str, found: list[re.Match]) -> tuple[list[int], list[tuple[int, frozenset]]]:
        """Word positions of items and of actors. Items are where the transfer reader could find
        one: a weapon name or category head (the knowledge base's matcher, the one the kb_ruler
        runs), or a materiel head with a materiel word within WINDOW words ("military aid",
        "help with its nuclear programme"; the reader looks eight tokens into the phrase).
        Actors are the knowledge base's states, organisations, armed groups and companies, each
        with the ids its name can stand for."""
        words = [m[0] for m in found]
        marks = [i for i, w in enumerate(words) if w in self.materiel]
        items, actors = [], []
        if marks:
            items = [h for h, w in enumerate(words) if w in self.heads
                     and any(abs(h - m) <= WINDOW for m in marks[bisect.bisect_left(marks, h - WINDOW):][:1])]
        starts = [m.start() for m in found]
        for match in self.kb.match(text):
            kinds = {getattr(self.kb.get(e), "kind", None) for e in match.entity_ids}
            at = max(0, bisect.bisect_right(starts, match.start) - 1)
            if kinds & set(ITEM_KINDS):
                items.append(at)
            if kinds - {*ITEM_KINDS, None}:
                actors.append((at, frozenset(match.entity_ids)))
        return sorted(items), actors

    def names_item(self, text: str) -> bool:
        """Whether the text names an item as `mentions` finds them: the articles where the gate
        reads a meeting with no transfer."""
        return bool(self.mentions(text, list(_WORD.finditer(text.lower())))[0])

    def _nothing_to_read(self, text: str, words: set[str]) -> bool:
        """True when `plan` would keep no sentence because the text has no transfer, attack or
        meeting word, or no item at all: no materiel word (which every item that is no name
        needs, see `mentions`) and no word the knowledge base's weapon and category names can
        start with. Set tests and one regular expression, in C: most news stops here, before
        any per-word work."""
        if not self.own.isdisjoint(words):
            return False
        if self.transfer.isdisjoint(words) and self.attack.isdisjoint(words) and self.meeting.isdisjoint(words):
            return True
        return self.materiel.isdisjoint(words) and not self.kb.may_match(text, ITEM_KINDS)

    def plan(self, text: str, *, scope: str = "transfers") -> Plan:
        """Which sentences of `text` the parser reads under `scope`."""
        if scope not in SCOPES:
            raise ValueError(f"unknown scope {scope!r}; use one of {', '.join(SCOPES)}")
        spans = units(text)
        if scope == "all" or not spans:
            return Plan(text, None, len(spans), len(spans))
        lower = text.lower()
        if self._nothing_to_read(text, set(_WORD.findall(lower))):
            return Plan("", [], 0, len(spans))
        found = list(_WORD.finditer(lower))
        items, actors = self.mentions(text, found)

        starts = [a for a, _ in spans]

        def unit(word: int) -> int:
            return bisect.bisect_right(starts, found[word].start()) - 1

        words: list[set[str]] = [set() for _ in spans]
        for n, m in enumerate(found):
            words[unit(n)].add(m[0])
        named: list[set[frozenset]] = [set() for _ in spans]
        for at, ids in actors:
            named[unit(at)].add(ids)
        with_item = {unit(i) for i in items}
        own = {i for i, w in enumerate(words) if w & self.own}
        # the reader takes a transfer's item from the trigger's sentence or the one before
        # (FrameReader.item_antecedent), and what a package includes from the one after; units
        # never cut a sentence of the parser's, so the unit before, the trigger's own and the
        # one after hold those three sentences
        transfers = [t for t, m in enumerate(found) if m[0] in self.transfer
                     and not with_item.isdisjoint((unit(t) - 1, unit(t), unit(t) + 1))]
        if transfers:
            # sentences where a transfer can be, where an item is (an attack with the weapon
            # links by it), and the meetings, sanctions and statements that name an actor (they
            # link to a transfer in the same article by one party)
            hits = with_item | own | {i for i, w in enumerate(words) if named[i] and w & self.linking}
            # a transfer's sentence keeps all the text before it: coreference may take its
            # parties from anywhere earlier ("it" -> a state named ten sentences back), and an
            # earlier sentence dropped could have been the nearer antecedent
            keep = set(range(max(unit(t) for t in transfers) + 1))
        else:
            # no transfer here, but what links to one reported elsewhere (claims/links.py): an
            # attack with its weapon and attacker (an attack word, an item and an actor in one
            # sentence), a meeting of two parties (a meeting word and two actors in one
            # sentence). Meetings only where the article names an item: a meeting links by its
            # parties alone, and two states' energy talks or a football fixture would cost the
            # parse of most world news (AG News: 2.9 % of the text parsed became 7.9 %)
            attacks = {i for i in with_item if words[i] & self.attack and named[i]}
            meetings = {i for i, w in enumerate(words)
                        if w & self.meeting and len(named[i]) >= 2} if with_item else set()
            hits, keep = attacks | meetings | own, set()
            if not hits:
                return Plan("", [], 0, len(spans))
        for i in hits:
            keep.update(range(max(0, i - CONTEXT), i + 1))
        if len(keep) == len(spans):
            return Plan(text, None, len(spans), len(spans))
        return _cut(text, spans, sorted(keep))


# a sentence end inside a paragraph: . ! or ? (and closing quotes or brackets), space, then what
# opens a sentence; not after an initial or a short capitalised abbreviation ("J. Smith",
# "Gen. Ali", "U.S. troops"), which the parser would not end a sentence at
_SENTENCE_END = re.compile(r"""(?<=[.!?])(["'\u201d\u2019)\]]*)[ \t]+(?=["'\u201c\u2018(]?[A-Z0-9])""")
_ABBREVIATION = re.compile(r"(?:\b[A-Z][A-Za-z]{0,2}|\b(?:[A-Za-z]\.)+[A-Za-z]?)\.$")


def units(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, by a cautious split of each paragraph: what the gate
    keeps or drops. A split the parser would not make only joins two sentences into one unit."""
    out = []
    for a, b in paragraphs(text):
        start = a
        for gap in _SENTENCE_END.finditer(text, a, b):
            if _ABBREVIATION.search(text, max(a, gap.start() - 12), gap.start()):
                continue
            end = gap.start()
            while end > start and text[end - 1] in "\"'”’)]":
                end -= 1
            if text[end - 1:end] not in ".!?":
                end = gap.start()
            out.append((start, gap.start() + len(gap[1])))
            start = gap.end()
        out.append((start, b))
    return out


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: text between blank lines."""
    out, start = [], 0
    for gap in _PARAGRAPH.finditer(text):
        if gap.start() > start:
            out.append((start, gap.start()))
        start = gap.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


def _cut(text: str, spans: list[tuple[int, int]], keep: list[int]) -> Plan:
    """The kept paragraphs: runs of neighbours as they stand in the text, runs joined by a
    blank line (so the parser sees a paragraph break where one was)."""
    runs: list[tuple[int, int]] = []
    for i in keep:
        if runs and i == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    pieces, origin = [], []
    for n, (first, last) in enumerate(runs):
        a, b = spans[first][0], spans[last][1]
        if n:
            pieces.append("\n\n")
            origin += [a - 2, a - 1]  # the break stands for the one before this run
        pieces.append(text[a:b])
        origin += range(a, b)
    return Plan("".join(pieces), origin, len(keep), len(spans))


@lru_cache(maxsize=4)
def gate(kb_dirs: tuple[str, ...] = ()) -> Gate:
    """The gate for a knowledge-base setting, built once per process."""
    return Gate(kb_dirs=kb_dirs)
