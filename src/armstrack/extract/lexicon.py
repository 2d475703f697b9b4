"""The trigger and modality lexicons (data/patterns/*.yaml), loaded once into sets."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from types import SimpleNamespace

from ..resources import DATA, load_yaml


@dataclass(frozen=True)
class Lexicon:
    transfer_verbs: dict[str, dict]
    transfer_nouns: dict[str, dict]
    meeting_verbs: frozenset[str]
    meeting_nouns: frozenset[str]
    topic_preps: frozenset[str]              # "talks on/over the supply of": what talks are about
    mediation: frozenset[str]
    mediation_nouns: frozenset[str]
    host_nouns: frozenset[str]
    sanction_verbs: frozenset[str]
    sanction_nouns: frozenset[str]
    sanction_support: frozenset[str]
    sanction_lift: frozenset[str]
    sanction_lift_nouns: frozenset[str]
    sanction_listing: frozenset[str]
    sanction_subject_verbs: frozenset[str]
    sanction_target_subjects: frozenset[str]
    sanction_covered: frozenset[str]
    sanction_target_heads: frozenset[str]
    sanction_restriction_words: frozenset[str]
    sanction_control_modifiers: frozenset[str]
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
    judging_verbs: frozenset[str]            # "called the reports fake": with a denial judgement, a denial
    denial_judgements: frozenset[str]
    hedges: frozenset[str]
    report_nouns: frozenset[str]             # "reports that ...", "denied the reports"
    hedge_phrases: tuple[str, ...]
    attribution: frozenset[str]
    unnamed_words: frozenset[str]
    unnamed_markers: tuple[str, ...]
    status_context: dict[str, str]         # lemma -> status
    quantity_containers: frozenset[str]
    counted_increments: frozenset[str]
    materiel_heads: frozenset[str]
    dual_use_kinds: frozenset[str]
    military_qualifiers: frozenset[str]
    item_phrase_heads: frozenset[str]
    component_heads: frozenset[str]          # "engines for F-16s": a part of the system, not the system
    non_transfer_particles: frozenset[str]
    request_verbs: frozenset[str]
    fitting_verbs: frozenset[str]
    payload_verbs: frozenset[str]
    object_control: frozenset[str]
    asking_verbs: frozenset[str]             # "urged Germany to supply": the one asked does it
    tough_adjectives: frozenset[str]
    materiel_words: frozenset[str]
    institutions: frozenset[str]
    affiliation: frozenset[str]
    opposition_heads: frozenset[str]         # "Yemeni rebels" are not Yemen
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
    cargo_verbs: frozenset[str]
    possible_modifiers: frozenset[str]
    person_markers: frozenset[str]
    device_verbs: frozenset[str]
    device_heads: frozenset[str]
    accident_adverbs: frozenset[str]
    conflict_nouns: frozenset[str]
    weapon_qualifiers: frozenset[str]
    place_heads: frozenset[str]
    agent_pronouns: frozenset[str]
    destination_participles: frozenset[str]
    receiving_support_verbs: frozenset[str]
    content_preps: frozenset[str]
    content_nouns: frozenset[str]
    private_buyers: frozenset[str]
    announcing_verbs: frozenset[str]
    user_verbs: frozenset[str]
    agent_nouns: frozenset[str]
    interdiction_verbs: frozenset[str]
    production_verbs: frozenset[str]
    licence_nouns: frozenset[str]
    sections: dict[str, dict]                # each event type's own file, as written: types/<type>.yaml

    def section(self, event_type: str) -> dict:
        """An event type's words as its YAML file gives them: a type added as a module reads its
        lists from here rather than from a field of this class."""
        return self.sections[event_type.lower()]


# Every plain word list the readers look words up in: field -> (pattern file, keys in it).
# Each event type's words are in its own file, types/<type>.yaml, beside the words they share.
TYPE_FILES = tuple(sorted(p.stem for p in (DATA / "patterns" / "types").glob("*.yaml")))
_FILES = {"triggers": "patterns/triggers.yaml", "modality": "patterns/modality.yaml",
          "actors": "patterns/actors.yaml", **{t: f"patterns/types/{t}.yaml" for t in TYPE_FILES}}
_WORD_SETS: dict[str, tuple[str, ...]] = {
    "person_titles": ("actors", "person_titles"),
    "meeting_verbs": ("meeting", "verbs"),
    "meeting_nouns": ("meeting", "nouns"),
    "topic_preps": ("meeting", "topic_preps"),
    "mediation": ("meeting", "mediation"),
    "mediation_nouns": ("meeting", "mediation_nouns"),
    "host_nouns": ("meeting", "host_nouns"),
    "sanction_verbs": ("sanction", "verbs"),
    "sanction_nouns": ("sanction", "nouns"),
    "sanction_support": ("sanction", "support_verbs"),
    "sanction_lift": ("sanction", "lift_verbs"),
    "sanction_lift_nouns": ("sanction", "lift_nouns"),
    "sanction_listing": ("sanction", "listing_verbs"),
    "sanction_subject_verbs": ("sanction", "subject_verbs"),
    "sanction_target_subjects": ("sanction", "target_subject_verbs"),
    "sanction_covered": ("sanction", "covered_heads"),
    "sanction_target_heads": ("sanction", "target_heads"),
    "sanction_restriction_words": ("sanction", "restriction_words"),
    "sanction_control_modifiers": ("sanction", "control_modifiers"),
    "attack_verbs": ("attack", "verbs"),
    "attack_nouns": ("attack", "nouns"),
    "attack_support": ("attack", "support_verbs"),
    "attack_standalone": ("attack", "standalone_nouns"),
    "violence_verbs": ("attack", "violence_verbs"),
    "victim_heads": ("attack", "victim_heads"),
    "perpetrator_heads": ("attack", "perpetrator_heads"),
    "seizure_verbs": ("attack", "seizure_verbs"),
    "territory_heads": ("attack", "territory_heads"),
    "fire_verbs": ("attack", "fire_verbs"),
    "not_attack_modifiers": ("attack", "not_attack_modifiers"),
    "classified_heads": ("attack", "classified_heads"),
    "event_frame_nouns": ("triggers", "event_frame_nouns"),
    "meeting_standalone": ("meeting", "standalone_nouns"),
    "sanction_standalone": ("sanction", "standalone_nouns"),
    "warning_words": ("statement", "warning_words"),
    "judging_verbs": ("statement", "judging_verbs"),
    "denial_judgements": ("statement", "denial_judgements"),
    "hedges": ("modality", "hedges"),
    "report_nouns": ("modality", "report_nouns"),
    "attribution": ("modality", "attribution_verbs"),
    "unnamed_words": ("modality", "unnamed_source_words"),
    "quantity_containers": ("modality", "quantity_containers"),
    "counted_increments": ("modality", "counted_increments"),
    "materiel_heads": ("modality", "materiel_heads"),
    "materiel_words": ("modality", "materiel_words"),
    "dual_use_kinds": ("modality", "dual_use_kinds"),
    "military_qualifiers": ("modality", "military_qualifiers"),
    "item_phrase_heads": ("modality", "item_phrase_heads"),
    "component_heads": ("modality", "component_heads"),
    "non_transfer_particles": ("modality", "non_transfer_particles"),
    "request_verbs": ("modality", "request_verbs"),
    "fitting_verbs": ("modality", "fitting_verbs"),
    "payload_verbs": ("modality", "payload_verbs"),
    "object_control": ("modality", "object_control_verbs"),
    "asking_verbs": ("modality", "asking_verbs"),
    "tough_adjectives": ("modality", "tough_adjectives"),
    "institutions": ("actors", "institution_heads"),
    "affiliation": ("actors", "affiliation_modifiers"),
    "opposition_heads": ("actors", "opposition_heads"),
    "ethnic_markers": ("actors", "ethnic_markers"),
    "generic_actor_heads": ("actors", "generic_actor_heads"),
    "permission_verbs": ("modality", "permission_verbs"),
    "carrier_verbs": ("modality", "focus", "carrier_verbs"),
    "onset_nouns": ("modality", "onset_nouns"),
    "carrier_prep_verbs": ("modality", "focus", "carrier_prep_verbs"),
    "cargo_verbs": ("modality", "focus", "cargo_verbs"),
    "person_markers": ("attack", "person_markers"),
    "device_verbs": ("attack", "device_verbs"),
    "device_heads": ("attack", "device_heads"),
    "accident_adverbs": ("attack", "accident_adverbs"),
    "conflict_nouns": ("attack", "conflict_nouns"),
    "weapon_qualifiers": ("attack", "weapon_qualifiers"),
    "place_heads": ("attack", "place_heads"),
    "agent_pronouns": ("actors", "agent_pronouns"),
    "destination_participles": ("transfer", "destination_participles"),
    "receiving_support_verbs": ("transfer", "receiving_support_verbs"),
    "content_preps": ("transfer", "content_preps"),
    "content_nouns": ("transfer", "content_nouns"),
    "private_buyers": ("transfer", "private_buyers"),
    "announcing_verbs": ("transfer", "announcing_verbs"),
    "user_verbs": ("transfer", "user_verbs"),
    "agent_nouns": ("transfer", "agent_nouns"),
    "interdiction_verbs": ("transfer", "interdiction_verbs"),
    "production_verbs": ("transfer", "licensed_production", "verbs"),
    "licence_nouns": ("transfer", "licensed_production", "licence_nouns"),
    "framing_nouns": ("modality", "realis", "framing_nouns"),
    "planned_modals": ("modality", "realis", "planned_modals"),
    "possible_modals": ("modality", "realis", "possible_modals"),
    "conditional_marks": ("modality", "realis", "conditional_marks"),
    "planned_modifiers": ("modality", "realis", "planned_modifiers"),
    "possible_modifiers": ("modality", "realis", "possible_modifiers"),
}


def _with_valency(words: dict, kind: str) -> dict[str, dict]:
    """Each transfer word's entry with its class's direction (`frame`) and preposition roles."""
    valency = words["valency"]
    return {lemma: {**entry, "frame": valency[entry["class"]]["frame"], "preps": valency[entry["class"]]["preps"]}
            for lemma, entry in words[kind].items()}


@lru_cache(maxsize=None)
def type_words(event_type: str, key: str) -> frozenset[str]:
    """A word list of an event type's own file (data/patterns/types/<type>.yaml), by its key."""
    return frozenset(lexicon().section(event_type)[key])


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    data = {name: load_yaml(path) for name, path in _FILES.items()}

    def at(file: str, *keys: str):
        node = data[file]
        for key in keys:
            node = node[key]
        return node

    sets = {field: frozenset(at(*where)) for field, where in _WORD_SETS.items()}
    sets["person_titles"] = frozenset(w.lower() for w in sets["person_titles"])
    mod = data["modality"]
    context = {}
    for status, words in mod["status_context"].items():
        for word in words:
            context.setdefault(word, status)
    realis = mod["realis"]
    return Lexicon(
        **sets,
        sections={t: data[t] for t in TYPE_FILES},
        transfer_verbs=_with_valency(data["transfer"], "verbs"), transfer_nouns=_with_valency(data["transfer"], "nouns"),
        measures={name: {k: frozenset(v) for k, v in spec.items()}
                  for name, spec in data["sanction"]["measures"].items()},
        statement={kind: frozenset(data["statement"][kind]) for kind in ("confirm", "deny", "warn", "accuse")},
        hedge_phrases=tuple(mod["hedge_phrases"]), unnamed_markers=tuple(mod["unnamed_markers"]),
        status_context=context,
        realis_words={word: kind for kind in ("refused", "possible", "planned") for word in realis[kind]},
    )


class Words(SimpleNamespace):
    """One section of a pattern file: each of its word lists as a frozenset, by attribute
    (`words("frames", "clauses").date_preps`). A name the section lacks says which it has."""

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        raise AttributeError(f"no word list {name!r} in this section; it has {sorted(vars(self))}")


@lru_cache(maxsize=None)
def words(file: str, section: str) -> Words:
    """The word lists of `section` in data/patterns/<file>.yaml (`file` may name a subfolder:
    "constructions/transfer"). Lists become frozensets: the readers only ask whether a word is
    in one."""
    data = load_yaml(f"patterns/{file}.yaml")
    if section not in data:
        raise KeyError(f"patterns/{file}.yaml has no section {section!r}; it has {sorted(data)}")
    return Words(**{name: frozenset(value) for name, value in (data[section] or {}).items()})
