"""armstrack: sourced, queryable records of arms transfers, extracted from news.

    >>> import armstrack
    >>> events = armstrack.extract_text(text, published="2024-09-25")
    >>> store = armstrack.open_store("armstrack.db")
    >>> report = armstrack.ingest(["articles/"], store)
    >>> report = armstrack.ingest(["articles/"], store, settings=armstrack.Settings(workers=4))

The names below are loaded on first use (PEP 562), so that reading a store never pays for
importing spaCy: only extraction needs it.
"""
from __future__ import annotations

import importlib
import importlib.util

__version__ = "0.1.0"

_EXPORTS = {
    "errors": ("ArmstrackError", "ConfigError", "ExtractionError", "IngestError", "KBError",
               "ModelNotInstalled", "NotFound", "SchemaTooNew", "StoreError"),
    "pipeline": ("IngestReport", "extract_article", "extract_text", "reprocess"),
    "records": ("Article", "Certainty", "CertaintyLevel", "Event", "EventType", "Evidence", "Filler",
                "Quantity", "StatementKind", "Status"),
    "settings": ("Settings",),
    "store": ("Store", "open_store"),
}
_MODULE_OF = {name: module for module, names in _EXPORTS.items() for name in names}

__all__ = sorted([*_MODULE_OF, "ingest"])

# The subpackage armstrack.ingest (reading sources) shares its name with the function below;
# importing it binds the name to the module the first time only, so it is imported first.
from . import ingest as _sources  # noqa: E402,F401


def ingest(*args, **kwargs):
    """Read `sources` (files, folders, URLs, `-`), extract and store them: see
    `armstrack.pipeline.ingest`, which this calls, for the parameters."""
    from .pipeline import ingest as run

    return run(*args, **kwargs)


def __getattr__(name: str):
    module = _MODULE_OF.get(name)
    if module is None:
        # a subpackage (armstrack.claims, armstrack.query ...), as when the root imported them
        if not name.startswith("_") and importlib.util.find_spec(f"{__name__}.{name}") is not None:
            return importlib.import_module(f"{__name__}.{name}")
        raise AttributeError(f"module 'armstrack' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # once loaded, later lookups skip this function
    return value


def __dir__():
    return sorted(set(globals()) | set(__all__))
