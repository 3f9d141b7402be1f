"""Bytes to text: decoding, extraction of the article body from uploaded files, and batches
(archives, JSON Lines, JSON and CSV) read as streams of articles and per-item errors."""

from app.ingest.batch import read_batch, read_paths
from app.ingest.decode import IngestError, decode_bytes
from app.ingest.extract import Extracted, extract_upload
from app.ingest.items import Article, Item, ItemError

__all__ = [
    "Article",
    "Extracted",
    "IngestError",
    "Item",
    "ItemError",
    "decode_bytes",
    "extract_upload",
    "read_batch",
    "read_paths",
]
