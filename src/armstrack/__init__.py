"""armstrack: sourced, queryable records of arms transfers, extracted from news.

    >>> import armstrack
    >>> events = armstrack.extract_text(text, published="2024-09-25")
    >>> store = armstrack.open_store("armstrack.db")
    >>> report = armstrack.ingest(["articles/"], store)
"""
from .errors import (ArmstrackError, ConfigError, ExtractionError, IngestError, KBError,
                     ModelNotInstalled, NotFound, SchemaTooNew, StoreError)
from .pipeline import IngestReport, extract_article, extract_text, ingest, reprocess
from .records import (Article, Certainty, CertaintyLevel, Event, EventType, Evidence, Filler,
                      Quantity, StatementKind, Status)
from .store import Store, open_store

__version__ = "0.1.0"

__all__ = [
    "Article", "ArmstrackError", "Certainty", "CertaintyLevel", "ConfigError", "Event",
    "EventType", "Evidence", "ExtractionError", "Filler", "IngestError", "IngestReport", "KBError",
    "ModelNotInstalled", "NotFound", "Quantity", "SchemaTooNew", "StatementKind", "Status",
    "Store", "StoreError", "extract_article", "extract_text", "ingest", "open_store", "reprocess",
]
