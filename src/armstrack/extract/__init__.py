"""extract: a parsed Doc -> Event records (triggers and roles from the data-file lexicons).

The layers, each importing only the ones before it: the words (`lexicon.py`), the frame layer
every reader asks (`frames.py` over `fillers`, `clauses`, `modality`, `stance`; `mention.py`,
`arguments.py`), the merge helpers (`merge.py`), the registries (`registry.py` for event types'
readers, `construction.py` for constructions), the event types (`types/<type>/`, one package
each: its declaration in `__init__`, its reader registering on import), and `read.py` on top,
which reads a Doc with all of them.

This package's own import loads nothing: a type's declaration (`types/<type>/__init__`) is read
by commands that never parse, and they must not pay for spaCy.
"""
from __future__ import annotations

__all__ = ["extract_doc"]


def __getattr__(name: str):
    if name == "extract_doc":
        from .read import extract_doc

        return extract_doc
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
