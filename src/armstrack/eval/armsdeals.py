"""The arms_deals corpus: defence trade press with each article's arms deals annotated by hand.

The corpus (``../shared/corpora/arms_deals``, SOURCE.md there) is one JSON file per article:
``{"filename", "text", "labels": [{"start", "end", "tag", "text"}]}``. An ``Answer`` label marks a
clause that states a deal; the ``Seller``, ``Seller Country``, ``Buyer``, ``Buyer Country``,
``Weapon``, ``Quantity``, ``Price`` and ``Date`` labels inside it are that deal's parts. An article
with no ``Answer`` holds no deal. The file name also gives the article's deal as country codes:
``<date>_<source>_<title>_A_<recipient>_B_<supplier>`` (``armsdeals_codes.yaml`` maps them).

What is scored (``evaluate_armsdeals``); every TRANSFER of an article counts, wherever it is read:

Deal detection
    deal articles with at least one TRANSFER found, of the articles with a deal; false detection:
    the same share on articles with no deal (which may still mention an older transfer).
Article deals (SOURCE.md's yardstick)
    each deal article whose file name gives both parties as states: **full** when one TRANSFER has
    that supplier and that recipient, **partial** when at least one TRANSFER has the supplier as
    supplier or the recipient as recipient (full included). A party of ours is compared as its
    state: a state is itself, a company is its knowledge-base ``country``.
Annotated deals
    each ``Answer`` clause with a seller and a buyer annotated, full and partial as above, in two
    readings. *State level*: a side is right when we name the party itself or its state (the
    ``... Country`` label, else the state the knowledge base gives the party: "the Indian Navy"
    -> IND, "Turkish shipbuilder Dearsan" -> TUR, else for a lone party of no known state the
    file name's state of that side). *As annotated*: a firm is right only when we name that firm
    (its knowledge-base id, or its name when the knowledge base does not know it); a state or a
    service is right when we name the state (or a company of it: claims pair a company as its
    state). Several sellers (or buyers) of one clause are alternatives. A clause whose two sides
    are the same state is domestic (not a transfer of ours: issue 23) and is left out of the
    pairs, as is a file name that names one state twice.
Pair precision
    on deal articles, the distinct supplier-recipient pairs of the TRANSFERs that name both sides
    (resolved or not): right when an annotated deal of the article (the file name's or a
    clause's) matches at state level; not judged when it matches the one annotated side of a
    clause or file name that gives only one; otherwise wrong (so is a state paired with itself,
    and a side we did not resolve, "the RTN", unless it names an annotated firm). Articles with
    no deal are left out (the annotator did not mark old transfers there), so the false
    detection rate stands in for them.
Status
    the annotation has no status label. The clause's own verbs give one (``clause_statuses``: "will
    receive" agreed, "took delivery" delivered or delivering, "approved the sale" approved, "in talks"
    negotiating, "intends to buy" considered or requested ...); a clause with none is not scored.
    Scored on the annotated deals found in full, by the TRANSFERs that match the pair and are read
    from a sentence overlapping the clause: right when one of them has a status the verbs allow.

Gold sides are resolved through the knowledge base of the run (its version is in the report's
setting), so a firm the base learns moves from a name match to an id match.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Sequence

import numpy as np

from .datasets import GoldDoc

_NAME_CODES = re.compile(r"_A_([A-Za-z]+)(?:_B_([A-Za-z]+))?$")


# --------------------------------------------------------------------------------------------------
# Gold parties


@dataclass(frozen=True, slots=True)
class Party:
    """One side of a deal as annotated: its text, what it is, its id and its state.

    ``kind`` is "state" (a state, or a service or ministry of one), "company" (a firm the
    knowledge base knows), "organisation", "firm" (a named organisation the knowledge base does
    not know) or "unknown"; ``id`` is our actor id where there is one; ``state`` the state id
    (the ``... Country`` label where given, else the party's own); ``key`` the distinctive words
    of its name, to match a firm nobody resolved."""

    text: str
    kind: str
    id: str | None = None
    state: str | None = None
    key: frozenset[str] = frozenset()
    start: int = -1               # the label's offsets in the article, where there is a label
    end: int = -1

    def label(self) -> str:
        """Its id, else its kind and state ("firm:TUR"): no corpus text."""
        return self.id or (f"{self.kind}:{self.state}" if self.state else self.kind)


# Words that leave a party a state when they are all that remains besides the state's name: a
# service, a ministry, a government ("the Royal Thai Navy", "Egypt's military")
_SERVICE_WORDS = frozenset("""
navy navies naval army armies air force forces airforce military militaries armed special
government governments ministry ministries department defence defense of the and for s
coast guard guards marine marines corps police border national royal republic federal state
people peoples federation administration state department congress troops aviation
kingdom emiri emirati command nation country sides side authorities authority regime cabinet
procurement agency agencies
""".split())
# Words that do not tell one firm from another
_GENERIC_WORDS = _SERVICE_WORDS | frozenset("""
company companies firm firms group corporation corp inc ltd limited co plc llc sa ag gmbh spa
shipbuilder shipbuilders shipyard shipyards maker makers manufacturer manufacturers contractor
industries industry systems based owned subsidiary joint venture jv a an its their
""".split())


@lru_cache(maxsize=1)
def _kb():
    from ..resolve.kb import load_kb

    return load_kb()


@lru_cache(maxsize=1)
def _codes() -> dict[str, str | None]:
    from ..resources import load_yaml

    return dict(load_yaml("eval/armsdeals_codes.yaml")["codes"])


@lru_cache(maxsize=1)
def _iso3() -> frozenset[str]:
    return frozenset(e.id for e in _kb().entities.values() if e.kind == "state")


def code_to_actor(code: str | None) -> str | None:
    """Our actor id for a file-name country code ("FRG" -> "DEU", "USA" -> "USA"), or None."""
    if not code:
        return None
    table = _codes()
    if code in table:
        return table[code]
    return code if code in _iso3() else None


def _chunks(text: str) -> list[str]:
    from ..resolve.kb import chunks

    return list(chunks(text))


@lru_cache(maxsize=20_000)
def name_key(text: str) -> frozenset[str]:
    """The distinctive words of a name: no state or organisation names and demonyms, no
    parenthesised acronyms, no generic words ("Turkish shipbuilder Dearsan" -> {"dearsan"})."""
    kb = _kb()
    kept = list(text)
    for m in kb.match(text):
        if all((e := kb.get(i)) is not None and e.kind in ("state", "organisation") for i in m.entity_ids):
            kept[m.start:m.end] = " " * (m.end - m.start)
    plain = re.sub(r"\([^)]*\)", " ", "".join(kept))
    return frozenset(c for c in _chunks(plain) if c not in _GENERIC_WORDS and not c.isdigit())


def state_of(actor_id: str | None) -> str | None:
    """An actor's state: a state is itself, a company its country, anything else itself."""
    if not actor_id:
        return None
    entity = _kb().get(actor_id)
    if entity is not None and entity.kind == "company":
        return entity.country or actor_id
    return actor_id


def resolve_party(text: str) -> Party:
    """A gold party from its annotated text: what it is, its id and its state."""
    kb = _kb()
    text = " ".join(text.split())
    exact = {a.entity_id for a in kb.lookup(text)}
    if len(exact) == 1:
        entity = kb.get(exact.pop())
        if entity is not None and entity.is_actor:
            kind = {"state": "state", "company": "company"}.get(entity.kind, "organisation")
            return Party(text, kind, entity.id, state_of(entity.id), name_key(text))
    matches = [m for m in kb.match(text) if len(m.entity_ids) == 1]
    entities = [(m, kb.get(m.entity_ids[0])) for m in matches]
    companies = [(m, e) for m, e in entities if e is not None and e.kind == "company"]
    if companies:
        m, e = companies[0]
        return Party(text, "company", e.id, e.country, name_key(text))
    states = [(m, e) for m, e in entities if e is not None and e.kind in ("state", "organisation")]
    key = name_key(text)
    if states:
        state = states[0][1].id
        if not key:
            return Party(text, "state", state, state, key)
        return Party(text, "firm", None, state, key)
    return Party(text, "firm" if key else "unknown", None, None, key)


def _state_in(text: str) -> str | None:
    """The one state a ``... Country`` label names ("U.S." -> USA, "Russian" -> RUS), or None."""
    kb = _kb()
    ids = {a.entity_id for a in kb.lookup(text)}
    if not ids:
        ids = {m.entity_ids[0] for m in kb.match(text) if len(m.entity_ids) == 1}
    states = {i for i in ids if (e := kb.get(i)) is not None and e.kind in ("state", "organisation")}
    return states.pop() if len(states) == 1 else None


# --------------------------------------------------------------------------------------------------
# Status from the clause's verbs
#
# The annotation has no status label; the annotated clause's own words give one, by this fixed
# table (gold side: do not tune it to the pipeline; results are compared across versions). Each
# rule allows a set of our statuses; a clause allows the union of the rules it matches, and a
# clause that matches none is not scored. The future rule runs first and blanks what it matched,
# so "will take delivery" is agreed, not delivered (issue 23: "X to deliver" and "will receive"
# are agreed).

_FUTURE = re.compile(
    r"\b(?:will|would|shall|to)"        # "will receive", "is set to deliver", "X to deliver" (headlines)
    r"(?:\s+(?:soon|also|then|now|further|in\s+\w+|be\s+able\s+to))*\s+"
    r"(?:deliver|receive|supply|provide|take\s+delivery|get|arrive|be\s+delivered|be\s+supplied|be\s+handed\s+over)\b"
    r"|\bdue\s+for\s+delivery\b|\bon\s+order\b|\bto\s+be\s+(?:delivered|supplied|handed\s+over|gifted|given)\b",
    re.IGNORECASE)
STATUS_RULES: tuple[tuple[str, re.Pattern, frozenset[str]], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE), frozenset(statuses.split()))
    for name, pattern, statuses in (
        ("approved", r"\b(?:approv(?:ed|al|es|ing)|notif(?:ied|ication|y)|cleared)\b", "approved"),
        ("negotiating", r"\b(?:talks|negotiat\w*|close\s+to\s+signing)\b", "negotiating"),
        ("offered", r"\b(?:offer(?:ed|s|ing)?|touts?|promot(?:es|ing|ed)|propos(?:e|es|ed|ing)|pitch(?:ed|ing)?)\b",
         "offered"),
        ("considered", r"\b(?:intends?|intention|plans?\s+to|planned|planning|aims?\s+to|interested|wants?\s+to|"
                       r"wanted\s+to|looking\s+to|seek(?:s|ing)?|considering|evaluating|may|might|could)\b",
         "considered requested"),
        ("agreed", r"\b(?:order(?:ed|s)?|signed|signs|sign|contract(?:ed|s)?|agreement|agreed|award(?:ed|s)?|"
                   r"won|wins|selected|selects|tapped)\b", "agreed"),
        ("bought", r"\b(?:bought|buys|buying|purchased|acquired|sold|sells|selling)\b", "agreed delivering delivered"),
        ("delivered", r"\b(?:delivered|deliver(?:s|ing|ies|y)?|took\s+delivery|taken\s+delivery|taking\s+delivery|"
                      r"handed\s+over|hands?\s+over|received|receives|receiving|arrived|commissioned|commissioning|"
                      r"supplied|supplies|supplying|transferred|donated|gifted|exported|exports|exporting|imported|"
                      r"importing|providing)\b",
         "delivering delivered"),
    ))


def clause_statuses(clause: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """The statuses an annotated clause's verbs allow, and the names of the rules that fired
    (empty: the clause says nothing we read as a status)."""
    fired: list[str] = []
    allowed: set[str] = set()
    if _FUTURE.search(clause):
        fired.append("future")
        allowed.add("agreed")
        clause = _FUTURE.sub(" ", clause)
    for name, pattern, statuses in STATUS_RULES:
        if pattern.search(clause):
            fired.append(name)
            allowed |= statuses
    return frozenset(allowed), tuple(fired)


# --------------------------------------------------------------------------------------------------
# Loading


@dataclass(slots=True)
class Deal:
    """One annotated clause (an ``Answer``) with its parties."""

    start: int
    end: int
    text: str
    sellers: list[Party] = field(default_factory=list)
    buyers: list[Party] = field(default_factory=list)
    weapons: list[str] = field(default_factory=list)
    statuses: frozenset[str] = frozenset()
    status_rules: tuple[str, ...] = ()

    @property
    def domestic(self) -> bool:
        """Both sides the same single state: a domestic order, not a transfer of ours."""
        s = {p.state for p in self.sellers}
        b = {p.state for p in self.buyers}
        return len(s) == 1 and s == b and None not in s

    def to_dict(self) -> dict[str, Any]:
        """The clause as offsets, ids and states: no corpus text (see `without_text`)."""
        side = lambda ps: [{"kind": p.kind, "id": p.id, "state": p.state, "span": [p.start, p.end]}  # noqa: E731
                           for p in ps]
        return {"span": [self.start, self.end], "sellers": side(self.sellers), "buyers": side(self.buyers),
                "statuses": sorted(self.statuses), "rules": list(self.status_rules)}


def _label_groups(text: str, labels: list[dict]) -> list[tuple[dict, list[dict]]]:
    """Each Answer with the labels inside its span (labels with no span are dropped)."""
    answers = sorted((lab for lab in labels if lab.get("tag") == "Answer" and lab.get("start", -1) >= 0),
                     key=lambda lab: lab["start"])
    groups: list[tuple[dict, list[dict]]] = [(a, []) for a in answers]
    for lab in labels:
        if lab.get("tag") == "Answer" or lab.get("start", -1) < 0 or not (lab.get("text") or "").strip():
            continue
        for answer, members in groups:
            if answer["start"] <= lab["start"] and lab["end"] <= answer["end"]:
                members.append(lab)
                break
    return groups


def _parties(members: list[dict], tag: str, fallback: str | None) -> list[Party]:
    """The clause's parties on one side, each with its state: the ``... Country`` label inside
    the party ("the [Indian] Navy"); else, for a lone party, the clause's label of that side,
    and for one of several, its own state or that label; else, for a lone party of no known
    state ("the island nation", a firm the knowledge base does not know), the file name's state
    of that side (`fallback`)."""
    names = [lab for lab in members if lab["tag"] == tag]
    countries = [(lab, s) for lab in members if lab["tag"] == f"{tag} Country" and (s := _state_in(lab["text"]))]
    if not names:
        # a country labelled with no party: the state is the party
        return [Party(lab["text"], "state", state, state, frozenset(), lab["start"], lab["end"])
                for lab, state in countries[:1]]

    def inside(c: dict, lab: dict) -> bool:
        return lab["start"] <= c["start"] and c["end"] <= lab["end"]

    free = {s for c, s in countries if not any(inside(c, lab) for lab in names)}
    label = next(iter(free)) if len(free) == 1 else None
    out = []
    for lab in names:
        party = resolve_party(lab["text"])
        own = next((s for c, s in countries if inside(c, lab)), None)
        state = own or (label or party.state if len(names) == 1 else party.state or label)
        if state is None and len(names) == 1:
            state = fallback
        out.append(Party(party.text, party.kind, party.id, state, party.key, lab["start"], lab["end"]))
    return out


def read_article(record: dict) -> GoldDoc:
    """One corpus record as a GoldDoc: id = its file name, meta["deals"] its annotated clauses,
    meta["name_recipient"] / meta["name_supplier"] the file name's parties as our actor ids."""
    text = record["text"]
    name = record.get("filename") or ""
    found = _NAME_CODES.search(name)
    codes = found.groups() if found else (None, None)
    recipient, supplier = code_to_actor(codes[0]), code_to_actor(codes[1])
    deals = []
    for answer, members in _label_groups(text, record.get("labels") or []):
        clause = text[answer["start"]:answer["end"]]
        statuses, rules = clause_statuses(clause)
        deals.append(Deal(answer["start"], answer["end"], clause, _parties(members, "Seller", supplier),
                          _parties(members, "Buyer", recipient),
                          [m["text"] for m in members if m["tag"] == "Weapon"], statuses, rules))
    return GoldDoc(name, text, [], {
        "dataset": "armsdeals", "exhaustive": False, "deal": bool(deals), "deals": deals,
        "name_codes": list(codes), "name_recipient": recipient, "name_supplier": supplier,
    })


def corpus_files(path: str | Path) -> list[Path]:
    """The article files under `path`: the corpus folder, its `annotated/` folder, or one file."""
    path = Path(path)
    if path.is_file():
        return [path]
    return sorted(p for p in path.rglob("*.json") if p.is_file())


def load_armsdeals(path: str | Path) -> list[GoldDoc]:
    """The arms_deals articles under `path` (see `corpus_files`), in file-name order."""
    docs = []
    for file in corpus_files(path):
        with open(file, encoding="utf-8") as handle:
            record = json.load(handle)
        if not isinstance(record, dict) or "text" not in record:
            continue
        record.setdefault("filename", file.stem)
        docs.append(read_article(record))
    return docs


# --------------------------------------------------------------------------------------------------
# Matching our transfers


@dataclass(frozen=True, slots=True)
class Side:
    """A party of one of our TRANSFERs: its id, its state and the words of its name."""

    text: str
    id: str | None
    state: str | None
    key: frozenset[str]

    @classmethod
    def of(cls, value: Any) -> "Side | None":
        if isinstance(value, list):
            value = value[0] if value else None
        if not isinstance(value, dict):
            return None
        text = str(value.get("text") or value.get("name") or "")
        actor = value.get("id")
        # an open-world actor may carry its state beside a provisional id
        state = value.get("country") or value.get("state") or state_of(actor)
        return cls(text, actor, state, name_key(text))

    def label(self) -> str:
        """Its id, or "unresolved": no corpus text."""
        return self.id or "unresolved"

    def readable(self) -> str:
        return self.id or f'"{self.text}"'


def _named(gold: Party, side: Side) -> bool:
    """We name the annotated party itself: its id, or for a party the knowledge base does not
    know, its name (the distinctive words of one contain the other's: "Dearsan" names "Turkish
    shipbuilder Dearsan")."""
    if gold.id:
        return side.id == gold.id
    return bool(gold.key and side.key) and (gold.key <= side.key or side.key <= gold.key)


def side_matches(golds: Sequence[Party], side: Side | None, *, level: str) -> bool:
    """Does our party match one of the annotated ones? level "state": the party itself or its
    state. level "annotated": a firm (or organisation) only by itself; a state, or a service of
    one ("the Indian Navy"), by its state, which a company of that state also has (claims pair
    a company as its state)."""
    if side is None:
        return False
    for gold in golds:
        if _named(gold, side):
            return True
        if gold.state and side.state == gold.state and (level == "state" or gold.kind == "state"):
            return True
    return False


@dataclass(slots=True)
class Found:
    """One of our TRANSFERs, reduced to what is scored."""

    supplier: Side | None
    recipient: Side | None
    status: str | None
    evidence: list[tuple[int, int]]
    sentence: str

    def summary(self, *, readable: bool = False) -> str:
        """"RUS -> EGY (delivered)"; with `readable`, an unresolved side shows its words."""
        s, r = (("?" if side is None else side.readable() if readable else side.label())
                for side in (self.supplier, self.recipient))
        return f"{s} -> {r} ({self.status})"

    @property
    def span(self) -> list[int] | None:
        return list(self.evidence[0]) if self.evidence else None

    def overlaps(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.evidence)


def found_transfers(events: Iterable[dict]) -> list[Found]:
    out = []
    for event in events:
        if not isinstance(event, dict) or event.get("type") != "TRANSFER":
            continue
        spans = []
        sentence = ""
        for ev in [event.get("evidence"), *(event.get("more_evidence") or [])]:
            if isinstance(ev, dict) and "start" in ev and "end" in ev:
                spans.append((int(ev["start"]), int(ev["end"])))
                sentence = sentence or str(ev.get("sentence") or "")
        out.append(Found(Side.of(event.get("supplier")), Side.of(event.get("recipient")),
                         event.get("status"), spans, " ".join(sentence.split())))
    return out


def _pair(golds_s: Sequence[Party], golds_r: Sequence[Party], found: Sequence[Found], level: str
          ) -> tuple[list[Found], bool, bool]:
    """(transfers with both sides right, supplier right somewhere, recipient right somewhere)."""
    full = [f for f in found if side_matches(golds_s, f.supplier, level=level)
            and side_matches(golds_r, f.recipient, level=level)]
    sup = any(side_matches(golds_s, f.supplier, level=level) for f in found)
    rec = any(side_matches(golds_r, f.recipient, level=level) for f in found)
    return full, sup, rec


# --------------------------------------------------------------------------------------------------
# Scoring

# per-document counters; each rate below is one numerator over one denominator
_COUNTERS = (
    "deal_articles", "deal_detected", "nodeal_articles", "nodeal_detected",
    "name_deals", "name_full", "name_partial", "name_supplier", "name_recipient",
    "clauses", "clause_state_full", "clause_state_partial", "clause_annot_full", "clause_annot_partial",
    "pairs", "pairs_right", "pairs_judged", "status_scored", "status_right",
)
RATES = {
    "deal_detection": ("deal_detected", "deal_articles"),
    "false_detection": ("nodeal_detected", "nodeal_articles"),
    "full_pair_recall": ("name_full", "name_deals"),
    "partial_recall": ("name_partial", "name_deals"),
    "supplier_recall": ("name_supplier", "name_deals"),
    "recipient_recall": ("name_recipient", "name_deals"),
    "clause_full_pair_recall_state": ("clause_state_full", "clauses"),
    "clause_partial_recall_state": ("clause_state_partial", "clauses"),
    "clause_full_pair_recall_annotated": ("clause_annot_full", "clauses"),
    "clause_partial_recall_annotated": ("clause_annot_partial", "clauses"),
    "pair_precision": ("pairs_right", "pairs_judged"),
    "status_accuracy": ("status_right", "status_scored"),
}


def _party(state: str | None) -> list[Party]:
    return [Party(state, "state", state, state)] if state else []


def _score_article(doc: GoldDoc, found: list[Found], row: dict[str, int], err) -> Counter:
    """Fill one article's counters; returns the status confusion of its scored clauses."""
    confusion: Counter = Counter()
    deals: list[Deal] = doc.meta["deals"]
    if not doc.meta["deal"]:
        row["nodeal_articles"] += 1
        if found:
            row["nodeal_detected"] += 1
            err("false_detection", "no deal", found, found[0].span, found[0].sentence)
        return confusion
    row["deal_articles"] += 1
    if found:
        row["deal_detected"] += 1
    else:
        err("no_transfer", "a TRANSFER", [], [deals[0].start, deals[0].end], deals[0].text)

    name_s, name_r = _party(doc.meta["name_supplier"]), _party(doc.meta["name_recipient"])
    if name_s and name_r and name_s[0].state == name_r[0].state:
        name_s = name_r = []      # a domestic deal ("_A_BOS_B_BOS"): no pair of ours
    if name_s and name_r:
        row["name_deals"] += 1
        full, sup, rec = _pair(name_s, name_r, found, "state")
        row["name_full"] += bool(full)
        row["name_partial"] += bool(full) or sup or rec
        row["name_supplier"] += sup
        row["name_recipient"] += rec
        if not full:
            err("deal_one_side" if sup or rec else "deal_miss", f"{name_s[0].state} -> {name_r[0].state}",
                found, [deals[0].start, deals[0].end], deals[0].text)

    gold_pairs: list[tuple[list[Party], list[Party]]] = []
    if name_s and name_r:
        gold_pairs.append((name_s, name_r))
    half_sides: list[tuple[list[Party], str]] = []
    if bool(name_s) != bool(name_r):
        half_sides.append((name_s or name_r, "supplier" if name_s else "recipient"))
    for deal in deals:
        if not (deal.sellers and deal.buyers):
            if deal.sellers or deal.buyers:
                half_sides.append((deal.sellers or deal.buyers, "supplier" if deal.sellers else "recipient"))
            continue
        if deal.domestic:
            continue
        gold_pairs.append((deal.sellers, deal.buyers))
        row["clauses"] += 1
        expected = " | ".join(p.label() for p in deal.sellers) + " -> " + " | ".join(p.label() for p in deal.buyers)
        named = " | ".join(p.text for p in deal.sellers) + " -> " + " | ".join(p.text for p in deal.buyers)
        state_full, s_sup, s_rec = _pair(deal.sellers, deal.buyers, found, "state")
        annot_full, a_sup, a_rec = _pair(deal.sellers, deal.buyers, found, "annotated")
        row["clause_state_full"] += bool(state_full)
        row["clause_state_partial"] += bool(state_full) or s_sup or s_rec
        row["clause_annot_full"] += bool(annot_full)
        row["clause_annot_partial"] += bool(annot_full) or a_sup or a_rec
        if not state_full:
            err("clause_one_side" if s_sup or s_rec else "clause_miss", expected, found,
                [deal.start, deal.end], deal.text, named=named, deal=deal)
        elif not annot_full:
            err("clause_state_only", expected, state_full, [deal.start, deal.end], deal.text, named=named,
                deal=deal)
        here = [f for f in state_full if f.overlaps(deal.start, deal.end)]
        if deal.statuses and here:
            row["status_scored"] += 1
            ok = any(f.status in deal.statuses for f in here)
            row["status_right"] += ok
            confusion["/".join(deal.status_rules) + " -> " + str(here[0].status)] += 1
            if not ok:
                err("status", sorted(deal.statuses), sorted({str(f.status) for f in here}),
                    [deal.start, deal.end], deal.text, deal=deal)

    # pair precision: distinct pairs of the TRANSFERs that name both sides
    seen: dict[tuple, Found] = {}
    for f in found:
        if f.supplier is None or f.recipient is None:
            continue
        seen.setdefault((f.supplier.id or f.supplier.text.lower(), f.recipient.id or f.recipient.text.lower()), f)
    for f in seen.values():
        row["pairs"] += 1
        domestic = f.supplier.state is not None and f.supplier.state == f.recipient.state
        right = not domestic and any(side_matches(s, f.supplier, level="state")
                                     and side_matches(r, f.recipient, level="state") for s, r in gold_pairs)
        if right:
            row["pairs_judged"] += 1
            row["pairs_right"] += 1
            continue
        unjudged = not domestic and any(
            side_matches(parties, f.supplier if role == "supplier" else f.recipient, level="state")
            for parties, role in half_sides)
        if unjudged:
            continue
        row["pairs_judged"] += 1
        err("wrong_pair", [f"{' | '.join(p.label() for p in s)} -> {' | '.join(p.label() for p in r)}"
                           for s, r in gold_pairs], [f], f.span, f.sentence)
    return confusion


def without_text(error: dict) -> dict:
    """An error with no corpus text: the document, offsets, ids and states only. The corpus
    has no licence (SOURCE.md: no text, sentence or name list of it in the project), so the
    errors kept in the repository are these; `armstrack eval --errors FILE` writes them whole."""
    return {k: v for k, v in error.items() if k not in ("sentence", "texts")}


def _rate(num, den):
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1), np.nan)


def evaluate_armsdeals(docs: Sequence[GoldDoc], predictions: Sequence[Sequence[dict]], *,
                       errors: list | None = None, n_boot: int = 1000, seed: int = 0) -> dict:
    """Score our events (one list per document) against the arms_deals annotation; the report
    is described in the module docstring. ``errors`` receives one dict per miss, wrong pair,
    wrong status and false detection: {"doc", "kind", "span", "expected", "found", "deal", "sentence",
    "texts"}: ``span`` the offsets of the clause (or of our sentence) in the article, ``expected`` and
    ``found`` ids and states, ``sentence`` and ``texts`` the same in the article's words (drop them
    with `without_text` before keeping errors in the repository)."""
    from .score import _bootstrap_weights, _ci

    docs = list(docs)
    if len(predictions) != len(docs):
        raise ValueError(f"{len(predictions)} prediction lists for {len(docs)} documents")
    rows = np.zeros((len(docs), len(_COUNTERS)), dtype=np.int64)
    confusion: Counter = Counter()
    for i, (doc, events) in enumerate(zip(docs, predictions)):
        row = dict.fromkeys(_COUNTERS, 0)

        def err(kind: str, expected: Any, found: list, span: list[int] | None, sentence: str, *,
                named: str | None = None, deal: Deal | None = None) -> None:
            """One error; `found` is a list of our transfers, or of statuses (kind "status")."""
            if errors is None:
                return
            transfers = [f for f in found if isinstance(f, Found)]
            entry = {"doc": doc.id, "kind": kind, "span": span, "expected": expected,
                     "found": [f.summary() for f in transfers] if transfers else (found or None)}
            if deal is not None:
                entry["deal"] = deal.to_dict()
            entry["sentence"] = " ".join((sentence or "").split())
            entry["texts"] = {"expected": named or expected,
                              "found": [f"{f.summary(readable=True)}: {f.sentence}" for f in transfers] or entry["found"]}
            errors.append(entry)

        confusion += _score_article(doc, found_transfers(events), row, err)
        rows[i] = [row[k] for k in _COUNTERS]
    total = rows.sum(axis=0)
    at = {k: i for i, k in enumerate(_COUNTERS)}
    boot = rows.T @ _bootstrap_weights(len(docs), n_boot, seed).T if docs and n_boot > 0 else None
    rates: dict[str, Any] = {}
    for name, (num, den) in RATES.items():
        value = _rate(total[at[num]], total[at[den]])
        entry = {"value": None if np.isnan(value) else round(float(value), 4),
                 "n": int(total[at[num]]), "of": int(total[at[den]])}
        if boot is not None:
            entry["ci"] = _ci(_rate(boot[at[num]], boot[at[den]]))
        rates[name] = entry
    return {
        "dataset": "armsdeals", "n_documents": len(docs),
        "n_deal_articles": int(total[at["deal_articles"]]), "n_no_deal_articles": int(total[at["nodeal_articles"]]),
        **{name: entry["value"] for name, entry in rates.items()},
        "rates": rates,
        "counts": {k: int(total[at[k]]) for k in _COUNTERS},
        "status_confusion": dict(confusion.most_common()),
    }
