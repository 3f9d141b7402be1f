"""`make bench`: engine, HTTP and batch figures, printed as tables (medians of repeated runs)."""
