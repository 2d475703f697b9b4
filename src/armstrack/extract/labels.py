"""The entity labels and dependency groups every reader of the frame layer tests against."""
from __future__ import annotations

ACTOR_LABELS = {"ACTOR", "DEMONYM", "CAPITAL", "SEAT"}
ITEM_LABELS = {"WEAPON", "WEAPON_CAT"}
NER_ACTOR_LABELS = {"ORG", "NORP", "GPE", "PERSON"}
SUBJECTS = ("nsubj", "nsubjpass", "csubj")
