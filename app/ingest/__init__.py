"""Bytes to text: decoding, and extraction of the article body from uploaded files."""

from app.ingest.decode import IngestError, decode_bytes
from app.ingest.extract import Extracted, extract_upload

__all__ = ["Extracted", "IngestError", "decode_bytes", "extract_upload"]
