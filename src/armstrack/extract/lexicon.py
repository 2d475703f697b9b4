"""The trigger and modality lexicons (data/patterns/*.yaml), loaded once into sets."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..resources import load_yaml


@dataclass(frozen=True)
class Lexicon:
    transfer_verbs: dict[str, dict]
    transfer_nouns: dict[str, dict]
    meeting_verbs: frozenset[str]
    meeting_nouns: frozenset[str]
    mediation: frozenset[str]
    mediation_nouns: frozenset[str]
    host_nouns: frozenset[str]
    sanction_verbs: frozenset[str]
    sanction_nouns: frozenset[str]
    sanction_support: frozenset[str]
    sanction_lift: frozenset[str]
    attack_verbs: frozenset[str]
    attack_nouns: frozenset[str]
    attack_support: frozenset[str]
    attack_standalone: frozenset[str]
    violence_verbs: frozenset[str]
    victim_heads: frozenset[str]
    perpetrator_heads: frozenset[str]
    seizure_verbs: frozenset[str]
    territory_heads: frozenset[str]
    fire_verbs: frozenset[str]
    not_attack_modifiers: frozenset[str]
    classified_heads: frozenset[str]
    event_frame_nouns: frozenset[str]
    meeting_standalone: frozenset[str]
    sanction_standalone: frozenset[str]
    measures: dict[str, dict[str, frozenset[str]]]   # measure -> {"verbs", "nouns", "objects"}
    statement: dict[str, frozenset[str]]
    warning_words: frozenset[str]
    hedges: frozenset[str]
    hedge_phrases: tuple[str, ...]
    attribution: frozenset[str]
    unnamed_words: frozenset[str]
    unnamed_markers: tuple[str, ...]
    status_context: dict[str, str]         # lemma -> status
    quantity_containers: frozenset[str]
    materiel_heads: frozenset[str]
    dual_use_kinds: frozenset[str]
    military_qualifiers: frozenset[str]
    item_phrase_heads: frozenset[str]
    non_transfer_particles: frozenset[str]
    request_verbs: frozenset[str]
    fitting_verbs: frozenset[str]
    payload_verbs: frozenset[str]
    object_control: frozenset[str]
    tough_adjectives: frozenset[str]
    materiel_words: frozenset[str]
    institutions: frozenset[str]
    affiliation: frozenset[str]
    ethnic_markers: frozenset[str]
    generic_actor_heads: frozenset[str]
    person_titles: frozenset[str]
    permission_verbs: frozenset[str]
    realis_words: dict[str, str]           # lemma -> "planned" | "possible" | "refused"
    framing_nouns: frozenset[str]
    planned_modals: frozenset[str]
    possible_modals: frozenset[str]
    conditional_marks: frozenset[str]
    planned_modifiers: frozenset[str]
    carrier_verbs: frozenset[str]
    onset_nouns: frozenset[str]
    carrier_prep_verbs: frozenset[str]
    possible_modifiers: frozenset[str]
    person_markers: frozenset[str]
    device_verbs: frozenset[str]
    device_heads: frozenset[str]
    accident_adverbs: frozenset[str]
    conflict_nouns: frozenset[str]
    weapon_qualifiers: frozenset[str]
    place_heads: frozenset[str]
    agent_pronouns: frozenset[str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    trig = load_yaml("patterns/triggers.yaml")
    mod = load_yaml("patterns/modality.yaml")
    act = load_yaml("patterns/actors.yaml")
    context = {}
    for status, words in mod["status_context"].items():
        for word in words:
            context.setdefault(word, status)
    realis = mod["realis"]
    realis_words = {word: kind for kind in ("refused", "possible", "planned") for word in realis[kind]}
    statement = {kind: frozenset(trig["statement"][kind]) for kind in ("confirm", "deny", "warn", "accuse")}
    return Lexicon(
        transfer_verbs=trig["transfer"]["verbs"], transfer_nouns=trig["transfer"]["nouns"],
        meeting_verbs=frozenset(trig["meeting"]["verbs"]), meeting_nouns=frozenset(trig["meeting"]["nouns"]),
        mediation=frozenset(trig["mediation"]), mediation_nouns=frozenset(trig["mediation_nouns"]),
        host_nouns=frozenset(trig["host_nouns"]),
        sanction_verbs=frozenset(trig["sanction"]["verbs"]), sanction_nouns=frozenset(trig["sanction"]["nouns"]),
        sanction_support=frozenset(trig["sanction"]["support_verbs"]),
        sanction_lift=frozenset(trig["sanction"]["lift_verbs"]),
        attack_verbs=frozenset(trig["attack"]["verbs"]), attack_nouns=frozenset(trig["attack"]["nouns"]),
        attack_support=frozenset(trig["attack"]["support_verbs"]),
        attack_standalone=frozenset(trig["attack"]["standalone_nouns"]),
        violence_verbs=frozenset(trig["attack"]["violence_verbs"]),
        victim_heads=frozenset(trig["attack"]["victim_heads"]),
        perpetrator_heads=frozenset(trig["attack"]["perpetrator_heads"]),
        seizure_verbs=frozenset(trig["attack"]["seizure_verbs"]),
        territory_heads=frozenset(trig["attack"]["territory_heads"]),
        fire_verbs=frozenset(trig["attack"]["fire_verbs"]),
        not_attack_modifiers=frozenset(trig["attack"]["not_attack_modifiers"]),
        classified_heads=frozenset(trig["attack"]["classified_heads"]),
        event_frame_nouns=frozenset(trig["event_frame_nouns"]),
        meeting_standalone=frozenset(trig["meeting"]["standalone_nouns"]),
        sanction_standalone=frozenset(trig["sanction"]["standalone_nouns"]),
        measures={name: {k: frozenset(v) for k, v in spec.items()}
                  for name, spec in trig["sanction"]["measures"].items()},
        statement=statement, warning_words=frozenset(trig["statement"]["warning_words"]),
        hedges=frozenset(mod["hedges"]), hedge_phrases=tuple(mod["hedge_phrases"]),
        attribution=frozenset(mod["attribution_verbs"]),
        unnamed_words=frozenset(mod["unnamed_source_words"]),
        unnamed_markers=tuple(mod["unnamed_markers"]),
        status_context=context, quantity_containers=frozenset(mod["quantity_containers"]),
        materiel_heads=frozenset(mod["materiel_heads"]), materiel_words=frozenset(mod["materiel_words"]),
        dual_use_kinds=frozenset(mod["dual_use_kinds"]), military_qualifiers=frozenset(mod["military_qualifiers"]),
        item_phrase_heads=frozenset(mod["item_phrase_heads"]),
        non_transfer_particles=frozenset(mod["non_transfer_particles"]),
        request_verbs=frozenset(mod["request_verbs"]),
        fitting_verbs=frozenset(mod["fitting_verbs"]), payload_verbs=frozenset(mod["payload_verbs"]),
        object_control=frozenset(mod["object_control_verbs"]),
        tough_adjectives=frozenset(mod["tough_adjectives"]),
        institutions=frozenset(act["institution_heads"]),
        affiliation=frozenset(act["affiliation_modifiers"]),
        ethnic_markers=frozenset(act["ethnic_markers"]),
        generic_actor_heads=frozenset(act["generic_actor_heads"]),
        person_titles=frozenset(w.lower() for w in act["person_titles"]),
        permission_verbs=frozenset(mod["permission_verbs"]),
        realis_words=realis_words, framing_nouns=frozenset(realis["framing_nouns"]),
        planned_modals=frozenset(realis["planned_modals"]),
        possible_modals=frozenset(realis["possible_modals"]),
        conditional_marks=frozenset(realis["conditional_marks"]),
        planned_modifiers=frozenset(realis["planned_modifiers"]),
        carrier_verbs=frozenset(mod["focus"]["carrier_verbs"]),
        onset_nouns=frozenset(mod["onset_nouns"]),
        carrier_prep_verbs=frozenset(mod["focus"]["carrier_prep_verbs"]),
        possible_modifiers=frozenset(realis["possible_modifiers"]),
        person_markers=frozenset(trig["attack"]["person_markers"]),
        device_verbs=frozenset(trig["attack"]["device_verbs"]),
        device_heads=frozenset(trig["attack"]["device_heads"]),
        accident_adverbs=frozenset(trig["attack"]["accident_adverbs"]),
        conflict_nouns=frozenset(trig["attack"]["conflict_nouns"]),
        weapon_qualifiers=frozenset(trig["attack"]["weapon_qualifiers"]),
        place_heads=frozenset(trig["attack"]["place_heads"]),
        agent_pronouns=frozenset(act["agent_pronouns"]),
    )
