"""The only place where text, ingest and store meet."""

from app.services.comparisons import compare_stored, options_key
from app.services.demo import is_empty, load_demo
from app.services.errors import MAX_ID, DuplicateVersion, InvalidInput, NotFound
from app.services.stories import (
    NewVersion,
    UploadedFile,
    add_version,
    create_story,
    database_ready,
    delete_story,
    delete_version,
    get_story,
    get_version,
    list_sources,
    list_stories,
    rename_story,
    set_base_version,
    story_stamp,
    text_sha256,
    version_from_upload,
    version_texts,
)

__all__ = [
    "MAX_ID",
    "DuplicateVersion",
    "InvalidInput",
    "NewVersion",
    "NotFound",
    "UploadedFile",
    "add_version",
    "compare_stored",
    "create_story",
    "database_ready",
    "delete_story",
    "delete_version",
    "get_story",
    "get_version",
    "is_empty",
    "list_sources",
    "list_stories",
    "load_demo",
    "options_key",
    "rename_story",
    "set_base_version",
    "story_stamp",
    "text_sha256",
    "version_from_upload",
    "version_texts",
]
