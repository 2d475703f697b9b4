"""nlp: one spaCy pipeline, the statistical English model plus armstrack's own components.

    repairs    parses the model gets wrong the same way every time ("bought used frigates": "used"
               the frigates' adjective, not a verb taking them; nlp/repairs.py)
    kb_ruler   knowledge-base names as entities, outranking the model's NER
    metonymy   state, capital and seat-of-government mentions: actor or place
    persons    a titled person -> the state or group the title names ("Russian President X")
    coref      pronouns and descriptions ("them", "the militant group") -> an earlier actor;
               he/she/him/his -> an earlier (or, in a leading adjunct, the following) person

`load_nlp()` builds it once per process; `nlp/components.py` holds the factories.
"""
from .pipeline import load_nlp, model_name

__all__ = ["load_nlp", "model_name"]
