"""How far a transfer has gone: the status its word implies ("sold": delivered, "ordered":
agreed), moved by tense, modals, negation and the words governing it. Read last, by the
`status` construction, and by the constructions that read a whole mention themselves."""
from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from ....records import Status
from ...fillers import sum_of
from ...lexicon import words
from ...mention import Mention

if TYPE_CHECKING:
    from ...frames import FrameReader

WORDS = words("constructions/transfer", "status")
MONEY = words("frames", "clauses")


def transfer_status(f: FrameReader, m: Mention, entry: dict) -> None:
    """Set `m.status` (and its hedges and negation) from the entry's status and the clause."""
    trigger = m.trigger
    status = Status(entry["status"])
    refused_permission = any(node.lemma_.lower() in f.lex.permission_verbs and
                             any(c.dep_ == "neg" for c in node.children)
                             for node in f.chain(trigger, 4)[1:])
    # "the transfer has not been confirmed", "could not verify that Iran had sent": a claim no one
    # could confirm is unconfirmed, not denied or undone
    unconfirmed = any(node.lemma_.lower() in f.lex.statement.get("confirm", ()) and
                      any(c.dep_ == "neg" for c in node.children) for node in f.chain(trigger, 4)[1:])
    negated = f.negated(trigger) and not refused_permission and not unconfirmed
    if unconfirmed:
        m.hedges.append("unconfirmed")
    # "Slovakia will not send any more weapons to Ukraine": the giver refuses ("Kazakhstan will not
    # buy" says nothing of a supplier, and stays no transfer)
    refuses = negated and entry.get("frame") == "give" and trigger.pos_ == "VERB" and any(
        c.dep_ == "aux" and c.lower_ in WORDS.refusing_modals for c in trigger.children)
    if negated and not refuses and not status.halts and status.rank >= Status.AGREED.rank and _pending(f, m):
        status = Status.AGREED  # "still has not delivered the Su-35 jets": promised, not yet delivered
    elif negated and not refuses:
        m.negated = True
    context, context_negated = f.status_from_context(trigger)
    if context is None and trigger.dep_ == "advcl":
        # "Saudi Arabia is in talks with Turkey to buy": the talks the parser left beside the
        # infinitive, on the verb it hangs from
        ins = [c for c in trigger.head.children if c.dep_ == "prep" and c.lower_ == "in"]
        talks = [f.status_word(o) for i in ins for o in i.children if o.dep_ == "pobj"]
        # "finalised a deal with London to buy", "inked a contract with Moscow to buy": the deal
        # the verb made, its object, says how far the purchase went
        talks += [f.status_word(o) for o in trigger.head.children if o.dep_ == "dobj" and o.pos_ == "NOUN"]
        context = next((Status(w) for w in talks if w), None)
    if context is not None and context.halts and (context_negated or _halt_unsure(f, trigger)):
        # "could scrap the purchase", "threatened to cancel the contract", "did not suspend
        # deliveries": no halt has happened; a deal to halt was at least agreed
        status = Status.AGREED if not status.halts and status.rank >= Status.AGREED.rank else status
    elif context is not None:
        status = context
        if context_negated and context in (Status.AGREED, Status.APPROVED):
            status = Status.CONSIDERED  # "has not signed", "has not approved": not yet decided
        elif context == Status.DELIVERING and _not_begun(f, trigger):
            status = Status.AGREED  # "deliveries will begin in 2026", "are expected to start": agreed
    elif trigger.pos_ == "VERB":
        status = _verb_status(f, m, trigger, status, entry.get("class"))
    elif (holder := sum_of(trigger)).dep_ in ("dobj", "nsubj", "nsubjpass") and holder.head.pos_ == "VERB":
        # a noun's verb, whatever it is, tells when: "will take delivery of" is agreed, "is taking
        # delivery" delivering, "may get the shipment" considered (issue 23: a shape the reader
        # cannot place is not delivered for that); so does the verb of a sum the noun is "in"
        # ("will provide $250 million in military aid")
        status = _verb_status(f, m, holder.head, status)
    if trigger.pos_ == "NOUN" and status in (Status.DELIVERED, Status.DELIVERING, Status.CONSIDERED) and \
            Status(entry["status"]).rank >= Status.AGREED.rank and _scheduled(trigger):
        # "deliveries to Poland are scheduled to start in 2027", "delivery of the first jet is due
        # in 2026", "the first deliveries are planned for 2027": a delivery on a timetable is agreed
        status = Status.AGREED
    # "drones used in attacks": the item was used
    item = m.first("item")
    if item is not None and status.rank < Status.DELIVERED.rank and not status.halts:
        status = _arrived(f, trigger, item) or status
    if item is not None and status in (Status.DELIVERED, Status.DELIVERING):
        span = f.doc.char_span(item.start, item.end, alignment_mode="expand")
        if span is not None:
            for child in span.root.children:
                if child.dep_ == "acl" and child.lemma_.lower() in WORDS.use_participles:
                    status = Status.USED
    own = {c.lower_ for c in trigger.children if c.dep_ == "aux"}
    if unconfirmed and status == Status.CONSIDERED and not own & (f.lex.planned_modals | f.lex.possible_modals):
        # "could not verify that Iran had sent": the doubt is the hedge, and the modal on the
        # verb of confirming is not the claim's; the claim keeps its own word's status
        status = Status(entry["status"])
    if refused_permission or refuses:
        status = Status.REFUSED  # "will not allow uranium transfers to Iran"
    elif stopped(trigger):
        # "no longer sells weapons to Niger": a flow that stopped
        status = Status.CANCELLED
        m.negated = False
    elif trigger.pos_ == "NOUN" and status in (Status.DELIVERED, Status.DELIVERING) and any(
            c.dep_ == "det" and c.lower_ in WORDS.hypothetical_dets for c in trigger.children):
        # "warned that any sale of Su-35 jets to Iran would trigger sanctions": a sale that
        # may come, not one that happened
        status = Status.CONSIDERED
        m.hedges.append("hypothetical")
    m.status = status


def _pending(f: FrameReader, m: Mention) -> bool:
    """Whether a negated transfer is one promised and still to come: "still has not delivered",
    "has not yet received the promised ATACMS"."""
    adverbs = {c.lower_ for c in m.trigger.children if c.dep_ == "advmod"}
    if adverbs & WORDS.pending_adverbs:
        return True
    item = m.first("item")
    span = f.doc.char_span(item.start, item.end, alignment_mode="expand") if item is not None else None
    return bool(adverbs & WORDS.yet_adverbs) and span is not None and any(
        c.lower_ in WORDS.promised_modifiers for c in span.root.children if c.dep_ == "amod")


def _verb_status(f: FrameReader, m: Mention, trigger: Token, status: Status, kind: str | None = None) -> Status:
    """A verb trigger's status from its modal, aspect and the verb it depends on (`kind`: the
    trigger's valency class, when the trigger is the transfer verb itself)."""
    aux = {c.lower_ for c in trigger.children if c.dep_ in ("aux", "auxpass")}
    modal = f.modal(trigger)
    if status.halts:
        return status  # "will suspend", "has yet to refuse": the halt is what the words say
    if modal == "future" or (trigger.tag_ == "VB" and aux == {"to"} and (_headline_clause(trigger) or (
            trigger.dep_ == "ccomp" and trigger.head.lemma_.lower() in f.lex.attribution
            and any(c.dep_ == "nsubj" for c in trigger.children)) or f.headline_infinitive(trigger) is not None)):
        # "will deliver"; a headline's "Hanwha to deliver K9 howitzers to Vietnam", also after a
        # rubric ("Ukraine war: US to send cluster munitions"), attributed ("Netherlands to send
        # Ukraine 18 more F-16 jets, minister says") or parsed as a name the infinitive
        # qualifies ("Turkey to supply drones to Niger's junta")
        status = Status.AGREED if status.rank >= Status.AGREED.rank else status
    elif modal == "weak":
        status = Status.CONSIDERED
        m.hedges.append("modal")
    elif trigger.tag_ == "VBG" and aux & WORDS.progressive_auxiliaries:
        # "is delivering", "has been receiving ... since 2023": an ongoing flow; "is buying 54
        # tanks": a purchase under way, agreed
        if status == Status.DELIVERED:
            status = Status.AGREED if kind in WORDS.purchase_classes else Status.DELIVERING
    elif trigger.dep_ == "xcomp" and trigger.head.lemma_.lower() in WORDS.schedule_heads:
        # "is set to receive", "is due to deliver": on a schedule, agreed
        status = Status.AGREED if status.rank >= Status.AGREED.rank else status
    elif trigger.dep_ == "xcomp" and trigger.head.lemma_ in WORDS.yet_verbs and any(
            c.lower_ in WORDS.yet_words for c in trigger.head.children):
        # "has yet to deliver": promised, not delivered
        status = Status.AGREED if status.rank >= Status.AGREED.rank else status
    elif trigger.tag_ in ("VBZ", "VBP") and kind in WORDS.purchase_classes and not aux and _in_headline(trigger):
        # a headline's "Serbia buys 12 Rafales from France": the purchase agreed, not the jets delivered
        status = Status.AGREED if status == Status.DELIVERED else status
    elif {"to", "be"} <= aux and trigger.tag_ == "VBN":
        # "the drones to be supplied to Kenya", a headline's "Drones to be supplied to Kenya": a
        # passive infinitive is what is to come
        status = Status.AGREED if status.rank >= Status.AGREED.rank else status
    elif trigger.tag_ in ("VB",) and not aux - {"to"} and trigger.dep_ in ("xcomp", "acl", "advcl") and \
            not _spent_on(trigger):
        # an infinitive ("eager to buy", "easy to obtain") says nothing has moved yet
        status = Status.CONSIDERED if status == Status.DELIVERED else status
    return status


def _spent_on(trigger: Token) -> bool:
    """"used a Chinese loan to buy frigates", "spent $50 million to buy drones": money spent on a
    purchase, in the past, bought it."""
    head = trigger.head
    return trigger.dep_ in ("xcomp", "advcl") and head.tag_ == "VBD" and \
        head.lemma_.lower() in MONEY.spending_verbs and any(
            c.dep_ == "dobj" and (c.lower_ in MONEY.financing_nouns or c.ent_type_ == "MONEY") for c in head.children)


def _arrived(f: FrameReader, trigger: Token, item) -> Status | None:
    """"The jets Egypt ordered from France arrived": an item that a relative clause or
    participle says was ordered is the subject of a verb that says it came; that verb's tense
    tells how far the transfer went ("will arrive next year" leaves it ordered)."""
    span = f.doc.char_span(item.start, item.end, alignment_mode="expand")
    if span is None:
        return None
    noun, verb = span.root, span.root.head
    if noun.dep_ not in ("nsubj", "nsubjpass") or verb.i == trigger.i or verb.pos_ != "VERB" or \
            (f.lex.transfer_verbs.get(verb.lemma_.lower()) or {}).get("class") != "arrive" or \
            f.modal(verb) is not None or verb.tag_ not in ("VBD", "VBN"):
        return None
    return Status.DELIVERED if trigger.i in {t.i for t in noun.subtree} else None


def _headline_clause(trigger: Token) -> bool:
    """Whether the trigger heads its clause: the root, or a verb with its own subject the parser
    hung on a rubric before a colon ("Ukraine war: US to send ...")."""
    if trigger.dep_ == "ROOT":
        return True
    head = trigger.head
    return head.i < trigger.i and any(c.dep_ == "nsubj" for c in trigger.children) and any(
        t.text in WORDS.rubric_marks for t in trigger.doc[head.i + 1:trigger.i])


def _halt_unsure(f: FrameReader, trigger: Token) -> bool:
    """Whether the halt over the trigger is only possible: "could scrap", "may suspend",
    "threatened to cancel", "is considering halting"."""
    chain = f.chain(trigger, 6)
    for n, node in enumerate(chain[1:], 1):
        status = f.status_word(node)
        if status is not None and Status(status).halts:
            # a conjunct is no content of the clause before it: "asked for Taurus missiles, but
            # Germany has refused to send them" is a refusal, not a possible one
            return f.modal(node) == "weak" or (node.dep_ != "conj" and any(
                f.lex.realis_words.get(above.lemma_.lower()) == "possible" for above in chain[n + 1:n + 3]))
    return False


def _scheduled(trigger: Token) -> bool:
    """Whether the delivery noun `trigger` is what a timetable word is said of: the subject of
    "scheduled", "planned" or "set", or of "is due" ("the sale is planned" may be a plan to sell)."""
    if trigger.dep_ not in ("nsubj", "nsubjpass") or trigger.lemma_.lower() not in WORDS.timetable_nouns:
        return False
    head = trigger.head
    if any(c.dep_ == "xcomp" and c.lemma_.lower() in WORDS.continuing_verbs for c in head.children):
        return False  # "deliveries are set to continue": a flow under way goes on
    heads = WORDS.schedule_heads | WORDS.timetable_heads
    return head.lemma_.lower() in heads or any(
        c.dep_ == "acomp" and c.lemma_.lower() in heads for c in head.children)


def _not_begun(f: FrameReader, trigger: Token) -> bool:
    """Whether the word that starts the flow ("begin", "start") is still to come: "will begin",
    "are expected to start", "is set to begin"."""
    for node in f.chain(trigger, 6)[1:]:
        if f.status_word(node) == Status.DELIVERING.value:
            # "will continue" goes on: only a start to come is not begun
            return node.lemma_.lower() in WORDS.onset_verbs and (node.tag_ == "VB" or f.modal(node) in ("future", "weak"))
    return False


def stopped(trigger: Token) -> bool:
    """"no longer sells", "does not sell ... any longer"."""
    longer = [c for c in trigger.children if c.dep_ == "advmod" and c.lower_ in WORDS.no_longer_adverbs]
    negations = {t.lower_ for c in longer for t in c.children} | {
        c.lower_ for c in trigger.children if c.dep_ == "neg"}
    return bool(longer) and bool(negations & WORDS.no_longer_negations)


def _in_headline(trigger: Token) -> bool:
    """A headline: the first line, standing alone, with no full stop."""
    sent, doc = trigger.sent, trigger.doc
    if sent.start != 0 or sent.text.rstrip()[-1:] in ".!?\"'\u201d":
        return False
    return sent.end == len(doc) or "\n" in doc.text[sent.end_char:sent.end_char + 2]
