"""A story: its versions with similarity to the base; add a version, rename, re-base, delete."""

from __future__ import annotations

import jinja2
from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from app.services import (
    MAX_ID,
    DuplicateVersion,
    InvalidInput,
    add_version,
    delete_story,
    delete_version,
    get_story,
    rename_story,
    set_base_version,
)
from app.web.auth import EDIT, READ, Admin, Editor, client_ip
from app.web.deps import SessionDep, SettingsDep, TemplatesDep
from app.web.routes.common import Id, page
from app.web.routes.forms import version_from_form

router = APIRouter(prefix="/stories/{story_id}", include_in_schema=False)
NOTES = {"renamed": "Renamed.", "base": "Base version changed.", "deleted": "Version deleted."}


def _back(story_id: int, note: str = "") -> RedirectResponse:
    return RedirectResponse(f"/stories/{story_id}{note}", status_code=303)


@router.get("", response_class=HTMLResponse, dependencies=[READ])
def story_page(
    request: Request, story_id: Id, session: SessionDep, env: TemplatesDep
) -> HTMLResponse:
    note = request.query_params.get("note", "")
    return _story(env, request, session, story_id, note=NOTES.get(note, ""))


@router.post("/versions", response_model=None)
async def add_version_route(
    request: Request,
    story_id: Id,
    session: SessionDep,
    settings: SettingsDep,
    env: TemplatesDep,
    me: Editor,
) -> Response:
    async with request.form() as form:  # closes the uploaded file's temporary storage
        try:
            version = await version_from_form(form)
            vid = add_version(session, story_id, version, max_chars=settings.max_text_chars,
                              actor=me, ip=client_ip(request))  # fmt: skip
        except (InvalidInput, DuplicateVersion) as exc:
            session.rollback()
            error = exc if isinstance(exc, InvalidInput) else InvalidInput("text", str(exc))
            values = {k: v for k, v in form.items() if isinstance(v, str)}
            return _story(env, request, session, story_id, error=error, form=values)
    return RedirectResponse(f"/stories/{story_id}/compare?b={vid}", status_code=303)


@router.post("/rename", response_model=None, dependencies=[EDIT])
def rename_route(
    request: Request, story_id: Id, session: SessionDep, env: TemplatesDep, title: str = Form("")
) -> Response:
    try:
        rename_story(session, story_id, title)
    except InvalidInput as exc:
        session.rollback()
        return _story(env, request, session, story_id, error=exc)
    return _back(story_id, "?note=renamed")


def _story(env: jinja2.Environment, request: Request, session: Session, story_id: int, *,
           note: str = "", error: InvalidInput | None = None,
           form: dict[str, str] | None = None) -> HTMLResponse:  # fmt: skip
    """The story page; 422 with the reason next to its field when ``error`` is given."""
    story = get_story(session, story_id)
    status = 422 if error else 200
    return page(env, request, "pages/story.html", status, story=story, form=form or {},
                error=error, note=note)  # fmt: skip


@router.post("/base", dependencies=[EDIT])
def base_route(
    story_id: Id, session: SessionDep, version_id: int = Form(ge=1, le=MAX_ID)
) -> RedirectResponse:
    set_base_version(session, story_id, version_id)
    return _back(story_id, "?note=base")


@router.post("/versions/{version_id}/delete")
def delete_version_route(
    request: Request, story_id: Id, version_id: Id, session: SessionDep, me: Admin
) -> RedirectResponse:
    delete_version(session, story_id, version_id, actor=me, ip=client_ip(request))
    return _back(story_id, "?note=deleted")


@router.post("/delete")
def delete_story_route(
    request: Request, story_id: Id, session: SessionDep, me: Admin
) -> RedirectResponse:
    delete_story(session, story_id, actor=me, ip=client_ip(request))
    return RedirectResponse("/?deleted=1", status_code=303)
