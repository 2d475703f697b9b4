"""Store addresses as users write them, and as armstrack prints them."""
from __future__ import annotations

import re


def safe_url(url: str) -> str:
    """A store URL with its password (if any) hidden, for messages and logs."""
    return re.sub(r"(//[^:/@]+):[^@/]*@", r"\1:***@", str(url))
