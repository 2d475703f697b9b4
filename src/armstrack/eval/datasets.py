"""Loaders for the external evaluation corpora, mapped onto our event schema.

The corpora live outside the repository (``../shared/corpora``, see its README.md); every loader takes
the path of the file (or folder) and reads it at run time. Nothing from the corpora is copied here.

Common gold format
------------------
``GoldDoc(id, text, events, meta)``: ``text`` is the text the extractor is run on (built from the
corpus tokens where needed, with a token -> character map), ``events`` the gold events of *our* types
(``GoldEvent``), ``meta`` dataset facts: ``exhaustive`` (may detection precision be measured?),
``sentence_spans`` (character spans of the corpus sentences), and per-dataset keys.

``GoldEvent.trigger`` and ``GoldArg.start/end`` are character offsets into ``GoldDoc.text``, end
exclusive. ``GoldEvent.roles`` maps *our* role names (supplier, recipient, broker, item, participants,
mediator, place, imposers, target, attacker, weapon) to argument lists; roles we do not score
(value, beneficiary, origin, destination, vehicle, topic, purpose, end_user) are kept under their own
names and ignored by the scorer. ``GoldEvent.materiel`` says whether the sentence holding the trigger
mentions materiel (``is_materiel``); the scorer's TRANSFER figures use only those transfers.

Mappings follow ``shared/corpora/README.md`` section 3; where it leaves a choice open, the choice
is written next to the table below.
"""
from __future__ import annotations

from functools import lru_cache

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

TYPES = ("TRANSFER", "MEETING", "SANCTION", "ATTACK")

# --------------------------------------------------------------------------------------------------
# Materiel filter (fixed gold-side list: do not change it; results are compared across versions)

MATERIEL_WORDS: tuple[str, ...] = (
    "weapon", "arms", "missile", "rocket", "drone", "UAV", "tank", "aircraft", "jet", "fighter",
    "helicopter", "munition", "ammunition", "rifle", "gun", "artillery", "howitzer", "launcher",
    "warship", "frigate", "submarine", "nuclear", "uranium", "plutonium", "centrifuge", "reactor",
    "explosive", "military equipment", "military hardware",
)

_MATERIEL_RE = re.compile(
    r"\b(?:" + "|".join(r"\s+".join(re.escape(part) for part in word.split())
                        for word in sorted(MATERIEL_WORDS, key=len, reverse=True))
    + r")(?:e?s)?\b",
    re.IGNORECASE,
)


def is_materiel(sentence_text: str) -> bool:
    """True if the text contains one of MATERIEL_WORDS (case-insensitive, singular or plural)."""
    return bool(sentence_text) and _MATERIEL_RE.search(sentence_text) is not None


# --------------------------------------------------------------------------------------------------
# Gold records


@dataclass(slots=True)
class GoldArg:
    start: int                     # character offsets in GoldDoc.text, end exclusive
    end: int
    text: str
    head_text: str                 # last non-punctuation token of the span
    head_start: int = -1
    head_end: int = -1
    extra: dict[str, Any] = field(default_factory=dict)   # e.g. "alternatives": coreferent mentions


@dataclass(slots=True)
class GoldEvent:
    type: str                      # ours: TRANSFER, MEETING, SANCTION, ATTACK
    subtype: str                   # the corpus's own type
    trigger: tuple[int, int]       # character offsets, end exclusive
    roles: dict[str, list[GoldArg]] = field(default_factory=dict)
    materiel: bool = False         # the trigger sentence mentions materiel (is_materiel)
    extra: dict[str, Any] = field(default_factory=dict)   # "symmetric_roles", "weak", "trigger_text"


@dataclass(slots=True)
class GoldDoc:
    id: str
    text: str
    events: list[GoldEvent] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)


_CLITICS = {"'s", "’s", "'", "’"}
_EDGE_PUNCT = "\"'`“”‘’.,;:!?()[]{}<>-–—/\\"


@lru_cache(maxsize=200_000)
def _syntactic_head(span: str) -> tuple[int, int] | None:
    """Offsets of the syntactic head of a phrase parsed on its own: "weapons of mass
    destruction" -> "weapons"; "with ballistic missiles" -> "missiles"."""
    doc = _PARSER(span)
    roots = [t for t in doc if t.dep_ == "ROOT"]
    if not roots:
        return None
    root = roots[0]
    if root.pos_ == "ADP":
        objects = [c for c in root.children if c.dep_ == "pobj"]
        root = objects[0] if objects else root
    elif root.pos_ in ("VERB", "AUX"):
        # a phrase misread as a clause: "the nuclear fuel needed to run it"
        subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < root.i]
        root = subjects[0] if subjects else root
    if root.is_punct or root.pos_ in ("DET", "CCONJ", "ADP"):
        return None
    return root.idx, root.idx + len(root.text)


class _LazyParser:
    """The model's tagger and parser, loaded on first use (the scorer must not need it to import)."""

    nlp = None

    def __call__(self, text: str):
        if self.nlp is None:
            from ..nlp.pipeline import load_model

            self.nlp = load_model()
            for name in ("ner", "lemmatizer"):
                if name in self.nlp.pipe_names:
                    self.nlp.disable_pipe(name)
        return self.nlp(text)


_PARSER = _LazyParser()


def head_of(text: str, start: int, end: int) -> tuple[str, int, int]:
    """The syntactic head of text[start:end] (the root of the phrase parsed alone, through a
    leading preposition), with its offsets; for one-word spans and where the parse gives no noun,
    the last token that is not punctuation or a possessive clitic."""
    span = text[start:end]
    if len(span.split()) > 1:
        found = _syntactic_head(span)
        if found is not None:
            s, e = found
            return span[s:e], start + s, start + e
    tokens = list(re.finditer(r"\S+", span))
    for match in reversed(tokens):
        token = match.group()
        if token.lower() in _CLITICS:
            continue
        lead = len(token) - len(token.lstrip(_EDGE_PUNCT))
        core = token.strip(_EDGE_PUNCT)
        if core.lower().endswith(("'s", "’s")):
            core = core[:-2]
        elif "." in core and token[lead + len(core):].startswith("."):
            core += "."            # keep the final dot of an abbreviation: "U.S."
        if any(ch.isalnum() for ch in core):
            s = start + match.start() + lead
            return core, s, s + len(core)
    stripped = span.strip()
    if stripped:
        s = start + span.index(stripped)
        return stripped, s, s + len(stripped)
    return span, start, end


def make_arg(text: str, start: int, end: int, **extra: Any) -> GoldArg:
    head, hs, he = head_of(text, start, end)
    return GoldArg(start, end, text[start:end], head, hs, he, dict(extra))


def _sentence_of(spans: list[tuple[int, int]], pos: int) -> tuple[int, int] | None:
    for s, e in spans:
        if s <= pos < e:
            return s, e
    return None


def _materiel_at(text: str, sentence_spans: list[tuple[int, int]], trigger: tuple[int, int]) -> bool:
    sent = _sentence_of(sentence_spans, trigger[0])
    return is_materiel(text[sent[0]:sent[1]] if sent else text)


def _add(roles: dict[str, list[GoldArg]], role: str | None, arg: GoldArg) -> None:
    if role:
        roles.setdefault(role, []).append(arg)


def _join_tokens(sentences: list[list[str]]) -> tuple[str, list[tuple[int, int]], list[tuple[int, int]]]:
    """Join tokens with single spaces: text, token char spans, sentence char spans."""
    parts: list[str] = []
    tok_spans: list[tuple[int, int]] = []
    sent_spans: list[tuple[int, int]] = []
    pos = 0
    for sentence in sentences:
        if not sentence:
            continue
        if parts:
            parts.append(" ")
            pos += 1
        s_start = pos
        for i, token in enumerate(sentence):
            if i:
                parts.append(" ")
                pos += 1
            tok_spans.append((pos, pos + len(token)))
            parts.append(token)
            pos += len(token)
        sent_spans.append((s_start, pos))
    return "".join(parts), tok_spans, sent_spans


# --------------------------------------------------------------------------------------------------
# RAMS 1.0 (AIDA)
#
# Choices the README leaves open: transaction.transaction.n/a (roles "participant" only, no direction)
# and transaction.transfermoney.{giftgrantprovideaid, n/a, ...} are not in the mapping table and stay
# out; transfercontrol counts only when its territoryorfacility (item) argument is materiel, which no
# dev example is; movement.transportartifact destination -> recipient as in the table.

_RAMS_TRANSFER_OWNERSHIP = {"giver": "supplier", "recipient": "recipient", "artifact": "item",
                            "beneficiary": "beneficiary", "place": "place"}
_RAMS_TRANSPORT = {"transporter": "supplier", "artifact": "item", "origin": "origin",
                   "destination": "recipient", "vehicle": "vehicle"}
_RAMS_MEETING = {"participant": "participants", "communicator": "participants",
                 "recipient": "participants", "place": "place", "topic": "topic"}
_RAMS_SANCTION = {"preventer": "imposers", "giver": "target", "recipient": "target",
                  "transporter": "target", "artifact": "item", "artifactmoney": "item", "money": "item",
                  "place": "place", "origin": "origin", "destination": "destination"}
_RAMS_ATTACK = {"attacker": "attacker", "target": "target", "instrument": "weapon", "place": "place"}


def rams_type(rams: str) -> tuple[str | None, dict[str, str]]:
    """Our type and role map for a RAMS event type ("" role map = not ours)."""
    parts = rams.split(".")
    top, mid, sub = (parts + ["", "", ""])[:3]
    if sub == "embargosanction":
        return "SANCTION", _RAMS_SANCTION
    if top == "transaction":
        if mid == "transferownership":
            return "TRANSFER", _RAMS_TRANSFER_OWNERSHIP
        if mid == "transaction" and sub == "giftgrantprovideaid":
            return "TRANSFER", _RAMS_TRANSFER_OWNERSHIP
        if mid == "transaction" and sub == "transfercontrol":
            return "TRANSFER", {"giver": "supplier", "recipient": "recipient",
                                "territoryorfacility": "item", "beneficiary": "beneficiary",
                                "place": "place"}
        if mid == "transfermoney" and sub == "purchase":
            # the payer receives the goods; the payee supplies them
            return "TRANSFER", {"giver": "recipient", "recipient": "supplier", "money": "value",
                                "beneficiary": "beneficiary", "place": "place"}
        return None, {}
    if top == "movement" and mid == "transportartifact":
        if sub in ("sendsupplyexport", "receiveimport", "bringcarryunload", "smuggleextract", "n/a"):
            return "TRANSFER", _RAMS_TRANSPORT
        if sub in ("prevententry", "preventexit"):
            return "SANCTION", _RAMS_SANCTION
        return None, {}
    if top == "contact":
        if (mid == "negotiate" and sub in ("meet", "correspondence", "n/a")
                or mid == "discussion"
                or mid == "collaborate" and sub in ("meet", "n/a")
                or mid == "commitmentpromiseexpressintent" and sub == "meet"):
            return "MEETING", _RAMS_MEETING
        return None, {}
    if top == "government" and mid == "agreements" and sub in ("acceptagreementcontractceasefire", "n/a"):
        return "MEETING", _RAMS_MEETING
    if top == "conflict" and mid == "attack":
        return "ATTACK", _RAMS_ATTACK
    return None, {}


def load_rams(path: str | Path) -> list[GoldDoc]:
    """RAMS JSON Lines (dev.jsonlines): one 5-sentence window and one annotated event per line.
    Not exhaustive: meta["exhaustive"] is False (detection recall only)."""
    docs = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            rec = json.loads(line)
            text, tok, sents = _join_tokens(rec["sentences"])
            events = []
            for t_start, t_end, labels in rec["evt_triggers"]:
                rams = labels[0][0]
                ours, role_map = rams_type(rams)
                if ours is None:
                    continue
                trigger = (tok[t_start][0], tok[t_end][1])
                roles: dict[str, list[GoldArg]] = {}
                for trig, arg, role in rec["gold_evt_links"]:
                    if trig != [t_start, t_end]:
                        continue
                    name = re.sub(r"^evt\d+arg\d+", "", role)
                    _add(roles, role_map.get(name),
                         make_arg(text, tok[arg[0]][0], tok[arg[1]][1], corpus_role=name))
                if rams.endswith("transfercontrol") and not any(is_materiel(a.text) for a in roles.get("item", [])):
                    continue
                events.append(GoldEvent(ours, rams, trigger, roles, _materiel_at(text, sents, trigger),
                                        {"trigger_text": text[trigger[0]:trigger[1]]}))
            docs.append(GoldDoc(rec["doc_key"], text, events,
                                {"dataset": "rams", "exhaustive": False, "sentence_spans": sents,
                                 "rams_types": [lab[0][0] for _, _, lab in rec["evt_triggers"]],
                                 "source_url": rec.get("source_url")}))
    return docs


# --------------------------------------------------------------------------------------------------
# WikiEvents v1.0 (KAIROS)
#
# Only the KAIROS types of the README table: Contact.Contact.Broadcast, RequestCommand and
# ThreatenCoerce are not meetings; Movement.Transportation is a transfer only when an artifact it
# moves is materiel (entity type WEA or a materiel word).

_WE_TRANSFER = {"Giver": "supplier", "Recipient": "recipient", "AcquiredEntity": "item",
                "ArtifactMoney": "item", "PaymentBarter": "value", "Beneficiary": "beneficiary",
                "Place": "place"}
_WE_TRANSPORT = {"Transporter": "supplier", "PassengerArtifact": "item", "Vehicle": "vehicle",
                 "Origin": "origin", "Destination": "destination"}
_WE_PREVENT = {"Preventer": "imposers", "Transporter": "target", "PassengerArtifact": "item",
               "Origin": "origin", "Destination": "destination"}
_WE_MEETING = {"Participant": "participants", "Topic": "topic", "Place": "place"}
_WE_ATTACK = {"Attacker": "attacker", "Target": "target", "Instrument": "weapon",
              "ExplosiveDevice": "weapon", "Place": "place"}


def wikievents_type(kairos: str) -> tuple[str | None, dict[str, str]]:
    if kairos in ("Transaction.ExchangeBuySell.Unspecified", "Transaction.Donation.Unspecified"):
        return "TRANSFER", _WE_TRANSFER
    if kairos in ("Movement.Transportation.Unspecified", "Movement.Transportation.IllegalTransportation"):
        return "TRANSFER", _WE_TRANSPORT
    if kairos == "Movement.Transportation.PreventPassage":
        return "SANCTION", _WE_PREVENT
    if kairos in ("Contact.Contact.Meet", "Contact.Contact.Correspondence", "Contact.Contact.Unspecified"):
        return "MEETING", _WE_MEETING
    if kairos in ("Conflict.Attack.Unspecified", "Conflict.Attack.DetonateExplode"):
        return "ATTACK", _WE_ATTACK
    return None, {}


def load_wikievents(path: str | Path, coref_path: str | Path | None = None) -> list[GoldDoc]:
    """WikiEvents JSON Lines (dev.jsonl). Exhaustively annotated: meta["exhaustive"] is True.

    The text is the corpus sentences joined with single spaces (the corpus "text" field drops the
    spaces between sentences). With ``coref_path`` (coref/dev.jsonlines) each argument carries the
    other mentions of its coreference cluster in ``extra["alternatives"]``, and the scorer accepts
    any of them (the "informative argument" reading)."""
    clusters: dict[str, dict[str, list[str]]] = {}
    if coref_path:
        with open(coref_path, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    rec = json.loads(line)
                    per_doc = clusters.setdefault(rec["doc_key"], {})
                    for cluster in rec["clusters"]:
                        for mention in cluster:
                            per_doc[mention] = cluster
    docs = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            rec = json.loads(line)
            parts, tok, sents, pos = [], [], [], 0
            for sent_tokens, sent_text in rec["sentences"]:
                if parts:
                    parts.append(" ")
                    pos += 1
                base = sent_tokens[0][1] if sent_tokens else 0
                for _, s, e in sent_tokens:
                    tok.append((pos + s - base, pos + e - base))
                sents.append((pos, pos + len(sent_text)))
                parts.append(sent_text)
                pos += len(sent_text)
            text = "".join(parts)
            ents = {m["id"]: m for m in rec["entity_mentions"]}
            doc_clusters = clusters.get(rec["doc_id"], {})

            def arg_of(mention: dict, role: str) -> GoldArg:
                start, end = tok[mention["start"]][0], tok[mention["end"] - 1][1]
                extra: dict[str, Any] = {"corpus_role": role, "entity_type": mention.get("entity_type")}
                alts = []
                for other in doc_clusters.get(mention["id"], []):
                    if other != mention["id"] and other in ents:
                        o = ents[other]
                        alts.append(make_arg(text, tok[o["start"]][0], tok[o["end"] - 1][1]))
                if alts:
                    extra["alternatives"] = alts
                return make_arg(text, start, end, **extra)

            events = []
            for ev in rec["event_mentions"]:
                ours, role_map = wikievents_type(ev["event_type"])
                if ours is None:
                    continue
                args = [(a["role"], ents[a["entity_id"]]) for a in ev["arguments"] if a["entity_id"] in ents]
                if ev["event_type"].startswith("Movement.Transportation") and ours == "TRANSFER":
                    if not any(role == "PassengerArtifact" and
                               (m.get("entity_type") == "WEA" or is_materiel(m["text"])) for role, m in args):
                        continue
                t = ev["trigger"]
                trigger = (tok[t["start"]][0], tok[t["end"] - 1][1])
                roles: dict[str, list[GoldArg]] = {}
                for role, mention in args:
                    _add(roles, role_map.get(role), arg_of(mention, role))
                events.append(GoldEvent(ours, ev["event_type"], trigger, roles,
                                        _materiel_at(text, sents, trigger),
                                        {"trigger_text": text[trigger[0]:trigger[1]], "id": ev["id"]}))
            docs.append(GoldDoc(rec["doc_id"], text, events,
                                {"dataset": "wikievents", "exhaustive": True, "sentence_spans": sents}))
    return docs


# --------------------------------------------------------------------------------------------------
# GENEVA (FrameNet)
#
# Choices: Commerce_pay and Manufacturing stay out of the transfers; "Using" is an attack only when its
# Instrument is materiel (most "Using" frames are not attacks); the "context" frames (Terrorism,
# Killing, Destroying, Damaging, Bearing_arms, Using) and Getting/Bringing/Exchange and the SANCTION
# proxies carry extra["weak"] = True. Hostile_encounter and Exchange are symmetric: the scorer lets
# a side match either of the two roles (extra["symmetric_roles"]).

_GENEVA: dict[str, tuple[str, dict[str, str]]] = {
    "Supply": ("TRANSFER", {"Supplier": "supplier", "Recipient": "recipient", "Theme": "item",
                            "Imposed_purpose": "purpose"}),
    "Commerce_sell": ("TRANSFER", {"Seller": "supplier", "Buyer": "recipient", "Goods": "item",
                                   "Money": "value"}),
    "Commerce_buy": ("TRANSFER", {"Buyer": "recipient", "Seller": "supplier", "Goods": "item",
                                  "Money": "value", "Recipient": "end_user"}),
    "Giving": ("TRANSFER", {"Offerer": "supplier", "Donor": "supplier", "Recipient": "recipient",
                            "Theme": "item"}),
    "Sending": ("TRANSFER", {"Sender": "supplier", "Recipient": "recipient", "Theme": "item",
                             "Transferors": "broker", "Source": "origin", "Goal": "destination",
                             "Vehicle": "vehicle"}),
    "Receiving": ("TRANSFER", {"Donor": "supplier", "Recipient": "recipient", "Theme": "item"}),
    "Getting": ("TRANSFER", {"Source": "supplier", "Recipient": "recipient", "Theme": "item"}),
    "Bringing": ("TRANSFER", {"Agent": "supplier", "Source": "supplier", "Recipient": "recipient",
                              "Theme": "item", "Goal": "destination", "Carrier": "vehicle"}),
    "Exchange": ("TRANSFER", {"Exchanger_1": "supplier", "Exchanger_2": "recipient",
                              "Exchangers": "supplier", "Theme_1": "item", "Theme_2": "item"}),
    "Communication": ("MEETING", {"Interlocutors": "participants", "Speaker": "participants",
                                  "Addressee": "participants", "Topic": "topic", "Place": "place"}),
    "Come_together": ("MEETING", {"Individuals": "participants", "Party_1": "participants",
                                  "Party_2": "participants", "Place": "place"}),
    "Collaboration": ("MEETING", {"Partners": "participants", "Partner_1": "participants",
                                  "Partner_2": "participants", "Undertaking": "topic", "Place": "place"}),
    "Sign_agreement": ("MEETING", {"Signatory": "participants", "Agreement": "topic", "Place": "place"}),
    "Arranging": ("MEETING", {"Agent": "participants", "Theme": "topic", "Location": "place"}),
    "Social_event": ("MEETING", {"Attendees": "participants", "Host": "participants", "Place": "place"}),
    "Participation": ("MEETING", {"Participants": "participants", "Participant_1": "participants",
                                  "Participant_2": "participants", "Event": "topic", "Place": "place"}),
    "Attack": ("ATTACK", {"Assailant": "attacker", "Victim": "target", "Weapon": "weapon", "Place": "place"}),
    "Hostile_encounter": ("ATTACK", {"Side_1": "attacker", "Side_2": "target", "Sides": "attacker",
                                     "Instrument": "weapon", "Place": "place"}),
    "Terrorism": ("ATTACK", {"Terrorist": "attacker", "Victim": "target", "Instrument": "weapon",
                             "Place": "place"}),
    "Killing": ("ATTACK", {"Killer": "attacker", "Victim": "target", "Instrument": "weapon",
                           "Place": "place"}),
    "Destroying": ("ATTACK", {"Destroyer": "attacker", "Patient": "target", "Instrument": "weapon",
                              "Place": "place"}),
    "Damaging": ("ATTACK", {"Agent": "attacker", "Patient": "target", "Instrument": "weapon",
                            "Place": "place"}),
    "Bearing_arms": ("ATTACK", {"Protagonist": "attacker", "Weapon": "weapon", "Place": "place"}),
    "Using": ("ATTACK", {"Agent": "attacker", "Instrument": "weapon", "Place": "place"}),
    "Preventing_or_letting": ("SANCTION", {"Agent": "imposers", "Potential_hindrance": "imposers",
                                           "Event": "target", "Protagonist": "target"}),
    "Hindering": ("SANCTION", {"Hindrance": "imposers", "Agent": "imposers", "Protagonist": "target",
                               "Action": "target", "Event": "target"}),
}
_GENEVA_WEAK = {"Getting", "Bringing", "Exchange", "Terrorism", "Killing", "Destroying", "Damaging",
                "Bearing_arms", "Using", "Preventing_or_letting", "Hindering"}
_GENEVA_SYMMETRIC = {"Hostile_encounter": ["attacker", "target"], "Exchange": ["supplier", "recipient"]}


def geneva_type(frame: str) -> tuple[str | None, dict[str, str]]:
    return _GENEVA.get(frame, (None, {}))


def _align_tokens(sentence: str, tokens: list[str]) -> list[tuple[int, int]] | None:
    spans, pos = [], 0
    for token in tokens:
        i = sentence.find(token, pos)
        if i < 0 or sentence[pos:i].strip():
            return None
        spans.append((i, i + len(token)))
        pos = i + len(token)
    return spans


def load_geneva(path: str | Path) -> list[GoldDoc]:
    """GENEVA JSON Lines (data/val.json, OneIE format): one GoldDoc per sentence (id = wnd_id).
    FrameNet annotates every frame of a sentence, so meta["exhaustive"] is True."""
    docs = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            rec = json.loads(line)
            text = rec["sentence"]
            tok = _align_tokens(text, rec["tokens"])
            if tok is None:    # fall back to the tokens joined with spaces
                text, tok, _ = _join_tokens([rec["tokens"]])
            sents = [(0, len(text))]
            ents = {m["id"]: m for m in rec["entity_mentions"]}
            events = []
            for ev in rec["event_mentions"]:
                frame = ev["event_type"]
                ours, role_map = geneva_type(frame)
                if ours is None:
                    continue
                t = ev["trigger"]
                trigger = (tok[t["start"]][0], tok[t["end"] - 1][1])
                roles: dict[str, list[GoldArg]] = {}
                for a in ev["arguments"]:
                    m = ents.get(a["entity_id"])
                    if m is None:
                        continue
                    _add(roles, role_map.get(a["role"]),
                         make_arg(text, tok[m["start"]][0], tok[m["end"] - 1][1], corpus_role=a["role"]))
                if frame == "Using" and not any(is_materiel(a.text) for a in roles.get("weapon", [])):
                    continue
                extra: dict[str, Any] = {"trigger_text": text[trigger[0]:trigger[1]], "id": ev["id"]}
                if frame in _GENEVA_WEAK:
                    extra["weak"] = True
                if frame in _GENEVA_SYMMETRIC:
                    extra["symmetric_roles"] = list(_GENEVA_SYMMETRIC[frame])
                events.append(GoldEvent(ours, frame, trigger, roles, is_materiel(text), extra))
            docs.append(GoldDoc(rec["wnd_id"], text, events,
                                {"dataset": "geneva", "exhaustive": True, "sentence_spans": sents,
                                 "doc_id": rec["doc_id"],
                                 "frames": [e["event_type"] for e in rec["event_mentions"]]}))
    return docs


# --------------------------------------------------------------------------------------------------
# PLOVER gold-standard records
#
# AID with context "military" -> TRANSFER; CONSULT -> MEETING; SANCTION -> SANCTION; ASSAULT and
# FIGHT -> ATTACK; every other category -> None (no event of ours expected). The records have no
# "mode" for AID; the military reading is in "context". AGREE/COOPERATE/SUPPORT records with a
# military context (offers of military aid, joint exercises) and AGREE records about meeting,
# visiting, negotiating or mediating are plausible TRANSFER/MEETING readings; they keep expected
# type None but list those types in meta["lenient_types"], for a lenient false-positive rate.

_PLOVER_TYPES = {"CONSULT": "MEETING", "SANCTION": "SANCTION", "ASSAULT": "ATTACK", "FIGHT": "ATTACK"}
_MEETING_WORDS = re.compile(r"\b(meet|visit|negotiat|mediat|host|talks)", re.IGNORECASE)


def plover_expected_type(record: dict) -> str | None:
    event = record.get("event")
    if event == "AID":
        return "TRANSFER" if "military" in (record.get("context") or "") else None
    return _PLOVER_TYPES.get(event)


def _codes(actors: Any) -> list[str]:
    if not isinstance(actors, list):
        return []
    return [a["code"] for a in actors if isinstance(a, dict) and a.get("code")]


def _texts(actors: Any) -> list[str]:
    if not isinstance(actors, list):
        return []
    return [a.get("actorText", "") for a in actors if isinstance(a, dict)]


def load_plover(path: str | Path) -> list[GoldDoc]:
    """PLOVER_GSR_CAMEO.txt (a JSON array): one GoldDoc per coded sentence, no GoldEvents; the
    expectation is in meta: plover_event, expected_type, source_codes, target_codes, lenient_types,
    context, mode, eventText, comment, materiel."""
    with open(path, encoding="utf-8") as fh:
        records = json.load(fh)
    docs = []
    for rec in records:
        if rec.get("event") == "DOCUMENT":
            continue
        text = rec.get("text") or ""
        context = rec.get("context") or ""
        lenient: list[str] = []
        if rec.get("event") in ("AGREE", "COOPERATE", "SUPPORT") and "military" in context:
            lenient.append("TRANSFER")
        if rec.get("event") == "AGREE" and _MEETING_WORDS.search(rec.get("eventText") or ""):
            lenient.append("MEETING")
        docs.append(GoldDoc(rec["id"], text, [], {
            "dataset": "plover", "exhaustive": False,
            "plover_event": rec.get("event"),
            "expected_type": plover_expected_type(rec),
            "lenient_types": lenient,
            "source_codes": _codes(rec.get("source")),
            "target_codes": _codes(rec.get("target")),
            "source_texts": _texts(rec.get("source")),
            "target_texts": _texts(rec.get("target")),
            "context": rec.get("context"),
            "mode": rec.get("mode"),
            "eventText": rec.get("eventText"),
            "comment": rec.get("comment"),
            "materiel": is_materiel(text),
            "sentence_spans": [(0, len(text))],
        }))
    return docs


# --------------------------------------------------------------------------------------------------
# PETRARCH validation records
#
# CAMEO root -> ours: 04 -> MEETING, 07 -> TRANSFER (072 is military aid; the records use 070/071,
# money aid), 16 -> SANCTION, 18/19 -> ATTACK, else None. The SYNSET records test synonym sets with
# arbitrary codes (e.g. 190 for "contribute gold florins"): meta["synthetic_codes"] marks them.


def cameo_to_type(code: str | None) -> str | None:
    code = (code or "").strip()
    root = code[:2]
    if root == "04":
        return "MEETING"
    if root == "07":
        return "TRANSFER"
    if root == "16":
        return "SANCTION"
    if root in ("18", "19"):
        return "ATTACK"
    return None


_SENTENCE_RE = re.compile(r"<Sentence\b([^>]*)>(.*?)</Sentence>", re.S)
_ATTR_RE = re.compile(r'(\w+)\s*=\s*"([^"]*)"')
_CODING_RE = re.compile(r"<EventCoding\b([^>]*?)/?>")
_TEXT_RE = re.compile(r"<Text>(.*?)</Text>", re.S)
_COMMENT_RE = re.compile(r"<!--.*?-->", re.S)


def load_petrarch(path: str | Path) -> list[GoldDoc]:
    """PETR_Validate_records_2_02.xml, read with regular expressions (not well-formed XML).
    One GoldDoc per <Sentence>; meta: category, evaluate, codings, noevents, expected_types."""
    raw = Path(path).read_text(encoding="utf-8", errors="replace")
    docs = []
    for attrs, body in _SENTENCE_RE.findall(raw):
        a = dict(_ATTR_RE.findall(attrs))
        body_nc = _COMMENT_RE.sub("", body)
        codings = [dict(_ATTR_RE.findall(c)) for c in _CODING_RE.findall(body_nc)]
        m = _TEXT_RE.search(body_nc)
        text = " ".join(m.group(1).split()) if m else ""
        noevents = any(c.get("noevents", "").lower() == "true" for c in codings)
        codes = [c for c in codings if c.get("eventcode")]
        expected = sorted({t for c in codes if (t := cameo_to_type(c["eventcode"]))})
        docs.append(GoldDoc(a.get("id", f"petr-{len(docs)}"), text, [], {
            "dataset": "petrarch", "exhaustive": False,
            "category": a.get("category"),
            "evaluate": a.get("evaluate", "true").lower() != "false",
            "codings": codes,
            "noevents": noevents,
            "expected_types": expected,
            "synthetic_codes": a.get("category") == "SYNSET",
            "sentence_spans": [(0, len(text))],
        }))
    return docs


def type_counts(docs: Iterable[GoldDoc]) -> dict[str, int]:
    """Gold events per our type (and TRANSFER_MATERIEL), for quick checks."""
    out: dict[str, int] = {}
    for doc in docs:
        for ev in doc.events:
            out[ev.type] = out.get(ev.type, 0) + 1
            if ev.type == "TRANSFER" and ev.materiel:
                out["TRANSFER_MATERIEL"] = out.get("TRANSFER_MATERIEL", 0) + 1
    return out
