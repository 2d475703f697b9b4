"""Access to the data files shipped inside the package (lexicons, patterns, knowledge base)."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

DATA = Path(str(resources.files("armstrack") / "data"))


@lru_cache(maxsize=None)
def load_yaml(name: str) -> Any:
    """Load a YAML file from the package data folder (cached: data files are read-only)."""
    with open(DATA / name, encoding="utf-8") as handle:
        return yaml.safe_load(handle)
