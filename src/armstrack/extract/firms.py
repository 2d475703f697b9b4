"""Open-world actors (issue 23, class 1): a firm the knowledge base does not know, and a service,
ministry or procurement agency that stands for its state.

In the trade press most suppliers are firms and most recipients are services. A firm the
knowledge base does not know is still an actor when the text says it is a firm: it gets a stable
provisional id from its name ("org:sefine-shipyard") and its state when the text gives it, so
claims pair it as that state and keep the firm:

    "Turkish shipbuilder Sefine Shipyard"       a descriptor before the name, with a demonym
    "France's Socarenam"                        a state's possessive
    "Silver Ships, a U.S.-based maker of ..."   an apposition that describes a firm
    "CSOC, a state-owned Chinese exporter"
    "Lockheed Martin's Canadian subsidiary"     an offshoot of a firm, in the state it names
    "Thales Australia"                          a known firm's name followed by a state's

The candidates are the model's ORG entities (and a GPE the model took for a place that a firm's
cue describes: "France's Socarenam") and proper-noun compounds whose last word is a firm's
("Sefine Shipyard"). A known state, group or weapon never gets here: the knowledge base's own
entities win over the model's. A service is read by a rule, not a list: a state's adjective or
name and a service word in one phrase ("the Czech Defence Ministry", "the Qatari Emiri Naval
Forces", "Public Services and Procurement Canada") name that state.

Each function takes the frame reader `f` (`doc`, `kb`, `ent_at`) as its first argument."""
from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from dataclasses import replace

from spacy.tokens import Span, Token

from ..records import Filler
from .lexicon import words

if TYPE_CHECKING:
    from .fillers import Fillers

WORDS = words("firms", "firms")
_STATE_LABELS = ("ACTOR", "DEMONYM", "CAPITAL")


def provisional_id(name: str) -> str:
    """The stable id of a firm the knowledge base does not know: "org:" and its name's words
    ("Sefine Shipyard" -> "org:sefine-shipyard"; case, accents of ASCII and punctuation aside)."""
    name = re.sub(r"^(the)\s+", "", name.strip(), flags=re.I)
    name = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return f"org:{slug}"


def _word(token: Token, lists: frozenset[str]) -> bool:
    return token.lower_ in lists or token.lemma_.lower() in lists


def state_of(f: Fillers, token: Token) -> str | None:
    """The state an entity at `token` names (a state, its demonym or capital), else None."""
    ent = f.ent_at.get(token.i)
    if ent is None or ent.label_ not in _STATE_LABELS or f.kb is None:
        return None
    entity = f.kb.get(ent.kb_id_)
    return entity.id if entity is not None and entity.kind == "state" else None


def _states_in(f: Fillers, tokens) -> list[str]:
    out: list[str] = []
    for token in tokens:
        state = state_of(f, token)
        if state and state not in out:
            out.append(state)
    return out


def _without_preps(token: Token) -> list[Token]:
    """The phrase of `token` without its prepositional phrases and clauses: "the U.S. subsidiary"
    of "the U.S. subsidiary of Italy's Leonardo" (the parent's state is not the firm's)."""
    cut: set[int] = set()
    for child in token.children:
        if child.dep_ in ("prep", "relcl", "acl", "appos", "conj", "cc", "punct"):
            cut.update(t.i for t in child.subtree)
    return [t for t in token.subtree if t.i not in cut]


def _apposition(f: Fillers, span: Span) -> list[Token] | None:
    """The words of an apposition right after the name that describes a firm ("X, a Slovak maker
    of pistols", "X (CSOC), a state-owned Chinese exporter"), up to its "of"; None if none."""
    doc, i = f.doc, span.end
    if i < len(doc) and doc[i].text == "(":
        close = next((j for j in range(i, min(i + 8, len(doc))) if doc[j].text == ")"), None)
        i = close + 1 if close is not None else i
    if i >= len(doc) or doc[i].text != ",":
        return None
    out: list[Token] = []
    for token in doc[i + 1:min(i + 14, span.sent.end)]:
        if token.text in (",", ";", "(", ")", "—", "–") or token.dep_ in ("relcl",) or \
                token.lower_ in ("of", "that", "which", "who", "whose", "with", "for", "to"):
            break
        out.append(token)
    return out if any(_word(t, WORDS.descriptors) for t in out) else None


def _described(f: Fillers, root: Token, span: Span) -> tuple[bool, str | None]:
    """Whether the text says the name is a firm's, and the state it gives it."""
    states: list[str] = []
    cue = False
    # "France's Socarenam", "Japan's Mitsubishi Shipbuilding"
    for child in root.children:
        if child.dep_ == "poss":
            state = state_of(f, child)
            if state:
                return True, state
    # "Turkish shipbuilder Sefine Shipyard", "the French company Piriou"
    before = [t for t in root.subtree if t.i < span.start]
    if root.dep_ == "appos" and _word(root.head, WORDS.descriptors) and root.head.i < span.start:
        before += [t for t in _without_preps(root.head) if t.i < span.start]
    if any(_word(t, WORDS.descriptors) for t in before):
        cue = True
        states += _states_in(f, before)
    # "Silver Ships, a U.S.-based maker of ...", "Leonardo DRS, the U.S. subsidiary of ..."
    appos = _apposition(f, span)
    if appos and state_of(f, appos[0]) and any(t.lower_ in ("based", "headquartered") for t in appos[:4]):
        appos = None  # "Düsseldorf, Germany-based company": the name is the city the firm sits in
    if appos is not None:
        cue = True
        states += _states_in(f, appos)
    # "Brevanor has won an order from the Belgian Navy": who wins a contract is a firm
    if not cue and root.dep_ == "nsubj" and root.head.lemma_.lower() in WORDS.winning_verbs and any(
            c.dep_ == "dobj" and c.lemma_.lower() in WORDS.contract_nouns for c in root.head.children):
        cue = True
    if not cue and any(_word(t, WORDS.name_words) for t in span if t.i > span.start or len(span) == 1):
        cue = "name"  # only a firm's word in the name: weaker than the text saying so
    return cue, (states[0] if states else None)


def _service_state(f: Fillers, span: Span) -> str | None:
    """A service, ministry or agency named as an organisation: a service word and a state's name or
    adjective in it ("Public Services and Procurement Canada", "the Hellenic Navy")."""
    if f.kb is None or not any(_word(t, WORDS.service_words) for t in span) or \
            any(_word(t, WORDS.name_words) and not _word(t, WORDS.service_words) for t in span) and \
            not any(p in span.text.lower() for p in WORDS.service_phrases):
        return None
    for match in f.kb.match(span.text):
        entity = f.kb.get(match.entity_ids[0]) if len(match.entity_ids) == 1 else None
        if entity is not None and entity.kind == "state":
            return entity.id
    return None


def open_actor(f: Fillers, ent: Span) -> Filler | None:
    """The actor an organisation the knowledge base does not know names: its state when it is a
    service of one, a firm with a provisional id when the text says it is a firm; else None."""
    if ent.label_ not in ("ORG", "GPE", "FAC", "PRODUCT", "PERSON"):
        return None
    span = ent[1:] if ent[0].lower_ == "the" and len(ent) > 1 else ent
    if span[-1].dep_ == "cc" and span.root.i < span.end:
        # "Public Services and | Procurement Canada": a name the model cut at its "and"
        conj = next((c for c in span.root.children if c.dep_ == "conj" and c.pos_ == "PROPN"), None)
        if conj is not None and conj.left_edge.i == span.end:
            span = f.doc[span.start:conj.i + 1]
    if ent.label_ == "PERSON":
        # "Kestrel Marine, a U.S.-based maker": a firm the model took for a person, only when
        # the text describes it as a firm ("France's Macron" stays a person)
        described = _apposition(f, span) is not None or any(
            _word(t, WORDS.descriptors) for t in ent.root.subtree if t.i < span.start) or (
            # "Holtmann Shipyards", "Varnex Industries": no person's name ends in a firm's word
            len(span) > 1 and span[-1].text[:1].isupper() and _word(span[-1], WORDS.name_words))
        if not described:
            return None
    after = f.doc[span.end:span.end + 2].text.lower().lstrip("-, ")
    if after.startswith(("based", "headquartered")) or (span.end < len(f.doc) and f.doc[span.end].lower_.endswith("-based")):
        return None  # "the Düsseldorf-based company": where a firm sits, not the firm
    seat = _city_of_firm(f, ent.root, span)
    if seat is not None:
        return seat
    state = _service_state(f, span)
    if state is not None:
        entity = f.kb.get(state)
        return Filler("actor", span.text, span.start_char, span.end_char, id=entity.id, name=entity.name,
                      via="service")
    cue, state = _described(f, ent.root, span)
    if cue == "name" and any(_word(t, WORDS.service_words) for t in span) and not any(
            _word(t, WORDS.name_words) and not _word(t, WORDS.service_words) for t in span):
        # "its Maritime Self-Defense Force", "the Department of National Defence (DND)": a service
        # whose state the phrase does not name is no firm (unless the text says it is one:
        # "Kestrel Defence, the U.S. subsidiary of ...")
        return None
    if not cue:
        return None
    return firm(span, state)


def firm(span: Span, state: str | None, name: str | None = None) -> Filler:
    """A firm the knowledge base does not know, named by `span` (or `name`), in `state`."""
    text = name or span.text
    if text.endswith("'s") or text.endswith("’s"):
        text = text[:-2]
    return Filler("actor", span.text, span.start_char, span.end_char, id=provisional_id(text),
                  name=text, via="firm", state=state)


def _city_of_firm(f: Fillers, token: Token, span: Span) -> Filler | None:
    """"The Düsseldorf, Germany-based company ...", parsed with the city as head: the company it
    describes (the one named before, if coreference knows it), else the state it sits in."""
    appos = _apposition(f, span)
    if not (appos and state_of(f, appos[0]) and any(t.lower_ in ("based", "headquartered") for t in appos[:4])):
        return None
    described = next((c for c in token.children if c.dep_ == "appos" and _word(c, WORDS.descriptors)), None)
    if described is not None and described._.coref is not None:
        return f._filler_from_ent(described._.coref)
    entity = f.kb.get(state_of(f, appos[0]))
    end = appos[min(2, len(appos) - 1)]
    return Filler("actor", f.doc[span.start:end.i + 1].text, span.start_char, end.idx + len(end),
                  id=entity.id, name=entity.name, via="seat")


def named_firm(f: Fillers, token: Token) -> Filler | None:
    """A proper noun no entity covers, headed by `token`, that is a firm's name: a compound whose
    last word is a firm's ("Sefine Shipyard", "Dravik Arms", whose "Arms" alone reads as weapons),
    or a name the text describes as a firm ("Armorvex, a state-owned Chinese exporter")."""
    ent = f.ent_at.get(token.i)
    if token.pos_ != "PROPN" or (ent is not None and not (ent.label_ == "WEAPON_CAT" and len(ent) == 1)):
        return None
    start = token.i
    while start > 0 and f.doc[start - 1].pos_ == "PROPN" and f.doc[start - 1].head.i == token.i \
            and f.doc[start - 1].dep_ == "compound" and f.doc[start - 1].i not in f.ent_at:
        start -= 1
    span = f.doc[start:token.i + 1]
    seat = _city_of_firm(f, token, span)
    if seat is not None:
        return seat
    cue, state = _described(f, token, span)
    if not (cue and (start < token.i or not _word(token, WORDS.name_words))):
        return None  # a lone "Shipyard" or "Arms" is no name
    return firm(span, state)


def offshoot(f: Fillers, token: Token) -> Filler | None:
    """"Lockheed Martin's Canadian subsidiary", "Thales's Australian arm": a firm of its own, the
    parent's name with its state's ("Lockheed Martin Canada")."""
    if not _word(token, WORDS.offshoots) or f.kb is None:
        return None
    parent = next((c for c in token.children if c.dep_ == "poss"), None)
    if parent is None:
        return _parent_named_after(f, token)
    state = next((s for c in token.children if c.dep_ in ("amod", "compound") and (s := state_of(f, c))), None)
    if parent is None or state is None:
        return None
    ent = f.ent_at.get(parent.i)
    if ent is None or ent.label_ not in ("ACTOR", "ORG"):
        return None
    entity = f.kb.get(ent.kb_id_)
    if entity is not None and entity.kind != "company":
        return None
    parent_name = entity.name if entity is not None else ent.text
    span = f.doc[token.left_edge.i:token.i + 1]
    return firm(span, state, name=f"{parent_name} {f.kb.get(state).name}")


def _parent_named_after(f: Fillers, token: Token) -> Filler | None:
    """"the ordnance division of Varnex Corporation": a part named by its parent firm is that firm
    (a service's unit, "a division of the Kenyan Army", is no firm)."""
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            ent = f.ent_at.get(pobj.i)
            entity = f.kb.get(ent.kb_id_) if ent is not None and ent.kb_id_ else None
            if entity is not None:
                return f._filler_from_ent(ent) if entity.kind == "company" else None
            found = open_actor(f, ent) if ent is not None else named_firm(f, pobj)
            if found is not None and (found.id or "").startswith("org:"):
                return found
    return None


def known_firm_abroad(f: Fillers, ent: Span, entity) -> Filler | None:
    """"Thales Australia", "Lockheed Martin Canada": a known firm's name with a state's right after
    it, in one name, is that firm's branch in that state."""
    doc = f.doc
    if entity is None or entity.kind != "company" or ent.end >= len(doc) or f.kb is None:
        return None
    nxt = doc[ent.end]
    if nxt.pos_ != "PROPN" or nxt.i in f.ent_at or nxt.dep_ not in ("compound", "appos", "nsubj", "pobj",
                                                                     "dobj", "nsubjpass", "conj", "ROOT"):
        return None
    end = ent.end + 1
    while end < len(doc) and doc[end].pos_ == "PROPN" and end - ent.end < 3 and end not in f.ent_at:
        end += 1
    tail = doc[ent.end:end]
    found = [m for m in f.kb.lookup(tail.text) if f.kb.get(m.entity_id).kind == "state" and m.form in ("name", "alias", "formal")]
    if not found:
        return None
    span = doc[ent.start:end]
    return firm(span, found[0].entity_id)


def service_state(f: Fillers, token: Token) -> Filler | None:
    """"The Czech Defence Ministry", "the Qatari Emiri Naval Forces", "the Royal Saudi Navy": a
    service word heading a phrase with a state's adjective or name in it names that state."""
    if not (_word(token, WORDS.service_words) or _word(token, WORDS.facility_words)) or f.kb is None:
        return None
    before = [t for t in _without_preps(token) if t.i < token.i]
    phrase = f.doc[token.left_edge.i:token.i + 1].text.lower()
    if any(_word(t, WORDS.name_words) and not _word(t, WORDS.service_words) and t.pos_ == "PROPN"
           for t in before) and not any(p in phrase for p in WORDS.service_phrases):
        return None
    for t in before:
        state = state_of(f, t)
        if state is not None and f.ent_at[t.i].start >= token.left_edge.i:
            entity = f.kb.get(state)
            phrase = f.doc[token.left_edge.i:token.i + 1]
            if phrase[0].lower_ == "the":
                phrase = phrase[1:]
            return Filler("actor", phrase.text, phrase.start_char, phrase.end_char, id=entity.id,
                          name=entity.name, via="service")
    return None


def speaker_pronoun(f: Fillers, token: Token, depth: int) -> list[Filler]:
    """"Grand Power, a Slovak maker, said it had shipped ...", "the Czech Defence Ministry said
    that it had handed over ...": "it" as the subject of what a speaker says is the speaker, when
    the coreference found no antecedent (a firm or service has no entity to find)."""
    if token.lower_ in WORDS.quoted_first_person:
        return _quoted_speaker(f, token, depth)
    if token.lower_ not in ("it", "they") or token.dep_ != "nsubj" or token.head.dep_ != "ccomp":
        return []
    speaker = next((c for c in token.head.head.children if c.dep_ == "nsubj" and c.i < token.i), None)
    if speaker is None or speaker.lower_ in ("it", "they", "he", "she", "i", "we", "you"):
        return []
    return [a for a in f.actors(speaker, depth=depth + 1) if a.id]


def _quoted_speaker(f: Fillers, token: Token, depth: int) -> list[Filler]:
    """'"We will send more shells to Kyiv," the Czech defence minister said': the first person in
    what a speaker says is the speaker, before or after the quote; one with no state or firm of
    its own ("an analyst said") names no one."""
    node = token
    for _ in range(4):
        if node.dep_ == "ccomp" and node.head.lemma_.lower() in f.lex.attribution:
            speaker = next((c for c in node.head.children if c.dep_ == "nsubj"), None)
            if speaker is None or speaker.lower_ in WORDS.quoted_first_person:
                return []
            if speaker.i not in f.ent_at and speaker.lemma_.lower() not in f.lex.institutions:
                return []  # "a Trump voter told the Globe: 'we ...'": one who speaks for no one
            return [a for a in f.actors(speaker, depth=depth + 1) if a.id]
        if node.head.i == node.i:
            break
        node = node.head
    return []


def appositive_firm(f: Fillers, token: Token) -> Filler | None:
    """"the Israeli firm Soltam", "the Turkish company Baykar Makina": a descriptor whose
    apposition names the firm; the firm, known or not, in the state the descriptor gives."""
    if not _word(token, WORDS.descriptors):
        return None
    for name in (c for c in token.children if c.dep_ == "appos" and c.pos_ == "PROPN"):
        ent = f.ent_at.get(name.i)
        if ent is not None and ent.label_ == "ACTOR":
            entity = f.kb.get(ent.kb_id_) if f.kb is not None else None
            if entity is not None and entity.kind == "company":
                return f._filler_from_ent(ent)
            continue
        start = ent.start if ent is not None else name.left_edge.i
        span = f.doc[start:(ent.end if ent is not None else name.i + 1)]
        for inner in {id(e): e for t in span if (e := f.ent_at.get(t.i)) is not None}.values():
            entity = f.kb.get(inner.kb_id_) if f.kb is not None and inner.label_ == "ACTOR" else None
            if entity is not None and entity.kind == "company":
                return f._filler_from_ent(inner)  # "the Turkish company Baykar Makina": Baykar
        states = _states_in(f, [t for t in _without_preps(token) if t.i < token.i])
        return firm(span, states[0] if states else None)
    return None


# sentences before its own in which a description finds the firm it takes up
DESCRIBED_WINDOW = 2


def described_firm(f: Fillers, token: Token) -> Filler | None:
    """"Tamar Dynamics won an order ... The firm will deliver the munitions": "the firm", "the
    Czech company", a description the coreference could not resolve (it knows only the
    knowledge base's firms), takes up the nearest firm the text named before it, within two
    sentences, of the state its demonym gives."""
    if not _word(token, WORDS.descriptors) or not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
        return None
    states = set(_states_in(f, [c for c in token.children if c.dep_ in ("amod", "compound")]))
    first = _sentence_back(token, DESCRIBED_WINDOW)
    for ent in sorted((e for e in f.doc.ents if first <= e.start and e.end <= token.left_edge.i),
                      key=lambda e: -e.start):
        found = open_actor(f, ent) if not ent.kb_id_ else None
        if found is not None and found.via == "firm" and (not states or found.state in states):
            return replace(found, text=token.text, start=token.idx, end=token.idx + len(token.text), via="coref")
    return None


def _sentence_back(token: Token, window: int) -> int:
    """The first token of the sentence `window` sentences before `token`'s."""
    start = token.sent.start
    for _ in range(window):
        if start == 0:
            break
        start = token.doc[start - 1].sent.start
    return start

