"""The built-in event types, registered in reading order: a sentence's triggers are read,
and an article's mentions grouped, type by type in this order."""
from . import transfer, meeting, sanction, attack, statement  # noqa: F401
