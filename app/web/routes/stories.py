"""A story: its versions with similarity to the base; add a version, rename, re-base, delete."""

from __future__ import annotations

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from app.services import (
    DuplicateVersion,
    InvalidInput,
    add_version,
    delete_story,
    delete_version,
    get_story,
    rename_story,
    set_base_version,
)
from app.web.deps import SessionDep, SettingsDep, TemplatesDep
from app.web.routes.common import page
from app.web.routes.forms import version_from_form

router = APIRouter(prefix="/stories/{story_id}")


def _back(story_id: int, note: str = "") -> RedirectResponse:
    return RedirectResponse(f"/stories/{story_id}{note}", status_code=303)


@router.get("", response_class=HTMLResponse)
def story_page(
    request: Request, story_id: int, session: SessionDep, env: TemplatesDep
) -> HTMLResponse:
    story = get_story(session, story_id)
    return page(
        env,
        request,
        "pages/story.html",
        story=story,
        form={},
        error=None,
        note=request.query_params.get("note", ""),
    )


@router.post("/versions", response_model=None)
async def add_version_route(
    request: Request, story_id: int, session: SessionDep, settings: SettingsDep, env: TemplatesDep
) -> Response:
    async with request.form() as form:  # closes the uploaded file's temporary storage
        try:
            version = await version_from_form(form)
            vid = add_version(session, story_id, version, max_chars=settings.max_text_chars)
        except (InvalidInput, DuplicateVersion) as exc:
            session.rollback()
            error = exc if isinstance(exc, InvalidInput) else InvalidInput("text", str(exc))
            values = {k: v for k, v in form.items() if isinstance(v, str)}
            story = get_story(session, story_id)
            return page(
                env,
                request,
                "pages/story.html",
                422,
                story=story,
                form=values,
                error=error,
                note="",
            )
    return RedirectResponse(f"/stories/{story_id}/compare?b={vid}", status_code=303)


@router.post("/rename", response_model=None)
def rename_route(
    request: Request, story_id: int, session: SessionDep, env: TemplatesDep, title: str = Form("")
) -> Response:
    try:
        rename_story(session, story_id, title)
    except InvalidInput as exc:
        session.rollback()
        story = get_story(session, story_id)
        return page(env, request, "pages/story.html", 422, story=story, form={}, error=exc, note="")
    return _back(story_id, "?note=renamed")


@router.post("/base")
def base_route(story_id: int, session: SessionDep, version_id: int = Form()) -> RedirectResponse:
    set_base_version(session, story_id, version_id)
    return _back(story_id, "?note=base")


@router.post("/versions/{version_id}/delete")
def delete_version_route(story_id: int, version_id: int, session: SessionDep) -> RedirectResponse:
    delete_version(session, story_id, version_id)
    return _back(story_id, "?note=deleted")


@router.post("/delete")
def delete_story_route(story_id: int, session: SessionDep) -> RedirectResponse:
    delete_story(session, story_id)
    return RedirectResponse("/?deleted=1", status_code=303)
