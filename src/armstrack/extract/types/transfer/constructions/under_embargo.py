"""under_embargo: "an embargo on arms sales to Belarus" reports no transfer."""
from __future__ import annotations

from .....records import EventType
from ....construction import REJECT, construction
from ..reading import Reading


@construction(EventType.TRANSFER, "frame", 10, "under_embargo")
def under_embargo(r: Reading) -> object:
    """A transfer noun an embargo or ban is "on": "an EU embargo on arms sales to Belarus",
    "lifting the ban on weapons exports to Venezuela" report no transfer; the SANCTION reader
    has the measure."""
    token = r.token
    if token.pos_ not in ("NOUN", "PROPN") or token.dep_ != "pobj" or token.head.lower_ not in ("on", "against"):
        return None
    measure = token.head.head
    word = measure.lemma_.lower()
    if measure.pos_ in ("NOUN", "PROPN") and (word in r.lex.sanction_nouns or measure.lower_ in r.lex.sanction_nouns):
        return REJECT
    return None
