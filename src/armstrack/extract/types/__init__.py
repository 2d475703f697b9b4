"""The built-in event types, one package each (`armstrack.eventtypes.BUILTIN` gives their
reading order). A package's `__init__` declares the type (`armstrack.eventtypes.TypeSpec`) and
imports nothing heavy; its reader registers when extraction imports `SPEC.extraction`."""
