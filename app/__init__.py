"""Redline: sentence-aligned comparison of news article versions."""

__version__ = "0.1.0"
