"""Exceptions raised by armstrack.

    ArmstrackError                 base: catch this to catch everything we raise
      ConfigError                  bad settings or knowledge-base files
        KBError                    a knowledge-base file breaks the schema (names file, line, field)
      IngestError                  unreadable file, no article text, not English, ...
      ExtractionError
        ModelNotInstalled          says which command installs the model
      StoreError
        SchemaTooNew               database written by a newer armstrack
      NotFound                     carries status = 404 for the web layer
"""
from __future__ import annotations


class ArmstrackError(Exception):
    """Base class of every error armstrack raises on purpose."""


class ConfigError(ArmstrackError):
    pass


class KBError(ConfigError):
    def __init__(self, path: str, line: int | None, field: str | None, reason: str):
        self.path, self.line, self.field, self.reason = path, line, field, reason
        where = path + (f":{line}" if line else "")
        super().__init__(f"{where}: {field + ': ' if field else ''}{reason}")

    def __reduce__(self):
        # pickled with the knowledge-base cache and across worker processes: rebuilt from its
        # fields, not from the one message Exception would pass back to __init__
        return type(self), (self.path, self.line, self.field, self.reason)


class IngestError(ArmstrackError):
    """One source could not become an article; the message names the source and the reason."""

    def __init__(self, source: str, reason: str):
        self.source, self.reason = source, reason
        super().__init__(f"{source}: {reason}")

    def __reduce__(self):
        return type(self), (self.source, self.reason)


class ExtractionError(ArmstrackError):
    pass


class ModelNotInstalled(ExtractionError):
    pass


class StoreError(ArmstrackError):
    pass


class SchemaTooNew(StoreError):
    pass


class NotFound(ArmstrackError):
    status = 404
