"""The pipeline as library calls: text or Article -> events (`extract`), where the work runs
(`plan`: this process, `workers`, `distributed`), sources -> store (`batch`: ingest,
reprocess) and feeds -> store (`watch`). It sits above every stage and imports only downward."""
from __future__ import annotations

from .batch import IngestReport, finish_claims, ingest, ingest_articles, reprocess
from .extract import CHUNK_CHARS, batches, extract_article, extract_batch, extract_text
from .plan import extract_articles, extract_planned, extract_safely

__all__ = ["CHUNK_CHARS", "IngestReport", "batches", "extract_article", "extract_articles", "extract_batch",
           "extract_planned", "extract_safely", "extract_text", "finish_claims", "ingest", "ingest_articles",
           "reprocess"]
