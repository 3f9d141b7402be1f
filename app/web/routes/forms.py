"""Reading version fields (pasted text or an uploaded file) from submitted forms."""

from __future__ import annotations

from starlette.datastructures import FormData, UploadFile

from app.services import InvalidInput, NewVersion, UploadedFile, version_from_upload

META = ("label", "source", "url", "byline", "published_at")


async def version_from_form(form: FormData, suffix: str = "") -> NewVersion:
    """The version described by fields ``text{suffix}``/``file{suffix}`` and metadata fields."""
    meta = {m: _text(form, m + suffix) or None for m in META}
    upload = form.get("file" + suffix)
    if isinstance(upload, UploadFile) and upload.filename:
        data = await upload.read()
        file = UploadedFile(upload.filename, upload.content_type, data)
        return version_from_upload(file, "file" + suffix, **meta)
    text = _text(form, "text" + suffix, strip=False)
    if not text.strip():
        raise InvalidInput("text" + suffix, "paste the article text or choose a file")
    return NewVersion(
        text=text.replace("\r\n", "\n"),
        label=meta["label"] or "",
        source=meta["source"],
        url=meta["url"],
        byline=meta["byline"],
        published_at=meta["published_at"],
    )


def _text(form: FormData, name: str, *, strip: bool = True) -> str:
    value = form.get(name)
    if not isinstance(value, str):
        return ""
    return value.strip() if strip else value
