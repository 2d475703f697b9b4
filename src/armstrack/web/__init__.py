"""web: the HTTP API (FastAPI, OpenAPI schema at /api/openapi.json) and the analyst's pages.

    from armstrack.web import create_app
    app = create_app("armstrack.db", token=None)      # serve with uvicorn, or `armstrack serve`

The app is a thin layer over the query and review library (`armstrack.query`): `backend.py`
says which library call each page and endpoint makes; no SQL lives in `web/`.
"""
from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
